import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../app/auth';
import { NS } from './i18n';

/** Sub-navigation of the catalogue area: services, price lists, bulk import (provider staff). */
export function CatalogNav({ current }: { current: 'services' | 'price-lists' | 'import' }) {
  const { t } = useTranslation(NS);
  const { activeOrg, may } = useAuth();
  const staff = activeOrg?.orgKind === 'provider';
  return (
    <nav aria-label={t('nav.sections')}>
      <ul className="kern-list kern-list--horizontal app-nav">
        <li>
          <Link to="/catalog" className="kern-link" aria-current={current === 'services' ? 'page' : undefined}>
            {t('nav.services')}
          </Link>
        </li>
        <li>
          <Link to="/price-lists" className="kern-link" aria-current={current === 'price-lists' ? 'page' : undefined}>
            {t('nav.priceLists')}
          </Link>
        </li>
        {staff && may('subscription.manage') ? (
          <li>
            <Link to="/subscriptions/import" className="kern-link" aria-current={current === 'import' ? 'page' : undefined}>
              {t('nav.import')}
            </Link>
          </li>
        ) : null}
      </ul>
    </nav>
  );
}
