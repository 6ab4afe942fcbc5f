import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../app/auth';
import { Alert } from '../../components/Alert';
import { Page } from '../../components/Page';
import { ProblemAlert } from '../../components/ProblemAlert';
import { SubmitButton, TextField } from '../../components/fields';
import { useSaveSettings, useSettings, type Settings, type SettingsBody } from './billing.api';
import { BillingNav } from './BillingNav';
import { NS } from './i18n';

const FIELDS = [
  'sellerName',
  'street',
  'postalCode',
  'city',
  'vatId',
  'taxNumber',
  'iban',
  'bic',
  'bankName',
  'contactName',
  'contactPhone',
  'contactEmail',
  'electronicAddress',
  'paymentTermsDays',
  'numberPrefix',
] as const;
type Field = (typeof FIELDS)[number];
const OPTIONAL = new Set<Field>(['vatId', 'taxNumber', 'bic', 'bankName']);

function SettingsForm({ current }: { current: Settings | null }) {
  const { t } = useTranslation(NS);
  const { may } = useAuth();
  const save = useSaveSettings();
  const [v, setV] = useState<Record<Field, string>>(
    Object.fromEntries(FIELDS.map((f) => [f, current?.[f] === null || current?.[f] === undefined ? (f === 'paymentTermsDays' ? '30' : f === 'numberPrefix' ? 'RE' : '') : String(current[f])])) as Record<Field, string>,
  );
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const body: Record<string, unknown> = {};
    for (const f of FIELDS) {
      const value = v[f].trim();
      if (f === 'paymentTermsDays') {
        body[f] = Number(value);
      } else if (OPTIONAL.has(f)) {
        body[f] = value === '' ? null : value;
      } else {
        body[f] = value;
      }
    }
    save.mutate(body as SettingsBody);
  };
  const disabled = !may('billing.manage');
  return (
    <form className="kern-stack-md form-narrow" onSubmit={onSubmit} noValidate aria-labelledby="settings-h">
      <h2 className="kern-heading-medium" id="settings-h">
        {t('settings.seller')}
      </h2>
      <p className="kern-body">{t('settings.intro')}</p>
      {save.error ? <ProblemAlert error={save.error} /> : null}
      {save.isSuccess ? <Alert variant="success" title={t('saved')} /> : null}
      {FIELDS.map((f) => (
        <TextField key={f} name={f} label={t(`settings.${f}`)} required={!OPTIONAL.has(f)} value={v[f]} onChange={(x) => setV((s) => ({ ...s, [f]: x }))} />
      ))}
      {disabled ? null : <SubmitButton busy={save.isPending}>{t('save')}</SubmitButton>}
    </form>
  );
}

/** Seller data printed on every invoice (BG-4) and the payment terms. */
export function SettingsPage() {
  const { t } = useTranslation(NS);
  const q = useSettings();
  return (
    <Page title={t('settings.title')}>
      <BillingNav current="settings" />
      {q.isPending ? null : <SettingsForm current={q.data ?? null} />}
    </Page>
  );
}
