import { useTranslation } from 'react-i18next';

export function Loader({ label }: { label?: string }) {
  const { t } = useTranslation();
  return (
    <div role="status" className="kern-flex kern-align-items-center kern-gap-md">
      <span className="kern-loader kern-loader--visible" aria-hidden="true" />
      <span className="kern-body">{label ?? t('common.loading')}</span>
    </div>
  );
}
