import { createRootRoute, createRoute, createRouter, lazyRouteComponent, Navigate, Outlet } from '@tanstack/react-router';
import { LoginPage } from '../features/auth/LoginPage';
import { agreementSearch, type AgreementSearch } from '../features/agreements/list-filters';
import { memberFilterSearch, type MemberFilterSearch } from '../features/members/filters';
import { TicketQueuePage, ticketSearch, type TicketSearch } from '../features/tickets/TicketQueuePage';
import { GrantPage, grantSearch } from '../features/grants/GrantPage';
import { AppLayout, PublicLayout } from './layout';
import { NotFoundPage } from './not-found';
import { optionalString, orgTab, type OrgTab } from './search';

// Pages load on first visit: the first paint needs only the shell, the login page and the routes'
// search validators.
const LogoutPage = lazyRouteComponent(() => import('../features/auth/LogoutPage'), 'LogoutPage');
const OrganisationCreatePage = lazyRouteComponent(() => import('../features/organisations/OrganisationCreatePage'), 'OrganisationCreatePage');
const OrganisationDetailPage = lazyRouteComponent(() => import('../features/organisations/OrganisationDetailPage'), 'OrganisationDetailPage');
const OrganisationEditPage = lazyRouteComponent(() => import('../features/organisations/OrganisationEditPage'), 'OrganisationEditPage');
const OrganisationsPage = lazyRouteComponent(() => import('../features/organisations/OrganisationsPage'), 'OrganisationsPage');
const AgreementDetailPage = lazyRouteComponent(() => import('../features/agreements/AgreementDetailPage'), 'AgreementDetailPage');
const AgreementsPage = lazyRouteComponent(() => import('../features/agreements/AgreementsPage'), 'AgreementsPage');
const OnboardingTemplatePage = lazyRouteComponent(() => import('../features/agreements/OnboardingTemplatePage'), 'OnboardingTemplatePage');
const ProviderOverviewPage = lazyRouteComponent(() => import('../features/members/ProviderOverviewPage'), 'ProviderOverviewPage');
const FromDirectoryPage = lazyRouteComponent(() => import('../features/reference/FromDirectoryPage'), 'FromDirectoryPage');
const UserCreatePage = lazyRouteComponent(() => import('../features/users/UserCreatePage'), 'UserCreatePage');
const UserDetailPage = lazyRouteComponent(() => import('../features/users/UserDetailPage'), 'UserDetailPage');
const UsersPage = lazyRouteComponent(() => import('../features/users/UsersPage'), 'UsersPage');
const AssetDetailPage = lazyRouteComponent(() => import('../features/assets/AssetDetailPage'), 'AssetDetailPage');
const AssetFormPage = lazyRouteComponent(() => import('../features/assets/AssetFormPage'), 'AssetFormPage');
const AssetImportPage = lazyRouteComponent(() => import('../features/assets/AssetImportPage'), 'AssetImportPage');
const AssetsPage = lazyRouteComponent(() => import('../features/assets/AssetsPage'), 'AssetsPage');
const CatalogPage = lazyRouteComponent(() => import('../features/catalog/CatalogPage'), 'CatalogPage');
const ImportPage = lazyRouteComponent(() => import('../features/catalog/ImportPage'), 'ImportPage');
const PriceListPage = lazyRouteComponent(() => import('../features/catalog/PriceListPage'), 'PriceListPage');
const PriceListsPage = lazyRouteComponent(() => import('../features/catalog/PriceListsPage'), 'PriceListsPage');
const ServicePage = lazyRouteComponent(() => import('../features/catalog/ServicePage'), 'ServicePage');
const ArticleEditPage = lazyRouteComponent(() => import('../features/knowledge/ArticleEditPage'), 'ArticleEditPage');
const ArticlePage = lazyRouteComponent(() => import('../features/knowledge/ArticlePage'), 'ArticlePage');
const KnowledgePage = lazyRouteComponent(() => import('../features/knowledge/KnowledgePage'), 'KnowledgePage');
const OutboxPage = lazyRouteComponent(() => import('../features/mail/OutboxPage'), 'OutboxPage');
const ReviewQueuePage = lazyRouteComponent(() => import('../features/mail/ReviewQueuePage'), 'ReviewQueuePage');
const ServiceDeskDashboardPage = lazyRouteComponent(() => import('../features/dashboard/ServiceDeskDashboardPage'), 'ServiceDeskDashboardPage');
const SlaProfilesPage = lazyRouteComponent(() => import('../features/tickets/SlaProfilesPage'), 'SlaProfilesPage');
const SlaReportPage = lazyRouteComponent(() => import('../features/tickets/SlaReportPage'), 'SlaReportPage');
const TicketDetailPage = lazyRouteComponent(() => import('../features/tickets/TicketDetailPage'), 'TicketDetailPage');
const TicketNewPage = lazyRouteComponent(() => import('../features/tickets/TicketNewPage'), 'TicketNewPage');
const CostPlanPage = lazyRouteComponent(() => import('../features/billing/CostPlanPage'), 'CostPlanPage');
const CostPlansPage = lazyRouteComponent(() => import('../features/billing/CostPlansPage'), 'CostPlansPage');
const InvoicePage = lazyRouteComponent(() => import('../features/billing/InvoicePage'), 'InvoicePage');
const InvoicesPage = lazyRouteComponent(() => import('../features/billing/InvoicesPage'), 'InvoicesPage');
const RunPage = lazyRouteComponent(() => import('../features/billing/RunPage'), 'RunPage');
const RunsPage = lazyRouteComponent(() => import('../features/billing/RunsPage'), 'RunsPage');
const BillingSettingsPage = lazyRouteComponent(() => import('../features/billing/SettingsPage'), 'SettingsPage');
const BudgetMappingsPage = lazyRouteComponent(() => import('../features/billing/BudgetMappingsPage'), 'BudgetMappingsPage');
const SitesPage = lazyRouteComponent(() => import('../features/sites/SitesPage'), 'SitesPage');
const SiteDetailPage = lazyRouteComponent(() => import('../features/sites/SiteDetailPage'), 'SiteDetailPage');
const BackupsPage = lazyRouteComponent(() => import('../features/backups/BackupsPage'), 'BackupsPage');
const JobPage = lazyRouteComponent(() => import('../features/backups/JobPage'), 'JobPage');
const RestoreTestsPage = lazyRouteComponent(() => import('../features/backups/RestoreTestsPage'), 'RestoreTestsPage');
const GrantsPage = lazyRouteComponent(() => import('../features/grants/GrantsPage'), 'GrantsPage');
const SavingsPage = lazyRouteComponent(() => import('../features/grants/SavingsPage'), 'SavingsPage');

const rootRoute = createRootRoute({ component: Outlet, notFoundComponent: NotFoundPage });

const publicRoute = createRoute({ getParentRoute: () => rootRoute, id: 'public', component: PublicLayout });
const loginRoute = createRoute({
  getParentRoute: () => publicRoute,
  path: '/login',
  validateSearch: (s: Record<string, unknown>): { redirect?: string } => ({ redirect: optionalString(s.redirect) }),
  component: LoginPage,
});
const logoutRoute = createRoute({ getParentRoute: () => publicRoute, path: '/logout', component: LogoutPage });

const appRoute = createRoute({ getParentRoute: () => rootRoute, id: 'app', component: AppLayout });
const indexRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/',
  component: () => <Navigate to="/organisations" replace />,
});
const orgsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/organisations',
  validateSearch: (s: Record<string, unknown>): { q?: string; type?: string; view?: 'tree' } & MemberFilterSearch => ({
    q: optionalString(s.q),
    type: optionalString(s.type),
    view: s.view === 'tree' ? 'tree' : undefined,
    ...memberFilterSearch(s),
  }),
  component: OrganisationsPage,
});
const orgNewRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/organisations/new',
  validateSearch: (s: Record<string, unknown>): { parentId?: string } => ({ parentId: optionalString(s.parentId) }),
  component: OrganisationCreatePage,
});
const orgDetailRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/organisations/$id',
  validateSearch: (s: Record<string, unknown>): { tab?: OrgTab } => ({ tab: orgTab(s.tab) }),
  component: OrganisationDetailPage,
});
const orgEditRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/organisations/$id/edit',
  component: OrganisationEditPage,
});
const usersRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/users',
  validateSearch: (s: Record<string, unknown>): { q?: string; orgId?: string } => ({
    q: optionalString(s.q),
    orgId: optionalString(s.orgId),
  }),
  component: UsersPage,
});
const userNewRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/users/new',
  validateSearch: (s: Record<string, unknown>): { orgId?: string } => ({ orgId: optionalString(s.orgId) }),
  component: UserCreatePage,
});
const userDetailRoute = createRoute({ getParentRoute: () => appRoute, path: '/users/$id', component: UserDetailPage });
const fromDirectoryRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/organisations/from-directory',
  validateSearch: (s: Record<string, unknown>): { parentId?: string } => ({ parentId: optionalString(s.parentId) }),
  component: FromDirectoryPage,
});
const overviewRoute = createRoute({ getParentRoute: () => appRoute, path: '/overview', component: ProviderOverviewPage });
const agreementRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/agreements/$aid',
  component: AgreementDetailPage,
});

const catalogRoute = createRoute({ getParentRoute: () => appRoute, path: '/catalog', component: CatalogPage });
const serviceRoute = createRoute({ getParentRoute: () => appRoute, path: '/catalog/services/$id', component: ServicePage });
const priceListsRoute = createRoute({ getParentRoute: () => appRoute, path: '/price-lists', component: PriceListsPage });
const priceListRoute = createRoute({ getParentRoute: () => appRoute, path: '/price-lists/$id', component: PriceListPage });
const subscriptionImportRoute = createRoute({ getParentRoute: () => appRoute, path: '/subscriptions/import', component: ImportPage });

const assetsRoute = createRoute({ getParentRoute: () => appRoute, path: '/assets', component: AssetsPage });
const assetImportRoute = createRoute({ getParentRoute: () => appRoute, path: '/assets/import', component: AssetImportPage });
const assetRoute = createRoute({ getParentRoute: () => appRoute, path: '/assets/$id', component: AssetDetailPage });
const assetEditRoute = createRoute({ getParentRoute: () => appRoute, path: '/assets/$id/edit', component: AssetFormPage });

const knowledgeRoute = createRoute({ getParentRoute: () => appRoute, path: '/knowledge', component: KnowledgePage });
const articleRoute = createRoute({ getParentRoute: () => appRoute, path: '/knowledge/$id', component: ArticlePage });
const articleEditRoute = createRoute({ getParentRoute: () => appRoute, path: '/knowledge/$id/edit', component: ArticleEditPage });
const deskDashboardRoute = createRoute({ getParentRoute: () => appRoute, path: '/service-desk', component: ServiceDeskDashboardPage });
const outboxRoute = createRoute({ getParentRoute: () => appRoute, path: '/mail/outbox', component: OutboxPage });
const ticketsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/tickets',
  validateSearch: (s: Record<string, unknown>): TicketSearch => ticketSearch(s),
  component: TicketQueuePage,
});
const ticketNewRoute = createRoute({ getParentRoute: () => appRoute, path: '/tickets/new', component: TicketNewPage });
const ticketRoute = createRoute({ getParentRoute: () => appRoute, path: '/tickets/$id', component: TicketDetailPage });
const slaProfilesRoute = createRoute({ getParentRoute: () => appRoute, path: '/sla-profiles', component: SlaProfilesPage });
const slaReportRoute = createRoute({ getParentRoute: () => appRoute, path: '/reports/sla', component: SlaReportPage });
const reviewRoute = createRoute({ getParentRoute: () => appRoute, path: '/mail/review', component: ReviewQueuePage });

const billingRoutes = [
  createRoute({ getParentRoute: () => appRoute, path: '/cost-plans', component: CostPlansPage }),
  createRoute({ getParentRoute: () => appRoute, path: '/cost-plans/$id', component: CostPlanPage }),
  createRoute({ getParentRoute: () => appRoute, path: '/billing-runs', component: RunsPage }),
  createRoute({ getParentRoute: () => appRoute, path: '/billing-runs/$id', component: RunPage }),
  createRoute({ getParentRoute: () => appRoute, path: '/invoices', component: InvoicesPage }),
  createRoute({ getParentRoute: () => appRoute, path: '/invoices/$id', component: InvoicePage }),
  createRoute({ getParentRoute: () => appRoute, path: '/billing-settings', component: BillingSettingsPage }),
  createRoute({ getParentRoute: () => appRoute, path: '/budget-mappings', component: BudgetMappingsPage }),
];

/** Sites, data centres and backups (issue 7). */
const infrastructureRoutes = [
  createRoute({ getParentRoute: () => appRoute, path: '/sites', component: SitesPage }),
  createRoute({ getParentRoute: () => appRoute, path: '/sites/$id', component: SiteDetailPage }),
  createRoute({ getParentRoute: () => appRoute, path: '/backups', component: BackupsPage }),
  createRoute({ getParentRoute: () => appRoute, path: '/backups/restore-tests', component: RestoreTestsPage }),
  createRoute({ getParentRoute: () => appRoute, path: '/backups/jobs/$id', component: JobPage }),
];

/** Grants and the savings report (issue 8). */
const grantsRoutes = [
  createRoute({ getParentRoute: () => appRoute, path: '/grants', component: GrantsPage }),
  createRoute({ getParentRoute: () => appRoute, path: '/grants/$id', validateSearch: grantSearch, component: GrantPage }),
  createRoute({ getParentRoute: () => appRoute, path: '/reports/savings', component: SavingsPage }),
];

/** Members and agreements (issue 3): the list of every agreement and the provider's onboarding checklist. */
const agreementsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/agreements',
  validateSearch: (s: Record<string, unknown>): AgreementSearch => agreementSearch(s),
  component: AgreementsPage,
});
const onboardingTemplateRoute = createRoute({ getParentRoute: () => appRoute, path: '/onboarding-template', component: OnboardingTemplatePage });

const routeTree = rootRoute.addChildren([
  publicRoute.addChildren([loginRoute, logoutRoute]),
  appRoute.addChildren([
    ...billingRoutes,
    ...infrastructureRoutes,
    ...grantsRoutes,
    indexRoute,
    orgsRoute,
    orgNewRoute,
    orgDetailRoute,
    orgEditRoute,
    usersRoute,
    userNewRoute,
    userDetailRoute,
    agreementRoute,
    fromDirectoryRoute,
    overviewRoute,
    agreementsRoute,
    onboardingTemplateRoute,
    catalogRoute,
    serviceRoute,
    priceListsRoute,
    priceListRoute,
    subscriptionImportRoute,
    assetsRoute,
    assetImportRoute,
    assetRoute,
    assetEditRoute,
    knowledgeRoute,
    articleRoute,
    articleEditRoute,
    deskDashboardRoute,
    outboxRoute,
    ticketsRoute,
    ticketNewRoute,
    ticketRoute,
    slaProfilesRoute,
    slaReportRoute,
    reviewRoute,
  ]),
]);

export const router = createRouter({ routeTree, defaultPreload: false, scrollRestoration: true });

declare module '@tanstack/react-router' {
  interface Register {
    router: typeof router;
  }
}
