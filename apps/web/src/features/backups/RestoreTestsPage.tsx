import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../app/auth';
import { Alert } from '../../components/Alert';
import { Badge } from '../../components/Badge';
import { DataTable } from '../../components/DataTable';
import { Page } from '../../components/Page';
import { ProblemAlert } from '../../components/ProblemAlert';
import { QueryState } from '../../components/QueryState';
import { SelectField, SubmitButton, TextField } from '../../components/fields';
import {
  useAddPlanItem,
  useCreateRestoreTest,
  useOverview,
  usePlan,
  useRestoreTests,
  type Plan,
  type RestoreTest,
} from './backups.api';
import { BackupsNav } from './BackupsNav';
import { calendarDate } from './format';
import { NS } from './i18n';

const months = (lang: string) =>
  Array.from({ length: 12 }, (_, i) => ({
    value: String(i + 1),
    label: new Date(Date.UTC(2026, i, 15)).toLocaleDateString(lang, { month: 'long' }),
  }));

function PlanTable({ plan }: { plan: Plan }) {
  const { t, i18n } = useTranslation(NS);
  const m = months(i18n.language);
  return plan.items.length === 0 ? (
    <p className="kern-body">{t('restore.noPlan')}</p>
  ) : (
    <DataTable<Plan['items'][number]>
      caption={t('restore.plan', { year: plan.year })}
      rows={plan.items}
      rowKey={(i) => i.id}
      columns={[
        { key: 'month', header: t('restore.month'), render: (i) => m[i.plannedMonth - 1]!.label },
        { key: 'what', header: t('restore.what'), rowHeader: true, render: (i) => i.what },
        {
          key: 'state',
          header: t('restore.state'),
          render: (i) =>
            i.test ? (
              <Badge
                variant={i.test.result === 'success' ? 'success' : 'warning'}
              >{`${t(`result.${i.test.result}`)}, ${t('restore.done', { date: calendarDate(i.test.testedOn, i18n.language) })}`}</Badge>
            ) : i.overdue ? (
              <Badge variant="danger">{t('restore.overdue')}</Badge>
            ) : (
              <Badge variant="info">{t('restore.open')}</Badge>
            ),
        },
      ]}
    />
  );
}

function AddPlan({ orgId, year }: { orgId: string; year: number }) {
  const { t, i18n } = useTranslation(NS);
  const add = useAddPlanItem();
  const [v, setV] = useState({ month: '3', what: '' });
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    add.mutate(
      { orgId, year, plannedMonth: Number(v.month), what: v.what.trim() },
      { onSuccess: () => setV((s) => ({ ...s, what: '' })) },
    );
  };
  return (
    <form className="kern-stack-md form-narrow" onSubmit={onSubmit} noValidate aria-labelledby="plan-new">
      <h3 className="kern-heading-small" id="plan-new">
        {t('restore.addPlan')}
      </h3>
      {add.error ? <ProblemAlert error={add.error} /> : null}
      <SelectField
        name="month"
        required
        label={t('restore.planMonth')}
        value={v.month}
        onChange={(month) => setV((s) => ({ ...s, month }))}
        options={months(i18n.language)}
      />
      <TextField
        name="what"
        label={t('restore.what')}
        required
        value={v.what}
        onChange={(what) => setV((s) => ({ ...s, what }))}
      />
      <SubmitButton busy={add.isPending}>{t('restore.addPlan')}</SubmitButton>
    </form>
  );
}

function AddTest({ orgId, plan }: { orgId: string; plan: Plan }) {
  const { t } = useTranslation(NS);
  const create = useCreateRestoreTest();
  const today = new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Berlin' });
  const empty = { testedOn: today, what: '', result: 'success', minutes: '60', by: '', planItemId: '' };
  const [v, setV] = useState(empty);
  const [saved, setSaved] = useState(false);
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    setSaved(false);
    create.mutate(
      {
        orgId,
        testedOn: v.testedOn,
        what: v.what.trim(),
        result: v.result as RestoreTest['result'],
        durationMinutes: Number(v.minutes),
        performedBy: v.by.trim(),
        planItemId: v.planItemId || null,
      },
      {
        onSuccess: () => {
          setSaved(true);
          setV(empty);
        },
      },
    );
  };
  return (
    <form className="kern-stack-md form-narrow" onSubmit={onSubmit} noValidate aria-labelledby="test-new">
      <h3 className="kern-heading-small" id="test-new">
        {t('restore.addTest')}
      </h3>
      {create.error ? <ProblemAlert error={create.error} /> : null}
      {saved ? <Alert variant="success" title={t('restore.saved')} /> : null}
      <SelectField
        name="planItemId"
        label={t('restore.planItem')}
        value={v.planItemId}
        onChange={(planItemId) =>
          setV((s) => ({ ...s, planItemId, what: s.what || (plan.items.find((i) => i.id === planItemId)?.what ?? '') }))
        }
        options={[
          { value: '', label: t('restore.none') },
          ...plan.items.filter((i) => !i.test).map((i) => ({ value: i.id, label: i.what })),
        ]}
      />
      <TextField
        name="testedOn"
        label={t('restore.testedOn')}
        required
        value={v.testedOn}
        onChange={(testedOn) => setV((s) => ({ ...s, testedOn }))}
      />
      <TextField
        name="what"
        label={t('restore.what')}
        required
        value={v.what}
        onChange={(what) => setV((s) => ({ ...s, what }))}
      />
      <SelectField
        name="result"
        required
        label={t('restore.result')}
        value={v.result}
        onChange={(result) => setV((s) => ({ ...s, result }))}
        options={(['success', 'partial', 'failed'] as const).map((r) => ({ value: r, label: t(`result.${r}`) }))}
      />
      <TextField
        name="minutes"
        label={t('restore.durationMinutes')}
        required
        inputMode="numeric"
        value={v.minutes}
        onChange={(minutes) => setV((s) => ({ ...s, minutes }))}
      />
      <TextField
        name="by"
        label={t('restore.performedBy')}
        required
        value={v.by}
        onChange={(by) => setV((s) => ({ ...s, by }))}
      />
      <SubmitButton busy={create.isPending}>{t('restore.addTest')}</SubmitButton>
    </form>
  );
}

/** Restore tests of a member and year: the plan (planned vs done), the tests with evidence, forms for staff. */
export function RestoreTestsPage() {
  const { t, i18n } = useTranslation(NS);
  const { activeOrg } = useAuth();
  const now = new Date().getFullYear();
  const [year, setYear] = useState(String(now));
  const isMember = activeOrg?.orgKind === 'member';
  const overview = useOverview(isMember ? undefined : activeOrg?.orgId, 7);
  const [chosen, setChosen] = useState('');
  const memberId = isMember ? activeOrg?.orgId : chosen || undefined;
  const plan = usePlan(memberId, Number(year));
  const tests = useRestoreTests(memberId ?? activeOrg?.orgId, Number(year));
  return (
    <Page title={t('restore.title')}>
      <BackupsNav current="restore" />
      <div className="kern-flex kern-flex-wrap kern-align-items-end kern-gap-md">
        {!isMember ? (
          <SelectField
            name="member"
            plain
            label={t('restore.member')}
            value={chosen}
            onChange={setChosen}
            options={[
              { value: '', label: t('restore.chooseMember') },
              ...(overview.data?.members ?? []).map((m) => ({ value: m.orgId, label: m.orgName })),
            ]}
          />
        ) : null}
        <SelectField
          name="year"
          plain
          label={t('restore.year')}
          value={year}
          onChange={setYear}
          options={[now + 1, now, now - 1, now - 2].map((y) => ({ value: String(y), label: String(y) }))}
        />
      </div>
      {memberId ? (
        <QueryState query={plan}>
          {(p) => (
            <section className="kern-stack-sm" aria-labelledby="plan-h">
              <h2 className="kern-heading-medium" id="plan-h">
                {t('restore.plan', { year: p.year })}
              </h2>
              <p className="kern-body">{t('restore.planned', { done: p.done, planned: p.planned })}</p>
              <PlanTable plan={p} />
              {p.abilities.manage ? (
                <div className="kern-flex kern-flex-wrap kern-gap-lg">
                  <AddPlan orgId={memberId} year={p.year} />
                  <AddTest orgId={memberId} plan={p} />
                </div>
              ) : null}
            </section>
          )}
        </QueryState>
      ) : null}
      <section className="kern-stack-sm" aria-labelledby="tests-h">
        <h2 className="kern-heading-medium" id="tests-h">
          {t('restore.tests')}
        </h2>
        <QueryState query={tests}>
          {(r) =>
            r.items.length === 0 ? (
              <p className="kern-body">{t('restore.noTests')}</p>
            ) : (
              <DataTable<RestoreTest>
                caption={t('restore.tests')}
                rows={r.items}
                rowKey={(x) => x.id}
                columns={[
                  { key: 'date', header: t('restore.date'), render: (x) => calendarDate(x.testedOn, i18n.language) },
                  { key: 'member', header: t('restore.member'), render: (x) => x.orgName },
                  { key: 'what', header: t('restore.what'), rowHeader: true, render: (x) => x.what },
                  {
                    key: 'result',
                    header: t('restore.result'),
                    render: (x) => (
                      <Badge
                        variant={x.result === 'success' ? 'success' : x.result === 'partial' ? 'warning' : 'danger'}
                      >
                        {t(`result.${x.result}`)}
                      </Badge>
                    ),
                  },
                  {
                    key: 'dur',
                    header: t('restore.duration'),
                    numeric: true,
                    render: (x) => t('restore.minutes', { count: x.durationMinutes }),
                  },
                  { key: 'by', header: t('restore.by'), render: (x) => x.performedBy },
                  {
                    key: 'ev',
                    header: t('restore.evidence'),
                    render: (x) =>
                      x.evidence ? (
                        <a className="kern-link" href={`/api/v1/restore-tests/${x.id}/evidence`}>
                          {`${t('restore.evidenceLink')}: ${x.evidence.name}`}
                        </a>
                      ) : (
                        '–'
                      ),
                  },
                ]}
              />
            )
          }
        </QueryState>
      </section>
    </Page>
  );
}
