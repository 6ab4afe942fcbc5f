export { acquireLease, releaseLease, runJobOnce, startScheduler, type Job, type SchedulerOptions } from './scheduler.js';
