import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../app/auth';
import { DataTable } from '../../components/DataTable';
import { Page } from '../../components/Page';
import { QueryState } from '../../components/QueryState';
import { SelectField, TextField } from '../../components/fields';
import { NS } from './i18n';
import { minutesText } from './ticket-ui';
import { TicketsNav } from './TicketsNav';
import { useSlaReport, type SlaReport } from './tickets.api';

type Row = SlaReport['rows'][number];

const thisMonth = () => new Date().toISOString().slice(0, 7);
const pct = (v: number | null) => (v === null ? '–' : `${v.toLocaleString('de-DE')} %`);

/** SLA report per member and month (% met per priority, medians in service time). */
export function SlaReportPage() {
  const { t } = useTranslation(NS);
  const { me, activeOrg, may } = useAuth();
  const agent = may('ticket.manage');
  const members = useMemo(() => (me?.memberships ?? []).filter((m) => m.orgKind === 'member').sort((a, b) => a.orgName.localeCompare(b.orgName, 'de')), [me]);
  const initialMember = agent ? '' : (activeOrg?.orgId ?? '');
  const [draft, setDraft] = useState({ month: thisMonth(), member: initialMember });
  const [shown, setShown] = useState(draft);
  const report = useSlaReport({ month: shown.month, ...(shown.member ? { member: shown.member } : {}) });
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    setShown(draft);
  };
  return (
    <Page title={t('report.title')}>
      <TicketsNav current="report" />
      <p className="kern-body">{t('report.intro')}</p>
      <form className="kern-flex kern-flex-wrap kern-gap-md kern-align-items-end" onSubmit={onSubmit}>
        <TextField label={t('report.month')} name="month" plain hint="JJJJ-MM" value={draft.month} onChange={(v) => setDraft({ ...draft, month: v })} />
        <SelectField
          label={t('report.member')}
          name="member"
          plain
          value={draft.member}
          onChange={(v) => setDraft({ ...draft, member: v })}
          options={[...(agent ? [{ value: '', label: t('report.allMembers') }] : []), ...members.map((m) => ({ value: m.orgId, label: m.orgName }))]}
        />
        <button type="submit" className="kern-btn kern-btn--primary">
          <span className="kern-label">{t('report.show')}</span>
        </button>
      </form>
      <QueryState query={report}>
        {(data) => (
          <DataTable<Row>
            caption={`${t('report.caption')} ${data.month}${data.member ? ` – ${data.member.name}` : ''}`}
            rows={data.rows}
            rowKey={(r) => r.priority}
            columns={[
              { key: 'p', header: t('report.priority'), rowHeader: true, render: (r) => (r.priority === 'all' ? t('report.all') : r.priority) },
              { key: 'n', header: t('report.tickets'), numeric: true, render: (r) => r.tickets },
              { key: 'rm', header: t('report.responseMet'), numeric: true, render: (r) => pct(r.responseMetPct) },
              { key: 'sm', header: t('report.resolutionMet'), numeric: true, render: (r) => pct(r.resolutionMetPct) },
              { key: 'mr', header: t('report.medianResponse'), numeric: true, render: (r) => minutesText(r.medianResponseMinutes, t) },
              { key: 'ms', header: t('report.medianResolution'), numeric: true, render: (r) => minutesText(r.medianResolutionMinutes, t) },
            ]}
          />
        )}
      </QueryState>
    </Page>
  );
}
