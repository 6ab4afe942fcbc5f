import { access } from '../../platform/access/access.js';
import { orgsWith, type AuthContext } from '../../platform/auth/auth.context.js';
import { recordAudit } from '../../platform/audit/audit.js';
import type { Db, Tx } from '../../platform/db/client.js';
import { uuidv7 } from '../../platform/db/columns.js';
import { extendScope, withSystem, withTenant } from '../../platform/db/tenant.js';
import { HttpError, NotFoundError, UnprocessableError } from '../../platform/http/errors.js';
import { organisationsRepository } from '../organisations/index.js';
import type { PartnerCreateRequest, PartnerResponse } from './partners.dto.js';
import * as repo from './partners.repository.js';
import type { PartnerLinkRow } from './partners.schema.js';

export class PartnersService {
  constructor(private readonly db: Db) {}

  private present(auth: AuthContext, r: PartnerLinkRow, names: Map<string, string>): PartnerResponse {
    return {
      id: r.id,
      providerId: r.orgId,
      partnerProviderId: r.partnerId,
      partnerName: names.get(r.partnerId) ?? '—',
      description: r.description,
      createdAt: r.createdAt.toISOString(),
      abilities: { delete: auth.permissions.get(r.orgId)?.has('partner.manage') ?? false },
    };
  }

  private async names(rows: PartnerLinkRow[]) {
    // The partner's organisation row is outside the caller's tenant on purpose; its name is the
    // one thing a partner may know, read on the admin path for ids of rows the caller sees.
    return withSystem(this.db, (tx) => repo.providerNames(tx, [...new Set(rows.map((r) => r.partnerId))]));
  }

  async list(auth: AuthContext): Promise<{ items: PartnerResponse[] }> {
    access.requireAnywhere(auth, 'partner.read');
    const rows = await withTenant(this.db, auth, (tx) => repo.list(tx, auth, orgsWith(auth, 'partner.read')));
    const names = await this.names(rows);
    return { items: rows.map((r) => this.present(auth, r, names)) };
  }

  /** The one provider the caller manages partners of. */
  private async ownProvider(tx: Tx, auth: AuthContext): Promise<string> {
    access.requireAnywhere(auth, 'partner.manage');
    const own: string[] = [];
    for (const id of orgsWith(auth, 'partner.manage')) {
      const org = await organisationsRepository.findById(tx, auth, id);
      if (org?.kind === 'provider') {
        own.push(id);
      }
    }
    if (own.length !== 1) {
      throw new HttpError(403, 'Forbidden', own.length === 0 ? 'Partners are linked by an administrator of a provider.' : 'You administer several providers; link partners as one of them.');
    }
    return own[0]!;
  }

  async create(auth: AuthContext, input: PartnerCreateRequest): Promise<PartnerResponse> {
    // Admin path, before the tenant transaction (PGlite has one connection): does the partner exist?
    const exists = await withSystem(this.db, (sys) => repo.providerNames(sys, [input.partnerProviderId]));
    const row = await withTenant(this.db, auth, async (tx) => {
      const own = await this.ownProvider(tx, auth);
      await access.require(tx, auth, 'partner.manage', [own]);
      if (input.partnerProviderId === own) {
        throw new UnprocessableError('A provider cannot be its own partner.', [{ field: 'body/partnerProviderId', message: 'another provider' }]);
      }
      if (!exists.has(input.partnerProviderId)) {
        throw new NotFoundError('There is no provider with this id.');
      }
      // The twin row belongs to the partner's tenant. After the checks above this transaction may
      // write it; the scope ends with the transaction, and the repository touches only the pair.
      await extendScope(tx, [input.partnerProviderId]);
      const pairId = uuidv7();
      const scope = { orgIds: [...auth.orgIds, input.partnerProviderId] };
      const rows = await repo.insertPair(tx, scope, [
        { orgId: own, partnerId: input.partnerProviderId, pairId, description: input.description, createdBy: auth.userId },
        { orgId: input.partnerProviderId, partnerId: own, pairId, description: input.description, createdBy: auth.userId },
      ]);
      for (const r of rows) {
        await recordAudit(tx, auth, { orgId: r.orgId, entityType: 'partner_link', entityId: r.id, action: 'create', after: r });
      }
      return rows.find((r) => r.orgId === own)!;
    });
    return this.present(auth, row, await this.names([row]));
  }

  async remove(auth: AuthContext, id: string): Promise<void> {
    await withTenant(this.db, auth, async (tx) => {
      await access.require(tx, auth, 'partner.manage', [id]);
      const row = await repo.findById(tx, auth, id);
      if (!row) {
        throw new NotFoundError();
      }
      // Either side may end the partnership; its twin in the partner's tenant goes with it.
      await extendScope(tx, [row.partnerId]);
      const removed = await repo.removePair(tx, { orgIds: [row.orgId, row.partnerId] }, row.pairId);
      for (const r of removed) {
        await recordAudit(tx, auth, { orgId: r.orgId, entityType: 'partner_link', entityId: r.id, action: 'delete', before: r });
      }
    });
  }
}
