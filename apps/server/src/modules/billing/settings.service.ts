import { access } from '../../platform/access/access.js';
import type { AuthContext } from '../../platform/auth/auth.context.js';
import { recordAudit } from '../../platform/audit/audit.js';
import type { Db } from '../../platform/db/client.js';
import { withTenant } from '../../platform/db/tenant.js';
import { NotFoundError, UnprocessableError } from '../../platform/http/errors.js';
import { organisationsRepository } from '../organisations/index.js';
import type { BillingSettingsPutRequest, BillingSettingsResponse, BudgetMappingPutRequest, BudgetMappingResponse } from './billing.dto.js';
import type { BillingSettingsRow } from './billing.schema.js';
import { resolveProvider } from './provider.js';
import * as repo from './settings.repository.js';

function present(r: BillingSettingsRow): BillingSettingsResponse {
  const { orgId, createdAt: _c, updatedAt, ...rest } = r;
  return { providerId: orgId, ...rest, updatedAt: updatedAt.toISOString() };
}

/** Seller data of the provider (BG-4 of every invoice) and the members' budget mappings. */
export class SettingsService {
  constructor(private readonly db: Db) {}

  async get(auth: AuthContext, providerId?: string): Promise<BillingSettingsResponse> {
    return withTenant(this.db, auth, async (tx) => {
      const pid = await resolveProvider(tx, auth, 'billing.read', providerId);
      const row = await repo.findSettings(tx, auth, pid);
      if (!row) {
        throw new NotFoundError('No billing settings yet; PUT them first.');
      }
      return present(row);
    });
  }

  async put(auth: AuthContext, input: BillingSettingsPutRequest, providerId?: string): Promise<BillingSettingsResponse> {
    return withTenant(this.db, auth, async (tx) => {
      const pid = await resolveProvider(tx, auth, 'billing.manage', providerId);
      const before = (await repo.findSettings(tx, auth, pid)) ?? null;
      const row = await repo.upsertSettings(tx, auth, pid, {
        ...input,
        vatId: input.vatId ?? null,
        taxNumber: input.taxNumber ?? null,
        bic: input.bic ?? null,
        bankName: input.bankName ?? null,
      });
      await recordAudit(tx, auth, { orgId: pid, entityType: 'billing_settings', entityId: pid, action: before ? 'update' : 'create', before, after: row });
      return present(row);
    });
  }

  async mappings(auth: AuthContext, providerId?: string): Promise<{ items: BudgetMappingResponse[] }> {
    return withTenant(this.db, auth, async (tx) => {
      const pid = await resolveProvider(tx, auth, 'billing.read', providerId);
      return { items: await repo.mappings(tx, auth, pid) };
    });
  }

  async putMapping(auth: AuthContext, orgId: string, input: BudgetMappingPutRequest): Promise<BudgetMappingResponse> {
    return withTenant(this.db, auth, async (tx) => {
      await access.require(tx, auth, 'billing.manage', [orgId]);
      const org = await organisationsRepository.findById(tx, auth, orgId);
      if (!org) {
        throw new NotFoundError();
      }
      if (org.kind !== 'member') {
        throw new UnprocessableError('Budget mappings are kept per member, not for the provider.');
      }
      const row = await repo.upsertMapping(tx, auth, orgId, {
        system: input.system,
        product: input.product ?? null,
        account: input.account ?? null,
        costCentre: input.costCentre ?? null,
        budgetLine: input.budgetLine ?? null,
        expenseKind: input.expenseKind,
      });
      await recordAudit(tx, auth, { orgId, entityType: 'budget_mapping', entityId: orgId, action: 'update', after: row });
      return { orgId, orgName: org.name, system: row.system, product: row.product, account: row.account, costCentre: row.costCentre, budgetLine: row.budgetLine, expenseKind: row.expenseKind };
    });
  }
}
