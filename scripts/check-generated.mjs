#!/usr/bin/env node
// Fails when generated code is out of date: a schema change without its migration, or routes
// whose OpenAPI document or API client were not regenerated (DESIGN.md § 8.6).
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const server = path.join(root, 'apps/server');
const tmp = mkdtempSync(path.join(tmpdir(), 'verbund-gen-'));
const problems = [];
const run = (cmd, args, cwd) => execFileSync(cmd, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] }).toString();

try {
  // Migrations: drizzle-kit must find nothing new to generate.
  const migrations = path.join(tmp, 'drizzle');
  cpSync(path.join(server, 'drizzle'), migrations, { recursive: true });
  run('npx', ['drizzle-kit', 'generate', '--dialect', 'postgresql', '--schema', './src/platform/db/schema.ts', '--out', migrations], server);
  const before = readdirSync(path.join(server, 'drizzle')).sort().join(',');
  const after = readdirSync(migrations).sort().join(',');
  if (before !== after) {
    problems.push('apps/server/drizzle: the schema has changes without a migration (run `npm run db:generate -w apps/server`).');
  }

  // OpenAPI document and API client.
  const openapi = path.join(tmp, 'openapi.json');
  run('npx', ['tsx', '--conditions=source', 'scripts/openapi.ts', openapi], server);
  if (readFileSync(openapi, 'utf8') !== readFileSync(path.join(server, 'openapi.json'), 'utf8')) {
    problems.push('apps/server/openapi.json is stale (run `npm run openapi -w apps/server`).');
  }
  const schema = path.join(tmp, 'schema.d.ts');
  run('npx', ['openapi-typescript', path.join(server, 'openapi.json'), '-o', schema], path.join(root, 'packages/api-client'));
  if (readFileSync(schema, 'utf8') !== readFileSync(path.join(root, 'packages/api-client/src/schema.d.ts'), 'utf8')) {
    problems.push('packages/api-client/src/schema.d.ts is stale (run `npm run generate -w packages/api-client`).');
  }
} finally {
  rmSync(tmp, { recursive: true, force: true });
}

if (problems.length) {
  console.error(`Generated code is out of date:\n- ${problems.join('\n- ')}`);
  process.exit(1);
}
console.log('Generated code is up to date (migrations, OpenAPI, API client).');
