import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../app/auth';
import { NS } from './i18n';

type Section = 'queue' | 'new' | 'profiles' | 'report';

/** Sub-navigation of the service desk; members see their tickets and the new-ticket form. */
export function TicketsNav({ current }: { current: Section }) {
  const { t } = useTranslation(NS);
  const { may, activeOrg } = useAuth();
  const items: { key: Section; to: '/tickets' | '/tickets/new' | '/sla-profiles' | '/reports/sla'; show: boolean }[] = [
    { key: 'queue', to: '/tickets', show: true },
    { key: 'new', to: '/tickets/new', show: may('ticket.create') },
    { key: 'profiles', to: '/sla-profiles', show: may('ticket.manage') || may('sla.manage') },
    { key: 'report', to: '/reports/sla', show: may('ticket.manage') || (activeOrg?.orgKind === 'member' && may('user.manage')) },
  ];
  return (
    <nav aria-label={t('nav.sections')}>
      <ul className="kern-list kern-list--horizontal app-nav">
        {items
          .filter((i) => i.show)
          .map((i) => (
            <li key={i.key}>
              <Link to={i.to} className="kern-link" aria-current={current === i.key ? 'page' : undefined}>
                {t(`nav.${i.key}`)}
              </Link>
            </li>
          ))}
      </ul>
    </nav>
  );
}
