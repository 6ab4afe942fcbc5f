import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../app/auth';
import { NS } from './i18n';

type Section = 'plans' | 'runs' | 'invoices' | 'budget' | 'settings';

/** Sub-navigation of billing: provider finance sees plans, runs, budget mappings and settings; members only invoices. */
export function BillingNav({ current }: { current: Section }) {
  const { t } = useTranslation(NS);
  const { activeOrg, may } = useAuth();
  const finance = activeOrg?.orgKind === 'provider' && may('billing.read');
  const items: { key: Section; to: '/cost-plans' | '/billing-runs' | '/invoices' | '/budget-mappings' | '/billing-settings'; show: boolean }[] = [
    { key: 'plans', to: '/cost-plans', show: finance },
    { key: 'runs', to: '/billing-runs', show: finance },
    { key: 'invoices', to: '/invoices', show: true },
    { key: 'budget', to: '/budget-mappings', show: finance },
    { key: 'settings', to: '/billing-settings', show: finance },
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
