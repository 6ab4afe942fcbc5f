/**
 * Per-run downloads: a ZIP with every invoice's XRechnung and PDF, and the hand-over rows for the
 * members' budget systems (one row per invoice line with the member's budget mapping).
 */
import type { Invoice } from '@verbund/einvoice';
import { zipSync } from 'fflate';
import type { AuthContext } from '../../platform/auth/auth.context.js';
import { access } from '../../platform/access/access.js';
import type { Db } from '../../platform/db/client.js';
import { withTenant } from '../../platform/db/tenant.js';
import { HttpError, NotFoundError } from '../../platform/http/errors.js';
import type { ExportColumn } from '../../platform/http/export.js';
import { centsToDecimal } from './allocation.js';
import type { StoredLine } from './billing.schema.js';
import { sha256 } from './billing-runs.service.js';
import { renderInvoicePdf } from './invoice-pdf.js';
import { totalsOf } from './invoice-xml.js';
import * as repo from './runs.repository.js';
import * as settingsRepo from './settings.repository.js';

export interface BudgetRow {
  number: string;
  typeCode: string;
  runKind: string;
  issueDate: string;
  dueDate: string | null;
  budgetYear: number;
  member: string;
  leitwegId: string;
  periodStart: string;
  periodEnd: string;
  line: StoredLine;
  lineGrossCents: bigint;
  system: string | null;
  product: string | null;
  account: string | null;
  costCentre: string | null;
  budgetLine: string | null;
  expenseKind: string;
}

const KIND_DE: Record<string, string> = { advance: 'Abschlag', settlement: 'Spitzabrechnung', usage: 'Nutzung' };
const money = (c: bigint) => centsToDecimal(c).replace('.', ',');

export const BUDGET_COLUMNS: ExportColumn<BudgetRow>[] = [
  { header: 'Belegnummer', value: (r) => r.number },
  { header: 'Kassenzeichen', value: (r) => r.number },
  { header: 'Belegart', value: (r) => (r.typeCode === '381' ? 'Gutschrift' : 'Rechnung') },
  { header: 'Abrechnungsart', value: (r) => KIND_DE[r.runKind] ?? r.runKind },
  { header: 'Rechnungsdatum', value: (r) => r.issueDate },
  { header: 'Fällig', value: (r) => r.dueDate },
  { header: 'Haushaltsjahr', value: (r) => r.budgetYear },
  { header: 'Mitglied', value: (r) => r.member },
  { header: 'Leitweg-ID', value: (r) => r.leitwegId },
  { header: 'Leistung von', value: (r) => r.line.periodStart ?? r.periodStart },
  { header: 'Leistung bis', value: (r) => r.line.periodEnd ?? r.periodEnd },
  { header: 'Position', value: (r) => r.line.name },
  { header: 'Menge', value: (r) => r.line.quantity.replace('.', ',') },
  { header: 'Einheit', value: (r) => r.line.unitCode },
  { header: 'Einzelpreis', value: (r) => r.line.unitPrice.replace('.', ',') },
  { header: 'Netto', value: (r) => money(BigInt(r.line.netCents)) },
  { header: 'USt-Kategorie', value: (r) => r.line.vatCategory },
  { header: 'USt-Satz', value: (r) => r.line.vatRate },
  { header: 'USt-Grund', value: (r) => r.line.vatReason ?? null },
  { header: 'Brutto', value: (r) => money(r.lineGrossCents) },
  { header: 'Rechnungsstil', value: (r) => (r.system === 'kameralistik' ? 'Kameralistik' : r.system === 'doppik' ? 'Doppik' : null) },
  { header: 'Produkt', value: (r) => r.product },
  { header: 'Sachkonto', value: (r) => r.account },
  { header: 'Kostenstelle', value: (r) => r.costCentre },
  { header: 'Haushaltsstelle', value: (r) => r.budgetLine },
  { header: 'Konsumtiv/Investiv', value: (r) => (r.expenseKind === 'investive' ? 'investiv' : 'konsumtiv') },
];

export class RunExportsService {
  constructor(private readonly db: Db) {}

  private async issuedRun(tx: Parameters<Parameters<typeof withTenant>[2]>[0], auth: AuthContext, id: string) {
    await access.require(tx, auth, 'billing.read', [id]);
    const run = await repo.findRun(tx, auth, id);
    if (!run) {
      throw new NotFoundError();
    }
    if (run.status !== 'issued') {
      throw new HttpError(409, 'Conflict', 'Downloads exist once the run is issued.');
    }
    return run;
  }

  /** ZIP of `<number>.xml` and `<number>.pdf` per invoice; missing PDFs are rendered and stored. */
  async zip(auth: AuthContext, id: string): Promise<{ filename: string; content: Buffer }> {
    return withTenant(this.db, auth, async (tx) => {
      const run = await this.issuedRun(tx, auth, id);
      const invs = await repo.invoicesOfRun(tx, auth, id);
      const docs = await repo.documentsOfRun(tx, auth, id, ['ubl', 'pdf']);
      const byKey = new Map(docs.map((d) => [`${d.invoiceId}|${d.kind}`, d.content]));
      const files: Record<string, Uint8Array> = {};
      const missing: repo.DocumentInsert[] = [];
      for (const inv of invs) {
        const base = inv.number!;
        files[`${base}.xml`] = byKey.get(`${inv.id}|ubl`)!;
        let pdf = byKey.get(`${inv.id}|pdf`);
        if (!pdf) {
          pdf = await renderInvoicePdf(inv.model as Invoice, inv.explanation);
          missing.push({ orgId: inv.orgId, invoiceId: inv.id, kind: 'pdf', contentType: 'application/pdf', content: pdf, sha256: sha256(pdf), sizeBytes: pdf.length });
        }
        files[`${base}.pdf`] = pdf;
      }
      await repo.insertDocuments(tx, missing);
      // XML compresses well; PDFs are compressed already, so they are stored as they are.
      const zipped = zipSync(
        Object.fromEntries(Object.entries(files).map(([name, data]) => [name, [data, { level: name.endsWith('.pdf') ? 0 : 6 }]])),
        { mtime: new Date(`${run.issueDate}T12:00:00Z`) },
      );
      return { filename: `rechnungen-${run.year}-${run.kind}-${run.id.slice(-8)}.zip`, content: Buffer.from(zipped) };
    });
  }

  async budgetRows(auth: AuthContext, id: string): Promise<{ filename: string; rows: BudgetRow[] }> {
    return withTenant(this.db, auth, async (tx) => {
      const run = await this.issuedRun(tx, auth, id);
      const invs = await repo.invoicesOfRun(tx, auth, id);
      const mappings = new Map((await settingsRepo.mappings(tx, auth, run.orgId)).map((m) => [m.orgId, m]));
      const rows: BudgetRow[] = [];
      for (const inv of invs) {
        const m = mappings.get(inv.orgId);
        for (const line of inv.lines) {
          const t = totalsOf([line]);
          rows.push({
            number: inv.number!,
            typeCode: inv.typeCode,
            runKind: run.kind,
            issueDate: inv.issueDate!,
            dueDate: inv.dueDate,
            budgetYear: run.year,
            member: inv.buyerName,
            leitwegId: inv.leitwegId!,
            periodStart: inv.periodStart,
            periodEnd: inv.periodEnd,
            line,
            lineGrossCents: t.grossCents,
            system: m?.system ?? null,
            product: m?.product ?? null,
            account: m?.account ?? null,
            costCentre: m?.costCentre ?? null,
            budgetLine: m?.budgetLine ?? null,
            expenseKind: m?.expenseKind ?? 'consumptive',
          });
        }
      }
      return { filename: `haushalt-${run.year}-${run.kind}-${run.id.slice(-8)}`, rows };
    });
  }
}
