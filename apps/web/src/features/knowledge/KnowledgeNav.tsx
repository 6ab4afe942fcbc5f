import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../app/auth';
import { NS } from './i18n';

/** Sub-navigation of the service desk pages of this area: knowledge, dashboard, review queue, outbox. */
export function ServiceDeskNav({ current }: { current: 'knowledge' | 'dashboard' | 'review' | 'outbox' }) {
  const { t } = useTranslation(NS);
  const { activeOrg, may } = useAuth();
  const staff = activeOrg?.orgKind === 'provider';
  const item = (key: typeof current, to: '/knowledge' | '/service-desk' | '/mail/review' | '/mail/outbox', show: boolean) =>
    show ? (
      <li key={key}>
        <Link to={to} className="kern-link" aria-current={current === key ? 'page' : undefined}>
          {t(`nav.${key}`)}
        </Link>
      </li>
    ) : null;
  const links = [
    item('knowledge', '/knowledge', true),
    item('dashboard', '/service-desk', staff && may('ticket.read')),
    item('review', '/mail/review', staff && may('ticket.manage')),
    item('outbox', '/mail/outbox', staff && may('user.manage')),
  ].filter(Boolean);
  if (links.length < 2) {
    return null;
  }
  return (
    <nav aria-label={t('nav.sections')}>
      <ul className="kern-list kern-list--horizontal app-nav">{links}</ul>
    </nav>
  );
}
