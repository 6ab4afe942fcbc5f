import { and } from 'drizzle-orm';
import type { AuthContext } from '../../platform/auth/auth.context.js';
import type { Tx } from '../../platform/db/client.js';
import { inIds } from '../../platform/db/scope.js';
import { assets } from './assets.schema.js';

const refColumns = {
  id: assets.id,
  orgId: assets.orgId,
  providerId: assets.providerId,
  ownerOrgId: assets.ownerOrgId,
  usingMemberId: assets.usingMemberId,
  inventoryNumber: assets.inventoryNumber,
  name: assets.name,
  type: assets.type,
  status: assets.status,
};

export interface AssetRef {
  id: string;
  /** Tenant key: the using member, else the owner. */
  orgId: string;
  providerId: string;
  ownerOrgId: string;
  usingMemberId: string | null;
  inventoryNumber: string;
  name: string | null;
  type: (typeof assets.$inferSelect)['type'];
  status: (typeof assets.$inferSelect)['status'];
}

/**
 * For other modules (backups): assets by id as the caller sees them, inside the caller's own
 * tenant transaction. Missing and invisible ids are simply absent.
 */
export async function getAssetRefs(tx: Tx, auth: Pick<AuthContext, 'orgIds'>, ids: readonly string[]): Promise<Map<string, AssetRef>> {
  const valid = ids.filter((id) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id));
  if (valid.length === 0) {
    return new Map();
  }
  const rows = await tx
    .select(refColumns)
    .from(assets)
    .where(and(inIds(assets.id, valid), inIds(assets.orgId, auth.orgIds)));
  return new Map(rows.map((r) => [r.id, r]));
}

/** One asset as the caller sees it, or null (missing or not visible look the same). */
export async function getAssetForOrg(tx: Tx, auth: Pick<AuthContext, 'orgIds'>, assetId: string): Promise<AssetRef | null> {
  return (await getAssetRefs(tx, auth, [assetId])).get(assetId) ?? null;
}
