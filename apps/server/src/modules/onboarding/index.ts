export { OnboardingService, DEFAULT_TEMPLATE, progress } from './onboarding.service.js';
export { onboardingRoutes } from './onboarding.routes.js';
export { onboardings, onboardingTasks, onboardingTemplates, type TemplateTask } from './onboarding.schema.js';
