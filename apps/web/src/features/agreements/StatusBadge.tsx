import { useTranslation } from 'react-i18next';
import { Badge } from '../../components/Badge';
import { NS } from '../members/i18n';
import type { AgreementStatus } from '../members/types';

const VARIANT: Record<AgreementStatus, 'info' | 'success' | 'warning' | 'danger'> = {
  intent: 'info',
  signed: 'info',
  onboarding: 'warning',
  active: 'success',
  notice_given: 'warning',
  ended: 'danger',
};

export function StatusBadge({ status }: { status: AgreementStatus }) {
  const { t } = useTranslation(NS);
  return <Badge variant={VARIANT[status]}>{t(`agreementStatus.${status}`)}</Badge>;
}
