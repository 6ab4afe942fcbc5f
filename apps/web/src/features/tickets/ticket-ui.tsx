import { useTranslation } from 'react-i18next';
import { Badge } from '../../components/Badge';
import { NS } from './i18n';

const dateTime = new Intl.DateTimeFormat('de-DE', { timeZone: 'Europe/Berlin', dateStyle: 'medium', timeStyle: 'short' });

/** An instant shown in Europe/Berlin (stored UTC). */
export function when(iso: string | null | undefined): string {
  return iso ? dateTime.format(new Date(iso)) : '–';
}

type Status = 'new' | 'assigned' | 'in_progress' | 'waiting' | 'resolved' | 'closed';
const STATUS_VARIANT: Record<Status, 'info' | 'success' | 'warning' | 'danger'> = {
  new: 'info',
  assigned: 'info',
  in_progress: 'info',
  waiting: 'warning',
  resolved: 'success',
  closed: 'success',
};

export function StatusBadge({ status }: { status: Status }) {
  const { t } = useTranslation(NS);
  return <Badge variant={STATUS_VARIANT[status]}>{t(`status.${status}`)}</Badge>;
}

type SlaState = 'ok' | 'warning' | 'breached' | 'met' | 'paused' | 'none';
const SLA_VARIANT: Record<SlaState, 'info' | 'success' | 'warning' | 'danger'> = {
  ok: 'info',
  warning: 'warning',
  breached: 'danger',
  met: 'success',
  paused: 'info',
  none: 'info',
};

/** Due date with its state in words (colour is never the only signal). */
export function SlaBadge({ state, due }: { state: SlaState; due: string | null }) {
  const { t } = useTranslation(NS);
  const label = state === 'none' ? t('slaState.none') : `${t(`slaState.${state}`)}${due && state !== 'met' ? ` · ${when(due)}` : ''}`;
  return <Badge variant={SLA_VARIANT[state]}>{label}</Badge>;
}

export function PriorityBadge({ priority }: { priority: 'P1' | 'P2' | 'P3' | 'P4' }) {
  return <Badge variant={priority === 'P1' ? 'danger' : priority === 'P2' ? 'warning' : 'info'}>{priority}</Badge>;
}

export function minutesText(min: number | null, t: (k: string, o?: Record<string, unknown>) => string): string {
  if (min === null) {
    return '–';
  }
  return min >= 120 ? t('profiles.hoursShort', { count: Math.round((min / 60) * 10) / 10 }) : t('profiles.minutes', { count: Math.round(min) });
}
