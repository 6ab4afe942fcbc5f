import type { Db } from './platform/db/client.js';
import { withSystem } from './platform/db/tenant.js';
import { pruneThrottle } from './platform/auth/throttle.js';
import type { Job } from './platform/jobs/index.js';
import { IngestService as BackupIngest } from './modules/backups/index.js';
import { remindGrantDeadlines } from './modules/grants/index.js';
import { autoClose as autoCloseTickets, slaCheck as slaCheckTickets } from './modules/tickets/index.js';

const MINUTE = 60_000;

/**
 * The periodic jobs `serve` runs (each also has a CLI command for cron). Every job is idempotent,
 * and the scheduler's lease keeps two processes from running the same job at once.
 */
export function backgroundJobs(db: Db): Job[] {
  return [
    {
      // A violated RPO opens its job's one ticket even when no run arrives at all (a silent backup).
      name: 'backups.rpo-check',
      everyMs: 10 * MINUTE,
      run: async () => `${(await new BackupIngest(db).checkRpo('all')).violated} RPO überschritten`,
    },
    {
      name: 'tickets.sla-check',
      everyMs: 5 * MINUTE,
      run: async (now) => `${(await slaCheckTickets(db, now)).length} SLA-Warnungen`,
    },
    {
      name: 'tickets.auto-close',
      everyMs: 60 * MINUTE,
      run: async (now) => `${(await autoCloseTickets(db, now)).length} geschlossen`,
    },
    {
      name: 'auth.throttle-prune',
      everyMs: 60 * MINUTE,
      run: async () => `${await withSystem(db, (tx) => pruneThrottle(tx))} Zähler entfernt`,
    },
    {
      // Proof-of-use deadlines: one mail to the provider's finance staff per deadline, 30 days ahead.
      name: 'grants.deadline-reminders',
      everyMs: 60 * MINUTE,
      run: async (now) => `${(await remindGrantDeadlines(db, now)).reminded} Erinnerungen`,
    },
  ];
}
