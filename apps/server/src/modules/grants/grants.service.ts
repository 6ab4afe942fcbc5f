import { and, eq } from 'drizzle-orm';
import { access } from '../../platform/access/access.js';
import { orgsWith, type AuthContext } from '../../platform/auth/auth.context.js';
import { recordAudit } from '../../platform/audit/audit.js';
import type { Db, Tx } from '../../platform/db/client.js';
import { inIds } from '../../platform/db/scope.js';
import { withTenant } from '../../platform/db/tenant.js';
import { UnprocessableError } from '../../platform/http/errors.js';
import type { Permission } from '@verbund/shared';
import { organisations } from '../organisations/index.js';
import { berlinToday, grantView } from './grants.access.js';
import type {
  BeneficiariesPutRequest,
  GrantCreateRequest,
  GrantResponse,
  GrantSummary,
  GrantUpdateRequest,
  ProgrammeCreateRequest,
  ProgrammeResponse,
} from './grants.dto.js';
import * as ddRepo from './drawdowns.repository.js';
import * as repo from './grants.repository.js';
import { addDays, checkPlan, fromCents, REMINDER_LEAD_DAYS, toCents } from './grants.rules.js';
import type { GrantProgrammeRow } from './grants.schema.js';
import type { z } from 'zod';

type BeneficiaryInput = z.infer<typeof BeneficiariesPutRequest>['items'][number];

function presentProgramme(p: GrantProgrammeRow): ProgrammeResponse {
  return { id: p.id, providerId: p.orgId, name: p.name, authority: p.authority, paysPerMember: p.paysPerMember, notes: p.notes };
}

/** The provider a new programme or grant is made for: the given one, or the caller's only provider. */
export async function providerFor(tx: Tx, auth: AuthContext, permission: Permission, providerId: string | undefined, field = 'body/providerId'): Promise<string> {
  if (providerId) {
    await access.require(tx, auth, permission, [providerId]);
  }
  const candidates = providerId ? [providerId] : orgsWith(auth, permission);
  const rows = await tx
    .select({ id: organisations.id })
    .from(organisations)
    .where(and(inIds(organisations.id, candidates), inIds(organisations.id, auth.orgIds), eq(organisations.kind, 'provider')));
  if (rows.length === 1) {
    return rows[0]!.id;
  }
  if (rows.length === 0 && !providerId) {
    access.requireAnywhere(auth, permission);
  }
  throw new UnprocessableError(providerId ? 'Grants are kept by a provider.' : 'Name the provider.', [{ field, message: 'a provider organisation' }]);
}

function sumCents(values: readonly string[]): bigint {
  return values.reduce((a, v) => a + toCents(v), 0n);
}

/** Programmes and grants with their beneficiaries (the members the grant is passed on to). */
export class GrantsService {
  constructor(
    private readonly db: Db,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  async listProgrammes(auth: AuthContext, providerId?: string) {
    access.requireAnywhere(auth, 'grant.read');
    return withTenant(this.db, auth, async (tx) => {
      if (providerId) {
        await access.require(tx, auth, 'grant.read', [providerId]);
      }
      const providers = providerId ? [providerId] : orgsWith(auth, 'grant.read');
      return { items: (await repo.listProgrammes(tx, auth, providers)).map(presentProgramme) };
    });
  }

  async createProgramme(auth: AuthContext, input: ProgrammeCreateRequest): Promise<ProgrammeResponse> {
    access.requireAnywhere(auth, 'grant.manage');
    return withTenant(this.db, auth, async (tx) => {
      const providerId = await providerFor(tx, auth, 'grant.manage', input.providerId);
      const row = await repo.insertProgramme(tx, {
        orgId: providerId,
        name: input.name,
        authority: input.authority ?? null,
        paysPerMember: input.paysPerMember,
        notes: input.notes ?? null,
      });
      await recordAudit(tx, auth, { orgId: providerId, entityType: 'grant_programme', entityId: row.id, action: 'create', after: row });
      return presentProgramme(row);
    });
  }

  async list(auth: AuthContext, q: { orgId?: string; q?: string }): Promise<{ items: GrantSummary[] }> {
    access.requireAnywhere(auth, 'grant.read');
    return withTenant(this.db, auth, async (tx) => {
      if (q.orgId) {
        await access.require(tx, auth, 'grant.read', [q.orgId]);
      }
      const readable = orgsWith(auth, 'grant.read');
      const rows = await repo.listGrants(tx, auth, { orgIds: q.orgId ? [q.orgId] : readable, q: q.q });
      const full = rows.filter((g) => auth.permissions.get(g.orgId)?.has('grant.read'));
      const partial = rows.filter((g) => !auth.permissions.has(g.orgId));
      const fullTotals = await ddRepo.totals(tx, auth, full.map((g) => g.id));
      const bens = await repo.beneficiaries(tx, auth, partial.map((g) => g.id));
      const items: GrantSummary[] = [];
      for (const g of full) {
        items.push(this.summary(g, true, fullTotals.get(g.id)!, null));
      }
      for (const g of partial) {
        const mine = bens.filter((b) => b.b.grantId === g.id && readable.includes(b.b.orgId)).map((b) => b.b);
        if (mine.length === 0) {
          continue;
        }
        const t = (await ddRepo.totals(tx, auth, [g.id], mine.map((b) => b.orgId))).get(g.id)!;
        items.push(this.summary(g, false, t, mine));
      }
      items.sort((a, b) => (a.noticeDate < b.noticeDate ? 1 : a.noticeDate > b.noticeDate ? -1 : 0));
      return { items };
    });
  }

  private summary(
    g: repo.GrantWithProgramme,
    full: boolean,
    t: ddRepo.GrantTotals,
    mine: { amount: string; ownShare: string }[] | null,
  ): GrantSummary {
    const amount = mine ? fromCents(sumCents(mine.map((b) => b.amount))) : g.amount;
    const ownShare = mine ? fromCents(sumCents(mine.map((b) => b.ownShare))) : fromCents(toCents(g.eligibleCost) - toCents(g.amount));
    return {
      id: g.id,
      providerId: g.orgId,
      programmeId: g.programmeId,
      programmeName: g.programmeName,
      paysPerMember: g.paysPerMember,
      title: g.title,
      authority: g.authority,
      fileReference: g.fileReference,
      noticeDate: g.noticeDate,
      fundingType: g.fundingType,
      ratePercent: g.ratePercent,
      ceiling: g.ceiling,
      amount,
      // A beneficiary sees the grant's frame, not the other members' figures.
      eligibleCost: full ? g.eligibleCost : fromCents(toCents(amount) + toCents(ownShare)),
      ineligibleCost: full ? g.ineligibleCost : '0.00',
      ownShare: ownShare.startsWith('-') ? '0.00' : ownShare,
      periodStart: g.periodStart,
      periodEnd: g.periodEnd,
      interimProofDue: g.interimProofDue,
      finalProofDue: g.finalProofDue,
      spent: t.spent,
      drawn: t.drawn,
      received: t.received,
      full,
    };
  }

  async get(auth: AuthContext, id: string): Promise<GrantResponse> {
    return withTenant(this.db, auth, async (tx) => {
      const v = await grantView(tx, auth, 'grant.read', id);
      const g = v.grant;
      const allBens = await repo.beneficiaries(tx, auth, [id]);
      const bens = v.full ? allBens : allBens.filter((b) => v.memberIds.includes(b.b.orgId));
      const perMember = await ddRepo.drawnPerMember(tx, auth, id);
      const t = (await ddRepo.totals(tx, auth, [id], v.full ? undefined : v.memberIds)).get(id)!;
      const warnings: GrantResponse['warnings'] = [];
      if (v.full) {
        const lines = await repo.planLines(tx, auth, id);
        const exps = await repo.expenses(tx, auth, id);
        const check = checkPlan(
          lines.map((l) => ({
            id: l.id,
            code: l.code,
            budgetCents: toCents(l.budget),
            actualCents: sumCents(exps.filter((e) => e.planLineId === l.id).map((e) => e.amount)),
            deviationPercent: l.deviationPercent,
          })),
          g.lineDeviationPercent,
          toCents(g.eligibleCost),
        );
        warnings.push(...check.warnings.map((w) => ({ code: w.code, detail: w.detail, ...(w.lineId ? { lineId: w.lineId } : {}) })));
        const today = berlinToday(this.clock());
        for (const [code, due, label] of [
          ['interim_proof_due', g.interimProofDue, 'Zwischennachweis'],
          ['final_proof_due', g.finalProofDue, 'Verwendungsnachweis'],
        ] as const) {
          if (due && today >= addDays(due, -REMINDER_LEAD_DAYS)) {
            warnings.push({ code, detail: `${label} fällig am ${due}${today > due ? ' (überschritten)' : ''}` });
          }
        }
        const benSum = sumCents(allBens.map((b) => b.b.amount));
        if (allBens.length > 0 && benSum > toCents(g.amount)) {
          warnings.push({ code: 'beneficiaries_exceed_grant', detail: `Anteile der Mitglieder ${fromCents(benSum)} über der Zuwendung ${g.amount}` });
        }
      }
      return {
        ...this.summary(g, v.full, t, v.full ? null : bens.map((b) => b.b)),
        lineDeviationPercent: g.lineDeviationPercent,
        lockInYears: g.lockInYears,
        reportText: v.full ? g.reportText : null,
        beneficiaries: bens.map((b) => ({
          orgId: b.b.orgId,
          orgName: b.orgName,
          sharePercent: b.b.sharePercent,
          amount: b.b.amount,
          ownShare: b.b.ownShare,
          drawnAmount: perMember.get(b.b.orgId)?.drawn ?? '0.00',
          receivedAmount: perMember.get(b.b.orgId)?.received ?? '0.00',
        })),
        warnings,
        abilities: { manage: auth.permissions.get(g.orgId)?.has('grant.manage') ?? false },
      };
    });
  }

  /** Beneficiaries must be members of the grant's provider. */
  private async checkMembers(tx: Tx, providerId: string, items: readonly BeneficiaryInput[], field: string) {
    const ids = [...new Set(items.map((i) => i.orgId))];
    if (ids.length !== items.length) {
      throw new UnprocessableError('A member is listed twice.', [{ field, message: 'each member once' }]);
    }
    if (ids.length === 0) {
      return;
    }
    const rows = await tx
      .select({ id: organisations.id })
      .from(organisations)
      .where(and(inIds(organisations.id, ids), eq(organisations.providerId, providerId), eq(organisations.kind, 'member')));
    if (rows.length !== ids.length) {
      throw new UnprocessableError('Grants are passed on to members of the provider only.', [{ field, message: 'members of the provider' }]);
    }
  }

  async create(auth: AuthContext, input: GrantCreateRequest): Promise<GrantResponse> {
    const id = await withTenant(this.db, auth, async (tx) => {
      await access.require(tx, auth, 'grant.manage', [input.programmeId]);
      const programme = await repo.findProgramme(tx, auth, input.programmeId);
      if (!programme) {
        throw new UnprocessableError('Unknown programme.', [{ field: 'body/programmeId', message: 'a programme of the provider' }]);
      }
      await this.checkMembers(tx, programme.orgId, input.beneficiaries, 'body/beneficiaries');
      const { beneficiaries, programmeId, ...fields } = input;
      const row = await repo.insertGrant(tx, {
        ...fields,
        orgId: programme.orgId,
        programmeId,
        ratePercent: fields.ratePercent ?? null,
        ceiling: fields.ceiling ?? null,
        interimProofDue: fields.interimProofDue ?? null,
        finalProofDue: fields.finalProofDue ?? null,
        reportText: fields.reportText ?? null,
        createdBy: auth.userId,
      });
      await repo.replaceBeneficiaries(
        tx,
        auth,
        row.id,
        beneficiaries.map((b) => ({ grantId: row.id, orgId: b.orgId, sharePercent: b.sharePercent, amount: b.amount, ownShare: b.ownShare })),
      );
      await recordAudit(tx, auth, { orgId: row.orgId, entityType: 'grant', entityId: row.id, action: 'create', after: { ...row, beneficiaries } });
      return row.id;
    });
    return this.get(auth, id);
  }

  async update(auth: AuthContext, id: string, input: GrantUpdateRequest): Promise<GrantResponse> {
    await withTenant(this.db, auth, async (tx) => {
      const { grant: before } = await grantView(tx, auth, 'grant.manage', id);
      const next = { ...before, ...input };
      if (next.periodEnd < next.periodStart) {
        throw new UnprocessableError('The approval period ends before it starts.', [{ field: 'body/periodEnd', message: 'on or after the start' }]);
      }
      const after = await repo.updateGrant(tx, auth, id, input);
      await recordAudit(tx, auth, { orgId: before.orgId, entityType: 'grant', entityId: id, action: 'update', before, after });
    });
    return this.get(auth, id);
  }

  async putBeneficiaries(auth: AuthContext, id: string, input: BeneficiariesPutRequest): Promise<GrantResponse> {
    await withTenant(this.db, auth, async (tx) => {
      const { grant } = await grantView(tx, auth, 'grant.manage', id);
      await this.checkMembers(tx, grant.orgId, input.items, 'body/items');
      const before = await repo.beneficiaries(tx, auth, [id]);
      await repo.replaceBeneficiaries(
        tx,
        auth,
        id,
        input.items.map((b) => ({ grantId: id, orgId: b.orgId, sharePercent: b.sharePercent, amount: b.amount, ownShare: b.ownShare })),
      );
      await recordAudit(tx, auth, { orgId: grant.orgId, entityType: 'grant', entityId: id, action: 'beneficiaries', before: before.map((b) => b.b), after: input.items });
    });
    return this.get(auth, id);
  }
}
