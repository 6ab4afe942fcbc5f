import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { Page } from '../components/Page';
import { Frame } from './layout';

export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <Frame>
      <Page title={t('notFound.title')}>
        <p className="kern-body">{t('notFound.text')}</p>
        <p className="kern-body">
          <Link to="/" className="kern-link">
            {t('notFound.home')}
          </Link>
        </p>
      </Page>
    </Frame>
  );
}
