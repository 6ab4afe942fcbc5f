export {
  backupJobs,
  backupRuns,
  restoreTests,
  restoreTestPlanItems,
  BACKUP_RUN_STATUSES,
  type BackupJobRow,
  type BackupRunRow,
} from './backups.schema.js';
export { JobsService } from './jobs.service.js';
export { IngestService } from './ingest.service.js';
export { EvidenceService } from './evidence.service.js';
export { RestoreService } from './restore.service.js';
export { ReportService } from './report.service.js';
export { backupsRoutes, type BackupServices } from './backups.routes.js';
export { rpoStatus, rpoGaps } from './rpo.js';
