import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Config } from '../../config.js';
import { newSecret } from '../auth/tokens.js';
import { openPglite, openPostgres, type Database } from './client.js';

/** Opens the configured database: PostgreSQL when DATABASE_URL is set, else PGlite in DATA_DIR. */
export async function openDatabase(config: Config): Promise<Database> {
  return config.databaseUrl ? openPostgres(config.databaseUrl) : openPglite(config.dataDir);
}

/** Embedded mode keeps a generated secret in DATA_DIR so sessions survive restarts. */
export function resolveSessionSecret(config: Config): string {
  if (config.sessionSecret) {
    return config.sessionSecret;
  }
  const file = path.resolve(config.dataDir, 'session-secret');
  if (existsSync(file)) {
    return readFileSync(file, 'utf8').trim();
  }
  mkdirSync(config.dataDir, { recursive: true });
  const secret = newSecret();
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}
