import { createRootRoute, createRoute, createRouter, Navigate, Outlet } from '@tanstack/react-router';
import { LoginPage } from '../features/auth/LoginPage';
import { LogoutPage } from '../features/auth/LogoutPage';
import { OrganisationCreatePage } from '../features/organisations/OrganisationCreatePage';
import { OrganisationDetailPage } from '../features/organisations/OrganisationDetailPage';
import { OrganisationEditPage } from '../features/organisations/OrganisationEditPage';
import { OrganisationsPage } from '../features/organisations/OrganisationsPage';
import { AgreementDetailPage } from '../features/agreements/AgreementDetailPage';
import { AgreementsPage } from '../features/agreements/AgreementsPage';
import { agreementSearch, type AgreementSearch } from '../features/agreements/list-filters';
import { OnboardingTemplatePage } from '../features/agreements/OnboardingTemplatePage';
import { memberFilterSearch, type MemberFilterSearch } from '../features/members/filters';
import { ProviderOverviewPage } from '../features/members/ProviderOverviewPage';
import { FromDirectoryPage } from '../features/reference/FromDirectoryPage';
import { UserCreatePage } from '../features/users/UserCreatePage';
import { UserDetailPage } from '../features/users/UserDetailPage';
import { UsersPage } from '../features/users/UsersPage';
import { AssetDetailPage } from '../features/assets/AssetDetailPage';
import { AssetFormPage } from '../features/assets/AssetFormPage';
import { AssetImportPage } from '../features/assets/AssetImportPage';
import { AssetsPage } from '../features/assets/AssetsPage';
import { CatalogPage } from '../features/catalog/CatalogPage';
import { ImportPage } from '../features/catalog/ImportPage';
import { PriceListPage } from '../features/catalog/PriceListPage';
import { PriceListsPage } from '../features/catalog/PriceListsPage';
import { ServicePage } from '../features/catalog/ServicePage';
import { ArticleEditPage } from '../features/knowledge/ArticleEditPage';
import { ArticlePage } from '../features/knowledge/ArticlePage';
import { KnowledgePage } from '../features/knowledge/KnowledgePage';
import { OutboxPage } from '../features/mail/OutboxPage';
import { ReviewQueuePage } from '../features/mail/ReviewQueuePage';
import { ServiceDeskDashboardPage } from '../features/dashboard/ServiceDeskDashboardPage';
import { SlaProfilesPage } from '../features/tickets/SlaProfilesPage';
import { SlaReportPage } from '../features/tickets/SlaReportPage';
import { TicketDetailPage } from '../features/tickets/TicketDetailPage';
import { TicketNewPage } from '../features/tickets/TicketNewPage';
import { TicketQueuePage, ticketSearch, type TicketSearch } from '../features/tickets/TicketQueuePage';
import { CostPlanPage } from '../features/billing/CostPlanPage';
import { CostPlansPage } from '../features/billing/CostPlansPage';
import { InvoicePage } from '../features/billing/InvoicePage';
import { InvoicesPage } from '../features/billing/InvoicesPage';
import { RunPage } from '../features/billing/RunPage';
import { RunsPage } from '../features/billing/RunsPage';
import { SettingsPage as BillingSettingsPage } from '../features/billing/SettingsPage';
import { BudgetMappingsPage } from '../features/billing/BudgetMappingsPage';
import { SitesPage } from '../features/sites/SitesPage';
import { SiteDetailPage } from '../features/sites/SiteDetailPage';
import { BackupsPage } from '../features/backups/BackupsPage';
import { JobPage } from '../features/backups/JobPage';
import { RestoreTestsPage } from '../features/backups/RestoreTestsPage';
import { GrantPage, grantSearch } from '../features/grants/GrantPage';
import { GrantsPage } from '../features/grants/GrantsPage';
import { SavingsPage } from '../features/grants/SavingsPage';
import { AppLayout, PublicLayout } from './layout';
import { NotFoundPage } from './not-found';
import { optionalString, orgTab, type OrgTab } from './search';

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
