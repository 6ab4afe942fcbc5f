import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../components/Alert';
import { Badge } from '../../components/Badge';
import { Page } from '../../components/Page';
import { ProblemAlert } from '../../components/ProblemAlert';
import { QueryState } from '../../components/QueryState';
import { CheckboxField, SubmitButton, TextField } from '../../components/fields';
import { NS } from './i18n';
import { minutesText } from './ticket-ui';
import { TicketsNav } from './TicketsNav';
import { useSaveProfile, useSlaProfiles, type SlaProfile, type SlaProfileBody } from './tickets.api';

const DAYS = ['1', '2', '3', '4', '5', '6', '7'] as const;
const PRIOS = ['P1', 'P2', 'P3', 'P4'] as const;

const EMPTY: SlaProfileBody = {
  name: '',
  hours: {
    '1': [{ start: '07:00', end: '16:00' }],
    '2': [{ start: '07:00', end: '16:00' }],
    '3': [{ start: '07:00', end: '16:00' }],
    '4': [{ start: '07:00', end: '16:00' }],
    '5': [{ start: '07:00', end: '13:00' }],
    '6': [],
    '7': [],
  },
  targets: {
    P1: { responseMinutes: 30, resolutionMinutes: 240 },
    P2: { responseMinutes: 120, resolutionMinutes: 480 },
    P3: { responseMinutes: 480, resolutionMinutes: 1440 },
    P4: { responseMinutes: 960, resolutionMinutes: 2880 },
  },
  observeHolidays: true,
  warnBeforeMinutes: 60,
  isDefault: false,
  serviceIds: [],
  memberIds: [],
};

/** SLA profiles: service hours per weekday and targets per priority; editable with sla.manage. */
export function SlaProfilesPage() {
  const { t } = useTranslation(NS);
  const profiles = useSlaProfiles();
  const [editing, setEditing] = useState<{ id: string | null; body: SlaProfileBody } | null>(null);
  const [saved, setSaved] = useState(false);
  return (
    <Page title={t('profiles.title')}>
      <TicketsNav current="profiles" />
      <p className="kern-body">{t('profiles.intro')}</p>
      {saved ? <Alert variant="success" title={t('profiles.saved')} /> : null}
      <QueryState query={profiles}>
        {(data) => (
          <div className="kern-stack-lg">
            {data.items.length === 0 ? <p className="kern-body">{t('profiles.empty')}</p> : null}
            {data.items.map((p) => (
              <ProfileCard
                key={p.id}
                profile={p}
                canManage={data.canManage}
                onEdit={() => {
                  setSaved(false);
                  setEditing({ id: p.id, body: toBody(p) });
                }}
              />
            ))}
            {data.canManage && !editing ? (
              <div>
                <button type="button" className="kern-btn kern-btn--primary" onClick={() => setEditing({ id: null, body: EMPTY })}>
                  <span className="kern-label">{t('profiles.new')}</span>
                </button>
              </div>
            ) : null}
            {editing ? (
              <ProfileForm
                key={editing.id ?? 'new'}
                id={editing.id}
                initial={editing.body}
                onDone={(ok) => {
                  setEditing(null);
                  setSaved(ok);
                }}
              />
            ) : null}
          </div>
        )}
      </QueryState>
    </Page>
  );
}

function toBody(p: SlaProfile): SlaProfileBody {
  const { id: _id, providerId: _p, updatedAt: _u, ...body } = p;
  return body;
}

function ProfileCard({ profile: p, canManage, onEdit }: { profile: SlaProfile; canManage: boolean; onEdit: () => void }) {
  const { t } = useTranslation(NS);
  return (
    <section className="kern-card">
      <div className="kern-card__container kern-stack-sm">
        <div className="kern-flex kern-flex-wrap kern-gap-sm kern-align-items-center">
          <h2 className="kern-heading-small">{p.name}</h2>
          {p.isDefault ? <Badge variant="info">{t('profiles.default')}</Badge> : null}
        </div>
        <p className="kern-body kern-body--small">
          {DAYS.map((d) => `${t(`profiles.weekday.${d}`).slice(0, 2)} ${p.hours[d].map((w) => `${w.start}–${w.end}`).join(', ') || '–'}`).join(' · ')}
        </p>
        <p className="kern-body kern-body--small">
          {PRIOS.map((k) => `${k}: ${minutesText(p.targets[k].responseMinutes, t)} / ${minutesText(p.targets[k].resolutionMinutes, t)}`).join(' · ')}
        </p>
        {canManage ? (
          <div>
            <button type="button" className="kern-btn kern-btn--secondary" onClick={onEdit}>
              <span className="kern-label">
                {t('profiles.edit')}
                <span className="kern-sr-only">: {p.name}</span>
              </span>
            </button>
          </div>
        ) : null}
      </div>
    </section>
  );
}

function ProfileForm({ id, initial, onDone }: { id: string | null; initial: SlaProfileBody; onDone: (saved: boolean) => void }) {
  const { t } = useTranslation(NS);
  const save = useSaveProfile();
  const [body, setBody] = useState<SlaProfileBody>(initial);
  const setDay = (d: (typeof DAYS)[number], field: 'start' | 'end', v: string) =>
    setBody((b) => {
      const current = b.hours[d][0] ?? { start: '', end: '' };
      const next = { ...current, [field]: v };
      return { ...b, hours: { ...b.hours, [d]: next.start && next.end ? [next] : [] } };
    });
  const setTarget = (p: (typeof PRIOS)[number], field: 'responseMinutes' | 'resolutionMinutes', v: string) =>
    setBody((b) => ({ ...b, targets: { ...b.targets, [p]: { ...b.targets[p], [field]: Number(v) || 0 } } }));
  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    await save.mutateAsync({ id, body });
    onDone(true);
  };
  return (
    <form className="kern-stack-md" onSubmit={(e) => void onSubmit(e).catch(() => undefined)}>
      {save.error ? <ProblemAlert error={save.error} /> : null}
      <TextField label={t('profiles.name')} name="name" required value={body.name} onChange={(v) => setBody({ ...body, name: v })} />
      <CheckboxField label={t('profiles.default')} name="isDefault" checked={body.isDefault ?? false} onChange={(v) => setBody({ ...body, isDefault: v })} />
      <CheckboxField label={t('profiles.holidays')} name="observeHolidays" checked={body.observeHolidays ?? true} onChange={(v) => setBody({ ...body, observeHolidays: v })} />
      <TextField label={t('profiles.warn')} name="warn" inputMode="numeric" required value={String(body.warnBeforeMinutes ?? 60)} onChange={(v) => setBody({ ...body, warnBeforeMinutes: Number(v) || 0 })} />
      <fieldset className="kern-fieldset">
        <legend className="kern-label">{t('profiles.hours')}</legend>
        <p className="kern-hint">{t('profiles.closedDay')}</p>
        {DAYS.map((d) => (
          <div key={d} className="kern-row">
            <div className="kern-col-12 kern-col-md-4">
              <TextField label={`${t(`profiles.weekday.${d}`)} ${t('profiles.from')}`} name={`h${d}s`} plain value={body.hours[d][0]?.start ?? ''} onChange={(v) => setDay(d, 'start', v)} />
            </div>
            <div className="kern-col-12 kern-col-md-4">
              <TextField label={`${t(`profiles.weekday.${d}`)} ${t('profiles.to')}`} name={`h${d}e`} plain value={body.hours[d][0]?.end ?? ''} onChange={(v) => setDay(d, 'end', v)} />
            </div>
          </div>
        ))}
      </fieldset>
      <fieldset className="kern-fieldset">
        <legend className="kern-label">{t('profiles.targets')}</legend>
        {PRIOS.map((p) => (
          <div key={p} className="kern-row">
            <div className="kern-col-12 kern-col-md-4">
              <TextField label={`${p} ${t('form.response')}`} name={`${p}r`} inputMode="numeric" required value={String(body.targets[p].responseMinutes)} onChange={(v) => setTarget(p, 'responseMinutes', v)} />
            </div>
            <div className="kern-col-12 kern-col-md-4">
              <TextField label={`${p} ${t('form.resolution')}`} name={`${p}s`} inputMode="numeric" required value={String(body.targets[p].resolutionMinutes)} onChange={(v) => setTarget(p, 'resolutionMinutes', v)} />
            </div>
          </div>
        ))}
      </fieldset>
      <div className="kern-flex kern-gap-sm">
        <SubmitButton busy={save.isPending}>{t('profiles.save')}</SubmitButton>
        <button type="button" className="kern-btn kern-btn--secondary" onClick={() => onDone(false)}>
          <span className="kern-label">{t('profiles.cancel')}</span>
        </button>
      </div>
    </form>
  );
}
