import { and, eq, inArray, notInArray, sql } from 'drizzle-orm';
import { access } from '../../platform/access/access.js';
import type { AuthContext } from '../../platform/auth/auth.context.js';
import { recordAudit } from '../../platform/audit/audit.js';
import type { Db } from '../../platform/db/client.js';
import { inIds } from '../../platform/db/scope.js';
import { withTenant } from '../../platform/db/tenant.js';
import { assets } from '../assets/index.js';
import { backupJobs } from '../backups/index.js';
import type { CostPlansService } from '../billing/index.js';
import { organisations } from '../organisations/index.js';
import type { ReferenceCostsPutRequest, SavingsResponse } from './reports.dto.js';
import * as repo from './grants.repository.js';
import { aloneEstimate, fromCents, percentOf, toCents } from './grants.rules.js';
import { providerFor } from './grants.service.js';
import type { SavingsReferenceCostsRow } from './grants.schema.js';

const WORKPLACE_TYPES = ['workstation', 'laptop'] as const;

function presentRef(r: SavingsReferenceCostsRow) {
  return { year: r.year, perWorkstation: r.perWorkstation, perServer: r.perServer, perBackupJob: r.perBackupJob, basePerMember: r.basePerMember, source: r.source };
}

/**
 * The savings report: per member, the cost allocated to it for the shared service (the year's cost
 * plan, planned basis, after grants) against an estimate of running the same alone (reference
 * costs per workstation, server and backup job plus a base, entered by the provider).
 */
export class SavingsService {
  constructor(
    private readonly db: Db,
    private readonly costPlans: Pick<CostPlansService, 'list' | 'preview'>,
  ) {}

  async putReferenceCosts(auth: AuthContext, input: ReferenceCostsPutRequest) {
    return withTenant(this.db, auth, async (tx) => {
      const providerId = await providerFor(tx, auth, 'grant.manage', input.providerId);
      const before = await repo.referenceCosts(tx, auth, providerId, input.year);
      const row = await repo.upsertReferenceCosts(tx, {
        orgId: providerId,
        year: input.year,
        perWorkstation: input.perWorkstation,
        perServer: input.perServer,
        perBackupJob: input.perBackupJob,
        basePerMember: input.basePerMember,
        source: input.source ?? null,
      });
      await recordAudit(tx, auth, { orgId: providerId, entityType: 'savings_reference_costs', entityId: row.id, action: before ? 'update' : 'create', before, after: row });
      return presentRef(row);
    });
  }

  async report(auth: AuthContext, q: { year: number; providerId?: string }): Promise<SavingsResponse> {
    const base = await withTenant(this.db, auth, async (tx) => {
      const providerId = await providerFor(tx, auth, 'grant.read', q.providerId, 'query/providerId');
      await access.require(tx, auth, 'grant.read', [providerId]);
      const ref = await repo.referenceCosts(tx, auth, providerId, q.year);
      const members = await tx
        .select({ id: organisations.id, name: organisations.name })
        .from(organisations)
        .where(and(eq(organisations.providerId, providerId), eq(organisations.kind, 'member'), inIds(organisations.id, auth.orgIds)))
        .orderBy(organisations.name);
      const ids = members.map((m) => m.id);
      const counts = new Map(ids.map((id) => [id, { workstations: 0, servers: 0, backupJobs: 0 }]));
      if (ids.length > 0) {
        const live = notInArray(assets.status, ['retired', 'disposed']);
        const ws = await tx
          .select({ orgId: assets.orgId, n: sql<number>`count(*)::int` })
          .from(assets)
          .where(and(inIds(assets.orgId, ids), inArray(assets.type, [...WORKPLACE_TYPES]), live))
          .groupBy(assets.orgId);
        const sv = await tx
          .select({ orgId: assets.orgId, n: sql<number>`count(*)::int` })
          .from(assets)
          .where(and(inIds(assets.orgId, ids), eq(assets.type, 'server'), live))
          .groupBy(assets.orgId);
        const bj = await tx
          .select({ orgId: backupJobs.orgId, n: sql<number>`count(*)::int` })
          .from(backupJobs)
          .where(and(inIds(backupJobs.orgId, ids), eq(backupJobs.active, true)))
          .groupBy(backupJobs.orgId);
        for (const r of ws) {
          counts.get(r.orgId)!.workstations = Number(r.n);
        }
        for (const r of sv) {
          counts.get(r.orgId)!.servers = Number(r.n);
        }
        for (const r of bj) {
          counts.get(r.orgId)!.backupJobs = Number(r.n);
        }
      }
      return { providerId, ref, members, counts };
    });
    const warnings: string[] = [];
    const allocated = new Map<string, bigint>();
    let planId: string | null = null;
    const canBilling = auth.permissions.get(base.providerId)?.has('billing.read') ?? false;
    if (canBilling) {
      const plans = await this.costPlans.list(auth, { providerId: base.providerId, year: q.year });
      planId = plans.items[0]?.id ?? null;
      if (planId) {
        const preview = await this.costPlans.preview(auth, planId, { basis: 'planned' });
        for (const m of preview.members) {
          allocated.set(m.orgId, BigInt(m.totalCents));
        }
      } else {
        warnings.push('no_cost_plan');
      }
    } else {
      warnings.push('no_billing_access');
    }
    if (!base.ref) {
      warnings.push('no_reference_costs');
    }
    const ref = base.ref
      ? {
          perWorkstationCents: toCents(base.ref.perWorkstation),
          perServerCents: toCents(base.ref.perServer),
          perBackupJobCents: toCents(base.ref.perBackupJob),
          basePerMemberCents: toCents(base.ref.basePerMember),
        }
      : { perWorkstationCents: 0n, perServerCents: 0n, perBackupJobCents: 0n, basePerMemberCents: 0n };
    let tAlloc = 0n;
    let tAlone = 0n;
    const rows = base.members.map((m) => {
      const c = base.counts.get(m.id)!;
      const alloc = allocated.get(m.id) ?? 0n;
      const alone = aloneEstimate(ref, c);
      tAlloc += alloc;
      tAlone += alone;
      return {
        orgId: m.id,
        orgName: m.name,
        ...c,
        allocated: fromCents(alloc),
        alone: fromCents(alone),
        saving: fromCents(alone - alloc),
        savingPercent: percentOf(alone - alloc, alone),
      };
    });
    return {
      providerId: base.providerId,
      year: q.year,
      reference: base.ref ? presentRef(base.ref) : null,
      planId,
      members: rows,
      totalAllocated: fromCents(tAlloc),
      totalAlone: fromCents(tAlone),
      totalSaving: fromCents(tAlone - tAlloc),
      warnings,
    };
  }
}
