/**
 * Computes the draft invoices of a billing run: advance payments from the plan, the year-end
 * settlement against the advances, or usage from price list × subscription quantities.
 */
import type { Tx } from '../../platform/db/client.js';
import type { TenantScope } from '../../platform/db/tenant.js';
import { UnprocessableError } from '../../platform/http/errors.js';
import { billableSubscriptions, priceBands, priceListForYear, vatLineOf, type PriceValue } from '../catalog/index.js';
import { allocatePlan, loadMembers, type GrantReductions, type MemberInfo } from './allocation-inputs.js';
import { centsToDecimal, daysInYear, parseScaled, scaledToString, usageLine } from './allocation.js';
import type { BillingRunRow, CostPoolRow, StoredExplanation, StoredLine } from './billing.schema.js';
import * as plans from './cost-plans.repository.js';
import { totalsOf } from './invoice-xml.js';
import * as repo from './runs.repository.js';

export interface DraftInvoice {
  orgId: string;
  buyerName: string;
  typeCode: '380' | '381';
  periodStart: string;
  periodEnd: string;
  lines: StoredLine[];
  explanation: StoredExplanation[];
  precedingInvoiceId: string | null;
  precedingNumber: string | null;
  precedingIssueDate: string | null;
}

const KEY_LABEL: Record<CostPoolRow['key'], string> = {
  population: 'Einwohner',
  workstations: 'Arbeitsplätze',
  usage: 'Nutzung (Menge × Tage)',
  equal: 'gleicher Anteil',
  fixed: 'fester Anteil laut Vereinbarung',
};

const germanDate = (d: string) => `${d.slice(8, 10)}.${d.slice(5, 7)}.${d.slice(0, 4)}`;
const euro = (c: bigint) => `${centsToDecimal(c).replace('.', ',')} €`;

function vatFields(m: MemberInfo, exemptVatex: string): Pick<StoredLine, 'vatCategory' | 'vatRate' | 'vatReason' | 'vatex'> {
  return {
    vatCategory: m.vat.category,
    vatRate: m.vat.rate,
    vatReason: m.vat.category === 'S' ? undefined : (m.vat.reason ?? undefined),
    vatex: m.vat.category === 'E' ? exemptVatex : undefined,
  };
}

/** A one-unit line for an amount; a negative amount is quantity −1 at the positive price. */
function amountLine(id: number, name: string, description: string, cents: bigint, vat: ReturnType<typeof vatFields>, extra: Partial<StoredLine> = {}): StoredLine {
  return {
    id: String(id),
    name,
    description,
    quantity: '1',
    unitCode: 'C62',
    unitPrice: centsToDecimal(cents < 0n ? -cents : cents),
    netCents: cents.toString(),
    ...vat,
    ...extra,
  };
}

function explain(pool: CostPoolRow, m: { keyValue: bigint; days: number; sharePercent: string; cents: bigint }, base: bigint, keyTotal: bigint): StoredExplanation {
  return {
    poolId: pool.id,
    poolName: pool.name,
    key: pool.key,
    baseCents: base.toString(),
    keyValue: pool.key === 'usage' ? scaledToString(m.keyValue, 4) : m.keyValue.toString(),
    keyTotal: pool.key === 'usage' ? scaledToString(keyTotal, 4) : keyTotal.toString(),
    share: m.sharePercent,
    days: m.days,
    amountCents: m.cents.toString(),
  };
}

export interface ComputeContext {
  tx: Tx;
  scope: TenantScope;
  run: BillingRunRow;
  grants: GrantReductions;
  exemptVatex: string;
}

async function planOf(c: ComputeContext) {
  const plan = c.run.planId ? await plans.findPlan(c.tx, c.scope, c.run.planId) : undefined;
  if (!plan || plan.orgId !== c.run.orgId || plan.year !== c.run.year) {
    throw new UnprocessableError('The run needs a cost plan of the same provider and year.', [{ field: 'body/planId', message: 'a plan of this year' }]);
  }
  const pools = await plans.poolsOf(c.tx, c.scope, [plan.id]);
  if (pools.length === 0) {
    throw new UnprocessableError('The cost plan has no pools yet.');
  }
  return { plan, pools };
}

async function computeAdvance(c: ComputeContext): Promise<DraftInvoice[]> {
  const { plan, pools } = await planOf(c);
  const members = await loadMembers(c.tx, c.scope, c.run.orgId);
  const period = { start: c.run.periodStart, end: c.run.periodEnd };
  const alloc = await allocatePlan(c.tx, c.scope, { providerId: c.run.orgId, year: plan.year, pools, basis: 'planned', members, period, grants: c.grants });
  const label = `${germanDate(period.start)}–${germanDate(period.end)}`;
  const out: DraftInvoice[] = [];
  for (const [mi, m] of members.entries()) {
    const lines: StoredLine[] = [];
    const explanation: StoredExplanation[] = [];
    for (const { pool, allocation, context } of alloc.pools) {
      const a = allocation.members[mi]!;
      const keyTotal = allocation.members.reduce((s, x) => s + x.keyValue, 0n);
      explanation.push(explain(pool, a, allocation.pool.cents, keyTotal));
      if (a.cents === 0n) {
        continue;
      }
      const ref = context.referenceDate ? ` zum ${germanDate(context.referenceDate)}` : '';
      lines.push(
        amountLine(
          lines.length + 1,
          `Abschlag ${label}: ${pool.name}`,
          `${KEY_LABEL[pool.key]}${ref}: ${explain(pool, a, 0n, keyTotal).keyValue}; Anteil ${a.sharePercent.replace('.', ',')} % von ${euro(allocation.pool.cents)}; ${a.days} Tage Mitgliedschaft`,
          a.cents,
          vatFields(m, c.exemptVatex),
          { poolId: pool.id, periodStart: period.start, periodEnd: period.end },
        ),
      );
    }
    if (lines.length > 0) {
      out.push({ orgId: m.orgId, buyerName: m.name, typeCode: '380', periodStart: period.start, periodEnd: period.end, lines, explanation, precedingInvoiceId: null, precedingNumber: null, precedingIssueDate: null });
    }
  }
  return out;
}

async function computeSettlement(c: ComputeContext): Promise<DraftInvoice[]> {
  const { plan, pools } = await planOf(c);
  const missing = pools.filter((p) => p.actualCents === null);
  if (missing.length > 0) {
    throw new UnprocessableError('The settlement needs the actual cost of every pool.', missing.map((p) => ({ field: `pools/${p.id}/actualCents`, message: `${p.name}: actual cost missing` })));
  }
  if (await repo.settlementExists(c.tx, c.scope, c.run.orgId, plan.id, c.run.id)) {
    throw new UnprocessableError(`The year ${plan.year} has already been settled; corrections go by credit note.`);
  }
  const members = await loadMembers(c.tx, c.scope, c.run.orgId);
  const period = { start: `${plan.year}-01-01`, end: `${plan.year}-12-31` };
  const alloc = await allocatePlan(c.tx, c.scope, { providerId: c.run.orgId, year: plan.year, pools, basis: 'actual', members, period, grants: c.grants });
  const advances = await repo.issuedAdvances(c.tx, c.scope, c.run.orgId, plan.id);
  const paid = new Map<string, bigint>();
  const lastAdvance = new Map<string, { id: string; number: string | null; issueDate: string | null }>();
  for (const inv of advances) {
    const sign = inv.typeCode === '381' ? -1n : 1n;
    for (const l of inv.lines) {
      if (l.poolId) {
        const k = `${inv.orgId}|${l.poolId}`;
        paid.set(k, (paid.get(k) ?? 0n) + sign * BigInt(l.netCents));
      }
    }
    lastAdvance.set(inv.orgId, inv);
  }
  const out: DraftInvoice[] = [];
  for (const [mi, m] of members.entries()) {
    const lines: StoredLine[] = [];
    const explanation: StoredExplanation[] = [];
    for (const { pool, allocation } of alloc.pools) {
      const a = allocation.members[mi]!;
      const advance = paid.get(`${m.orgId}|${pool.id}`) ?? 0n;
      const keyTotal = allocation.members.reduce((s, x) => s + x.keyValue, 0n);
      explanation.push({ ...explain(pool, a, allocation.pool.cents, keyTotal), advancesCents: advance.toString() });
      const diff = a.cents - advance;
      if (diff === 0n) {
        continue;
      }
      lines.push(
        amountLine(
          lines.length + 1,
          `Spitzabrechnung ${plan.year}: ${pool.name}`,
          `Ist-Anteil ${euro(a.cents)} (${a.sharePercent.replace('.', ',')} % von ${euro(allocation.pool.cents)}) abzüglich Abschläge ${euro(advance)}`,
          diff,
          vatFields(m, c.exemptVatex),
          { poolId: pool.id, periodStart: period.start, periodEnd: period.end },
        ),
      );
    }
    const net = lines.reduce((s, l) => s + BigInt(l.netCents), 0n);
    if (lines.length === 0 || net === 0n) {
      continue;
    }
    const credit = net < 0n;
    const prev = lastAdvance.get(m.orgId);
    if (credit && !prev) {
      // Nothing was paid in advance, so nothing can be refunded; cannot happen with actual ≥ 0.
      continue;
    }
    out.push({
      orgId: m.orgId,
      buyerName: m.name,
      typeCode: credit ? '381' : '380',
      periodStart: period.start,
      periodEnd: period.end,
      // A credit note states what is refunded as positive amounts.
      lines: credit ? lines.map((l) => ({ ...l, netCents: (-BigInt(l.netCents)).toString() })) : lines,
      explanation,
      precedingInvoiceId: credit ? prev!.id : null,
      precedingNumber: credit ? prev!.number : null,
      precedingIssueDate: credit ? prev!.issueDate : null,
    });
  }
  return out;
}

/** The quantity bands of a segment with the price cut to the days, as invoice lines. */
function usageLines(price: PriceValue, quantity: string, days: number, year: number): { quantity: string; unitPrice4: bigint; netCents: bigint }[] {
  return priceBands(quantity, price).map((b) => {
    const l = usageLine(parseScaled(b.unitPrice, 4)!, parseScaled(b.quantity, 4)!, days, year);
    return { quantity: b.quantity, ...l };
  });
}

async function computeUsage(c: ComputeContext): Promise<DraftInvoice[]> {
  const list = await priceListForYear(c.tx, c.run.orgId, c.run.year);
  if (!list) {
    throw new UnprocessableError(`There is no price list for ${c.run.year}.`);
  }
  const prices = new Map(list.items.map((p) => [p.serviceId, p]));
  const subs = await billableSubscriptions(c.tx, c.run.orgId, c.run.periodStart, c.run.periodEnd);
  const unpriced = [...new Set(subs.filter((s) => !prices.has(s.serviceId)).map((s) => s.serviceCode))];
  if (unpriced.length > 0) {
    throw new UnprocessableError('Some subscribed services have no price in the list.', unpriced.map((code) => ({ field: `services/${code}`, message: 'no price' })));
  }
  const yearDays = daysInYear(c.run.year);
  // One invoice per member and VAT regime: "not subject to VAT" (O) may not share an invoice with other categories.
  const byKey = new Map<string, DraftInvoice>();
  for (const s of subs) {
    const vat = vatLineOf(s);
    const regime = vat.category === 'O' ? 'O' : 'T';
    const key = `${s.memberId}|${regime}`;
    let inv = byKey.get(key);
    if (!inv) {
      inv = {
        orgId: s.memberId,
        buyerName: s.memberName,
        typeCode: '380',
        periodStart: c.run.periodStart,
        periodEnd: c.run.periodEnd,
        lines: [],
        explanation: [],
        precedingInvoiceId: null,
        precedingNumber: null,
        precedingIssueDate: null,
      };
      byKey.set(key, inv);
    }
    for (const g of s.segments) {
      for (const b of usageLines(prices.get(s.serviceId)!, g.quantity, g.days, c.run.year)) {
        if (b.netCents === 0n) {
          continue;
        }
        inv.lines.push({
          id: String(inv.lines.length + 1),
          name: `${s.serviceName} (${s.serviceCode})`,
          description: `${germanDate(g.from)}–${germanDate(g.to)}: Jahrespreis ${prices.get(s.serviceId)!.unitPrice.replace('.', ',')} € je Einheit × ${g.days}/${yearDays} Tage`,
          quantity: b.quantity,
          unitCode: s.unitCode,
          unitPrice: scaledToString(b.unitPrice4, 4),
          netCents: b.netCents.toString(),
          vatCategory: vat.category,
          vatRate: vat.ratePercent,
          vatReason: vat.exemptionReason ?? undefined,
          vatex: vat.exemptionReasonCode ?? (vat.category === 'E' ? c.exemptVatex : undefined),
          periodStart: g.from,
          periodEnd: g.to,
          serviceId: s.serviceId,
        });
      }
    }
  }
  return [...byKey.values()].filter((i) => i.lines.length > 0 && totalsOf(i.lines).netCents > 0n);
}

export async function computeDrafts(c: ComputeContext): Promise<DraftInvoice[]> {
  switch (c.run.kind) {
    case 'advance':
      return computeAdvance(c);
    case 'settlement':
      return computeSettlement(c);
    case 'usage':
      return computeUsage(c);
  }
}
