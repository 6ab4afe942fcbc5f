import { getRouteApi, Link, useNavigate } from '@tanstack/react-router';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../app/auth';
import { DescriptionList } from '../../components/DescriptionList';
import { Page } from '../../components/Page';
import { ProblemAlert } from '../../components/ProblemAlert';
import { QueryState } from '../../components/QueryState';
import { SelectField, SubmitButton, TextField } from '../../components/fields';
import { useFocusFirstError } from '../../components/use-focus-error';
import { ApiProblem, splitFieldErrors } from '../../lib/problem';
import { useSaveService, useService, useUnitCodes, type Service } from './catalog.api';
import { CatalogNav } from './CatalogNav';
import { NS } from './i18n';
import { SubscriptionTable } from './SubscriptionTable';

const route = getRouteApi('/app/catalog/services/$id');

export const CHARGE_UNITS = ['workstation', 'user', 'device', 'gb', 'mailbox', 'inhabitant', 'flat', 'hour'] as const;
const VAT = ['taxable_19', 'not_taxable_2b', 'exempt'] as const;
const FIELDS = ['code', 'nameDe', 'nameEn', 'descriptionDe', 'category', 'chargeUnit', 'unitCode', 'vatTreatment', 'vatExemptionCode', 'vatExemptionReason', 'status'] as const;
/** A sensible Rec 20 code for each unit of charge. */
const DEFAULT_UNIT: Record<(typeof CHARGE_UNITS)[number], string> = {
  workstation: 'C62',
  user: 'C62',
  device: 'H87',
  gb: 'E34',
  mailbox: 'C62',
  inhabitant: 'C62',
  flat: 'LS',
  hour: 'HUR',
};

const orNull = (s: string) => (s.trim() === '' ? null : s.trim());

function ServiceForm({ service, providerId }: { service: Service | null; providerId: string }) {
  const { t, i18n } = useTranslation(NS);
  const navigate = useNavigate();
  const save = useSaveService();
  const units = useUnitCodes();
  const [v, setV] = useState({
    code: service?.code ?? '',
    nameDe: service?.nameDe ?? '',
    nameEn: service?.nameEn ?? '',
    descriptionDe: service?.descriptionDe ?? '',
    category: service?.category ?? '',
    chargeUnit: service?.chargeUnit ?? ('workstation' as (typeof CHARGE_UNITS)[number]),
    unitCode: service?.unitCode ?? 'C62',
    vatTreatment: service?.vatTreatment ?? ('taxable_19' as (typeof VAT)[number]),
    vatExemptionCode: service?.vatExemptionCode ?? '',
    vatExemptionReason: service?.vatExemptionReason ?? '',
    status: service?.status ?? ('active' as 'active' | 'retired'),
  });
  const [attempt, setAttempt] = useState(0);
  const ref = useFocusFirstError<HTMLFormElement>(attempt);
  const problem = save.error instanceof ApiProblem ? save.error : null;
  const { byField, other } = splitFieldErrors(problem, FIELDS);
  const set = <K extends keyof typeof v>(k: K) => (value: string) => setV((s) => ({ ...s, [k]: value }));
  const unitOptions = [...(units.data?.common ?? []).map((u) => ({ value: u.code, label: `${u.code} – ${i18n.language === 'en' ? u.en : u.de}` }))];
  if (!unitOptions.some((o) => o.value === v.unitCode)) {
    unitOptions.unshift({ value: v.unitCode, label: v.unitCode });
  }
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const body = {
      code: v.code.trim(),
      nameDe: v.nameDe.trim(),
      nameEn: orNull(v.nameEn),
      descriptionDe: orNull(v.descriptionDe),
      category: v.category.trim(),
      chargeUnit: v.chargeUnit,
      unitCode: v.unitCode,
      vatTreatment: v.vatTreatment,
      vatExemptionCode: v.vatTreatment === 'exempt' ? orNull(v.vatExemptionCode) : null,
      vatExemptionReason: v.vatTreatment === 'taxable_19' ? null : orNull(v.vatExemptionReason),
    };
    save.mutate(
      { id: service?.id ?? null, body: service ? { ...body, status: v.status } : { ...body, providerId } },
      {
        onSuccess: (s) => void navigate({ to: '/catalog/services/$id', params: { id: s.id } }),
        onError: () => setAttempt((a) => a + 1),
      },
    );
  };
  return (
    <form ref={ref} className="kern-stack-md form-narrow" onSubmit={onSubmit} noValidate aria-labelledby="service-form">
      <h2 className="kern-heading-medium" id="service-form">
        {service ? t('service.edit') : t('service.new')}
      </h2>
      {save.error ? <ProblemAlert error={save.error} fieldErrors={other} /> : null}
      {save.isSuccess && service ? <p className="kern-body" role="status">{t('saved')}</p> : null}
      <TextField name="code" label={t('service.code')} hint={t('service.codeHint')} required value={v.code} error={byField.code} onChange={set('code')} />
      <TextField name="nameDe" label={t('service.nameDe')} required value={v.nameDe} error={byField.nameDe} onChange={set('nameDe')} />
      <TextField name="nameEn" label={t('service.nameEn')} value={v.nameEn} error={byField.nameEn} onChange={set('nameEn')} />
      <TextField name="descriptionDe" label={t('service.description')} value={v.descriptionDe} error={byField.descriptionDe} onChange={set('descriptionDe')} />
      <TextField name="category" label={t('service.category')} required value={v.category} error={byField.category} onChange={set('category')} />
      <SelectField
        name="chargeUnit"
        label={t('service.chargeUnit')}
        required
        value={v.chargeUnit}
        error={byField.chargeUnit}
        onChange={(c) => setV((s) => ({ ...s, chargeUnit: c as typeof s.chargeUnit, unitCode: service ? s.unitCode : DEFAULT_UNIT[c as keyof typeof DEFAULT_UNIT] }))}
        options={CHARGE_UNITS.map((u) => ({ value: u, label: t(`unit.${u}`) }))}
      />
      <SelectField name="unitCode" label={t('service.unitCode')} hint={t('service.unitCodeHint')} required value={v.unitCode} error={byField.unitCode} onChange={set('unitCode')} options={unitOptions} />
      <SelectField
        name="vatTreatment"
        label={t('service.vat')}
        required
        value={v.vatTreatment}
        error={byField.vatTreatment}
        onChange={set('vatTreatment')}
        options={VAT.map((x) => ({ value: x, label: t(`vat.${x}`) }))}
      />
      {v.vatTreatment === 'exempt' ? (
        <TextField name="vatExemptionCode" label={t('service.vatex')} hint={t('service.vatexHint')} required value={v.vatExemptionCode} error={byField.vatExemptionCode} onChange={set('vatExemptionCode')} />
      ) : null}
      {v.vatTreatment !== 'taxable_19' ? (
        <TextField
          name="vatExemptionReason"
          label={t('service.vatReason')}
          hint={v.vatTreatment === 'not_taxable_2b' ? t('service.vatReason2bHint') : undefined}
          required={v.vatTreatment === 'exempt'}
          value={v.vatExemptionReason}
          error={byField.vatExemptionReason}
          onChange={set('vatExemptionReason')}
        />
      ) : null}
      {service ? (
        <SelectField
          name="status"
          label={t('service.status')}
          required
          value={v.status}
          error={byField.status}
          onChange={set('status')}
          options={[
            { value: 'active', label: t('status.active') },
            { value: 'retired', label: t('status.retired') },
          ]}
        />
      ) : null}
      <div className="kern-flex kern-gap-sm">
        <SubmitButton busy={save.isPending}>{t('save')}</SubmitButton>
        <Link to="/catalog" className="kern-btn kern-btn--secondary">
          <span className="kern-label">{t('cancel')}</span>
        </Link>
      </div>
    </form>
  );
}

function ServiceView({ s }: { s: Service }) {
  const { t } = useTranslation(NS);
  return (
    <DescriptionList
      items={[
        { label: t('service.code'), value: s.code },
        { label: t('service.category'), value: s.category },
        { label: t('service.description'), value: s.descriptionDe },
        { label: t('service.chargeUnit'), value: t(`unit.${s.chargeUnit}`) },
        { label: t('service.unitCode'), value: s.unitCode },
        { label: t('service.vat'), value: t(`vat.${s.vatTreatment}`) },
        { label: t('service.vatReason'), value: s.vatExemptionReason },
        { label: t('service.status'), value: t(`status.${s.status}`) },
      ]}
    />
  );
}

/** One service: the editor for provider finance, the description for everyone else; its subscribers. */
export function ServicePage() {
  const { t } = useTranslation(NS);
  const { id } = route.useParams();
  const { activeOrg, may } = useAuth();
  const isNew = id === 'new';
  const query = useService(isNew ? undefined : id);
  if (isNew) {
    return (
      <Page title={t('service.new')}>
        <CatalogNav current="services" />
        {activeOrg?.orgKind === 'provider' ? <ServiceForm service={null} providerId={activeOrg.orgId} /> : <p className="kern-body">{t('service.providerOnly')}</p>}
      </Page>
    );
  }
  return (
    <QueryState query={query}>
      {(s) => (
        <Page title={`${s.code} – ${s.nameDe}`}>
          <CatalogNav current="services" />
          {s.abilities.update ? <ServiceForm key={s.updatedAt} service={s} providerId={s.providerId} /> : <ServiceView s={s} />}
          {may('subscription.read') && activeOrg?.orgKind === 'provider' ? (
            <section className="kern-stack-md" aria-labelledby="subscribers">
              <h2 className="kern-heading-medium" id="subscribers">
                {t('subscriptions.ofService')}
              </h2>
              <SubscriptionTable filter={{ serviceId: s.id }} show="member" />
            </section>
          ) : null}
        </Page>
      )}
    </QueryState>
  );
}
