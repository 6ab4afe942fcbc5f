import { createHash } from 'node:crypto';
import type { Invoice } from '@verbund/einvoice';
import { access } from '../../platform/access/access.js';
import type { AuthContext } from '../../platform/auth/auth.context.js';
import { recordAudit } from '../../platform/audit/audit.js';
import { hasSeparateConnections, type Db, type Tx } from '../../platform/db/client.js';
import { withTenant } from '../../platform/db/tenant.js';
import { ConflictError, HttpError, NotFoundError, UnprocessableError } from '../../platform/http/errors.js';
import { freezePriceList, priceListForYear } from '../catalog/index.js';
import { defaultLeitwegIds } from '../members/index.js';
import { noGrantReductions, type GrantReductions } from './allocation-inputs.js';
import { addDaysIso } from './allocation.js';
import type { BillingRunCreateRequest, BillingRunResponse } from './billing.dto.js';
import type { BillingRunRow, InvoiceRow, RunProgress } from './billing.schema.js';
import { buildModel, InvoiceValidationError, totalsOf } from './invoice-xml.js';
import { has, resolveProvider } from './provider.js';
import { computeDrafts } from './run-compute.js';
import * as repo from './runs.repository.js';
import * as settingsRepo from './settings.repository.js';
import { xmlPool, type XmlPool } from './xml-pool.js';

export const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** Today in Europe/Berlin (the date printed on an invoice issued now). */
export function berlinToday(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

export interface BillingHooks {
  /** Called before each invoice is numbered while issuing (tests inject failures here). */
  beforeInvoice?: (index: number, invoice: InvoiceRow) => void;
  /** Awaited after each chunk's XML is written and validated (tests look at the stored progress). */
  afterChunk?: (done: number, total: number) => Promise<void>;
}

const KIND_TITLE = { advance: 'Abschläge', settlement: 'Spitzabrechnung', usage: 'Nutzungsabrechnung' } as const;
/** A run left in `issuing` this long by a process that died may be reset (its transaction rolled back). */
const STALE_ISSUING_MS = 15 * 60 * 1000;

export class BillingRunsService {
  /** Issue jobs of this process (run id → job), awaited by tests and the bench. */
  private readonly jobs = new Map<string, Promise<void>>();

  constructor(
    private readonly db: Db,
    private readonly opts: {
      grants?: GrantReductions;
      hooks?: BillingHooks;
      log?: (msg: string, err?: unknown) => void;
      /** Invoices per chunk of the issue loop (default 100; tests use 1 to cross chunks with few invoices). */
      issueChunk?: number;
      /** The XRechnung worker pool (default: the process's, one worker per core; the bench compares with none). */
      xmlPool?: XmlPool;
    } = {},
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
      progress: run.progress ?? null,
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
    // The XML workers start while the user looks at the preview, ready for the issue.
    (this.opts.xmlPool ?? xmlPool).warm(drafts.length);
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
      const progress = hasSeparateConnections(this.db) ? new ProgressWriter(this.db, auth, id) : undefined;
      try {
        await withTenant(this.db, auth, (tx) => this.issueInTx(tx, auth, id, progress));
      } finally {
        await progress?.stop();
      }
    } catch (e) {
      const message = e instanceof InvoiceValidationError ? `${e.message}\n${e.messages.join('\n')}` : e instanceof Error ? e.message : String(e);
      this.opts.log?.(`billing run ${id}: issue failed`, e);
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
      await withTenant(this.db, auth, async (tx) => {
        const run = await repo.findRun(tx, auth, id);
        const total = run?.progress?.total ?? 0;
        await repo.updateRun(tx, auth, id, { progress: { phase: 'done', done: total, total } });
      }).catch((err: unknown) => this.opts.log?.(`billing run ${id}: could not record the end of the PDFs`, err));
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
  }

  /**
   * Numbers, writes and validates every invoice of the run and stores it, in the caller's
   * transaction: all or nothing, the counter row locked until commit (gapless). The run row is
   * not locked here: its status `issuing` keeps recompute and delete away, and the progress is
   * written to it from beside this transaction (`progress`, PostgreSQL only).
   *
   * Per chunk of invoices the models are built here, the XML is written and validated on worker
   * threads, and on PostgreSQL the chunk's UPDATE and document INSERT are sent without waiting,
   * so the database stores one chunk while the workers validate the next.
   */
  private async issueInTx(tx: Tx, auth: AuthContext, id: string, progress?: ProgressWriter) {
    const run = await repo.findRun(tx, auth, id);
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
    const writes = new ChunkWrites(hasSeparateConnections(this.db));
    let done = 0;
    try {
      const chunk = this.opts.issueChunk ?? ISSUE_CHUNK;
      for (let start = 0; start < invs.length; start += chunk) {
        const part = invs.slice(start, start + chunk);
        const issued: (Parameters<typeof repo.markIssuedMany>[1][number] & { model: Invoice })[] = part.map((inv, j) => {
          this.opts.hooks?.beforeInvoice?.(start + j, inv);
          const number = `${settings.numberPrefix}-${year}-${String(first + start + j).padStart(5, '0')}`;
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
          return { id: inv.id, number, issueDate, dueDate, leitwegId, model };
        });
        const xml = await (this.opts.xmlPool ?? xmlPool).writeAll(
          issued.map((x) => x.model),
          'ubl',
          (n) => {
            done += n;
            progress?.report({ phase: 'issue', done, total: invs.length });
          },
        );
        writes.check();
        await this.opts.hooks?.afterChunk?.(done, invs.length);
        const docs: repo.DocumentInsert[] = part.map((inv, j) => {
          const content = Buffer.from(xml[j]!, 'utf8');
          return { orgId: inv.orgId, invoiceId: inv.id, kind: 'ubl', contentType: 'application/xml', content, sha256: sha256(content), sizeBytes: content.length };
        });
        await writes.add(async () => {
          await repo.markIssuedMany(tx, issued);
          await repo.insertDocuments(tx, docs);
        });
      }
    } finally {
      // Nothing may still be on its way when the transaction ends, committed or rolled back.
      await writes.settle();
    }
    writes.check();
    await progress?.stop();
    if (run.kind === 'usage') {
      const list = await priceListForYear(tx, run.orgId, run.year);
      if (list) {
        await freezePriceList(tx, list.id);
      }
    }
    const finished = await repo.finishIssue(tx, auth, id, { issueDate, issuedAt: new Date(), progress: { phase: 'done', done: invs.length, total: invs.length } });
    if (!finished) {
      // Someone reset the run (stale) while this transaction ran: give everything back.
      throw new ConflictError('The run was reset while it was being issued.');
    }
    await recordAudit(tx, auth, {
      orgId: run.orgId,
      entityType: 'billing_run',
      entityId: id,
      action: 'issue',
      before: { status: run.status },
      after: { status: finished.status, numbers: invs.length ? [`${first}`, `${first + invs.length - 1}`] : [] },
    });
  }

  /**
   * Renders and stores the PDF of every issued invoice of the run, in chunks of 50, each rendered
   * on the worker threads and stored in a small transaction with the progress.
   */
  private async renderPdfs(auth: AuthContext, id: string) {
    const invs = await withTenant(this.db, auth, (tx) => repo.invoicesOfRun(tx, auth, id));
    const pool = this.opts.xmlPool ?? xmlPool;
    for (let i = 0; i < invs.length; i += PDF_CHUNK) {
      const chunk = invs.slice(i, i + PDF_CHUNK);
      const pdfs = await pool.renderPdfs(chunk.map((inv) => ({ model: inv.model as Invoice, explanation: inv.explanation })));
      const docs: repo.DocumentInsert[] = chunk.map((inv, j) => {
        const pdf = pdfs[j]!;
        return { orgId: inv.orgId, invoiceId: inv.id, kind: 'pdf', contentType: 'application/pdf', content: pdf, sha256: sha256(pdf), sizeBytes: pdf.length };
      });
      const done = Math.min(invs.length, i + PDF_CHUNK);
      await withTenant(this.db, auth, async (tx) => {
        await repo.insertDocuments(tx, docs);
        await repo.updateRun(tx, auth, id, { progress: { phase: done === invs.length ? 'done' : 'pdf', done, total: invs.length } });
      });
    }
  }
}

/** PDFs per stored chunk (and per progress step) after the commit. */
const PDF_CHUNK = 50;

/** Invoices per chunk of the issue loop: the models, XML and rows of one chunk are in memory at once. */
const ISSUE_CHUNK = 100;

/**
 * The writes of the issue loop's chunks, one after the other on the transaction's connection.
 * With `overlap` (PostgreSQL) a chunk's writes run while the caller goes on with the next chunk;
 * otherwise (PGlite, one statement at a time in this thread anyway) each is awaited at once.
 */
class ChunkWrites {
  private tail: Promise<void> = Promise.resolve();
  private failure: { error: unknown } | undefined;

  constructor(private readonly overlap: boolean) {}

  async add(write: () => Promise<void>): Promise<void> {
    this.tail = this.tail.then(async () => {
      if (!this.failure) {
        await write().catch((error: unknown) => {
          this.failure ??= { error };
        });
      }
    });
    if (!this.overlap) {
      await this.tail;
      this.check();
    }
  }

  /** Throws the first failed write (the transaction is aborted then). */
  check() {
    if (this.failure) {
      throw this.failure.error;
    }
  }

  async settle() {
    await this.tail;
  }
}

/** Progress of an issue job, written to the run row by short transactions of its own, throttled. */
class ProgressWriter {
  private latest: RunProgress | undefined;
  private writing: Promise<void> | undefined;
  private lastAt = 0;
  private stopped = false;

  constructor(
    private readonly db: Db,
    private readonly auth: AuthContext,
    private readonly runId: string,
  ) {}

  report(p: RunProgress) {
    this.latest = { ...p };
    if (this.writing || this.stopped || Date.now() - this.lastAt < PROGRESS_EVERY_MS) {
      return;
    }
    this.writing = this.flush().finally(() => {
      this.writing = undefined;
    });
  }

  private async flush() {
    const p = this.latest;
    this.latest = undefined;
    this.lastAt = Date.now();
    if (p) {
      // A lost progress write only makes the bar lag; it must never fail the issue.
      await withTenant(this.db, this.auth, (tx) => repo.writeProgress(tx, this.auth, this.runId, p)).catch(() => undefined);
    }
  }

  /** No more writes; resolves when the one on its way has ended (before the run row is finished). */
  async stop() {
    this.stopped = true;
    await this.writing;
  }
}

const PROGRESS_EVERY_MS = 250;
