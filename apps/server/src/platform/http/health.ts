import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../db/client.js';
import { migrationsApplied } from '../db/migrate.js';
import type { App } from './types.js';

const Health = z.object({ status: z.enum(['ok', 'unavailable']), checks: z.record(z.string(), z.string()).optional() });

export function healthRoutes(app: App, database: Database) {
  app.get('/health/live', { schema: { tags: ['health'], response: { 200: Health } } }, async () => ({ status: 'ok' as const }));

  app.get(
    '/health/ready',
    { schema: { tags: ['health'], response: { 200: Health, 503: Health } } },
    async (_req, reply) => {
      const checks: Record<string, string> = {};
      try {
        await database.db.execute(sql`select 1`);
        checks.database = 'ok';
      } catch {
        checks.database = 'unreachable';
      }
      checks.migrations = checks.database === 'ok' && (await migrationsApplied(database)) ? 'ok' : 'pending';
      const ok = Object.values(checks).every((v) => v === 'ok');
      return reply.code(ok ? 200 : 503).send({ status: ok ? 'ok' : 'unavailable', checks });
    },
  );
}
