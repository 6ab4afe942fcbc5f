import { Link } from '@tanstack/react-router';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { DataTable } from '../../components/DataTable';
import { ProblemAlert } from '../../components/ProblemAlert';
import { QueryState } from '../../components/QueryState';
import { SelectField, SubmitButton, TextField } from '../../components/fields';
import { useFocusFirstError } from '../../components/use-focus-error';
import { ApiProblem, splitFieldErrors } from '../../lib/problem';
import { DateField } from '../members/DateField';
import {
  formatDate,
  formatQuantity,
  useCreateSubscription,
  useServices,
  useSetQuantity,
  useSubscription,
  useSubscriptions,
  type Subscription,
} from './catalog.api';
import { NS } from './i18n';

const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin' }).format(new Date());

/** A quantity change from a date on; the history stays (effective-dated). */
function QuantityForm({ sub, onDone }: { sub: Subscription; onDone: () => void }) {
  const { t, i18n } = useTranslation(NS);
  const set = useSetQuantity(sub.id);
  const detail = useSubscription(sub.id);
  const [v, setV] = useState({ date: today() < sub.validFrom ? sub.validFrom : today(), quantity: sub.quantity ? formatQuantity(sub.quantity, 'en') : '', note: '' });
  const [attempt, setAttempt] = useState(0);
  const ref = useFocusFirstError<HTMLFormElement>(attempt);
  const problem = set.error instanceof ApiProblem ? set.error : null;
  const { byField, other } = splitFieldErrors(problem, ['quantity', 'date', 'note']);
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    set.mutate({ date: v.date, quantity: v.quantity.trim(), note: v.note.trim() || null }, { onSuccess: onDone, onError: () => setAttempt((a) => a + 1) });
  };
  return (
    <div className="kern-stack-md">
      {!sub.abilities.update ? (
        <div>
          <button type="button" className="kern-btn kern-btn--secondary" onClick={onDone}>
            <span className="kern-label">{t('close')}</span>
          </button>
        </div>
      ) : null}
      {sub.abilities.update ? (
      <form ref={ref} className="kern-stack-md form-narrow" onSubmit={onSubmit} noValidate aria-labelledby={`q-${sub.id}`}>
        <h3 className="kern-heading-small" id={`q-${sub.id}`}>
          {t('subscriptions.changeTitle', { service: sub.serviceName, member: sub.memberName })}
        </h3>
        {set.error ? <ProblemAlert error={set.error} fieldErrors={other} /> : null}
        <DateField name="date" label={t('subscriptions.effectiveFrom')} required value={v.date} error={byField.date} onChange={(date) => setV((s) => ({ ...s, date }))} />
        <TextField name="quantity" label={t('subscriptions.quantity')} hint={t('subscriptions.quantityHint')} required inputMode="text" value={v.quantity} error={byField.quantity} onChange={(quantity) => setV((s) => ({ ...s, quantity }))} />
        <TextField name="note" label={t('subscriptions.note')} value={v.note} error={byField.note} onChange={(note) => setV((s) => ({ ...s, note }))} />
        <div className="kern-flex kern-gap-sm">
          <SubmitButton busy={set.isPending}>{t('save')}</SubmitButton>
          <button type="button" className="kern-btn kern-btn--secondary" onClick={onDone}>
            <span className="kern-label">{t('cancel')}</span>
          </button>
        </div>
      </form>
      ) : null}
      <QueryState query={detail}>
        {(d) => (
          <DataTable
            caption={t('subscriptions.history', { service: d.serviceName })}
            rows={d.segments}
            rowKey={(s) => s.from}
            columns={[
              { key: 'from', header: t('subscriptions.from'), rowHeader: true, render: (s) => formatDate(s.from, i18n.language) },
              { key: 'to', header: t('subscriptions.to'), render: (s) => (s.to ? formatDate(s.to, i18n.language) : t('subscriptions.open')) },
              { key: 'q', header: t('subscriptions.quantity'), numeric: true, render: (s) => formatQuantity(s.quantity, i18n.language) },
            ]}
          />
        )}
      </QueryState>
    </div>
  );
}

function AddForm({ memberId, onDone }: { memberId: string; onDone: () => void }) {
  const { t } = useTranslation(NS);
  const services = useServices({ status: 'active' });
  const create = useCreateSubscription();
  const [v, setV] = useState({ serviceId: '', validFrom: today(), quantity: '1' });
  const [attempt, setAttempt] = useState(0);
  const ref = useFocusFirstError<HTMLFormElement>(attempt);
  const problem = create.error instanceof ApiProblem ? create.error : null;
  const { byField, other } = splitFieldErrors(problem, ['serviceId', 'validFrom', 'quantity']);
  const options = (services.data?.items ?? []).map((s) => ({ value: s.id, label: `${s.code} – ${s.nameDe}` }));
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate(
      { memberId, serviceId: v.serviceId || options[0]?.value || '', validFrom: v.validFrom, quantity: v.quantity.trim() },
      { onSuccess: onDone, onError: () => setAttempt((a) => a + 1) },
    );
  };
  return (
    <form ref={ref} className="kern-stack-md form-narrow" onSubmit={onSubmit} noValidate aria-labelledby="sub-add">
      <h3 className="kern-heading-small" id="sub-add">
        {t('subscriptions.add')}
      </h3>
      {create.error ? <ProblemAlert error={create.error} fieldErrors={other} /> : null}
      <SelectField name="serviceId" label={t('subscriptions.service')} required value={v.serviceId || options[0]?.value || ''} error={byField.serviceId} onChange={(serviceId) => setV((s) => ({ ...s, serviceId }))} options={options} />
      <DateField name="validFrom" label={t('subscriptions.from')} required value={v.validFrom} error={byField.validFrom} onChange={(validFrom) => setV((s) => ({ ...s, validFrom }))} />
      <TextField name="quantity" label={t('subscriptions.quantity')} hint={t('subscriptions.quantityHint')} required value={v.quantity} error={byField.quantity} onChange={(quantity) => setV((s) => ({ ...s, quantity }))} />
      <div className="kern-flex kern-gap-sm">
        <SubmitButton busy={create.isPending}>{t('save')}</SubmitButton>
        <button type="button" className="kern-btn kern-btn--secondary" onClick={onDone}>
          <span className="kern-label">{t('cancel')}</span>
        </button>
      </div>
    </form>
  );
}

/**
 * Subscriptions of one member (`show="service"`) or one service (`show="member"`), with today's
 * quantity; holders of subscription.manage change quantities from a date on and add subscriptions.
 */
export function SubscriptionTable({ filter, show, canAdd }: { filter: { memberId?: string; serviceId?: string }; show: 'member' | 'service'; canAdd?: boolean }) {
  const { t, i18n } = useTranslation(NS);
  const query = useSubscriptions(filter);
  const [editing, setEditing] = useState<Subscription | null>(null);
  const [adding, setAdding] = useState(false);
  return (
    <div className="kern-stack-md">
      {canAdd && filter.memberId && !adding ? (
        <div>
          <button type="button" className="kern-btn kern-btn--secondary" onClick={() => setAdding(true)}>
            <span className="kern-icon kern-icon--add" aria-hidden="true" />
            <span className="kern-label">{t('subscriptions.add')}</span>
          </button>
        </div>
      ) : null}
      {adding && filter.memberId ? <AddForm memberId={filter.memberId} onDone={() => setAdding(false)} /> : null}
      {editing ? <QuantityForm key={editing.id} sub={editing} onDone={() => setEditing(null)} /> : null}
      <QueryState query={query}>
        {(data) =>
          data.items.length === 0 ? (
            <p className="kern-body">{t('subscriptions.empty')}</p>
          ) : (
            <DataTable<Subscription>
              caption={t('subscriptions.title')}
              rows={data.items}
              rowKey={(s) => s.id}
              columns={[
                show === 'member'
                  ? {
                      key: 'member',
                      header: t('subscriptions.member'),
                      rowHeader: true,
                      render: (s) => (
                        <Link to="/organisations/$id" params={{ id: s.memberId }} search={{ tab: 'subscriptions' }} className="kern-link">
                          {s.memberName}
                        </Link>
                      ),
                    }
                  : { key: 'service', header: t('subscriptions.service'), rowHeader: true, render: (s) => `${s.serviceCode} – ${s.serviceName}` },
                { key: 'quantity', header: t('subscriptions.quantityToday'), numeric: true, render: (s) => `${formatQuantity(s.quantity, i18n.language)} ${t(`unitShort.${s.chargeUnit}`)}` },
                { key: 'from', header: t('subscriptions.from'), render: (s) => formatDate(s.validFrom, i18n.language) },
                { key: 'to', header: t('subscriptions.to'), render: (s) => (s.validTo ? formatDate(s.validTo, i18n.language) : t('subscriptions.open')) },
                {
                  key: 'actions',
                  header: t('actions'),
                  render: (s) =>
                    s.abilities.update ? (
                      <button type="button" className="kern-btn kern-btn--secondary" onClick={() => setEditing(s)}>
                        <span className="kern-label">{t('subscriptions.change', { name: show === 'member' ? s.memberName : s.serviceName })}</span>
                      </button>
                    ) : (
                      <button type="button" className="kern-btn kern-btn--tertiary" onClick={() => setEditing(s)}>
                        <span className="kern-label">{t('subscriptions.showHistory', { name: show === 'member' ? s.memberName : s.serviceName })}</span>
                      </button>
                    ),
                },
              ]}
            />
          )
        }
      </QueryState>
    </div>
  );
}
