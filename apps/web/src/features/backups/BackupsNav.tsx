import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { NS } from './i18n';

export function BackupsNav({ current }: { current: 'dashboard' | 'restore' }) {
  const { t } = useTranslation(NS);
  return (
    <nav aria-label={t('title')}>
      <ul className="kern-list kern-list--horizontal app-nav">
        <li>
          <Link to="/backups" className="kern-link" aria-current={current === 'dashboard' ? 'page' : undefined}>
            {t('nav.dashboard')}
          </Link>
        </li>
        <li>
          <Link
            to="/backups/restore-tests"
            className="kern-link"
            aria-current={current === 'restore' ? 'page' : undefined}
          >
            {t('nav.restoreTests')}
          </Link>
        </li>
      </ul>
    </nav>
  );
}
