import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { TEST_SECRET } from '../../../test/app.js';
import { dbKind, testDatabase } from '../../../test/db.js';
import { makeTree, type Tree } from '../../../test/factories.js';
import { SESSION_COOKIE } from '../../platform/auth/auth.plugin.js';
import { csrfToken } from '../../platform/auth/tokens.js';

const serverDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** `verbund serve` as its own process on the shared PostgreSQL test database. */
function serve(port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', '--conditions=source', 'src/main.ts', 'serve'], {
    cwd: serverDir,
    env: { ...process.env, DATABASE_URL: inject('postgresUrl'), PORT: String(port), HOST: '127.0.0.1', SESSION_SECRET: TEST_SECRET, LOG_LEVEL: 'silent', WEB_DIST: '/nonexistent' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`server on ${port} did not start: ${out}`)), 90_000);
    const onData = (d: Buffer) => {
      out += d.toString();
      if (out.includes('Verbund läuft')) {
        clearTimeout(timer);
        resolve(child);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`server on ${port} exited with ${code}: ${out}`)));
  });
}

// Two app processes share one PostgreSQL: the provider's sequence must hand out each number once,
// also while 60 first tickets of a new provider race to create that sequence.
describe.skipIf(dbKind() !== 'postgres')('ticket numbers from two app processes (postgres)', () => {
  const children: ChildProcess[] = [];
  let a: Tree;

  beforeAll(async () => {
    a = await makeTree((await testDatabase()).db);
    children.push(...(await Promise.all([serve(4150), serve(4151)])));
  }, 120_000);

  afterAll(() => {
    for (const c of children) {
      c.kill('SIGTERM');
    }
  });

  it('gives 60 concurrent first creations of a provider 60 distinct numbers, gapless when none fails', async () => {
    const user = a.users.agent;
    const post = async (port: number, i: number) => {
      const res = await fetch(`http://127.0.0.1:${port}/api/v1/tickets`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie: `${SESSION_COOKIE}=${user.session}`, 'x-csrf-token': csrfToken(TEST_SECRET, user.session) },
        body: JSON.stringify({ orgId: i % 2 ? a.gemeindeA : a.town, title: `Gleichzeitig ${i}` }),
      });
      expect(res.status).toBe(201);
      return ((await res.json()) as { number: string }).number;
    };
    const numbers = await Promise.all(Array.from({ length: 60 }, (_, i) => post(i % 2 ? 4150 : 4151, i)));
    expect(new Set(numbers).size).toBe(60);
    const seqs = numbers.map((n) => Number(n.slice(-6))).sort((x, y) => x - y);
    expect(seqs).toEqual(Array.from({ length: 60 }, (_, i) => seqs[0]! + i));
  }, 60_000);
});
