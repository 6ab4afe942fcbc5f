import { getRouteApi, Link } from '@tanstack/react-router';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../components/Alert';
import { DescriptionList } from '../../components/DescriptionList';
import { Page } from '../../components/Page';
import { ProblemAlert } from '../../components/ProblemAlert';
import { QueryState } from '../../components/QueryState';
import { CheckboxField, SubmitButton, TextField } from '../../components/fields';
import { formatDate, formatNumber } from '../members/DateField';
import { NS } from '../members/i18n';
import type { Agreement } from '../members/types';
import { useAgreement, useUpdateAgreement } from './agreements.api';
import { AgreementTermForm } from './AgreementTermForm';
import { AgreementTransitions } from './AgreementTransitions';
import { DocumentTable, DocumentUpload } from './Documents';
import { StatusBadge } from './StatusBadge';

const route = getRouteApi('/app/agreements/$aid');

const CHECKS = ['publicTask', 'costReimbursementOnly', 'servesPublicBodies'] as const;

function euros(cents: number, language: string): string {
  return new Intl.NumberFormat(language === 'en' ? 'en-GB' : 'de-DE', { style: 'currency', currency: 'EUR' }).format(
    cents / 100,
  );
}

/** § 2b UStG: four conditions; the server derives the VAT treatment from them. */
function VatChecklist({ agreement }: { agreement: Agreement }) {
  const { t } = useTranslation(NS);
  const update = useUpdateAgreement(agreement.id);
  const [checks, setChecks] = useState(() => ({
    publicTask: agreement.vat.publicTask,
    costReimbursementOnly: agreement.vat.costReimbursementOnly,
    servesPublicBodies: agreement.vat.servesPublicBodies,
  }));
  const canEdit = agreement.abilities.update;
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    update.mutate({ vat: checks });
  };
  return (
    <section className="kern-stack-md" aria-labelledby="vat-heading">
      <h2 className="kern-heading-medium" id="vat-heading">
        {t('vat.heading')}
      </h2>
      <form className="kern-stack-md" onSubmit={onSubmit}>
        <fieldset className="kern-fieldset">
          <legend className="kern-label">{t('vat.checklist')}</legend>
          <div className="kern-fieldset__body">
            <p className="kern-body">
              {t('vat.longTermPublicLaw')}: {agreement.vat.longTermPublicLaw ? t('yes') : t('no')}
            </p>
            {CHECKS.map((c) =>
              canEdit ? (
                <CheckboxField
                  key={c}
                  name={c}
                  label={t(`vat.${c}`)}
                  checked={checks[c]}
                  onChange={(v) => setChecks((s) => ({ ...s, [c]: v }))}
                />
              ) : (
                <p key={c} className="kern-body">
                  {t(`vat.${c}`)}: {agreement.vat[c] ? t('yes') : t('no')}
                </p>
              ),
            )}
          </div>
        </fieldset>
        {canEdit ? (
          <div>
            <SubmitButton busy={update.isPending}>{t('vat.save')}</SubmitButton>
          </div>
        ) : null}
        <ProblemAlert error={update.error} />
      </form>
      <div role="status">
        <Alert
          variant={agreement.vat.treatment === 'not_taxable_2b' ? 'success' : 'info'}
          title={t('vat.result', { treatment: t(`vatTreatment.${agreement.vat.treatment}`) })}
        >
          {agreement.vat.exemptReason ? <p className="kern-body">{agreement.vat.exemptReason}</p> : null}
        </Alert>
      </div>
    </section>
  );
}

function Shares({ agreement }: { agreement: Agreement }) {
  const { t, i18n } = useTranslation(NS);
  const update = useUpdateAgreement(agreement.id);
  const s = agreement.shares;
  const [count, setCount] = useState(String(s?.count ?? 1));
  const [nominal, setNominal] = useState(String((s?.nominalValueCents ?? 0) / 100));
  const [paid, setPaid] = useState(String((s?.paidCents ?? 0) / 100));
  const cents = (v: string) => Math.round(Number(v.replace(',', '.')) * 100);
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    update.mutate({ shares: { count: Number(count), nominalValueCents: cents(nominal), paidCents: cents(paid) } });
  };
  return (
    <section className="kern-stack-md" aria-labelledby="shares-heading">
      <h2 className="kern-heading-medium" id="shares-heading">
        {t('shares.heading')}
      </h2>
      <DescriptionList
        items={[
          { label: t('shares.count'), value: s ? formatNumber(s.count, i18n.language) : null },
          { label: t('shares.nominal'), value: s ? euros(s.nominalValueCents, i18n.language) : null },
          { label: t('shares.total'), value: s ? euros(s.totalNominalCents, i18n.language) : null },
          { label: t('shares.paid'), value: s ? euros(s.paidCents, i18n.language) : null },
        ]}
      />
      {agreement.abilities.update ? (
        <form className="kern-flex kern-flex-wrap kern-align-items-end kern-gap-md" onSubmit={onSubmit} aria-label={t('shares.edit')}>
          <TextField name="count" label={t('shares.count')} inputMode="numeric" required value={count} onChange={setCount} />
          <TextField name="nominal" label={t('shares.nominalEur')} inputMode="numeric" required value={nominal} onChange={setNominal} />
          <TextField name="paid" label={t('shares.paidEur')} inputMode="numeric" required value={paid} onChange={setPaid} />
          <div>
            <SubmitButton busy={update.isPending}>{t('shares.save')}</SubmitButton>
          </div>
        </form>
      ) : null}
      <ProblemAlert error={update.error} />
    </section>
  );
}

function Details({ a }: { a: Agreement }) {
  const { t, i18n } = useTranslation(NS);
  const [editing, setEditing] = useState(false);
  const d = (v: string | null) => formatDate(v, i18n.language);
  return (
    <div className="kern-stack-lg">
      <section className="kern-stack-md" aria-labelledby="agreement-heading">
        <h2 className="kern-heading-medium" id="agreement-heading">
          {t('agreements.details')}
        </h2>
        <DescriptionList
          items={[
            {
              label: t('agreements.member'),
              value: (
                <Link to="/organisations/$id" params={{ id: a.orgId }} search={{ tab: undefined }} className="kern-link">
                  {a.orgName}
                </Link>
              ),
            },
            { label: t('agreements.kind'), value: t(`agreementKind.${a.kind}`) },
            { label: t('agreements.status'), value: <StatusBadge status={a.status} /> },
            { label: t('agreements.reference'), value: a.reference },
            { label: t('agreements.intentDeclaredAt'), value: d(a.intentDeclaredAt) },
            { label: t('agreements.signedAt'), value: d(a.signedAt) },
            {
              label: t('agreements.signatories'),
              value: a.signatories.length
                ? a.signatories.map((s) => `${s.name} (${s.function}, ${d(s.date)})`).join('; ')
                : null,
            },
            { label: t('agreements.onboardingStartedAt'), value: d(a.onboardingStartedAt) },
            { label: t('agreements.activeSince'), value: d(a.activeSince) },
            { label: t('agreements.noticeGivenAt'), value: d(a.noticeGivenAt) },
            { label: t('agreements.effectiveEnd'), value: d(a.effectiveEnd) },
            { label: t('agreements.endedAt'), value: d(a.endedAt) },
            { label: t('agreements.allocationKey'), value: a.allocationKey ? t(`allocationKey.${a.allocationKey}`) : null },
          ]}
        />
      </section>
      <section className="kern-stack-md" aria-labelledby="term-heading">
        <div className="kern-flex kern-flex-wrap kern-justify-content-between kern-align-items-center kern-gap-md">
          <h2 className="kern-heading-medium" id="term-heading">
            {t('agreements.term')}
          </h2>
          {a.abilities.update && !editing ? (
            <button type="button" className="kern-btn kern-btn--secondary" onClick={() => setEditing(true)}>
              <span className="kern-icon kern-icon--edit" aria-hidden="true" />
              <span className="kern-label">{t('terms.edit')}</span>
            </button>
          ) : null}
        </div>
        {editing ? <AgreementTermForm agreement={a} onDone={() => setEditing(false)} /> : null}
        <DescriptionList
          items={[
            { label: t('agreements.termStart'), value: d(a.termStart) },
            { label: t('agreements.termEnd'), value: d(a.termEnd) },
            {
              label: t('agreements.minimumTerm'),
              value: a.minimumTermYears ? t('agreements.years', { count: a.minimumTermYears }) : null,
            },
            {
              label: t('agreements.notice'),
              value: t(a.noticeToYearEnd ? 'agreements.noticeToYearEnd' : 'agreements.noticeMonths', {
                count: a.noticeMonths,
              }),
            },
          ]}
        />
      </section>
    </div>
  );
}

export function AgreementDetailPage() {
  const { t } = useTranslation(NS);
  const { aid } = route.useParams();
  const query = useAgreement(aid);
  return (
    <Page title={query.data?.title ?? t('agreements.detailTitle')}>
      <QueryState query={query}>
        {(a) => (
          <div className="kern-stack-lg">
            <AgreementTransitions agreement={a} />
            <Details a={a} />
            <VatChecklist key={`vat-${a.updatedAt}`} agreement={a} />
            {a.kind === 'genossenschaft' ? <Shares key={`shares-${a.updatedAt}`} agreement={a} /> : null}
            <section className="kern-stack-md" aria-labelledby="agreement-docs">
              <h2 className="kern-heading-medium" id="agreement-docs">
                {t('agreements.documents')}
              </h2>
              <DocumentTable orgId={a.orgId} agreementId={a.id} />
              {a.abilities.uploadDocument && a.status !== 'intent' ? (
                <DocumentUpload orgId={a.orgId} agreementId={a.id} />
              ) : null}
            </section>
          </div>
        )}
      </QueryState>
    </Page>
  );
}
