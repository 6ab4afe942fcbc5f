import { Link, Outlet, useLocation, useNavigate } from '@tanstack/react-router';
import { useEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Loader } from '../components/Loader';
import { ProblemAlert } from '../components/ProblemAlert';
import { NS as MEMBERS_NS } from '../features/members/i18n';
import { useAuth } from './auth';
import { LanguageSwitch } from './language-switch';
import { OrgSwitcher } from './org-switcher';
import { NS as ASSETS_NS } from '../features/assets/i18n';
import { NS as KNOWLEDGE_NS } from '../features/knowledge/i18n';
import { NS as BACKUPS_NS } from '../features/backups/i18n';
import { NS as GRANTS_NS } from '../features/grants/i18n';
import { NS as SITES_NS } from '../features/sites/i18n';
import { NS as TICKETS_NS } from '../features/tickets/i18n';

/** Frame shared by every page: skip link, KERN header bar, main landmark, footer. */
export function Frame({ bar, children }: { bar?: ReactNode; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <div className="app-frame">
      <a className="skip-link kern-btn kern-btn--primary" href="#main">
        <span className="kern-label">{t('layout.skip')}</span>
      </a>
      <kern-kopfzeile>{t('layout.kopfzeile')}</kern-kopfzeile>
      {bar}
      <main id="main" tabIndex={-1} className="kern-container">
        {children}
      </main>
      <footer className="app-footer">
        <div className="kern-container">
          <p className="kern-body kern-body--small">{t('layout.footer')}</p>
        </div>
      </footer>
    </div>
  );
}

function NavLink({ to, children }: { to: '/organisations' | '/users' | '/catalog' | '/knowledge' | '/service-desk' | '/tickets' | '/billing-runs' | '/invoices' | '/sites' | '/backups' | '/assets' | '/agreements' | '/overview' | '/onboarding-template' | '/grants'; children: string }) {
  return (
    <li>
      <Link to={to} className="kern-link" activeProps={{ 'aria-current': 'page' }}>
        {children}
      </Link>
    </li>
  );
}

function AppBar() {
  const { t } = useTranslation();
  const { me, may, activeOrg } = useAuth();
  return (
    <div className="app-bar">
      <div className="kern-container kern-flex kern-flex-wrap kern-justify-content-between kern-align-items-center kern-gap-md">
        <nav
          aria-label={t('layout.mainNav')}
          className="app-nav kern-flex kern-flex-wrap kern-align-items-center kern-gap-lg"
        >
          <Link to="/" className="kern-link kern-title" aria-label={t('layout.homeLink')}>
            Verbund
          </Link>
          <ul className="kern-list kern-list--horizontal">
            {may('organisation.read') ? <NavLink to="/organisations">{t('nav.organisations')}</NavLink> : null}
            {may('user.read') || may('user.manage') ? <NavLink to="/users">{t('nav.users')}</NavLink> : null}
            {may('agreement.read') ? <NavLink to="/agreements">{t('nav.agreements', { ns: MEMBERS_NS })}</NavLink> : null}
            {activeOrg?.orgKind === 'provider' && may('agreement.read') ? <NavLink to="/overview">{t('nav.overview', { ns: MEMBERS_NS })}</NavLink> : null}
            {activeOrg?.orgKind === 'provider' && may('onboarding.manage') ? (
              <NavLink to="/onboarding-template">{t('nav.onboardingTemplate', { ns: MEMBERS_NS })}</NavLink>
            ) : null}
            {activeOrg?.orgKind === 'provider' && may('billing.read') ? <NavLink to="/billing-runs">{t('nav.billing')}</NavLink> : null}
            {may('invoice.read') ? <NavLink to="/invoices">{t('nav.invoices')}</NavLink> : null}
            {may('grant.read') ? <NavLink to="/grants">{t('nav.grants', { ns: GRANTS_NS })}</NavLink> : null}
            {may('catalog.read') ? <NavLink to="/catalog">{t('nav.catalog')}</NavLink> : null}
            {may('ticket.read') ? <NavLink to="/tickets">{t('nav.queue', { ns: TICKETS_NS })}</NavLink> : null}
            {may('asset.read') ? <NavLink to="/assets">{t('nav.assets', { ns: ASSETS_NS })}</NavLink> : null}
            {may('site.read') ? <NavLink to="/sites">{t('nav.sites', { ns: SITES_NS })}</NavLink> : null}
            {may('backup.read') ? <NavLink to="/backups">{t('nav.backups', { ns: BACKUPS_NS })}</NavLink> : null}
            {may('knowledge.read') ? <NavLink to="/knowledge">{t('nav.knowledge', { ns: KNOWLEDGE_NS })}</NavLink> : null}
            {activeOrg?.orgKind === 'provider' && may('ticket.read') ? <NavLink to="/service-desk">{t('nav.deskOverview', { ns: KNOWLEDGE_NS })}</NavLink> : null}
          </ul>
        </nav>
        <div className="kern-flex kern-flex-wrap kern-align-items-end kern-gap-md">
          <OrgSwitcher />
          <LanguageSwitch />
          <p className="kern-body kern-body--small" data-testid="current-user">
            {me?.user.name}
          </p>
          <Link to="/logout" className="kern-btn kern-btn--secondary">
            <span className="kern-icon kern-icon--logout" aria-hidden="true" />
            <span className="kern-label">{t('nav.logout')}</span>
          </Link>
        </div>
      </div>
    </div>
  );
}

/** Sends the visitor to the login page, once, remembering where they wanted to go. */
function ToLogin() {
  const navigate = useNavigate();
  const href = useLocation({ select: (l) => l.href });
  const done = useRef(false);
  useEffect(() => {
    if (!done.current) {
      done.current = true;
      void navigate({ to: '/login', search: { redirect: href }, replace: true });
    }
  }, [navigate, href]);
  return <Loader />;
}

/** Pages behind the login: shows the session, or sends the visitor to the login page. */
export function AppLayout() {
  const { me, loading, error } = useAuth();
  if (loading) {
    return (
      <Frame>
        <Loader />
      </Frame>
    );
  }
  if (error) {
    return (
      <Frame>
        <ProblemAlert error={error} />
      </Frame>
    );
  }
  if (!me) {
    return (
      <Frame>
        <ToLogin />
      </Frame>
    );
  }
  return (
    <Frame bar={<AppBar />}>
      <Outlet />
    </Frame>
  );
}

/** Login and logout: the frame without navigation, with the language switch. */
export function PublicLayout() {
  return (
    <Frame
      bar={
        <div className="app-bar">
          <div className="kern-container kern-flex kern-justify-content-between kern-align-items-end">
            <p className="kern-title">Verbund</p>
            <LanguageSwitch />
          </div>
        </div>
      }
    >
      <Outlet />
    </Frame>
  );
}
