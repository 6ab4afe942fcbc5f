import { access } from '../../platform/access/access.js';
import type { AuthContext } from '../../platform/auth/auth.context.js';
import { recordAudit } from '../../platform/audit/audit.js';
import type { Db } from '../../platform/db/client.js';
import { withTenant } from '../../platform/db/tenant.js';
import { ConflictError, NotFoundError, UnprocessableError } from '../../platform/http/errors.js';
import type { RelationCreateRequest } from './assets.dto.js';
import * as repo from './assets.repository.js';
import { has } from './assets.service.js';

function view(auth: AuthContext, r: repo.RelationView, direction: 'outgoing' | 'incoming') {
  const kind = r.toServiceId && direction === 'outgoing' ? ('service' as const) : ('asset' as const);
  return {
    id: r.id,
    type: r.type,
    direction,
    kind,
    otherId: direction === 'incoming' ? r.fromAssetId : (r.toAssetId ?? r.toServiceId!),
    otherLabel: r.otherLabel,
    otherType: kind === 'service' ? 'service' : r.otherType,
    otherStatus: r.otherStatus,
    note: r.note,
    createdAt: r.createdAt.toISOString(),
    canDelete: has(auth, r.orgId, 'asset.manage'),
  };
}

/** Typed links between assets and to catalogue services (CMDB relations). */
export class RelationsService {
  constructor(private readonly db: Db) {}

  async list(auth: AuthContext, id: string) {
    return withTenant(this.db, auth, async (tx) => {
      await access.require(tx, auth, 'asset.read', [id]);
      const rel = await repo.relationsOf(tx, auth, id, await repo.servicesTableExists(tx));
      return { items: [...rel.outgoing.map((r) => view(auth, r, 'outgoing')), ...rel.incoming.map((r) => view(auth, r, 'incoming'))] };
    });
  }

  async create(auth: AuthContext, id: string, input: RelationCreateRequest) {
    return withTenant(this.db, auth, async (tx) => {
      await access.require(tx, auth, 'asset.manage', [id]);
      const from = await repo.findById(tx, auth, id);
      if (!from) {
        throw new NotFoundError();
      }
      if (input.toAssetId) {
        if (input.toAssetId === id) {
          throw new UnprocessableError('An asset cannot relate to itself.', [{ field: 'body/toAssetId', message: 'another asset' }]);
        }
        // The target must be visible to the caller (a member may link to the provider's host only if it sees it).
        await access.require(tx, auth, 'asset.read', [input.toAssetId]);
        const to = await repo.findById(tx, auth, input.toAssetId);
        if (!to || to.providerId !== from.providerId) {
          throw new UnprocessableError('The target asset is not one of this provider.', [{ field: 'body/toAssetId', message: 'an asset of the same provider' }]);
        }
      } else {
        if (!(await repo.servicesTableExists(tx)) || !(await repo.findService(tx, from.providerId, input.toServiceId!))) {
          throw new UnprocessableError('No such service in the provider’s catalogue.', [{ field: 'body/toServiceId', message: 'a service of the provider’s catalogue' }]);
        }
      }
      const row = await repo.insertRelation(tx, {
        orgId: from.orgId,
        providerId: from.providerId,
        fromAssetId: id,
        type: input.type,
        toAssetId: input.toAssetId ?? null,
        toServiceId: input.toServiceId ?? null,
        note: input.note ?? null,
        createdBy: auth.userId,
      });
      if (!row) {
        throw new ConflictError('This relation exists already.');
      }
      await recordAudit(tx, auth, { orgId: from.orgId, entityType: 'asset', entityId: id, action: 'relate', after: row });
      const rel = await repo.relationsOf(tx, auth, id, await repo.servicesTableExists(tx));
      return view(auth, rel.outgoing.find((r) => r.id === row.id)!, 'outgoing');
    });
  }

  async remove(auth: AuthContext, id: string, relationId: string) {
    return withTenant(this.db, auth, async (tx) => {
      await access.require(tx, auth, 'asset.read', [id]);
      const rel = await repo.findRelation(tx, auth, relationId);
      if (!rel || (rel.fromAssetId !== id && rel.toAssetId !== id)) {
        throw new NotFoundError();
      }
      // Deleting is managing the source asset, whichever end the caller came from.
      await access.require(tx, auth, 'asset.manage', [rel.fromAssetId]);
      await repo.deleteRelation(tx, auth, relationId);
      await recordAudit(tx, auth, { orgId: rel.orgId, entityType: 'asset', entityId: rel.fromAssetId, action: 'unrelate', before: rel });
    });
  }
}
