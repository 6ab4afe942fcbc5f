import type { AuthContext } from '../../platform/auth/auth.context.js';
import { recordAudit } from '../../platform/audit/audit.js';
import type { Db, Tx } from '../../platform/db/client.js';
import type { TenantScope } from '../../platform/db/tenant.js';
import { withTenant } from '../../platform/db/tenant.js';
import { NotFoundError } from '../../platform/http/errors.js';
import type { DatedValueResponse, HistoryKind, HistoryPutRequest, MemberProfileResponse, MemberProfileUpdateRequest } from './members.dto.js';
import type { HistoryRow } from './members.schema.js';
import { requireMember } from './member-access.js';
import * as repo from './members.repository.js';
import { memberOverview } from './overview.js';

const dated = (r: HistoryRow | undefined): DatedValueResponse | null =>
  r ? { referenceDate: r.referenceDate, value: r.value, source: r.source, note: r.note, updatedAt: r.updatedAt.toISOString() } : null;

/**
 * Population (or workstations) in force at `date` for several members, for cost allocation
 * ("population at 30.06. of the previous year"). Runs in the caller's tenant transaction; members
 * without an entry on or before the date are missing from the map.
 */
export async function valuesAt(tx: Tx, scope: TenantScope, kind: HistoryKind, orgIds: readonly string[], date: string) {
  const rows = await repo.valuesAt(tx, scope, repo.historyTable(kind), orgIds, date);
  return new Map(rows.map((r) => [r.orgId, { referenceDate: r.referenceDate, value: r.value, source: r.source }]));
}

/** Today in Europe/Berlin as YYYY-MM-DD (the day a clerk means by "today"). */
const berlinToday = () => new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Berlin' });

export class MembersService {
  constructor(private readonly db: Db) {}

  /** Provider overview: members by status and type, population served (see overview.ts). */
  async overview(auth: AuthContext, orgId: string, at?: string) {
    return withTenant(this.db, auth, (tx) => memberOverview(tx, auth, orgId, at ?? berlinToday()));
  }

  async getProfile(auth: AuthContext, orgId: string): Promise<MemberProfileResponse> {
    return withTenant(this.db, auth, async (tx) => {
      await requireMember(tx, auth, 'member.read', orgId);
      return this.present(tx, auth, orgId);
    });
  }

  private async present(tx: Tx, auth: AuthContext, orgId: string): Promise<MemberProfileResponse> {
    const p = await repo.findProfile(tx, auth, orgId);
    const perms = auth.permissions.get(orgId);
    return {
      orgId,
      vatId: p?.vatId ?? null,
      iban: p?.iban ?? null,
      bic: p?.bic ?? null,
      bankName: p?.bankName ?? null,
      accountHolder: p?.accountHolder ?? null,
      population: dated(await repo.latest(tx, auth, repo.historyTable('population'), orgId)),
      workstations: dated(await repo.latest(tx, auth, repo.historyTable('workstations'), orgId)),
      abilities: {
        update: perms?.has('member.update') ?? false,
        manageContacts: perms?.has('contact.manage') ?? false,
        manageLeitwegIds: perms?.has('leitweg.manage') ?? false,
      },
    };
  }

  async updateProfile(auth: AuthContext, orgId: string, input: MemberProfileUpdateRequest) {
    return withTenant(this.db, auth, async (tx) => {
      await requireMember(tx, auth, 'member.update', orgId);
      const before = (await repo.findProfile(tx, auth, orgId)) ?? null;
      const after = await repo.upsertProfile(tx, auth, orgId, input);
      await recordAudit(tx, auth, { orgId, entityType: 'member_profile', entityId: orgId, action: before ? 'update' : 'create', before, after });
      return this.present(tx, auth, orgId);
    });
  }

  async history(auth: AuthContext, kind: HistoryKind, orgId: string, at?: string) {
    return withTenant(this.db, auth, async (tx) => {
      await requireMember(tx, auth, 'member.read', orgId);
      const rows = await repo.history(tx, auth, repo.historyTable(kind), orgId);
      const items = rows.map((r) => dated(r)!);
      if (!at) {
        return { items };
      }
      // Rows are newest first: the first one on or before `at` is the one in force.
      const inForce = rows.find((r) => r.referenceDate <= at);
      return { items, at: { date: at, entry: dated(inForce) } };
    });
  }

  async putEntry(auth: AuthContext, kind: HistoryKind, orgId: string, date: string, input: HistoryPutRequest) {
    return withTenant(this.db, auth, async (tx) => {
      await requireMember(tx, auth, 'member.update', orgId);
      const table = repo.historyTable(kind);
      const before = (await repo.findEntry(tx, auth, table, orgId, date)) ?? null;
      const row = await repo.putEntry(tx, auth, table, { orgId, referenceDate: date, ...input });
      await recordAudit(tx, auth, { orgId, entityType: `member_${kind}`, entityId: row.id, action: before ? 'update' : 'create', before, after: row });
      return dated(row)!;
    });
  }

  async deleteEntry(auth: AuthContext, kind: HistoryKind, orgId: string, date: string) {
    await withTenant(this.db, auth, async (tx) => {
      await requireMember(tx, auth, 'member.update', orgId);
      const table = repo.historyTable(kind);
      const before = await repo.findEntry(tx, auth, table, orgId, date);
      if (!before) {
        throw new NotFoundError();
      }
      await repo.deleteEntry(tx, auth, table, orgId, date);
      await recordAudit(tx, auth, { orgId, entityType: `member_${kind}`, entityId: before.id, action: 'delete', before });
    });
  }
}
