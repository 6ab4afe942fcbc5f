import { Link } from '@tanstack/react-router';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Badge } from '../../components/Badge';
import { ProblemAlert } from '../../components/ProblemAlert';
import { QueryState } from '../../components/QueryState';
import { SelectField, SubmitButton, TextField } from '../../components/fields';
import { ApiProblem, splitFieldErrors } from '../../lib/problem';
import { DateField, formatDate, orNull } from '../members/DateField';
import { NS } from '../members/i18n';
import type { OnboardingTask } from '../members/types';
import { useOnboarding, useStartOnboarding, useTaskOwners, useUpdateTask } from './agreements.api';

const TASK_STATUSES = ['open', 'done', 'not_applicable'] as const;
type TaskStatus = (typeof TASK_STATUSES)[number];

/** Status, owner, due date and notes of one task. */
function TaskEditor({ task, orgId, providerId, onDone }: { task: OnboardingTask; orgId: string; providerId: string; onDone: () => void }) {
  const { t } = useTranslation(NS);
  const update = useUpdateTask(orgId);
  const owners = useTaskOwners(providerId, true);
  const [status, setStatus] = useState<TaskStatus>(task.status);
  const [owner, setOwner] = useState(task.ownerUserId ?? '');
  const [due, setDue] = useState(task.dueDate ?? '');
  const [notes, setNotes] = useState(task.notes ?? '');
  const id = useId();
  const problem = update.error instanceof ApiProblem ? update.error : null;
  const { byField, other } = splitFieldErrors(problem, ['status', 'ownerUserId', 'dueDate', 'notes']);
  // The current owner stays choosable even when the list cannot be read.
  const ownerOptions = new Map<string, string>((owners.data?.items ?? []).map((u) => [u.id, u.name]));
  if (task.ownerUserId && !ownerOptions.has(task.ownerUserId)) {
    ownerOptions.set(task.ownerUserId, task.ownerName ?? task.ownerUserId);
  }
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    update.mutate({ tid: task.id, status, ownerUserId: owner || null, dueDate: orNull(due), notes: orNull(notes) }, { onSuccess: onDone });
  };
  return (
    <form className="kern-stack-sm form-narrow" onSubmit={onSubmit} noValidate aria-labelledby={`${id}-h`}>
      <h3 className="kern-heading-small" id={`${id}-h`}>
        {t('onboarding.editTask', { title: task.title })}
      </h3>
      {update.error ? <ProblemAlert error={update.error} fieldErrors={other} /> : null}
      <SelectField
        name="status"
        label={t('onboarding.status')}
        required
        value={status}
        error={byField.status}
        onChange={(v) => setStatus(v as TaskStatus)}
        options={TASK_STATUSES.map((s) => ({ value: s, label: t(`taskStatus.${s}`) }))}
      />
      <SelectField
        name="ownerUserId"
        label={t('onboarding.ownerLabel')}
        value={owner}
        error={byField.ownerUserId}
        onChange={setOwner}
        options={[{ value: '', label: t('onboarding.noOwner') }, ...[...ownerOptions].map(([value, label]) => ({ value, label }))]}
      />
      <DateField name="dueDate" label={t('onboarding.dueDate')} value={due} error={byField.dueDate} onChange={setDue} />
      <TextField name="notes" label={t('onboarding.notes')} value={notes} error={byField.notes} onChange={setNotes} />
      <div className="kern-flex kern-gap-sm">
        <SubmitButton busy={update.isPending}>{t('onboarding.saveTask')}</SubmitButton>
        <button type="button" className="kern-btn kern-btn--secondary" onClick={onDone}>
          <span className="kern-label">{t('cancel')}</span>
        </button>
      </div>
    </form>
  );
}

export function Progress({ percent, label }: { percent: number; label: string }) {
  const id = useId();
  return (
    <div className="kern-progress">
      <label className="kern-label" htmlFor={id}>
        {label}
      </label>
      <progress id={id} value={percent} max={100}>
        {percent} %
      </progress>
    </div>
  );
}

function TaskRow({ task, canManage, orgId, providerId }: { task: OnboardingTask; canManage: boolean; orgId: string; providerId: string }) {
  const { t, i18n } = useTranslation(NS);
  const update = useUpdateTask(orgId);
  const [editing, setEditing] = useState(false);
  const id = useId();
  const meta = [
    task.ownerName ? t('onboarding.owner', { name: task.ownerName }) : null,
    task.dueDate ? t('onboarding.due', { date: formatDate(task.dueDate, i18n.language) }) : null,
    task.notes,
  ]
    .filter(Boolean)
    .join(' · ');
  return (
    <li className="kern-stack-xs">
      <div className="kern-form-check">
        <input
          id={id}
          type="checkbox"
          className="kern-form-check__checkbox"
          checked={task.status === 'done'}
          disabled={!canManage || update.isPending || task.status === 'not_applicable'}
          aria-describedby={meta ? `${id}-meta` : undefined}
          onChange={(e) => update.mutate({ tid: task.id, status: e.target.checked ? 'done' : 'open' })}
        />
        <label className="kern-label" htmlFor={id}>
          {task.title}
        </label>
      </div>
      <div className="kern-flex kern-flex-wrap kern-gap-sm kern-align-items-center">
        {task.status === 'not_applicable' ? <Badge variant="info">{t('onboarding.notApplicable')}</Badge> : null}
        {task.overdue ? <Badge variant="danger">{t('onboarding.overdue')}</Badge> : null}
        {meta ? (
          <span className="kern-body kern-body--small" id={`${id}-meta`}>
            {meta}
          </span>
        ) : null}
        {canManage && !editing ? (
          <button type="button" className="kern-btn kern-btn--tertiary" onClick={() => setEditing(true)}>
            <span className="kern-label">{t('onboarding.edit', { title: task.title })}</span>
          </button>
        ) : null}
      </div>
      <ProblemAlert error={update.error} />
      {editing ? <TaskEditor task={task} orgId={orgId} providerId={providerId} onDone={() => setEditing(false)} /> : null}
    </li>
  );
}

/** Onboarding tab: the checklist of a new member with its progress. */
export function Onboarding({ orgId, providerId, canManage }: { orgId: string; providerId: string; canManage: boolean }) {
  const { t, i18n } = useTranslation(NS);
  const query = useOnboarding(orgId);
  const start = useStartOnboarding(orgId);
  return (
    <section className="kern-stack-lg" aria-labelledby="onboarding-heading">
      <h2 className="kern-heading-medium" id="onboarding-heading">
        {t('tab.onboarding')}
      </h2>
      <QueryState query={query}>
        {(o) =>
          o === null ? (
            <div className="kern-stack-md">
              <p className="kern-body">{t('onboarding.none')}</p>
              {canManage ? (
                <div>
                  <button
                    type="button"
                    className="kern-btn kern-btn--primary"
                    disabled={start.isPending}
                    onClick={() => start.mutate()}
                  >
                    <span className="kern-label">{t('onboarding.start')}</span>
                  </button>
                </div>
              ) : null}
              <ProblemAlert error={start.error} />
              {canManage ? (
                <p className="kern-body">
                  <Link to="/onboarding-template" className="kern-link">
                    {t('template.link')}
                  </Link>
                </p>
              ) : null}
            </div>
          ) : (
            <div className="kern-stack-md">
              <p className="kern-body">
                {o.completedAt
                  ? t('onboarding.completed', { date: formatDate(o.completedAt, i18n.language) })
                  : t('onboarding.started', { date: formatDate(o.startedAt, i18n.language) })}
              </p>
              <Progress
                percent={o.progressPercent}
                label={t('onboarding.progress', {
                  percent: o.progressPercent,
                  done: o.counts.done,
                  total: o.counts.total - o.counts.notApplicable,
                })}
              />
              <fieldset className="kern-fieldset">
                <legend className="kern-label">{t('onboarding.tasks')}</legend>
                <ul className="kern-list kern-stack-sm">
                  {o.tasks.map((task) => (
                    <TaskRow key={task.id} task={task} orgId={orgId} providerId={providerId} canManage={o.abilities.manage} />
                  ))}
                </ul>
              </fieldset>
            </div>
          )
        }
      </QueryState>
    </section>
  );
}
