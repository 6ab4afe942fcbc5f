import { useTranslation } from 'react-i18next';
import { Badge } from '../../components/Badge';
import type { Job, Run } from './backups.api';
import { NS } from './i18n';

export function RunBadge({ status }: { status: Run['status'] | null }) {
  const { t } = useTranslation(NS);
  if (!status) {
    return <>—</>;
  }
  return (
    <Badge variant={status === 'success' ? 'success' : status === 'warning' ? 'warning' : 'danger'}>
      {t(`status.${status}`)}
    </Badge>
  );
}

export function RpoBadge({ rpo }: { rpo: Job['rpo'] }) {
  const { t } = useTranslation(NS);
  return (
    <Badge variant={rpo.state === 'ok' ? 'success' : rpo.state === 'violated' ? 'danger' : 'info'}>
      {t(`rpo.${rpo.state}`)}
    </Badge>
  );
}

export const jobWhat = (j: Pick<Job, 'asset' | 'service'>) =>
  j.asset ? `${j.asset.inventoryNumber ?? ''} ${j.asset.name}`.trim() : (j.service?.name ?? '—');
