import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../components/Alert';
import { ProblemAlert } from '../../components/ProblemAlert';
import { SelectField, SubmitButton, TextField } from '../../components/fields';
import { useFocusFirstError } from '../../components/use-focus-error';
import { ApiProblem, splitFieldErrors } from '../../lib/problem';
import { DateField, today } from '../members/DateField';
import { NS } from '../members/i18n';
import type { Agreement, AgreementStatus } from '../members/types';
import { TransitionConflict, useDocuments, useTransition } from './agreements.api';
import { DocumentUpload } from './Documents';

function StepForm({
  agreement,
  to,
  onDone,
  onCancel,
}: {
  agreement: Agreement;
  to: AgreementStatus;
  onDone: () => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation(NS);
  const transition = useTransition(agreement.id);
  const docs = useDocuments(agreement.orgId);
  const pdfs = (docs.data?.items ?? []).filter((d) => d.contentType === 'application/pdf');
  const [date, setDate] = useState(today());
  const [signer, setSigner] = useState({ name: '', function: '', party: 'member' as 'member' | 'provider' });
  const [docId, setDocId] = useState('');
  const [attempt, setAttempt] = useState(0);
  const ref = useFocusFirstError<HTMLFormElement>(attempt);
  const signing = to === 'signed';
  const chosenDoc = docId || pdfs[0]?.id || '';
  const problem = transition.error instanceof ApiProblem ? transition.error : null;
  const conflict = transition.error instanceof TransitionConflict ? transition.error : null;
  const { byField, other } = splitFieldErrors(conflict ? null : problem, ['date', 'signatories', 'signedDocumentId']);
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    transition.mutate(
      signing
        ? {
            to,
            date,
            signatories: [{ name: signer.name.trim(), function: signer.function.trim(), party: signer.party, date }],
            signedDocumentId: chosenDoc || undefined,
          }
        : { to, date },
      { onSuccess: onDone, onError: () => setAttempt((a) => a + 1) },
    );
  };
  return (
    <div className="kern-stack-md">
      <form ref={ref} className="kern-stack-md form-narrow" onSubmit={onSubmit} noValidate aria-labelledby="step-h">
        <h3 className="kern-heading-small" id="step-h">
          {t('transition.title', { status: t(`agreementStatus.${to}`) })}
        </h3>
        {conflict ? (
          <Alert variant="danger" title={t('transition.conflict')}>
            <p className="kern-body">
              {conflict.allowed.length > 0
                ? t('transition.allowedNow', {
                    list: conflict.allowed.map((s) => t(`agreementStatus.${s}`)).join(', '),
                  })
                : t('transition.noneAllowed')}
            </p>
          </Alert>
        ) : transition.error ? (
          <ProblemAlert error={transition.error} fieldErrors={other} />
        ) : null}
        <DateField name="date" label={t('transition.date')} required value={date} error={byField.date} onChange={setDate} />
        {signing ? (
          <>
            <TextField
              name="signerName"
              label={t('transition.signerName')}
              required
              value={signer.name}
              error={byField.signatories}
              onChange={(name) => setSigner((s) => ({ ...s, name }))}
            />
            <TextField
              name="signerFunction"
              label={t('transition.signerFunction')}
              required
              value={signer.function}
              onChange={(fn) => setSigner((s) => ({ ...s, function: fn }))}
            />
            <SelectField
              name="signerParty"
              label={t('transition.signerParty')}
              required
              value={signer.party}
              onChange={(party) => setSigner((s) => ({ ...s, party: party === 'provider' ? 'provider' : 'member' }))}
              options={[
                { value: 'member', label: t('transition.party.member') },
                { value: 'provider', label: t('transition.party.provider') },
              ]}
            />
            <SelectField
              name="signedDocumentId"
              label={t('transition.signedDocument')}
              required
              hint={pdfs.length === 0 ? t('transition.uploadFirst') : undefined}
              value={chosenDoc}
              error={byField.signedDocumentId}
              onChange={setDocId}
              options={
                pdfs.length === 0
                  ? [{ value: '', label: t('transition.noDocument') }]
                  : pdfs.map((d) => ({ value: d.id, label: `${d.title} (${d.filename})` }))
              }
            />
          </>
        ) : null}
        <div className="kern-flex kern-gap-sm">
          <SubmitButton busy={transition.isPending}>
            {t('transition.confirm', { status: t(`agreementStatus.${to}`) })}
          </SubmitButton>
          <button type="button" className="kern-btn kern-btn--secondary" onClick={onCancel}>
            <span className="kern-label">{t('cancel')}</span>
          </button>
        </div>
      </form>
      {signing && agreement.abilities.uploadDocument ? (
        <DocumentUpload orgId={agreement.orgId} agreementId={agreement.id} onUploaded={(d) => setDocId(d.id)} />
      ) : null}
    </div>
  );
}

/** The next steps this agreement may take, as buttons; each opens its small form. */
export function AgreementTransitions({ agreement }: { agreement: Agreement }) {
  const { t } = useTranslation(NS);
  const [to, setTo] = useState<AgreementStatus | null>(null);
  const [moved, setMoved] = useState<AgreementStatus | null>(null);
  const done = moved ? <Alert variant="success" title={t('transition.done', { status: t(`agreementStatus.${moved}`) })} /> : null;
  if (!agreement.abilities.transition || agreement.allowedTransitions.length === 0) {
    return done;
  }
  return (
    <section className="kern-stack-md" aria-labelledby="transitions-heading">
      <h2 className="kern-heading-medium" id="transitions-heading">
        {t('transition.heading')}
      </h2>
      {done}
      <div className="kern-flex kern-flex-wrap kern-gap-sm">
        {agreement.allowedTransitions.map((s) => (
          <button
            key={s}
            type="button"
            className={`kern-btn ${s === 'ended' ? 'kern-btn--tertiary' : 'kern-btn--primary'}`}
            aria-pressed={to === s}
            onClick={() => (setTo(s), setMoved(null))}
          >
            <span className="kern-label">{t(`transition.to.${s}`)}</span>
          </button>
        ))}
      </div>
      {to ? (
        <StepForm
          key={to}
          agreement={agreement}
          to={to}
          onCancel={() => setTo(null)}
          onDone={() => (setMoved(to), setTo(null))}
        />
      ) : null}
    </section>
  );
}
