import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { DataTable } from '../../components/DataTable';
import { ProblemAlert } from '../../components/ProblemAlert';
import { QueryState } from '../../components/QueryState';
import { SelectField, SubmitButton, TextField } from '../../components/fields';
import { useAssets } from '../assets/assets.api';
import { DateField } from '../members/DateField';
import { useDebounced } from '../reference/reference.api';
import { assetOptions, type PickerOption } from './asset-picker';
import { useAddExpense, useDeleteExpense, useExpenses, usePlan, type Expense, type Grant } from './grants.api';
import { NS } from './i18n';
import { dateDe, euroText, toDecimal } from './money';

const today = () => new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Berlin' });

function ExpenseForm({ grant }: { grant: Grant }) {
  const { t } = useTranslation(NS);
  const plan = usePlan(grant.id);
  const add = useAddExpense(grant.id);
  const fileId = useId();
  const empty = { planLineId: '', expenseDate: today(), dueDate: '', payee: '', purpose: '', invoiceNumber: '', amount: '', memberId: '' };
  const [v, setV] = useState(empty);
  const [file, setFile] = useState<File | null>(null);
  const [formKey, setFormKey] = useState(0);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saved, setSaved] = useState<string | null>(null);
  const set = (k: keyof typeof v) => (value: string) => setV((s) => ({ ...s, [k]: value }));
  // Asset picker: a type-ahead over the provider's inventory; the chosen device stays selectable.
  const [assetQ, setAssetQ] = useState('');
  const [asset, setAsset] = useState<PickerOption | null>(null);
  const term = useDebounced(assetQ.trim());
  const matches = useAssets(term ? { q: term } : {}, undefined);
  const assetOpts = assetOptions(matches.data?.items ?? [], asset, t('expense.noAsset'));
  const pickAsset = (id: string) => setAsset(assetOpts.find((o) => o.value === id && id !== '') ?? null);
  const lines = plan.data?.items ?? [];
  const planLineId = v.planLineId || lines[0]?.id || '';
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const amount = toDecimal(v.amount);
    const errs: Record<string, string> = {};
    for (const k of ['payee', 'purpose', 'expenseDate'] as const) {
      if (!v[k].trim()) {
        errs[k] = t('form.required');
      }
    }
    if (amount === null || amount === '0.00') {
      errs.amount = t('form.amount');
    }
    if (v.dueDate && v.dueDate < v.expenseDate) {
      errs.dueDate = t('expense.dueBefore');
    }
    setErrors(errs);
    setSaved(null);
    if (Object.keys(errs).length > 0 || !planLineId) {
      return;
    }
    add.mutate(
      {
        body: {
          planLineId,
          expenseDate: v.expenseDate,
          dueDate: v.dueDate || undefined,
          payee: v.payee.trim(),
          purpose: v.purpose.trim(),
          invoiceNumber: v.invoiceNumber.trim() || null,
          amount: amount!,
          memberId: v.memberId || null,
          assetId: asset?.value ?? null,
        },
        receipt: file,
      },
      {
        onSuccess: (x) => {
          setSaved(t('expense.saved', { payee: x.payee, amount: euroText(x.amount) }));
          setV({ ...empty, planLineId });
          setFile(null);
          setAsset(null);
          setAssetQ('');
          setFormKey((k) => k + 1);
        },
      },
    );
  };
  return (
    <form key={formKey} className="kern-stack-md form-narrow" onSubmit={onSubmit} noValidate aria-labelledby="expense-new">
      <h3 className="kern-heading-small" id="expense-new">
        {t('expense.add')}
      </h3>
      {add.error ? <ProblemAlert error={add.error} /> : null}
      {saved ? (
        <p className="kern-body" role="status">
          {saved}
        </p>
      ) : null}
      {lines.length === 0 ? (
        <p className="kern-body">{t('expense.noLines')}</p>
      ) : (
        <SelectField name="planLineId" label={t('expense.line')} required value={planLineId} options={lines.map((l) => ({ value: l.id, label: `${l.code} – ${l.title}` }))} onChange={set('planLineId')} />
      )}
      <DateField name="expenseDate" label={t('expense.date')} required value={v.expenseDate} error={errors.expenseDate} onChange={set('expenseDate')} />
      <DateField name="dueDate" label={t('expense.due')} value={v.dueDate} error={errors.dueDate} onChange={set('dueDate')} />
      <TextField name="payee" label={t('expense.payee')} required value={v.payee} error={errors.payee} onChange={set('payee')} />
      <TextField name="purpose" label={t('expense.purpose')} required value={v.purpose} error={errors.purpose} onChange={set('purpose')} />
      <TextField name="invoiceNumber" label={t('expense.invoiceNumber')} value={v.invoiceNumber} onChange={set('invoiceNumber')} />
      <TextField name="amount" label={t('expense.amount')} hint={t('form.amountHint')} required value={v.amount} error={errors.amount} onChange={set('amount')} />
      {grant.beneficiaries.length > 0 ? (
        <SelectField
          name="memberId"
          label={t('expense.member')}
          value={v.memberId}
          options={[{ value: '', label: t('expense.noMember') }, ...grant.beneficiaries.map((b) => ({ value: b.orgId, label: b.orgName }))]}
          onChange={set('memberId')}
        />
      ) : null}
      <TextField name="assetSearch" type="search" label={t('expense.assetSearch')} hint={t('expense.assetSearchHint')} value={assetQ} onChange={setAssetQ} />
      <SelectField name="assetId" label={t('expense.asset')} value={asset?.value ?? ''} options={assetOpts} onChange={pickAsset} />
      <div className="kern-form-input">
        <label className="kern-label" htmlFor={fileId}>
          {t('expense.receipt')}
          <span className="kern-label__optional"> – {t('form.optional')}</span>
        </label>
        <div className="kern-hint" id={`${fileId}-hint`}>
          {t('expense.receiptHint')}
        </div>
        <input id={fileId} type="file" className="kern-form-input__input" accept="application/pdf" aria-describedby={`${fileId}-hint`} onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
      </div>
      <SubmitButton busy={add.isPending}>{t('expense.save')}</SubmitButton>
    </form>
  );
}

/** Expenses booked on the plan (a member: its own), with receipts; unclaimed ones can be deleted. */
export function ExpensesTab({ grant }: { grant: Grant }) {
  const { t } = useTranslation(NS);
  const expenses = useExpenses(grant.id);
  const remove = useDeleteExpense(grant.id);
  return (
    <section className="kern-stack-md" aria-labelledby="expenses-h">
      <h2 className="kern-heading-medium" id="expenses-h">
        {t('tab.expenses')}
      </h2>
      {remove.error ? <ProblemAlert error={remove.error} /> : null}
      <QueryState query={expenses}>
        {(x) =>
          x.items.length === 0 ? (
            <p className="kern-body">{t('expense.empty')}</p>
          ) : (
            <div className="kern-stack-sm">
              <p className="kern-body">{t('expense.total', { count: x.items.length, total: euroText(x.total) })}</p>
              <DataTable<Expense>
                caption={t('expense.tableCaption')}
                rows={x.items}
                rowKey={(e) => e.id}
                columns={[
                  { key: 'date', header: t('expense.date'), render: (e) => dateDe(e.expenseDate) },
                  { key: 'payee', header: t('expense.payee'), rowHeader: true, render: (e) => e.payee },
                  { key: 'purpose', header: t('expense.purpose'), render: (e) => e.purpose },
                  { key: 'line', header: t('expense.lineShort'), render: (e) => e.planLineCode ?? '—' },
                  { key: 'member', header: t('expense.member'), render: (e) => e.member?.name ?? '—' },
                  { key: 'due', header: t('expense.due'), render: (e) => dateDe(e.dueDate) },
                  { key: 'amount', header: t('expense.amount'), numeric: true, render: (e) => euroText(e.amount) },
                  { key: 'drawn', header: t('expense.claimed'), render: (e) => (e.drawdownId ? t('expense.yes') : t('expense.no')) },
                  {
                    key: 'receipt',
                    header: t('expense.receipt'),
                    render: (e) =>
                      e.receipt ? (
                        <a className="kern-link" href={`/api/v1/grants/${grant.id}/expenses/${e.id}/receipt`} download>
                          {t('expense.receiptOf', { payee: e.payee })}
                        </a>
                      ) : (
                        '—'
                      ),
                  },
                  ...(grant.abilities.manage
                    ? [
                        {
                          key: 'actions',
                          header: t('actions'),
                          render: (e: Expense) =>
                            e.abilities.delete ? (
                              <button type="button" className="kern-btn kern-btn--tertiary" onClick={() => remove.mutate(e.id)}>
                                <span className="kern-label">{t('expense.delete', { payee: e.payee })}</span>
                              </button>
                            ) : null,
                        },
                      ]
                    : []),
                ]}
              />
            </div>
          )
        }
      </QueryState>
      {grant.abilities.manage && grant.full ? <ExpenseForm grant={grant} /> : null}
    </section>
  );
}
