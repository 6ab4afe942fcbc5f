import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../app/auth';
import { Alert } from '../../components/Alert';
import { Page } from '../../components/Page';
import { ProblemAlert } from '../../components/ProblemAlert';
import { QueryState } from '../../components/QueryState';
import { SubmitButton } from '../../components/fields';
import { ApiProblem } from '../../lib/problem';
import { NS } from '../members/i18n';
import { useOnboardingTemplate, useSaveOnboardingTemplate } from './agreements.api';

export interface TemplateRow {
  /** Local key only, so React keeps focus in the right row while rows move. */
  key: number;
  title: string;
  /** Days after the start, as typed; empty for no due date. */
  days: string;
}

/** Rows as the API wants them, or the first row index whose input is not usable. */
export function templateTasks(rows: readonly TemplateRow[]): { tasks: { title: string; dueAfterDays: number | null }[] } | { badRow: number; field: 'title' | 'days' } {
  const tasks: { title: string; dueAfterDays: number | null }[] = [];
  for (const [i, r] of rows.entries()) {
    if (r.title.trim() === '') {
      return { badRow: i, field: 'title' };
    }
    const days = r.days.trim();
    if (days !== '' && !/^\d{1,4}$/.test(days)) {
      return { badRow: i, field: 'days' };
    }
    tasks.push({ title: r.title.trim(), dueAfterDays: days === '' ? null : Number(days) });
  }
  return { tasks };
}

/** Server errors name rows by index (`body/tasks/2/title`). */
function serverRowErrors(error: unknown): Map<string, string> {
  const out = new Map<string, string>();
  if (error instanceof ApiProblem) {
    for (const e of error.errors) {
      const m = /tasks\/(\d+)\/(title|dueAfterDays)/.exec(e.field);
      if (m) {
        out.set(`${m[1]}:${m[2] === 'title' ? 'title' : 'days'}`, e.message);
      }
    }
  }
  return out;
}

function Editor({ initial, isDefault }: { initial: { title: string; dueAfterDays: number | null }[]; isDefault: boolean }) {
  const { t } = useTranslation(NS);
  const save = useSaveOnboardingTemplate();
  const [next, setNext] = useState(initial.length);
  const [rows, setRows] = useState<TemplateRow[]>(initial.map((x, i) => ({ key: i, title: x.title, days: x.dueAfterDays === null ? '' : String(x.dueAfterDays) })));
  const [local, setLocal] = useState<{ badRow: number; field: 'title' | 'days' } | null>(null);
  const server = serverRowErrors(save.error);
  const change = (i: number, patch: Partial<TemplateRow>) => setRows(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const move = (i: number, by: -1 | 1) => {
    const copy = [...rows];
    const [r] = copy.splice(i, 1);
    copy.splice(i + by, 0, r!);
    setRows(copy);
  };
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const result = templateTasks(rows);
    if ('badRow' in result) {
      setLocal(result);
      document.getElementById(`tpl-${result.field}-${rows[result.badRow]!.key}`)?.focus();
      return;
    }
    setLocal(null);
    save.mutate(result.tasks);
  };
  const errorOf = (i: number, field: 'title' | 'days') =>
    local && local.badRow === i && local.field === field ? t(field === 'title' ? 'template.titleRequired' : 'template.daysInvalid') : server.get(`${i}:${field}`);
  return (
    <form className="kern-stack-lg" onSubmit={onSubmit} noValidate aria-labelledby="tpl-h">
      <h2 className="kern-heading-medium" id="tpl-h">
        {t('template.tasks')}
      </h2>
      {isDefault && !save.isSuccess ? <Alert variant="info" title={t('template.isDefault')} /> : null}
      {save.isSuccess ? <Alert variant="success" title={t('template.saved')} /> : null}
      {save.error ? <ProblemAlert error={save.error} fieldErrors={[]} /> : null}
      <ol className="kern-list kern-stack-md">
        {rows.map((r, i) => (
          <li key={r.key} className="kern-stack-sm">
            <fieldset className="kern-fieldset">
              <legend className="kern-label">{t('template.row', { n: i + 1 })}</legend>
              <div className="kern-flex kern-flex-wrap kern-align-items-end kern-gap-md">
                <div className="kern-form-input">
                  <label className="kern-label" htmlFor={`tpl-title-${r.key}`}>
                    {t('template.title')}
                  </label>
                  <input
                    id={`tpl-title-${r.key}`}
                    className={`kern-form-input__input${errorOf(i, 'title') ? ' kern-form-input__input--error' : ''}`}
                    value={r.title}
                    maxLength={200}
                    aria-invalid={errorOf(i, 'title') ? true : undefined}
                    aria-describedby={errorOf(i, 'title') ? `tpl-title-${r.key}-e` : undefined}
                    onChange={(e) => change(i, { title: e.target.value })}
                  />
                  {errorOf(i, 'title') ? (
                    <p className="kern-error" id={`tpl-title-${r.key}-e`}>
                      <span className="kern-body">{errorOf(i, 'title')}</span>
                    </p>
                  ) : null}
                </div>
                <div className="kern-form-input">
                  <label className="kern-label" htmlFor={`tpl-days-${r.key}`}>
                    {t('template.days')}
                  </label>
                  <input
                    id={`tpl-days-${r.key}`}
                    className={`kern-form-input__input${errorOf(i, 'days') ? ' kern-form-input__input--error' : ''}`}
                    value={r.days}
                    inputMode="numeric"
                    size={6}
                    aria-invalid={errorOf(i, 'days') ? true : undefined}
                    aria-describedby={errorOf(i, 'days') ? `tpl-days-${r.key}-e` : undefined}
                    onChange={(e) => change(i, { days: e.target.value })}
                  />
                  {errorOf(i, 'days') ? (
                    <p className="kern-error" id={`tpl-days-${r.key}-e`}>
                      <span className="kern-body">{errorOf(i, 'days')}</span>
                    </p>
                  ) : null}
                </div>
                <div className="kern-flex kern-gap-sm">
                  <button type="button" className="kern-btn kern-btn--tertiary" disabled={i === 0} onClick={() => move(i, -1)}>
                    <span className="kern-label">{t('template.up', { n: i + 1 })}</span>
                  </button>
                  <button type="button" className="kern-btn kern-btn--tertiary" disabled={i === rows.length - 1} onClick={() => move(i, 1)}>
                    <span className="kern-label">{t('template.down', { n: i + 1 })}</span>
                  </button>
                  <button type="button" className="kern-btn kern-btn--tertiary" disabled={rows.length === 1} onClick={() => setRows(rows.filter((_, j) => j !== i))}>
                    <span className="kern-label">{t('template.remove', { n: i + 1 })}</span>
                  </button>
                </div>
              </div>
            </fieldset>
          </li>
        ))}
      </ol>
      <div className="kern-flex kern-flex-wrap kern-gap-sm">
        <button
          type="button"
          className="kern-btn kern-btn--secondary"
          disabled={rows.length >= 100}
          onClick={() => {
            setRows([...rows, { key: next, title: '', days: '' }]);
            setNext(next + 1);
          }}
        >
          <span className="kern-icon kern-icon--add" aria-hidden="true" />
          <span className="kern-label">{t('template.add')}</span>
        </button>
        <SubmitButton busy={save.isPending}>{t('template.save')}</SubmitButton>
      </div>
    </form>
  );
}

/** Onboarding-Checkliste: the provider's template; every new onboarding gets a copy of it. */
export function OnboardingTemplatePage() {
  const { t } = useTranslation(NS);
  const { activeOrg } = useAuth();
  const template = useOnboardingTemplate();
  return (
    <Page title={t('template.pageTitle')}>
      <p className="kern-body">{t('template.intro', { name: activeOrg?.orgName ?? '' })}</p>
      <QueryState query={template}>{(tpl) => <Editor initial={tpl.tasks} isDefault={tpl.isDefault} />}</QueryState>
    </Page>
  );
}
