import { access } from '../../platform/access/access.js';
import type { AuthContext } from '../../platform/auth/auth.context.js';
import type { Db } from '../../platform/db/client.js';
import { withTenant } from '../../platform/db/tenant.js';
import { NotFoundError } from '../../platform/http/errors.js';
import { renderPdf, type Pdf } from '../../platform/pdf/index.js';
import { organisationsRepository } from '../organisations/index.js';
import type { JobResponse, PlanResponse, RestoreTestResponse } from './backups.dto.js';
import * as repo from './backups.repository.js';
import type { JobsService } from './jobs.service.js';
import { planView, presentTest } from './restore.service.js';
import * as restoreRepo from './restore.repository.js';
import { rpoGaps, successTime } from './rpo.js';

const RESULT_DE: Record<string, string> = { success: 'erfolgreich', partial: 'teilweise', failed: 'fehlgeschlagen' };
const berlin = (d: Date) =>
  d.toLocaleString('de-DE', { timeZone: 'Europe/Berlin', dateStyle: 'medium', timeStyle: 'short' });
const dateDe = (iso: string) => `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}`;

export interface JobYear {
  job: JobResponse;
  runs: number;
  ok: number;
  failed: number;
  lastSuccess: Date | null;
  rpoViolations: number;
  longestGapHours: number;
  failures: { startedAt: Date; message: string | null }[];
}

export interface ReportModel {
  memberName: string;
  year: number;
  generatedAt: Date;
  jobs: JobYear[];
  tests: RestoreTestResponse[];
  plan: PlanResponse;
}

/** "Nachweis Datensicherung": one member, one year, as a PDF for the member's records and auditors. */
export class ReportService {
  constructor(
    private readonly db: Db,
    private readonly jobs: JobsService,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  async model(auth: AuthContext, memberId: string, year: number): Promise<ReportModel> {
    const now = this.clock();
    const loaded = await withTenant(this.db, auth, async (tx) => {
      await access.require(tx, auth, 'backup.read', [memberId]);
      const org = await organisationsRepository.findById(tx, auth, memberId);
      if (!org || org.kind !== 'member') {
        throw new NotFoundError();
      }
      const rows = await repo.listJobs(tx, auth, { orgIds: [memberId], now, limit: 10_000 });
      const assets = await this.jobs.assetsOf(auth, tx, rows);
      const runs = await repo.runsOfJobsInYear(tx, auth, memberId, year);
      const tests = (await restoreRepo.listTests(tx, auth, { orgIds: [memberId], year })).map((t) =>
        presentTest(auth, t),
      );
      const plan = planView(
        auth,
        memberId,
        year,
        await restoreRepo.planItems(tx, auth, memberId, year),
        await restoreRepo.listTests(tx, auth, { orgIds: [memberId], year }),
        now,
      );
      return { org, rows, assets, runs, tests, plan };
    });
    const { org, rows, runs, tests, plan } = loaded;
    const jobs = await this.jobs.present(auth, rows, loaded.assets);
    // The year in Europe/Berlin (UTC+1 at new year), up to now for the running year.
    const from = new Date(Date.UTC(year, 0, 1) - 3_600_000);
    const end = new Date(Math.min(Date.UTC(year + 1, 0, 1) - 3_600_000, now.getTime()));
    const out: JobYear[] = jobs.map((job) => {
      const mine = runs.filter((r) => r.jobId === job.id);
      const ok = mine.filter((r) => r.status !== 'failed');
      const successes = ok.map((r) => successTime(r)).sort((a, b) => a.getTime() - b.getTime());
      const created = rows.find((r) => r.id === job.id)!.createdAt;
      const start = created > from ? created : from;
      const gaps =
        end > start ? rpoGaps(successes, null, job.rpoHours, start, end) : { violations: 0, longestGapHours: 0 };
      return {
        job,
        runs: mine.length,
        ok: ok.length,
        failed: mine.length - ok.length,
        lastSuccess: successes.at(-1) ?? null,
        rpoViolations: gaps.violations,
        longestGapHours: gaps.longestGapHours,
        failures: mine
          .filter((r) => r.status === 'failed')
          .map((r) => ({ startedAt: r.startedAt, message: r.message })),
      };
    });
    return { memberName: org.name, year, generatedAt: now, jobs: out, tests, plan };
  }

  async pdf(auth: AuthContext, memberId: string, year: number): Promise<{ filename: string; body: Buffer }> {
    const m = await this.model(auth, memberId, year);
    const body = await renderPdf(
      { title: `Nachweis Datensicherung ${m.year} – ${m.memberName}`, date: m.generatedAt },
      (doc) => drawReport(doc, m),
    );
    const slug =
      m.memberName
        .normalize('NFKD')
        .replace(/[^\w]+/g, '-')
        .replace(/^-|-$/g, '')
        .slice(0, 60) || 'mitglied';
    return { filename: `nachweis-datensicherung-${m.year}-${slug}.pdf`, body };
  }
}

function heading(doc: Pdf, text: string) {
  doc
    .moveDown(0.8)
    .font('Helvetica-Bold')
    .fontSize(12)
    .fillColor('#000000')
    .text(text)
    .moveDown(0.3)
    .font('Helvetica')
    .fontSize(9);
}

function row(doc: Pdf, cells: string[], widths: number[], bold = false) {
  const x0 = doc.page.margins.left;
  const y = doc.y;
  if (y > doc.page.height - doc.page.margins.bottom - 30) {
    doc.addPage();
  }
  const top = doc.y;
  let x = x0;
  let bottom = top;
  doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(8);
  cells.forEach((c, i) => {
    doc.text(c, x, top, { width: widths[i]! - 4 });
    bottom = Math.max(bottom, doc.y);
    x += widths[i]!;
  });
  doc.x = x0;
  doc.y = bottom + 3;
}

/** Lays out the report: summary, jobs with their year, failures, restore tests with plan, signature. */
export function drawReport(doc: Pdf, m: ReportModel) {
  doc.font('Helvetica-Bold').fontSize(16).text('Nachweis Datensicherung');
  doc.font('Helvetica').fontSize(11).text(`${m.memberName} · Berichtsjahr ${m.year}`);
  doc
    .fontSize(8)
    .fillColor('#555555')
    .text(`Erstellt am ${berlin(m.generatedAt)} (Zeiten in Europe/Berlin)`)
    .fillColor('#000000');

  const totalRuns = m.jobs.reduce((a, j) => a + j.runs, 0);
  const failed = m.jobs.reduce((a, j) => a + j.failed, 0);
  const viol = m.jobs.reduce((a, j) => a + j.rpoViolations, 0);
  heading(doc, 'Zusammenfassung');
  doc.text(
    `Sicherungsaufträge: ${m.jobs.length} · Läufe im Jahr: ${totalRuns.toLocaleString('de-DE')} · davon fehlgeschlagen: ${failed.toLocaleString('de-DE')}`,
  );
  doc.text(
    `RPO-Überschreitungen im Jahr: ${viol} · Wiederherstellungstests: ${m.plan.done} von ${m.plan.planned} geplanten durchgeführt (${m.tests.length} insgesamt)`,
  );

  heading(doc, 'Sicherungsaufträge');
  const w = [120, 70, 70, 45, 45, 55, 78];
  row(
    doc,
    [
      'Auftrag / Gegenstand',
      'Zeitplan',
      'Ziel / Kopie',
      'RPO',
      'Aufbew.',
      'Läufe (Fehler)',
      'Letzte Sicherung / RPO-Verstöße',
    ],
    w,
    true,
  );
  for (const j of m.jobs) {
    const what = j.job.asset
      ? `${j.job.asset.inventoryNumber ?? ''} ${j.job.asset.name}`.trim()
      : (j.job.service?.name ?? '');
    row(
      doc,
      [
        `${j.job.name}\n${what}`,
        j.job.schedule,
        `${j.job.primarySite.name}${j.job.copySite ? ` / ${j.job.copySite.name}` : ''}`,
        `${j.job.rpoHours} h`,
        `${j.job.retentionDays} T`,
        `${j.runs} (${j.failed})`,
        `${j.lastSuccess ? berlin(j.lastSuccess) : '—'}\n${j.rpoViolations} (längste Lücke ${j.longestGapHours.toLocaleString('de-DE')} h)`,
      ],
      w,
    );
  }
  if (m.jobs.length === 0) {
    doc.text('Keine Sicherungsaufträge erfasst.');
  }

  heading(doc, 'Fehlgeschlagene Läufe');
  const failures = m.jobs
    .flatMap((j) => j.failures.map((f) => ({ ...f, job: j.job.name })))
    .sort((a, b) => a.startedAt.getTime() - b.startedAt.getTime());
  if (failures.length === 0) {
    doc.text('Keine.');
  }
  for (const f of failures.slice(0, 200)) {
    row(doc, [berlin(f.startedAt), f.job, f.message ?? ''], [90, 140, 253]);
  }
  if (failures.length > 200) {
    doc.text(`… und ${failures.length - 200} weitere (siehe Export der Läufe).`);
  }

  heading(doc, 'Wiederherstellungstests');
  doc
    .text(
      `Plan ${m.year}: ${m.plan.planned} geplant, ${m.plan.done} durchgeführt${m.plan.items.some((i) => i.overdue) ? `, ${m.plan.items.filter((i) => i.overdue).length} überfällig` : ''}.`,
    )
    .moveDown(0.3);
  const tw = [60, 150, 70, 50, 90, 63];
  row(doc, ['Datum', 'Gegenstand', 'Ergebnis', 'Dauer', 'Durchgeführt von', 'Nachweis'], tw, true);
  for (const t of m.tests) {
    row(
      doc,
      [
        dateDe(t.testedOn),
        t.what,
        RESULT_DE[t.result] ?? t.result,
        `${t.durationMinutes} min`,
        t.performedBy,
        t.evidence ? `PDF, SHA-256 ${t.evidence.sha256.slice(0, 12)}…` : '—',
      ],
      tw,
    );
  }
  if (m.tests.length === 0) {
    doc.text('Keine Tests im Berichtsjahr.');
  }
  for (const i of m.plan.items.filter((x) => !x.test)) {
    doc.text(
      `Geplant, nicht durchgeführt: ${String(i.plannedMonth).padStart(2, '0')}/${m.year} – ${i.what}${i.overdue ? ' (überfällig)' : ''}`,
    );
  }

  doc
    .moveDown(2)
    .fontSize(9)
    .text('Ort, Datum: ______________________      Unterschrift IT-Dienstleister: ______________________');
}
