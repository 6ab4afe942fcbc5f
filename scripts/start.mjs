#!/usr/bin/env node
// `npm start`: builds what is stale, then runs `verbund serve` (which migrates, seeds the demo on
// a fresh embedded database and serves web + API on http://localhost:3000).
import { spawnSync, spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Newest modification time below a folder (skipping node_modules and build output). */
function newest(dir) {
  let max = 0;
  if (!existsSync(dir)) {
    return max;
  }
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist') {
      continue;
    }
    const p = path.join(dir, entry.name);
    max = Math.max(max, entry.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return max;
}

const builds = [
  { ws: 'packages/shared', inputs: ['src', 'package.json'], output: 'dist/index.js' },
  { ws: 'packages/api-client', inputs: ['src', 'package.json'], output: 'dist/index.js' },
  { ws: 'apps/server', inputs: ['src', 'package.json', '../../packages/shared/src'], output: 'dist/main.js' },
  { ws: 'apps/web', inputs: ['src', 'index.html', 'package.json', '../../packages/api-client/src', '../../packages/shared/src'], output: 'dist/index.html' },
];

for (const b of builds) {
  const dir = path.join(root, b.ws);
  if (!existsSync(path.join(dir, 'package.json'))) {
    continue;
  }
  const out = path.join(dir, b.output);
  const stale = !existsSync(out) || Math.max(...b.inputs.map((i) => newest(path.join(dir, i)))) > statSync(out).mtimeMs;
  if (!stale) {
    continue;
  }
  console.log(`Building ${b.ws} …`);
  const r = spawnSync('npm', ['run', 'build', '-w', b.ws], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) {
    process.exit(r.status ?? 1);
  }
}

const server = spawn(process.execPath, [path.join(root, 'apps/server/dist/main.js'), 'serve', ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
});
for (const sig of ['SIGINT', 'SIGTERM']) {
  process.on(sig, () => server.kill(sig));
}
server.on('exit', (code) => process.exit(code ?? 0));
