import { useTranslation } from 'react-i18next';
import { Badge } from '../../components/Badge';
import { NS } from './i18n';

export function RunStatus({ status }: { status: 'draft' | 'issuing' | 'issued' }) {
  const { t } = useTranslation(NS);
  return <Badge variant={status === 'issued' ? 'success' : status === 'issuing' ? 'info' : 'warning'}>{t(`status.${status}`)}</Badge>;
}
