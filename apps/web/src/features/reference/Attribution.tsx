import { useTranslation } from 'react-i18next';
import { formatDate } from '../members/DateField';
import { NS } from '../members/i18n';

/** The Destatis source note the licence (dl-de/by-2-0) asks for wherever directory data is shown. */
export function Attribution({ gebietsstand }: { gebietsstand: string | null | undefined }) {
  const { t } = useTranslation(NS);
  return (
    <p className="kern-body kern-body--small" data-testid="destatis-attribution">
      {t('reference.attribution', { date: gebietsstand ? formatDate(gebietsstand, 'de') : '–' })}{' '}
      <a className="kern-link" href="https://www.govdata.de/dl-de/by-2-0" rel="license">
        dl-de/by-2-0
      </a>
    </p>
  );
}
