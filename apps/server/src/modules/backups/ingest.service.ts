import { parse } from 'csv-parse/sync';
import { access } from '../../platform/access/access.js';
import { orgsWith, type AuthContext } from '../../platform/auth/auth.context.js';
import type { Db, Tx } from '../../platform/db/client.js';
import { withSystem, withTenant } from '../../platform/db/tenant.js';
import { NotFoundError, UnprocessableError, type FieldError } from '../../platform/http/errors.js';
import { openOrUpdateSystemTicket } from '../tickets/index.js';
import type { RunInput, RunIngestRequest } from './backups.dto.js';
import * as repo from './backups.repository.js';
import type { BackupJobRow, BackupRunStatus } from './backups.schema.js';
import { rpoStatus } from './rpo.js';

const CHUNK = 1000;
const STATUS_WORDS: Record<string, BackupRunStatus> = {
  success: 'success',
  ok: 'success',
  erfolgreich: 'success',
  warning: 'warning',
  warnung: 'warning',
  failed: 'failed',
  error: 'failed',
  fehler: 'failed',
  fehlgeschlagen: 'failed',
};

export interface IngestResult {
  received: number;
  inserted: number;
  updated: number;
  alerts: number;
}

const fmt = (d: Date) =>
  d.toLocaleString('de-DE', { timeZone: 'Europe/Berlin', dateStyle: 'medium', timeStyle: 'short' });

/**
 * Backup runs from the backup software (API token with backup.ingest) or a CSV file: upserted on
 * (job, start), so a repeated delivery is harmless. A job with a failed run gets ONE ticket in the
 * service desk (dedupe key per job): opened on the first failure, later failures add a note while
 * it is open. A violated RPO does the same through `checkRpo`.
 */
export class IngestService {
  constructor(
    private readonly db: Db,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  async ingest(auth: AuthContext, body: RunIngestRequest, source: 'api' | 'csv' = 'api'): Promise<IngestResult> {
    const single = !('runs' in body);
    const runs: RunInput[] = 'runs' in body ? body.runs : [body];
    return this.write(auth, runs, source, single);
  }

  private async write(
    auth: AuthContext,
    runs: RunInput[],
    source: 'api' | 'csv',
    single: boolean,
    fieldOf = (i: number) => `body/runs/${i}`,
  ): Promise<IngestResult> {
    access.requireAnywhere(auth, 'backup.ingest');
    const errors: FieldError[] = [];
    runs.forEach((r, i) => {
      if (r.endedAt && new Date(r.endedAt) < new Date(r.startedAt)) {
        errors.push({ field: `${fieldOf(i)}/endedAt`, message: 'before startedAt' });
      }
    });
    if (errors.length > 0) {
      throw new UnprocessableError('Some runs end before they start; nothing was stored.', errors);
    }
    const jobIds = [...new Set(runs.map((r) => r.jobId))];
    const failedJobs = new Map<string, { count: number; last: RunInput }>();
    const result = await withTenant(this.db, auth, async (tx) => {
      // Only jobs of organisations this caller may ingest for: a token of another provider sees none.
      const jobs = await repo.jobsByIds(tx, auth, jobIds, orgsWith(auth, 'backup.ingest'));
      const known = new Map(jobs.map((j) => [j.id, j]));
      const unknown = runs.map((r, i) => [r, i] as const).filter(([r]) => !known.has(r.jobId));
      if (unknown.length > 0) {
        if (single) {
          throw new NotFoundError('There is no backup job with this id.');
        }
        throw new UnprocessableError(
          'Unknown backup jobs; nothing was stored.',
          unknown.slice(0, 100).map(([, i]) => ({ field: `${fieldOf(i)}/jobId`, message: 'unknown job' })),
        );
      }
      // One row per (job, start): the last in the delivery wins (a conflict row may change only once per statement).
      const rows = new Map<string, repo.RunInsert>();
      for (const r of runs) {
        const startedAt = new Date(r.startedAt);
        rows.set(`${r.jobId}|${startedAt.getTime()}`, {
          orgId: known.get(r.jobId)!.orgId,
          jobId: r.jobId,
          status: r.status,
          startedAt,
          endedAt: r.endedAt ? new Date(r.endedAt) : null,
          bytes: r.bytes ?? null,
          message: r.message ?? null,
          source,
        });
        if (r.status === 'failed') {
          const f = failedJobs.get(r.jobId);
          failedJobs.set(r.jobId, {
            count: (f?.count ?? 0) + 1,
            last: !f || f.last.startedAt < r.startedAt ? r : f.last,
          });
        }
      }
      const all = [...rows.values()];
      let inserted = 0;
      let updated = 0;
      for (let i = 0; i < all.length; i += CHUNK) {
        const res = await repo.upsertRuns(tx, all.slice(i, i + CHUNK));
        inserted += res.inserted;
        updated += res.updated;
      }
      const refreshed = await repo.refreshJobs(tx, jobIds);
      // A job that is fine again (last run not failed, RPO kept) leaves its alert state; its ticket
      // stays with the service desk until someone resolves it.
      const now = this.clock();
      for (const j of await repo.jobsInScope(
        tx,
        auth,
        refreshed.filter((r) => r.before_state !== 'ok').map((r) => r.id),
      )) {
        const rpo = rpoStatus(now, { lastSuccessAt: j.lastSuccessAt, rpoHours: j.rpoHours, createdAt: j.createdAt });
        if (j.lastRunStatus !== 'failed' && rpo.state !== 'violated') {
          await repo.setAlert(tx, j.id, 'ok', undefined);
        }
      }
      return { received: runs.length, inserted, updated };
    });
    const alerts = await this.alertFailures(failedJobs);
    return { ...result, alerts };
  }

  /** One ticket per job (not per run): one open-or-update per job of this delivery. */
  private async alertFailures(failed: Map<string, { count: number; last: RunInput }>): Promise<number> {
    if (failed.size === 0) {
      return 0;
    }
    return withSystem(this.db, async (tx) => {
      const jobs = await repo.jobsByIdsSystem(tx, [...failed.keys()]);
      for (const job of jobs) {
        const f = failed.get(job.id)!;
        const when = fmt(new Date(f.last.startedAt));
        const body =
          f.count === 1
            ? `Sicherungslauf vom ${when} fehlgeschlagen${f.last.message ? `: ${f.last.message}` : '.'}`
            : `${f.count} Sicherungsläufe fehlgeschlagen, zuletzt am ${when}${f.last.message ? `: ${f.last.message}` : '.'}`;
        await this.ticket(tx, job, 'failed', `Datensicherung fehlgeschlagen: ${job.name}`, body);
      }
      return jobs.length;
    });
  }

  private async ticket(tx: Tx, job: BackupJobRow, state: 'failed' | 'rpo_violated', title: string, body: string) {
    const { ticket } = await openOrUpdateSystemTicket(tx, {
      providerId: job.providerId,
      memberId: job.orgId,
      dedupeKey: `backup:job:${job.id}`,
      title,
      body,
      reporter: 'Backup-Überwachung',
      impact: 'medium',
      urgency: state === 'failed' ? 'high' : 'medium',
    });
    await repo.setAlert(tx, job.id, state, ticket.id);
  }

  /**
   * Admin path (scheduler, or a provider's "check now"): every active job whose RPO is violated and
   * that has no alert yet gets its ticket. Jobs already alerted are left alone until they recover,
   * so a check every few minutes never adds notes to a ticket.
   */
  async checkRpo(providerIds: readonly string[] | 'all'): Promise<{ violated: number }> {
    const now = this.clock();
    return withSystem(this.db, async (tx) => {
      const jobs = await repo.jobsNewlyViolated(tx, providerIds, now);
      for (const job of jobs) {
        const r = rpoStatus(now, {
          lastSuccessAt: job.lastSuccessAt,
          rpoHours: job.rpoHours,
          createdAt: job.createdAt,
        });
        const since = job.lastSuccessAt
          ? `Letzte erfolgreiche Sicherung: ${fmt(job.lastSuccessAt)}`
          : 'Noch keine erfolgreiche Sicherung';
        await this.ticket(
          tx,
          job,
          'rpo_violated',
          `RPO überschritten: ${job.name}`,
          `${since}; RPO ${job.rpoHours} h, überschritten um ${r.overdueHours.toLocaleString('de-DE')} h.`,
        );
      }
      return { violated: jobs.length };
    });
  }

  /** The providers on which the caller manages backups (for "check now"). */
  providersOf(auth: AuthContext): string[] {
    access.requireAnywhere(auth, 'backup.manage');
    return orgsWith(auth, 'backup.manage');
  }

  /**
   * CSV of runs (header `jobId;status;startedAt;endedAt;bytes;message`, `;` or `,`): all rows are
   * checked first; any error refuses the whole file with the row numbers (no partial import).
   */
  async importCsv(auth: AuthContext, text: string, dryRun: boolean): Promise<IngestResult & { dryRun: boolean }> {
    access.requireAnywhere(auth, 'backup.ingest');
    const firstLine = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
    const delimiter = firstLine.includes(';') ? ';' : ',';
    let records: Record<string, string>[];
    try {
      records = parse(text.replace(/^\uFEFF/, ''), {
        columns: (h: string[]) => h.map((c) => c.trim()),
        delimiter,
        skip_empty_lines: true,
        trim: true,
        relax_column_count: false,
      });
    } catch (e) {
      throw new UnprocessableError(`The CSV cannot be read: ${(e as Error).message}`);
    }
    const required = ['jobId', 'status', 'startedAt'];
    const header = records.length > 0 ? Object.keys(records[0]!) : firstLine.split(delimiter).map((s) => s.trim());
    const missing = required.filter((c) => !header.includes(c));
    if (missing.length > 0) {
      throw new UnprocessableError(
        `Missing columns: ${missing.join(', ')}`,
        missing.map((c) => ({ field: `header/${c}`, message: 'missing' })),
      );
    }
    if (records.length > 100_000) {
      throw new UnprocessableError('At most 100,000 runs per file.');
    }
    const errors: FieldError[] = [];
    const runs: RunInput[] = [];
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
    const instant = (s: string | undefined) =>
      s && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(s) && !Number.isNaN(Date.parse(s))
        ? s
        : undefined;
    records.forEach((rec, i) => {
      const row = `row ${i + 2}`;
      const status = STATUS_WORDS[(rec.status ?? '').toLowerCase()];
      const startedAt = instant(rec.startedAt);
      const endedAt = rec.endedAt ? instant(rec.endedAt) : null;
      const bytes = rec.bytes ? Number(rec.bytes) : null;
      if (!uuid.test(rec.jobId ?? '')) {
        errors.push({ field: `${row}/jobId`, message: 'a job id (UUID)' });
      }
      if (!status) {
        errors.push({ field: `${row}/status`, message: 'success, warning or failed' });
      }
      if (!startedAt) {
        errors.push({ field: `${row}/startedAt`, message: 'ISO 8601 with offset, e.g. 2026-03-01T22:00:00+01:00' });
      }
      if (endedAt === undefined) {
        errors.push({ field: `${row}/endedAt`, message: 'ISO 8601 with offset' });
      }
      if (bytes !== null && (!Number.isSafeInteger(bytes) || bytes < 0)) {
        errors.push({ field: `${row}/bytes`, message: 'a whole number ≥ 0' });
      }
      if (status && startedAt && endedAt !== undefined && uuid.test(rec.jobId ?? '')) {
        runs.push({
          jobId: rec.jobId!.toLowerCase(),
          status,
          startedAt,
          endedAt,
          bytes,
          message: rec.message ? rec.message.slice(0, 4000) : null,
        });
      }
    });
    if (errors.length > 0) {
      throw new UnprocessableError(`${errors.length} errors in the file; nothing was imported.`, errors.slice(0, 200));
    }
    if (dryRun) {
      // Checks the job ids too, in a transaction that writes nothing.
      await withTenant(this.db, auth, async (tx) => {
        const jobs = await repo.jobsByIds(
          tx,
          auth,
          [...new Set(runs.map((r) => r.jobId))],
          orgsWith(auth, 'backup.ingest'),
        );
        const known = new Set(jobs.map((j) => j.id));
        const bad = runs.map((r, i) => [r, i] as const).filter(([r]) => !known.has(r.jobId));
        if (bad.length > 0) {
          throw new UnprocessableError(
            'Unknown backup jobs; nothing would be imported.',
            bad.slice(0, 100).map(([, i]) => ({ field: `row ${i + 2}/jobId`, message: 'unknown job' })),
          );
        }
      });
      return { received: runs.length, inserted: 0, updated: 0, alerts: 0, dryRun: true };
    }
    return { ...(await this.write(auth, runs, 'csv', false, (i) => `row ${i + 2}`)), dryRun: false };
  }
}
