export {
  grants,
  grantProgrammes,
  grantBeneficiaries,
  grantPlanLines,
  grantExpenses,
  grantDrawdowns,
  savingsReferenceCosts,
  FUNDING_TYPES,
  DRAWDOWN_STATUSES,
  type GrantRow,
} from './grants.schema.js';
export { GrantsService } from './grants.service.js';
export { PlanExpensesService } from './plan-expenses.service.js';
export { DrawdownsService, grantPoolReductions } from './drawdowns.service.js';
export { ProofService, grantLockInWarnings } from './proof.service.js';
export { SavingsService } from './savings.service.js';
export { remindGrantDeadlines } from './reminders.js';
export { grantsRoutes, type GrantServices } from './grants.routes.js';
export { computeDrawdown, checkPlan, lockInEnd, toCents, fromCents } from './grants.rules.js';
