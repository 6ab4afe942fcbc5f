import { useTranslation } from 'react-i18next';
import { Alert } from '../../components/Alert';
import { useAssetLockIns } from './grants.api';
import './i18n';
import { NS } from './i18n';
import { dateDe } from './money';

const today = () => new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Berlin' });

/**
 * For the asset's page: the grants that paid for it and the end of its lock-in (Zweckbindung).
 * While the user is about to dispose of it within the lock-in, the notice becomes a warning.
 */
export function AssetLockIns({ assetId, disposing = false }: { assetId: string; disposing?: boolean }) {
  const { t } = useTranslation(NS);
  const q = useAssetLockIns(assetId);
  const items = q.data?.items ?? [];
  if (items.length === 0) {
    return null;
  }
  const locked = items.filter((i) => i.lockInEnd >= today());
  const broken = items.filter((i) => i.warning);
  const warn = broken.length > 0 || (disposing && locked.length > 0);
  return (
    <Alert variant={warn ? 'warning' : 'info'} title={broken.length > 0 ? t('lockIn.broken') : disposing && locked.length > 0 ? t('lockIn.disposing') : t('lockIn.title')}>
      <ul className="kern-list">
        {items.map((i) => (
          <li key={i.grantId} className="kern-body">
            {t(i.lockInEnd >= today() ? 'lockIn.item' : 'lockIn.itemEnded', { title: i.title, ref: i.fileReference, end: dateDe(i.lockInEnd) })}
          </li>
        ))}
      </ul>
    </Alert>
  );
}
