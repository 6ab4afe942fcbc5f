import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { problem, testApp, type TestApp } from '../../../test/app.js';
import { dbKind, testDatabase } from '../../../test/db.js';
import { makeTree, type Tree } from '../../../test/factories.js';
import { multipart, samplePdf } from '../../../test/multipart.js';
import type { Db } from '../../platform/db/client.js';
import { uuidv7 } from '../../platform/db/columns.js';
import { withSystem } from '../../platform/db/tenant.js';

const H = 3_600_000;

async function makeAsset(db: Db, provider: string, member: string, name: string): Promise<string> {
  const id = uuidv7();
  await withSystem(db, (tx) =>
    tx.execute(sql`insert into assets (id, org_id, provider_id, owner_org_id, using_member_id, type, inventory_number, name, status)
      values (${id}, ${member}, ${provider}, ${member}, ${member}, 'server', ${`INV-${id.slice(-10)}`}, ${name}, 'deployed')`),
  );
  return id;
}

describe(`backups API (${dbKind()})`, () => {
  let t: TestApp;
  let db: Db;
  let a: Tree;
  let b: Tree;
  let dc: string;
  let townHall: string;
  let assetA: string;
  let assetB: string;
  let tokenA: string;
  let tokenB: string;
  let readOnlyToken: string;
  let job: { id: string };

  const token = async (tree: Tree, permissions: string[]) => {
    const res = await t.as(tree.users.admin, {
      method: 'POST',
      url: `/api/v1/organisations/${tree.provider}/api-tokens`,
      payload: { name: 'Backup-Server', permissions, includeDescendants: true },
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().token as string;
  };
  const ingest = (tok: string | null, payload: unknown) =>
    t.as(null, {
      method: 'POST',
      url: '/api/v1/backup-runs',
      payload: payload as Record<string, unknown>,
      headers: tok ? { authorization: `Bearer ${tok}` } : {},
    });
  const ticketsOf = async (jobId: string) =>
    (
      await withSystem(db, (tx) =>
        tx.execute<{ id: string; n: number }>(
          sql`select t.id, (select count(*)::int from ticket_comments c where c.ticket_id = t.id) as n from tickets t where t.dedupe_key = ${`backup:job:${jobId}`}`,
        ),
      )
    ).rows;

  beforeAll(async () => {
    const database = await testDatabase();
    db = database.db;
    t = await testApp(database, { logLevel: process.env.DEBUG_LOG ? 'error' : 'silent' });
    a = await makeTree(db);
    b = await makeTree(db);
    dc = (
      await t.as(a.users.admin, {
        method: 'POST',
        url: '/api/v1/sites',
        payload: { orgId: a.provider, kind: 'data_centre', name: 'RZ' },
      })
    ).json().id;
    townHall = (
      await t.as(a.users.admin, {
        method: 'POST',
        url: '/api/v1/sites',
        payload: { orgId: a.gemeindeA, kind: 'town_hall', name: 'Rathaus' },
      })
    ).json().id;
    assetA = await makeAsset(db, a.provider, a.gemeindeA, 'Fileserver Gemeinde A');
    assetB = await makeAsset(db, a.provider, a.gemeindeB, 'Fileserver Gemeinde B');
    tokenA = await token(a, ['backup.ingest']);
    tokenB = await token(b, ['backup.ingest']);
    readOnlyToken = await token(a, ['backup.read']);
  });

  const jobBody = (extra: Record<string, unknown> = {}) => ({
    orgId: a.gemeindeA,
    name: 'Fileserver täglich',
    targetKind: 'asset',
    assetId: assetA,
    schedule: '0 22 * * *',
    primarySiteId: dc,
    copySiteId: townHall,
    retentionDays: 30,
    rpoHours: 24,
    ...extra,
  });

  it('answers 401 without a session or token', async () => {
    expect((await t.as(null, { method: 'GET', url: '/api/v1/backup-jobs' })).statusCode).toBe(401);
    expect((await ingest(null, { runs: [] })).statusCode).toBe(401);
    expect((await ingest('vb_nonsense_token', { runs: [] })).statusCode).toBe(401);
    expect(
      (await t.as(null, { method: 'GET', url: `/api/v1/members/${a.gemeindeA}/backup-report?year=2026` })).statusCode,
    ).toBe(401);
  });

  it('creates jobs for a member; refuses bad input, foreign assets, the provider as member, member users', async () => {
    const res = await t.as(a.users.admin, { method: 'POST', url: '/api/v1/backup-jobs', payload: jobBody() });
    expect(res.statusCode, res.body).toBe(201);
    job = res.json();
    expect(res.json()).toMatchObject({
      orgId: a.gemeindeA,
      asset: { id: assetA, name: 'Fileserver Gemeinde A' },
      primarySite: { name: 'RZ' },
      copySite: { name: 'Rathaus' },
      rpo: { state: 'pending' },
      scheduleGapHours: 24,
      rpoUnreachable: false,
    });
    expect(
      problem(
        await t.as(a.users.admin, {
          method: 'POST',
          url: '/api/v1/backup-jobs',
          payload: jobBody({ schedule: 'daily' }),
        }),
      ).status,
    ).toBe(400);
    expect(
      (await t.as(a.users.admin, { method: 'POST', url: '/api/v1/backup-jobs', payload: jobBody({ rpoHours: 0 }) }))
        .statusCode,
    ).toBe(400);
    expect(
      (await t.as(a.users.admin, { method: 'POST', url: '/api/v1/backup-jobs', payload: jobBody({ assetId: assetB }) }))
        .statusCode,
    ).toBe(422);
    expect(
      (
        await t.as(a.users.admin, {
          method: 'POST',
          url: '/api/v1/backup-jobs',
          payload: jobBody({ orgId: a.provider }),
        })
      ).statusCode,
    ).toBe(422);
    expect(
      (await t.as(a.users.admin, { method: 'POST', url: '/api/v1/backup-jobs', payload: jobBody({ copySiteId: dc }) }))
        .statusCode,
    ).toBe(422);
    expect(
      (
        await t.as(a.users.admin, {
          method: 'POST',
          url: '/api/v1/backup-jobs',
          payload: jobBody({ targetKind: 'service', assetId: null }),
        })
      ).statusCode,
    ).toBe(422);
    expect(
      (await t.as(a.users.userA, { method: 'POST', url: '/api/v1/backup-jobs', payload: jobBody() })).statusCode,
    ).toBe(403);
    expect(
      (await t.as(b.users.admin, { method: 'POST', url: '/api/v1/backup-jobs', payload: jobBody() })).statusCode,
    ).toBe(404);
    // Linking: a service job of the member is switched to its asset; another member's asset is refused.
    const svc = await withSystem(db, (tx) =>
      tx.execute<{ id: string }>(
        sql`insert into services (id, provider_id, code, name_de, category, charge_unit, unit_code) values (${uuidv7()}, ${a.provider}, 'DASI-T', 'Datensicherung', 'Betrieb', 'flat', 'C62') returning id`,
      ),
    );
    const svcJob = await t.as(a.users.admin, {
      method: 'POST',
      url: '/api/v1/backup-jobs',
      payload: jobBody({ name: 'Dienst', targetKind: 'service', assetId: null, serviceId: svc.rows[0]!.id }),
    });
    expect(svcJob.statusCode, svcJob.body).toBe(201);
    expect(svcJob.json()).toMatchObject({ targetKind: 'service', service: { name: 'Datensicherung' }, asset: null });
    const linked = await t.as(a.users.admin, {
      method: 'PATCH',
      url: `/api/v1/backup-jobs/${svcJob.json().id}`,
      payload: { targetKind: 'asset', assetId: assetA },
    });
    expect(linked.statusCode, linked.body).toBe(200);
    expect(linked.json()).toMatchObject({ targetKind: 'asset', asset: { id: assetA }, service: null });
    expect(
      (
        await t.as(a.users.admin, {
          method: 'PATCH',
          url: `/api/v1/backup-jobs/${svcJob.json().id}`,
          payload: { assetId: assetB },
        })
      ).statusCode,
    ).toBe(422);
    expect(
      (await t.as(a.users.admin, { method: 'DELETE', url: `/api/v1/backup-jobs/${svcJob.json().id}` })).statusCode,
    ).toBe(204);
    // A weekly schedule cannot meet a 24 h RPO: the job says so.
    const weekly = await t.as(a.users.admin, {
      method: 'POST',
      url: '/api/v1/backup-jobs',
      payload: jobBody({
        orgId: a.gemeindeB,
        assetId: assetB,
        copySiteId: null,
        name: 'Wöchentlich',
        schedule: '0 3 * * 0',
      }),
    });
    expect(weekly.json()).toMatchObject({ scheduleGapHours: 168, rpoUnreachable: true });
  });

  it('members read their own jobs only; other trees see nothing', async () => {
    const mine = await t.as(a.users.userA, { method: 'GET', url: '/api/v1/backup-jobs' });
    expect(mine.json().items.map((j: { id: string }) => j.id)).toEqual([job.id]);
    expect(mine.json().items[0].abilities).toEqual({ update: false, delete: false });
    expect((await t.as(a.users.townUser, { method: 'GET', url: `/api/v1/backup-jobs/${job.id}` })).statusCode).toBe(
      404,
    );
    expect((await t.as(b.users.admin, { method: 'GET', url: `/api/v1/backup-jobs/${job.id}` })).statusCode).toBe(404);
    expect((await t.as(b.users.admin, { method: 'GET', url: '/api/v1/backup-jobs' })).json().items).toEqual([]);
    expect(
      (await t.as(a.users.townUser, { method: 'GET', url: `/api/v1/backup-jobs?orgId=${a.gemeindeA}` })).statusCode,
    ).toBe(404);
    expect(
      (await t.as(a.users.userA, { method: 'PATCH', url: `/api/v1/backup-jobs/${job.id}`, payload: { rpoHours: 48 } }))
        .statusCode,
    ).toBe(403);
    // The provider lists the VG's jobs through the VG (its Gemeinden below it).
    const viaVg = await t.as(a.users.agent, { method: 'GET', url: `/api/v1/backup-jobs?orgId=${a.vg}` });
    expect(viaVg.json().items.length).toBe(2);
  });

  it('ingests one run or a batch with a provider token, idempotent on (job, start)', async () => {
    const start = new Date(Date.now() - 5 * H);
    const run = {
      jobId: job.id,
      status: 'success',
      startedAt: start.toISOString(),
      endedAt: new Date(start.getTime() + H).toISOString(),
      bytes: 123_456_789,
      message: 'OK',
    };
    const first = await ingest(tokenA, run);
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toEqual({ received: 1, inserted: 1, updated: 0, alerts: 0 });
    const again = await ingest(tokenA, { ...run, bytes: 123_456_790 });
    expect(again.json()).toMatchObject({ inserted: 0, updated: 1 });
    // Batches: 2,400 older runs in three requests of 800; one repeats.
    const base = Date.now() - 400 * 24 * H;
    const batch = (from: number) => ({
      runs: Array.from({ length: 800 }, (_, i) => ({
        jobId: job.id,
        status: 'success',
        startedAt: new Date(base + (from + i) * 3 * H).toISOString(),
        bytes: 1000 + i,
      })),
    });
    for (const from of [0, 800, 1600]) {
      expect((await ingest(tokenA, batch(from))).json()).toMatchObject({ inserted: 800, updated: 0 });
    }
    expect((await ingest(tokenA, batch(800))).json()).toMatchObject({ inserted: 0, updated: 800 });
    const runs = await t.as(a.users.agent, { method: 'GET', url: `/api/v1/backup-runs?jobId=${job.id}&limit=500` });
    expect(runs.json().items).toHaveLength(500);
    expect(runs.json().items[0]).toMatchObject({ status: 'success', bytes: 123_456_790, source: 'api' });
    const detail = await t.as(a.users.userA, { method: 'GET', url: `/api/v1/backup-jobs/${job.id}` });
    expect(detail.json()).toMatchObject({ lastRunStatus: 'success', rpo: { state: 'ok' } });
    expect(detail.json().lastSuccessAt).toBe(new Date(start.getTime() + H).toISOString());
    // The last success is the latest END of a usable run: a long run that started earlier and ended
    // later counts, and a corrected re-delivery of it moves the figure back.
    const long = { jobId: job.id, status: 'success', startedAt: new Date(start.getTime() - 2 * H).toISOString() };
    await ingest(tokenA, { ...long, endedAt: new Date(start.getTime() + 3 * H).toISOString() });
    const later = (await t.as(a.users.userA, { method: 'GET', url: `/api/v1/backup-jobs/${job.id}` })).json();
    expect(later).toMatchObject({ lastRunStatus: 'success', lastRunAt: start.toISOString(), lastSuccessAt: new Date(start.getTime() + 3 * H).toISOString() });
    expect((await ingest(tokenA, { ...long, endedAt: new Date(start.getTime() - H).toISOString() })).json()).toMatchObject({ updated: 1 });
    const corrected = (await t.as(a.users.userA, { method: 'GET', url: `/api/v1/backup-jobs/${job.id}` })).json();
    expect(corrected.lastSuccessAt).toBe(new Date(start.getTime() + H).toISOString());
  });

  it('a token never writes another provider’s runs; a token without backup.ingest is refused; end before start is 422', async () => {
    const run = { jobId: job.id, status: 'failed', startedAt: new Date(Date.now() - 2 * H).toISOString() };
    expect((await ingest(tokenB, run)).statusCode).toBe(404);
    const mixed = await ingest(tokenB, {
      runs: [run, { ...run, startedAt: new Date(Date.now() - 3 * H).toISOString() }],
    });
    expect(mixed.statusCode).toBe(422);
    expect(problem(mixed).errors?.map((e) => e.field)).toEqual(['body/runs/0/jobId', 'body/runs/1/jobId']);
    expect((await ingest(readOnlyToken, run)).statusCode).toBe(403);
    // A session user without backup.ingest (member user) is refused too.
    expect((await t.as(a.users.userA, { method: 'POST', url: '/api/v1/backup-runs', payload: run })).statusCode).toBe(
      403,
    );
    expect((await ingest(tokenA, { ...run, endedAt: new Date(Date.now() - 3 * H).toISOString() })).statusCode).toBe(
      422,
    );
    expect((await ingest(tokenA, { runs: [] })).statusCode).toBe(400);
    expect((await ingest(tokenA, { jobId: job.id, status: 'exploded', startedAt: 'yesterday' })).statusCode).toBe(400);
    // Nothing of the refused deliveries was stored.
    const failed = await t.as(a.users.agent, {
      method: 'GET',
      url: `/api/v1/backup-runs?jobId=${job.id}&status=failed`,
    });
    expect(failed.json().items).toEqual([]);
  });

  it('failed runs open ONE ticket per job; later failures add notes to it, not tickets', async () => {
    const fail = (h: number) => ({
      jobId: job.id,
      status: 'failed',
      startedAt: new Date(Date.now() - h * H).toISOString(),
      message: 'VSS-Fehler',
    });
    const res = await ingest(tokenA, { runs: [fail(4), fail(3)] });
    expect(res.json()).toMatchObject({ inserted: 2, alerts: 1 });
    let tickets = await ticketsOf(job.id);
    expect(tickets).toHaveLength(1);
    const notesBefore = tickets[0]!.n;
    await ingest(tokenA, fail(2));
    await ingest(tokenA, fail(2)); // the same run again
    tickets = await ticketsOf(job.id);
    expect(tickets).toHaveLength(1);
    expect(tickets[0]!.n).toBe(notesBefore + 2);
    const detail = (await t.as(a.users.agent, { method: 'GET', url: `/api/v1/backup-jobs/${job.id}` })).json();
    expect(detail).toMatchObject({ lastRunStatus: 'failed', alertState: 'failed', alertTicketId: tickets[0]!.id });
    const problems = await t.as(a.users.agent, { method: 'GET', url: '/api/v1/backup-jobs?problem=failed' });
    expect(problems.json().items.map((j: { id: string }) => j.id)).toEqual([job.id]);
  });

  it('a violated RPO opens the job’s ticket once per violation, however often the check runs', async () => {
    const j = (
      await t.as(a.users.admin, {
        method: 'POST',
        url: '/api/v1/backup-jobs',
        payload: jobBody({ name: 'DB stündlich', schedule: 'every 1h', rpoHours: 2 }),
      })
    ).json();
    const start = new Date(Date.now() - 3 * H);
    await ingest(tokenA, {
      jobId: j.id,
      status: 'success',
      startedAt: start.toISOString(),
      endedAt: new Date(start.getTime() + 10 * 60_000).toISOString(),
    });
    const detail = (await t.as(a.users.userA, { method: 'GET', url: `/api/v1/backup-jobs/${j.id}` })).json();
    expect(detail.rpo.state).toBe('violated');
    expect(detail.rpo.overdueHours).toBeGreaterThan(0.7);
    expect((await t.as(a.users.userA, { method: 'POST', url: '/api/v1/backup-jobs/rpo-check' })).statusCode).toBe(403);
    const check = await t.as(a.users.agent, { method: 'POST', url: '/api/v1/backup-jobs/rpo-check' });
    expect(check.statusCode, check.body).toBe(200);
    expect(check.json().violated).toBeGreaterThanOrEqual(1);
    expect((await ticketsOf(j.id)).length).toBe(1);
    await t.as(a.users.agent, { method: 'POST', url: '/api/v1/backup-jobs/rpo-check' });
    expect(await ticketsOf(j.id)).toEqual([expect.objectContaining({ n: 0 })]);
    // A fresh success ends the violation; the job's alert state returns to ok.
    await ingest(tokenA, { jobId: j.id, status: 'success', startedAt: new Date(Date.now() - 60_000).toISOString() });
    expect((await t.as(a.users.agent, { method: 'GET', url: `/api/v1/backup-jobs/${j.id}` })).json()).toMatchObject({
      rpo: { state: 'ok' },
      alertState: 'ok',
    });
    const overview = (
      await t.as(a.users.agent, { method: 'GET', url: `/api/v1/backups/overview?orgId=${a.gemeindeA}&days=30` })
    ).json();
    expect(overview).toMatchObject({ jobs: 2, failed: 1 });
    expect(overview.timeline).toHaveLength(30);
    expect(overview.recentFailures.length).toBeGreaterThanOrEqual(3);
  });

  it('imports runs from CSV all-or-nothing, with a dry run', async () => {
    const at = (h: number) => new Date(Date.now() - h * H).toISOString();
    const good = `jobId;status;startedAt;endedAt;bytes;message\n${job.id};erfolgreich;${at(30)};${at(29)};1000;ok\n${job.id};warning;${at(31)};;;"Datei gesperrt; übersprungen"\n`;
    const send = (body: string, q = '') =>
      t.as(null, {
        method: 'POST',
        url: `/api/v1/backup-runs/import${q}`,
        payload: body,
        headers: { authorization: `Bearer ${tokenA}`, 'content-type': 'text/csv' },
      });
    expect((await send(good, '?dryRun=true')).json()).toMatchObject({ received: 2, inserted: 0, dryRun: true });
    expect((await send(good)).json()).toMatchObject({ received: 2, inserted: 2, dryRun: false });
    expect((await send(good)).json()).toMatchObject({ inserted: 0, updated: 2 });
    const bad = `${good}${job.id};failed;gestern;;;\nnot-a-uuid;failed;${at(40)};;;\n`;
    const res = await send(bad);
    expect(res.statusCode).toBe(422);
    expect(problem(res).errors?.map((e) => e.field)).toEqual(['row 4/startedAt', 'row 5/jobId']);
    const foreign = `jobId,status,startedAt\n${job.id},failed,${at(50)}\n`;
    const tb = await t.as(null, {
      method: 'POST',
      url: '/api/v1/backup-runs/import',
      payload: foreign,
      headers: { authorization: `Bearer ${tokenB}`, 'content-type': 'text/csv' },
    });
    expect(tb.statusCode).toBe(422);
    expect((await send('status;startedAt\nfailed;x\n')).statusCode).toBe(422);
  });

  it('restore tests with a yearly plan and an evidence PDF; members read, only the provider writes', async () => {
    const year = new Date().getUTCFullYear();
    const plan = await t.as(a.users.admin, {
      method: 'POST',
      url: '/api/v1/restore-test-plans',
      payload: { orgId: a.gemeindeA, year, plannedMonth: 1, what: 'Fileserver vollständig', jobId: job.id },
    });
    expect(plan.statusCode, plan.body).toBe(201);
    await t.as(a.users.admin, {
      method: 'POST',
      url: '/api/v1/restore-test-plans',
      payload: { orgId: a.gemeindeA, year, plannedMonth: 12, what: 'Einzelne Datei' },
    });
    const item = plan.json().items[0];
    const today = new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Berlin' });
    const test = await t.as(a.users.admin, {
      method: 'POST',
      url: '/api/v1/restore-tests',
      payload: {
        orgId: a.gemeindeA,
        jobId: job.id,
        planItemId: item.id,
        testedOn: today,
        what: 'Fileserver vollständig',
        result: 'success',
        durationMinutes: 95,
        performedBy: 'M. Schulz',
      },
    });
    expect(test.statusCode, test.body).toBe(201);
    expect(
      (
        await t.as(a.users.admin, {
          method: 'POST',
          url: '/api/v1/restore-tests',
          payload: {
            orgId: a.gemeindeA,
            testedOn: '2999-01-01',
            what: 'x',
            result: 'success',
            durationMinutes: 1,
            performedBy: 'x',
          },
        })
      ).statusCode,
    ).toBe(422);
    expect(
      (
        await t.as(a.users.userA, {
          method: 'POST',
          url: '/api/v1/restore-tests',
          payload: {
            orgId: a.gemeindeA,
            testedOn: today,
            what: 'x',
            result: 'success',
            durationMinutes: 1,
            performedBy: 'x',
          },
        })
      ).statusCode,
    ).toBe(403);
    const view = (
      await t.as(a.users.userA, { method: 'GET', url: `/api/v1/restore-test-plans?orgId=${a.gemeindeA}&year=${year}` })
    ).json();
    expect(view).toMatchObject({ planned: 2, done: 1, abilities: { manage: false } });

    const up = multipart({}, { name: 'Protokoll Restore.pdf', content: samplePdf('Restore') });
    const ev = await t.as(a.users.admin, {
      method: 'POST',
      url: `/api/v1/restore-tests/${test.json().id}/evidence`,
      payload: up.payload,
      headers: up.headers,
    });
    expect(ev.statusCode, ev.body).toBe(200);
    expect(ev.json().evidence).toMatchObject({ name: 'Protokoll Restore.pdf' });
    const notPdf = multipart({}, { name: 'x.pdf', content: Buffer.from('hello') });
    expect(
      (
        await t.as(a.users.admin, {
          method: 'POST',
          url: `/api/v1/restore-tests/${test.json().id}/evidence`,
          payload: notPdf.payload,
          headers: notPdf.headers,
        })
      ).statusCode,
    ).toBe(415);
    const dl = await t.as(a.users.userA, { method: 'GET', url: `/api/v1/restore-tests/${test.json().id}/evidence` });
    expect(dl.statusCode).toBe(200);
    expect(dl.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect(
      (await t.as(a.users.townUser, { method: 'GET', url: `/api/v1/restore-tests/${test.json().id}/evidence` }))
        .statusCode,
    ).toBe(404);
    expect(
      (await t.as(b.users.admin, { method: 'GET', url: `/api/v1/restore-tests?orgId=${a.gemeindeA}` })).statusCode,
    ).toBe(404);
    expect(
      (await t.as(a.users.admin, { method: 'DELETE', url: `/api/v1/restore-test-plans/${item.id}` })).statusCode,
    ).toBe(409);
  });

  it('prints the "Nachweis Datensicherung" per member and year; 404 for other members, 400 without a year', async () => {
    const year = new Date().getUTCFullYear();
    const res = await t.as(a.users.userA, {
      method: 'GET',
      url: `/api/v1/members/${a.gemeindeA}/backup-report?year=${year}`,
    });
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toContain(`nachweis-datensicherung-${year}`);
    expect(res.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect(
      (
        await t.as(a.users.townUser, {
          method: 'GET',
          url: `/api/v1/members/${a.gemeindeA}/backup-report?year=${year}`,
        })
      ).statusCode,
    ).toBe(404);
    expect(
      (await t.as(b.users.admin, { method: 'GET', url: `/api/v1/members/${a.gemeindeA}/backup-report?year=${year}` }))
        .statusCode,
    ).toBe(404);
    expect(
      (await t.as(a.users.userA, { method: 'GET', url: `/api/v1/members/${a.gemeindeA}/backup-report` })).statusCode,
    ).toBe(400);
    expect(
      (await t.as(a.users.admin, { method: 'GET', url: `/api/v1/members/${a.provider}/backup-report?year=${year}` }))
        .statusCode,
    ).toBe(404);
  });
});
