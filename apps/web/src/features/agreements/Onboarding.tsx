import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Badge } from '../../components/Badge';
import { ProblemAlert } from '../../components/ProblemAlert';
import { QueryState } from '../../components/QueryState';
import { formatDate } from '../members/DateField';
import { NS } from '../members/i18n';
import type { OnboardingTask } from '../members/types';
import { useOnboarding, useStartOnboarding, useUpdateTask } from './agreements.api';

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

function TaskRow({ task, canManage, orgId }: { task: OnboardingTask; canManage: boolean; orgId: string }) {
  const { t, i18n } = useTranslation(NS);
  const update = useUpdateTask(orgId);
  const id = useId();
  const meta = [
    task.ownerName ? t('onboarding.owner', { name: task.ownerName }) : null,
    task.dueDate ? t('onboarding.due', { date: formatDate(task.dueDate, i18n.language) }) : null,
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
      </div>
      <ProblemAlert error={update.error} />
    </li>
  );
}

/** Onboarding tab: the checklist of a new member with its progress. */
export function Onboarding({ orgId, canManage }: { orgId: string; canManage: boolean }) {
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
                    <TaskRow key={task.id} task={task} orgId={orgId} canManage={o.abilities.manage} />
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
