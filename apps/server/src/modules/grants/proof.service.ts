import ExcelJS from 'exceljs';
import { and, eq } from 'drizzle-orm';
import { access } from '../../platform/access/access.js';
import type { AuthContext } from '../../platform/auth/auth.context.js';
import type { Db, Tx } from '../../platform/db/client.js';
import { inIds } from '../../platform/db/scope.js';
import { withTenant } from '../../platform/db/tenant.js';
import { renderPdf } from '../../platform/pdf/index.js';
import { drawProof } from './proof-pdf.js';
import { assets, type LifecycleWarnings } from '../assets/index.js';
import { grantFull } from './grants.access.js';
import * as ddRepo from './drawdowns.repository.js';
import * as repo from './grants.repository.js';
import { checkPlan, disposedInLockIn, fromCents, lockInEnd, proofSums, toCents } from './grants.rules.js';
import type { z } from 'zod';
import type { AssetLockInResponse, FundedAssetListResponse, ProofResponse } from './reports.dto.js';
import { grantExpenses, grants } from './grants.schema.js';

const dateDe = (iso: string) => `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}`;

/** The proof of use (Verwendungsnachweis): Sachbericht, numerical proof per plan line, list of receipts. */
export class ProofService {
  constructor(
    private readonly db: Db,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  async model(auth: AuthContext, grantId: string): Promise<ProofResponse> {
    return withTenant(this.db, auth, async (tx) => {
      const g = await grantFull(tx, auth, 'grant.read', grantId);
      const lines = await repo.planLines(tx, auth, grantId);
      const exps = await repo.expenses(tx, auth, grantId);
      const t = (await ddRepo.totals(tx, auth, [grantId])).get(grantId)!;
      const sums = proofSums(
        lines.map((l) => ({ id: l.id, budgetCents: toCents(l.budget) })),
        exps.map((e) => ({ planLineId: e.planLineId, amountCents: toCents(e.amount) })),
      );
      const check = checkPlan(
        lines.map((l) => ({ id: l.id, code: l.code, budgetCents: toCents(l.budget), actualCents: sums.perLine.get(l.id)!.actualCents, deviationPercent: l.deviationPercent })),
        g.lineDeviationPercent,
      );
      const code = new Map(lines.map((l) => [l.id, l.code]));
      return {
        grantId: g.id,
        title: g.title,
        programmeName: g.programmeName,
        authority: g.authority,
        fileReference: g.fileReference,
        noticeDate: g.noticeDate,
        periodStart: g.periodStart,
        periodEnd: g.periodEnd,
        reportText: g.reportText,
        lines: lines.map((l) => {
          const s = sums.perLine.get(l.id)!;
          return { code: l.code, title: l.title, budget: l.budget, actual: fromCents(s.actualCents), difference: fromCents(s.actualCents - s.budgetCents), count: s.count };
        }),
        receipts: exps.map((e, i) => ({
          no: i + 1,
          date: e.expenseDate,
          payee: e.payee,
          purpose: e.purpose,
          invoiceNumber: e.invoiceNumber,
          lineCode: code.get(e.planLineId) ?? '',
          amount: e.amount,
          receipt: e.receiptFileKey !== null,
        })),
        totalBudget: fromCents(check.budgetCents),
        totalActual: fromCents(sums.totalCents),
        grantAmount: g.amount,
        drawn: t.drawn,
        received: t.received,
        warnings: check.warnings.map((w) => ({ code: w.code, detail: w.detail, ...(w.lineId ? { lineId: w.lineId } : {}) })),
        generatedAt: this.clock().toISOString(),
      };
    });
  }

  private fileName(m: ProofResponse, ext: string) {
    const slug = m.fileReference.normalize('NFKD').replace(/[^\w]+/g, '-').replace(/^-|-$/g, '').slice(0, 60) || 'zuwendung';
    return `verwendungsnachweis-${slug}.${ext}`;
  }

  async pdf(auth: AuthContext, grantId: string): Promise<{ filename: string; body: Buffer }> {
    const m = await this.model(auth, grantId);
    const body = await renderPdf({ title: `Verwendungsnachweis ${m.fileReference}`, date: new Date(m.generatedAt) }, (doc) => drawProof(doc, m));
    return { filename: this.fileName(m, 'pdf'), body };
  }

  async xlsx(auth: AuthContext, grantId: string): Promise<{ filename: string; body: Buffer }> {
    const m = await this.model(auth, grantId);
    const wb = new ExcelJS.Workbook();
    wb.creator = 'Verbund';
    const money = '#,##0.00 "€"';
    // Cells hold numbers so the sheet can add them up; the figures were summed exactly (bigint cents) before.
    const num = (s: string) => Number(s);
    const info = wb.addWorksheet('Zuwendung');
    info.columns = [{ width: 32 }, { width: 70 }];
    for (const [k, v] of [
      ['Vorhaben', m.title],
      ['Förderprogramm', m.programmeName],
      ['Bewilligungsbehörde', m.authority],
      ['Aktenzeichen', m.fileReference],
      ['Zuwendungsbescheid vom', dateDe(m.noticeDate)],
      ['Bewilligungszeitraum', `${dateDe(m.periodStart)} – ${dateDe(m.periodEnd)}`],
      ['Sachbericht', m.reportText ?? ''],
    ] as const) {
      info.addRow([k, v]).getCell(1).font = { bold: true };
    }
    for (const [k, v] of [
      ['Zuwendung', m.grantAmount],
      ['Abgerufen', m.drawn],
      ['Erhalten', m.received],
      ['Ausgaben gesamt', m.totalActual],
    ] as const) {
      const r = info.addRow([k, num(v)]);
      r.getCell(1).font = { bold: true };
      r.getCell(2).numFmt = money;
    }
    info.getColumn(2).alignment = { wrapText: true, vertical: 'top' };

    const lines = wb.addWorksheet('Zahlenmäßiger Nachweis', { views: [{ state: 'frozen', ySplit: 1 }] });
    lines.columns = [
      { header: 'Position', width: 12 },
      { header: 'Bezeichnung', width: 48 },
      { header: 'Ansatz', width: 16 },
      { header: 'Ist', width: 16 },
      { header: 'Abweichung', width: 16 },
      { header: 'Belege', width: 8 },
    ];
    for (const l of m.lines) {
      lines.addRow([l.code, l.title, num(l.budget), num(l.actual), num(l.difference), l.count]);
    }
    const sumRow = lines.addRow(['Summe', '', num(m.totalBudget), num(m.totalActual), num(fromCents(toCents(m.totalActual) - toCents(m.totalBudget))), m.receipts.length]);
    sumRow.font = { bold: true };
    lines.getRow(1).font = { bold: true };
    for (const c of [3, 4, 5]) {
      lines.getColumn(c).numFmt = money;
    }

    const rec = wb.addWorksheet('Belegliste', { views: [{ state: 'frozen', ySplit: 1 }] });
    rec.columns = [
      { header: 'Nr.', width: 6 },
      { header: 'Datum', width: 12 },
      { header: 'Zahlungsempfänger', width: 32 },
      { header: 'Grund der Zahlung', width: 48 },
      { header: 'Rechnungsnr.', width: 16 },
      { header: 'Position', width: 10 },
      { header: 'Betrag', width: 16 },
      { header: 'Beleg', width: 8 },
    ];
    for (const r of m.receipts) {
      rec.addRow([r.no, dateDe(r.date), r.payee, r.purpose, r.invoiceNumber ?? '', r.lineCode, num(r.amount), r.receipt ? 'ja' : 'nein']);
    }
    rec.addRow(['', '', '', 'Summe', '', '', num(m.totalActual), '']).font = { bold: true };
    rec.getRow(1).font = { bold: true };
    rec.getColumn(7).numFmt = money;
    rec.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: 8 } };
    return { filename: this.fileName(m, 'xlsx'), body: Buffer.from(await wb.xlsx.writeBuffer()) };
  }

  /** The lock-in of one asset, for the asset's page (see `assetLockIns`). */
  assetLockIns(auth: AuthContext, assetId: string) {
    return assetLockIns(this.db, auth, assetId);
  }

  /** Assets bought with the grant and their lock-in (Zweckbindung); a disposal before its end warns. */
  async fundedAssets(auth: AuthContext, grantId: string): Promise<z.infer<typeof FundedAssetListResponse>> {
    return withTenant(this.db, auth, async (tx) => {
      const g = await grantFull(tx, auth, 'grant.read', grantId);
      const links = await repo.assetExpenses(tx, auth, grantId);
      const ids = [...new Set(links.map((l) => l.assetId!))];
      if (ids.length === 0) {
        return { items: [] };
      }
      const rows = await tx
        .select({ id: assets.id, inventoryNumber: assets.inventoryNumber, name: assets.name, status: assets.status, purchaseDate: assets.purchaseDate, disposedAt: assets.disposedAt })
        .from(assets)
        .where(and(inIds(assets.id, ids), inIds(assets.orgId, auth.orgIds)));
      return {
        items: rows
          .map((a) => {
            const mine = links.filter((l) => l.assetId === a.id);
            const acquired = a.purchaseDate ?? mine[0]!.expenseDate;
            const end = lockInEnd(acquired, g.lockInYears);
            const disposedOn = a.disposedAt ?? null;
            return {
              assetId: a.id,
              inventoryNumber: a.inventoryNumber,
              name: a.name,
              status: a.status,
              acquired,
              lockInEnd: end,
              disposedOn,
              warning: disposedInLockIn(disposedOn, end),
              amount: fromCents(mine.reduce((s, l) => s + toCents(l.amount), 0n)),
            };
          })
          .sort((x, y) => x.inventoryNumber.localeCompare(y.inventoryNumber)),
      };
    });
  }
}

/**
 * The lock-in of one asset for the asset's own page: every grant that paid for it (as the caller
 * sees the grants) with the end of the lock-in; `warning` when it was disposed before that end.
 */
export async function assetLockIns(db: Db, auth: AuthContext, assetId: string): Promise<z.infer<typeof AssetLockInResponse>> {
  return withTenant(db, auth, async (tx) => {
    await access.require(tx, auth, 'asset.read', [assetId]);
    const [a] = await tx
      .select({ purchaseDate: assets.purchaseDate, disposedAt: assets.disposedAt })
      .from(assets)
      .where(and(eq(assets.id, assetId), inIds(assets.orgId, auth.orgIds)));
    if (!a) {
      return { items: [] };
    }
    const items = (await lockInsOf(tx, auth, assetId, a.purchaseDate)).map((l) => ({
      ...l,
      disposedOn: a.disposedAt ?? null,
      warning: disposedInLockIn(a.disposedAt ?? null, l.lockInEnd),
    }));
    return { items };
  });
}

/** Every grant (as the caller sees it) that paid for the asset, once, with the end of its lock-in. */
async function lockInsOf(tx: Tx, auth: AuthContext, assetId: string, purchaseDate: string | null) {
  const rows = await tx
    .select({ grantId: grants.id, title: grants.title, fileReference: grants.fileReference, lockInYears: grants.lockInYears, expenseDate: grantExpenses.expenseDate })
    .from(grantExpenses)
    .innerJoin(grants, eq(grants.id, grantExpenses.grantId))
    .where(and(eq(grantExpenses.assetId, assetId), inIds(grantExpenses.orgId, auth.orgIds)))
    .orderBy(grantExpenses.expenseDate);
  const seen = new Set<string>();
  const items = [];
  for (const r of rows) {
    if (seen.has(r.grantId)) {
      continue;
    }
    seen.add(r.grantId);
    const acquired = purchaseDate ?? r.expenseDate;
    items.push({ grantId: r.grantId, title: r.title, fileReference: r.fileReference, acquired, lockInEnd: lockInEnd(acquired, r.lockInYears) });
  }
  return items;
}

/**
 * The grants hook of the asset lifecycle (injected in app.ts): a step out of use (retired or
 * disposed) on a day within a lock-in warns, once per grant; the step itself goes through.
 */
export const grantLockInWarnings: LifecycleWarnings = async (tx, auth, asset, date) =>
  (await lockInsOf(tx, auth, asset.id, asset.purchaseDate))
    .filter((l) => disposedInLockIn(date, l.lockInEnd))
    .map((l) => ({
      code: 'grant_lock_in',
      grantId: l.grantId,
      lockInEnd: l.lockInEnd,
      message_de:
        `Das Gerät wurde aus der Förderung „${l.title}“ (Az. ${l.fileReference}) beschafft und ist bis ${dateDe(l.lockInEnd)} zweckgebunden. ` +
        'Eine Aussonderung vor Ablauf der Zweckbindung kann zur Rückforderung der Fördermittel führen.',
    }));
