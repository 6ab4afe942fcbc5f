import { useTranslation } from 'react-i18next';
import { SelectField } from '../../components/fields';
import { useKreise } from '../reference/reference.api';
import { exportHref } from './filters';
import { NS } from './i18n';
import { AGREEMENT_KINDS, AGREEMENT_STATUSES } from './types';

export interface MemberFilterInput {
  status: string;
  kreis: string;
  agreementKind: string;
}

/** Status, Kreis and agreement kind filters beside the organisations list's own ones. */
export function MemberFilterFields({
  value,
  onChange,
}: {
  value: MemberFilterInput;
  onChange: (v: MemberFilterInput) => void;
}) {
  const { t } = useTranslation(NS);
  const kreise = useKreise();
  return (
    <>
      <SelectField
        name="status"
        label={t('filters.status')}
        plain
        value={value.status}
        onChange={(status) => onChange({ ...value, status })}
        options={[
          { value: '', label: t('filters.allStatuses') },
          ...AGREEMENT_STATUSES.map((s) => ({ value: s, label: t(`agreementStatus.${s}`) })),
        ]}
      />
      <SelectField
        name="agreementKind"
        label={t('filters.agreementKind')}
        plain
        value={value.agreementKind}
        onChange={(agreementKind) => onChange({ ...value, agreementKind })}
        options={[
          { value: '', label: t('filters.allKinds') },
          ...AGREEMENT_KINDS.map((k) => ({ value: k, label: t(`agreementKind.${k}`) })),
        ]}
      />
      <SelectField
        name="kreis"
        label={t('filters.kreis')}
        plain
        value={value.kreis}
        onChange={(kreis) => onChange({ ...value, kreis })}
        options={[
          { value: '', label: t('filters.allKreise') },
          ...[...(kreise.data?.items ?? [])]
            .sort((a, b) => a.name.localeCompare(b.name, 'de'))
            .map((k) => ({ value: k.ags, label: k.name })),
        ]}
      />
    </>
  );
}

export function ExportLinks({ filter }: { filter: Record<string, string | undefined> }) {
  const { t } = useTranslation(NS);
  return (
    <p className="kern-body kern-flex kern-flex-wrap kern-gap-md">
      <a className="kern-link" href={exportHref('csv', filter)} download>
        {t('filters.exportCsv')}
      </a>
      <a className="kern-link" href={exportHref('xlsx', filter)} download>
        {t('filters.exportXlsx')}
      </a>
    </p>
  );
}
