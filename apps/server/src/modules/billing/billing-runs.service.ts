import { createHash } from 'node:crypto';
import type { Invoice } from '@verbund/einvoice';
import { access } from '../../platform/access/access.js';
import type { AuthContext } from '../../platform/auth/auth.context.js';
import { recordAudit } from '../../platform/audit/audit.js';
import type { Db, Tx } from '../../platform/db/client.js';
import { withTenant } from '../../platform/db/tenant.js';
import { ConflictError, HttpError, NotFoundError, UnprocessableError } from '../../platform/http/errors.js';
import { freezePriceList, priceListForYear } from '../catalog/index.js';
import { defaultLeitwegIds } from '../members/index.js';
import { noGrantReductions, type GrantReductions } from './allocation-inputs.js';
import { addDaysIso } from './allocation.js';
import type { BillingRunCreateRequest, BillingRunResponse } from './billing.dto.js';
import type { BillingRunRow, InvoiceRow, RunProgress } from './billing.schema.js';
import { renderInvoicePdf } from './invoice-pdf.js';
import { buildModel, InvoiceValidationError, totalsOf, writeValidated } from './invoice-xml.js';
import { has, resolveProvider } from './provider.js';
import { computeDrafts } from './run-compute.js';
import * as repo from './runs.repository.js';
import * as settingsRepo from './settings.repository.js';

export const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** Today in Europe/Berlin (the date printed on an invoice issued now). */
export function berlinToday(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

export interface BillingHooks {
  /** Called before each invoice is numbered while issuing (tests inject failures here). */
  beforeInvoice?: (index: number, invoice: InvoiceRow) => void;
}

const KIND_TITLE = { advance: 'Abschläge', settlement: 'Spitzabrechnung', usage: 'Nutzungsabrechnung' } as const;
/** A run left in `issuing` this long by a process that died may be reset (its transaction rolled back). */
const STALE_ISSUING_MS = 15 * 60 * 1000;

export class BillingRunsService {
  /** Progress of the runs this process is issuing (run id → progress). */
  private readonly progress = new Map<string, RunProgress>();
  /** Issue jobs of this process (run id → job), awaited by tests and the bench. */
  private readonly jobs = new Map<string, Promise<void>>();

  constructor(
    private readonly db: Db,
    private readonly opts: { grants?: GrantReductions; hooks?: BillingHooks; log?: (msg: string, err?: unknown) => void } = {},
  ) {}

  private async present(tx: Tx, auth: AuthContext, run: BillingRunRow): Promise<BillingRunResponse> {
    const sum = await repo.runSummary(tx, auth, run.id);
    const count = sum.invoices + sum.creditNotes;
    const manage = has(auth, run.orgId, 'billing.manage');
    return {
      id: run.id,
      providerId: run.orgId,
      kind: run.kind,
      status: run.status,
      year: run.year,
      periodStart: run.periodStart,
      periodEnd: run.periodEnd,
      planId: run.planId,
      title: run.title,
      issueDate: run.issueDate,
      computedAt: run.computedAt?.toISOString() ?? null,
      issuedAt: run.issuedAt?.toISOString() ?? null,
      progress: this.progress.get(run.id) ?? run.progress ?? null,
      lastError: run.lastError,
      summary: {
        invoices: sum.invoices,
        creditNotes: sum.creditNotes,
        netCents: Number(sum.net),
        vatCents: Number(sum.vat),
        grossCents: Number(sum.gross),
        missingLeitwegIds: sum.missing,
      },
      abilities: { recompute: manage && run.status === 'draft', issue: manage && run.status === 'draft' && count > 0, delete: manage && run.status === 'draft' },
      createdAt: run.createdAt.toISOString(),
    };
  }

  private async load(tx: Tx, auth: AuthContext, permission: 'billing.read' | 'billing.manage', id: string, lock = false) {
    await access.require(tx, auth, permission, [id]);
    const run = lock ? await repo.lockRun(tx, auth, id) : await repo.findRun(tx, auth, id);
    if (!run) {
      throw new NotFoundError();
    }
    return run;
  }

  async list(auth: AuthContext, q: { providerId?: string; year?: number; kind?: string; status?: string }) {
    return withTenant(this.db, auth, async (tx) => {
      const pid = await resolveProvider(tx, auth, 'billing.read', q.providerId);
      const runs = await repo.listRuns(tx, auth, pid, q);
      const items: BillingRunResponse[] = [];
      for (const r of runs) {
        items.push(await this.present(tx, auth, r));
      }
      return { items };
    });
  }

  async get(auth: AuthContext, id: string) {
    return withTenant(this.db, auth, async (tx) => this.present(tx, auth, await this.load(tx, auth, 'billing.read', id)));
  }

  async create(auth: AuthContext, input: BillingRunCreateRequest, providerId?: string) {
    return withTenant(this.db, auth, async (tx) => {
      const pid = await resolveProvider(tx, auth, 'billing.manage', providerId);
      if (input.planId) {
        await access.require(tx, auth, 'billing.read', [input.planId]);
      }
      const year = Number(input.periodStart.slice(0, 4));
      const run = await repo.insertRun(tx, auth, {
        orgId: pid,
        kind: input.kind,
        year,
        periodStart: input.periodStart,
        periodEnd: input.periodEnd,
        planId: input.planId ?? null,
        title: input.title ?? `${KIND_TITLE[input.kind]} ${input.periodStart.slice(0, 7)} bis ${input.periodEnd.slice(0, 7)}`,
        issueDate: input.issueDate ?? null,
        createdBy: auth.userId,
      });
      const computed = await this.compute(tx, auth, run);
      await recordAudit(tx, auth, { orgId: pid, entityType: 'billing_run', entityId: run.id, action: 'create', after: computed });
      return this.present(tx, auth, computed);
    });
  }

  /** Replaces the run's draft invoices by freshly computed ones (in the caller's transaction). */
  async compute(tx: Tx, auth: AuthContext, run: BillingRunRow): Promise<BillingRunRow> {
    const settings = await settingsRepo.findSettings(tx, auth, run.orgId);
    const drafts = await computeDrafts({ tx, scope: auth, run, grants: this.opts.grants ?? noGrantReductions, exemptVatex: settings?.exemptVatex ?? 'VATEX-EU-132-1I' });
    await repo.deleteDrafts(tx, auth, run.id);
    const leitweg = await defaultLeitwegIds(tx, auth, [...new Set(drafts.map((d) => d.orgId))]);
    await repo.insertInvoices(
      tx,
      auth,
      drafts.map((d) => {
        const t = totalsOf(d.lines);
        return {
          orgId: d.orgId,
          providerId: run.orgId,
          runId: run.id,
          status: 'draft' as const,
          runKind: run.kind,
          typeCode: d.typeCode,
          periodStart: d.periodStart,
          periodEnd: d.periodEnd,
          leitwegId: leitweg.get(d.orgId) ?? null,
          buyerName: d.buyerName,
          netCents: t.netCents,
          vatCents: t.vatCents,
          grossCents: t.grossCents,
          lines: d.lines,
          explanation: d.explanation,
          precedingInvoiceId: d.precedingInvoiceId,
          precedingNumber: d.precedingNumber,
          precedingIssueDate: d.precedingIssueDate,
        };
      }),
    );
    return (await repo.updateRun(tx, auth, run.id, { computedAt: new Date(), progress: { phase: 'compute', done: drafts.length, total: drafts.length }, lastError: null, status: 'draft' }))!;
  }

  async recompute(auth: AuthContext, id: string) {
    return withTenant(this.db, auth, async (tx) => {
      const run = await this.load(tx, auth, 'billing.manage', id, true);
      const stale = run.status === 'issuing' && !this.jobs.has(id) && Date.now() - run.updatedAt.getTime() > STALE_ISSUING_MS;
      if (run.status !== 'draft' && !stale) {
        throw new ConflictError(`A run in status ${run.status} cannot be recomputed; corrections go by credit note.`);
      }
      const computed = await this.compute(tx, auth, run);
      await recordAudit(tx, auth, { orgId: run.orgId, entityType: 'billing_run', entityId: id, action: 'recompute', before: run, after: computed });
      return this.present(tx, auth, computed);
    });
  }

  async remove(auth: AuthContext, id: string) {
    await withTenant(this.db, auth, async (tx) => {
      const run = await this.load(tx, auth, 'billing.manage', id, true);
      if (run.status !== 'draft') {
        throw new ConflictError('Only a draft run can be deleted.');
      }
      await repo.deleteRun(tx, auth, id);
      await recordAudit(tx, auth, { orgId: run.orgId, entityType: 'billing_run', entityId: id, action: 'delete', before: run });
    });
  }

  /**
   * Checks that the run can be issued and marks it `issuing`; the issue itself runs as a job
   * (poll the run for its progress). Members without a Leitweg-ID block it (422, listed).
   */
  async startIssue(auth: AuthContext, id: string): Promise<BillingRunResponse> {
    const response = await withTenant(this.db, auth, async (tx) => {
      const run = await this.load(tx, auth, 'billing.manage', id, true);
      if (run.status !== 'draft') {
        throw new ConflictError(`The run is ${run.status}; only a draft can be issued.`);
      }
      await this.preconditions(tx, auth, run);
      const summary = await repo.runSummary(tx, auth, id);
      const n = summary.invoices + summary.creditNotes;
      const progress: RunProgress = { phase: 'issue', done: 0, total: n };
      this.progress.set(id, progress);
      const updated = (await repo.updateRun(tx, auth, id, { status: 'issuing', progress, lastError: null }))!;
      return this.present(tx, auth, updated);
    });
    const job = this.issue(auth, id).finally(() => this.jobs.delete(id));
    this.jobs.set(id, job);
    return response;
  }

  /** Resolves when this process's issue job of the run has ended (at once when there is none). */
  async settled(id: string): Promise<void> {
    await this.jobs.get(id);
  }

  private async preconditions(tx: Tx, auth: AuthContext, run: BillingRunRow) {
    const invs = await repo.buyersOfRun(tx, auth, run.id);
    if (invs.length === 0) {
      throw new UnprocessableError('The run has no invoices to issue.');
    }
    if (!(await settingsRepo.findSettings(tx, auth, run.orgId))) {
      throw new UnprocessableError('Enter the billing settings (seller data) before issuing.');
    }
    const leitweg = await defaultLeitwegIds(tx, auth, [...new Set(invs.map((i) => i.orgId))]);
    const missing = new Map<string, string>();
    for (const i of invs) {
      if (!leitweg.has(i.orgId)) {
        missing.set(i.orgId, i.buyerName);
      }
    }
    if (missing.size > 0) {
      throw new HttpError(422, 'Unprocessable Content', `${missing.size} member(s) have no default Leitweg-ID; an XRechnung needs one (BT-10).`, {
        errors: [...missing].map(([orgId, name]) => ({ field: `members/${orgId}/leitwegId`, message: `${name}: keine Leitweg-ID` })),
        members: [...missing].map(([orgId, orgName]) => ({ orgId, orgName })),
      });
    }
  }

  /** The issue job: everything in one transaction, then the PDFs. On failure the run is a draft again. */
  private async issue(auth: AuthContext, id: string): Promise<void> {
    try {
      await withTenant(this.db, auth, (tx) => this.issueInTx(tx, auth, id));
    } catch (e) {
      const message = e instanceof InvoiceValidationError ? `${e.message}\n${e.messages.join('\n')}` : e instanceof Error ? e.message : String(e);
      this.opts.log?.(`billing run ${id}: issue failed`, e);
      this.progress.delete(id);
      await withTenant(this.db, auth, (tx) => repo.updateRun(tx, auth, id, { status: 'draft', lastError: message, progress: { phase: 'failed', done: 0, total: 0 } })).catch((err: unknown) =>
        this.opts.log?.(`billing run ${id}: could not record the failure`, err),
      );
      return;
    }
    try {
      await this.renderPdfs(auth, id);
    } catch (e) {
      // The invoices are issued; a PDF that is missing is rendered on its first download.
      this.opts.log?.(`billing run ${id}: PDFs not all rendered`, e);
    } finally {
      this.progress.delete(id);
    }
  }

  /**
   * Issues a draft run inside the caller's transaction (seeds, admin jobs): the same steps as the
   * job, without progress polling or PDFs (those are rendered on first download).
   */
  async issueWithin(tx: Tx, auth: AuthContext, id: string) {
    const run = await repo.lockRun(tx, auth, id);
    if (!run || run.status !== 'draft') {
      throw new ConflictError('Only a draft run can be issued.');
    }
    await repo.updateRun(tx, auth, id, { status: 'issuing' });
    await this.issueInTx(tx, auth, id);
    this.progress.delete(id);
  }

  private async issueInTx(tx: Tx, auth: AuthContext, id: string) {
    const run = await repo.lockRun(tx, auth, id);
    if (!run || run.status !== 'issuing') {
      throw new ConflictError('The run is not waiting to be issued.');
    }
    await this.preconditions(tx, auth, run);
    const settings = (await settingsRepo.findSettings(tx, auth, run.orgId))!;
    const invs = await repo.invoicesOfRun(tx, auth, id);
    const leitweg = await defaultLeitwegIds(tx, auth, [...new Set(invs.map((i) => i.orgId))]);
    const addresses = await repo.memberAddresses(tx, auth, [...new Set(invs.map((i) => i.orgId))]);
    const issueDate = run.issueDate ?? berlinToday();
    const year = Number(issueDate.slice(0, 4));
    const first = await repo.takeNumbers(tx, run.orgId, year, invs.length);
    const progress: RunProgress = { phase: 'issue', done: 0, total: invs.length };
    this.progress.set(id, progress);
    const docs: repo.DocumentInsert[] = [];
    const issued: Parameters<typeof repo.markIssuedMany>[1] = [];
    for (const [i, inv] of invs.entries()) {
      this.opts.hooks?.beforeInvoice?.(i, inv);
      const number = `${settings.numberPrefix}-${year}-${String(first + i).padStart(5, '0')}`;
      const addr = addresses.get(inv.orgId);
      const leitwegId = leitweg.get(inv.orgId)!;
      const dueDate = inv.typeCode === '380' ? addDaysIso(issueDate, settings.paymentTermsDays) : null;
      const model: Invoice = buildModel(
        settings,
        { name: addr?.name ?? inv.buyerName, street: addr?.street ?? null, postalCode: addr?.postalCode ?? null, city: addr?.city ?? null, leitwegId },
        {
          number,
          issueDate,
          dueDate,
          typeCode: inv.typeCode as '380' | '381',
          periodStart: inv.periodStart,
          periodEnd: inv.periodEnd,
          lines: inv.lines,
          preceding: inv.precedingNumber ? { number: inv.precedingNumber, issueDate: inv.precedingIssueDate } : null,
          note: inv.typeCode === '381' ? `Gutschrift zu Rechnung ${inv.precedingNumber}` : undefined,
        },
      );
      const xml = Buffer.from(writeValidated(model, 'ubl'), 'utf8');
      issued.push({ id: inv.id, number, issueDate, dueDate, leitwegId, model });
      docs.push({ orgId: inv.orgId, invoiceId: inv.id, kind: 'ubl', contentType: 'application/xml', content: xml, sha256: sha256(xml), sizeBytes: xml.length });
      progress.done = i + 1;
    }
    await repo.markIssuedMany(tx, issued);
    await repo.insertDocuments(tx, docs);
    if (run.kind === 'usage') {
      const list = await priceListForYear(tx, run.orgId, run.year);
      if (list) {
        await freezePriceList(tx, list.id);
      }
    }
    const done = (await repo.updateRun(tx, auth, id, { status: 'issued', issueDate, issuedAt: new Date(), progress: { phase: 'done', done: invs.length, total: invs.length } }))!;
    await recordAudit(tx, auth, {
      orgId: run.orgId,
      entityType: 'billing_run',
      entityId: id,
      action: 'issue',
      before: { status: run.status },
      after: { status: done.status, numbers: invs.length ? [`${first}`, `${first + invs.length - 1}`] : [] },
    });
  }

  /** Renders and stores the PDF of every issued invoice of the run, in small transactions. */
  private async renderPdfs(auth: AuthContext, id: string) {
    const invs = await withTenant(this.db, auth, (tx) => repo.invoicesOfRun(tx, auth, id));
    const progress: RunProgress = { phase: 'pdf', done: 0, total: invs.length };
    this.progress.set(id, progress);
    for (let i = 0; i < invs.length; i += 25) {
      const chunk = invs.slice(i, i + 25);
      const docs: repo.DocumentInsert[] = [];
      for (const inv of chunk) {
        const pdf = await renderInvoicePdf(inv.model as Invoice, inv.explanation);
        docs.push({ orgId: inv.orgId, invoiceId: inv.id, kind: 'pdf', contentType: 'application/pdf', content: pdf, sha256: sha256(pdf), sizeBytes: pdf.length });
      }
      await withTenant(this.db, auth, (tx) => repo.insertDocuments(tx, docs));
      progress.done = Math.min(invs.length, i + 25);
    }
  }
}
