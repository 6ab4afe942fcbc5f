import { Link, useParams } from '@tanstack/react-router';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../app/auth';
import { Alert } from '../../components/Alert';
import { Badge } from '../../components/Badge';
import { DescriptionList } from '../../components/DescriptionList';
import { Page } from '../../components/Page';
import { ProblemAlert } from '../../components/ProblemAlert';
import { QueryState } from '../../components/QueryState';
import { SubmitButton } from '../../components/fields';
import { NS } from './i18n';
import { PriorityBadge, SlaBadge, StatusBadge, when } from './ticket-ui';
import { TicketsNav } from './TicketsNav';
import { useAttachments, useComment, useLinks, useTicket, useTimeline, useUpdateTicket, useUpload, type Ticket, type TimelineEntry } from './tickets.api';

export function TicketDetailPage() {
  const { id } = useParams({ strict: false }) as { id: string };
  const ticket = useTicket(id);
  return <QueryState query={ticket}>{(tk) => <TicketView ticket={tk} />}</QueryState>;
}

function TicketView({ ticket: tk }: { ticket: Ticket }) {
  const { t } = useTranslation(NS);
  return (
    <Page title={`${tk.number}: ${tk.title}`}>
      <TicketsNav current="queue" />
      <div className="kern-flex kern-flex-wrap kern-gap-sm" data-testid="ticket-badges">
        <StatusBadge status={tk.status} />
        <PriorityBadge priority={tk.priority} />
        <Badge variant="info">{t(`type.${tk.type}`)}</Badge>
      </div>
      <StatusActions ticket={tk} />
      <div className="kern-row">
        <div className="kern-col-12 kern-col-lg-8 kern-stack-lg">
          <section className="kern-stack-sm" aria-labelledby="t-desc">
            <h2 className="kern-heading-medium" id="t-desc">
              {t('detail.description')}
            </h2>
            {/* Rendered by the server from Markdown with raw HTML disabled (escaped). */}
            <div className="kern-body ticket-markdown" dangerouslySetInnerHTML={{ __html: tk.descriptionHtml || '<p>–</p>' }} />
          </section>
          {tk.security ? <SecurityPanel ticket={tk} /> : null}
          <TimelineSection ticketId={tk.id} />
          {tk.abilities.comment ? <ReplyForm ticket={tk} /> : null}
        </div>
        <div className="kern-col-12 kern-col-lg-4 kern-stack-lg">
          <section className="kern-stack-sm" aria-labelledby="t-facts">
            <h2 className="kern-heading-medium" id="t-facts">
              {t('detail.facts')}
            </h2>
            <DescriptionList
              items={[
                { label: t('detail.member'), value: tk.orgName },
                { label: t('detail.requester'), value: tk.requesterName },
                { label: t('detail.impact'), value: t(`level.${tk.impact}`) },
                { label: t('detail.urgency'), value: t(`level.${tk.urgency}`) },
                { label: t('detail.assignee'), value: tk.assigneeName },
                { label: t('detail.group'), value: tk.groupName },
                { label: t('detail.category'), value: tk.categoryName },
                { label: t('detail.created'), value: when(tk.createdAt) },
                { label: t('detail.profile'), value: tk.sla.profileName },
                { label: t('detail.responseDue'), value: <SlaBadge state={tk.sla.response} due={tk.sla.responseDueAt} /> },
                { label: t('detail.resolutionDue'), value: <SlaBadge state={tk.sla.resolution} due={tk.sla.resolutionDueAt} /> },
              ]}
            />
          </section>
          <AttachmentsSection ticket={tk} />
          <LinksSection ticketId={tk.id} />
        </div>
      </div>
    </Page>
  );
}

function StatusActions({ ticket: tk }: { ticket: Ticket }) {
  const { t } = useTranslation(NS);
  const { me } = useAuth();
  const update = useUpdateTicket(tk.id);
  if (tk.allowedTransitions.length === 0 && !tk.abilities.update) {
    return null;
  }
  const label = (to: string) => {
    if (!tk.abilities.update) {
      return to === 'closed' ? t('move.confirm') : t('move.reopen');
    }
    return tk.status === 'resolved' && to === 'in_progress' ? t('move.reopen') : t(`move.${to}`);
  };
  const moves = tk.allowedTransitions.filter((to) => to !== 'assigned' || tk.assigneeId);
  return (
    <div className="kern-stack-sm">
      <div className="kern-flex kern-flex-wrap kern-gap-sm" role="group" aria-label={t('detail.statusActions')}>
        {tk.abilities.update && me && tk.assigneeId !== me.user.id && tk.status !== 'closed' ? (
          <button type="button" className="kern-btn kern-btn--secondary" disabled={update.isPending} onClick={() => update.mutate({ assigneeId: me.user.id })}>
            <span className="kern-label">{t('detail.assignMe')}</span>
          </button>
        ) : null}
        {moves.map((to) => (
          <button
            key={to}
            type="button"
            className={`kern-btn ${to === 'resolved' || to === 'closed' ? 'kern-btn--primary' : 'kern-btn--secondary'}`}
            disabled={update.isPending}
            onClick={() => update.mutate({ status: to })}
          >
            <span className="kern-label">{label(to)}</span>
          </button>
        ))}
      </div>
      {update.error ? <ProblemAlert error={update.error} /> : null}
    </div>
  );
}

function SecurityPanel({ ticket: tk }: { ticket: Ticket }) {
  const { t } = useTranslation(NS);
  const s = tk.security!;
  const hoursLeft = s.gdprDeadline ? Math.floor((Date.parse(s.gdprDeadline) - Date.now()) / 3_600_000) : null;
  return (
    <section className="kern-stack-sm" aria-labelledby="t-sec">
      <h2 className="kern-heading-medium" id="t-sec">
        {t('detail.security')}
      </h2>
      {s.gdprDeadline && !s.authorityNotifiedAt ? (
        <Alert variant={hoursLeft !== null && hoursLeft < 0 ? 'danger' : 'warning'} title={`${t('detail.gdpr')}: ${when(s.gdprDeadline)}`}>
          <p className="kern-body">{hoursLeft !== null && hoursLeft >= 0 ? t('detail.gdprLeft', { hours: hoursLeft }) : t('detail.gdprOver')}</p>
        </Alert>
      ) : null}
      <DescriptionList
        items={[
          { label: t('detail.detectedAt'), value: when(s.detectedAt) },
          { label: t('detail.personalData'), value: s.personalData ? t('detail.yes') : t('detail.no') },
          { label: t('detail.reportedAt'), value: s.reportedAt ? when(s.reportedAt) : t('detail.notReported') },
          { label: t('detail.affectedSystems'), value: s.affectedSystems.join(', ') },
        ]}
      />
      {s.checklist.length > 0 ? (
        <>
          <h3 className="kern-heading-small">{t('detail.checklist')}</h3>
          <ul className="kern-list">
            {s.checklist.map((c) => (
              <li key={`${c.phase}:${c.label}`}>
                {c.done ? '☑' : '☐'} {t(`detail.${c.phase}`)}: {c.label}
                {c.doneAt ? ` (${when(c.doneAt)})` : ''}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}

function eventText(e: TimelineEntry, t: (k: string, o?: Record<string, unknown>) => string): string {
  const d = (e.data ?? {}) as Record<string, unknown>;
  switch (e.event) {
    case 'status':
      return t('detail.event.status', { to: t(`status.${String(d.to)}`) });
    case 'updated':
      return t('detail.event.updated', { fields: Array.isArray(d.fields) ? d.fields.join(', ') : '' });
    case 'link':
      return t('detail.event.link', { number: String(d.number ?? '') });
    case 'attachment':
      return t('detail.event.attachment', { filename: String(d.filename ?? '') });
    case 'sla_warning':
      return t('detail.event.sla_warning', { which: String(d.which ?? '') });
    default:
      return t(`detail.event.${e.event ?? 'created'}`);
  }
}

function TimelineSection({ ticketId }: { ticketId: string }) {
  const { t } = useTranslation(NS);
  const timeline = useTimeline(ticketId);
  return (
    <section className="kern-stack-sm" aria-labelledby="t-timeline">
      <h2 className="kern-heading-medium" id="t-timeline">
        {t('detail.timeline')}
      </h2>
      <QueryState query={timeline}>
        {(data) =>
          data.items.length === 0 ? (
            <p className="kern-body">{t('detail.timelineEmpty')}</p>
          ) : (
            <ol className="kern-list ticket-timeline" data-testid="timeline">
              {data.items.map((e) =>
                e.kind === 'comment' ? (
                  <li key={e.id} className={`ticket-comment ticket-comment--${e.visibility}`}>
                    <p className="kern-body kern-body--small">
                      <strong>{e.actorName ?? t('detail.provider')}</strong> · {when(e.at)} ·{' '}
                      {e.visibility === 'internal' ? <Badge variant="warning">{t('detail.internal')}</Badge> : t('detail.public')}
                    </p>
                    <div className="kern-body" dangerouslySetInnerHTML={{ __html: e.bodyHtml ?? '' }} />
                  </li>
                ) : (
                  <li key={e.id} className="ticket-event">
                    <p className="kern-body kern-body--small">
                      {when(e.at)} · {eventText(e, t)}
                      {e.actorName ? ` · ${e.actorName}` : ''}
                    </p>
                  </li>
                ),
              )}
            </ol>
          )
        }
      </QueryState>
    </section>
  );
}

function ReplyForm({ ticket: tk }: { ticket: Ticket }) {
  const { t } = useTranslation(NS);
  const comment = useComment(tk.id);
  const [body, setBody] = useState('');
  const [visibility, setVisibility] = useState<'public' | 'internal'>('public');
  const [sent, setSent] = useState(false);
  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    setSent(false);
    await comment.mutateAsync({ body, visibility });
    setBody('');
    setSent(true);
  };
  return (
    <section className="kern-stack-sm" aria-labelledby="t-reply">
      <h2 className="kern-heading-medium" id="t-reply">
        {t('detail.replyTitle')}
      </h2>
      <form className="kern-stack-md" onSubmit={(e) => void onSubmit(e).catch(() => undefined)}>
        {comment.error ? <ProblemAlert error={comment.error} /> : null}
        {sent ? <Alert variant="success" title={t('detail.sent')} /> : null}
        {tk.abilities.internalNote ? (
          <fieldset className="kern-fieldset">
            <legend className="kern-label">{t('detail.visibility')}</legend>
            <div className="kern-fieldset__body">
              {(['public', 'internal'] as const).map((v) => (
                <div key={v} className="kern-form-check">
                  <input
                    id={`vis-${v}`}
                    className="kern-form-check__radio"
                    type="radio"
                    name="visibility"
                    value={v}
                    checked={visibility === v}
                    onChange={() => setVisibility(v)}
                  />
                  <label className="kern-label" htmlFor={`vis-${v}`}>
                    {v === 'public' ? t('detail.visPublic') : t('detail.visInternal')}
                  </label>
                </div>
              ))}
            </div>
          </fieldset>
        ) : null}
        <div className="kern-form-input">
          <label className="kern-label" htmlFor="reply-body">
            {t('detail.body')}
          </label>
          <div className="kern-hint" id="reply-body-hint">
            {t('detail.bodyHint')}
          </div>
          <textarea
            id="reply-body"
            name="body"
            className="kern-form-input__input"
            rows={5}
            required
            value={body}
            aria-describedby="reply-body-hint"
            onChange={(e) => setBody(e.target.value)}
          />
        </div>
        <div>
          <SubmitButton busy={comment.isPending}>{t('detail.send')}</SubmitButton>
        </div>
      </form>
    </section>
  );
}

function AttachmentsSection({ ticket: tk }: { ticket: Ticket }) {
  const { t } = useTranslation(NS);
  const list = useAttachments(tk.id);
  const upload = useUpload(tk.id);
  const [file, setFile] = useState<File | null>(null);
  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    if (file) {
      await upload.mutateAsync({ file, visibility: 'public' });
      setFile(null);
      (e.target as HTMLFormElement).reset();
    }
  };
  return (
    <section className="kern-stack-sm" aria-labelledby="t-att">
      <h2 className="kern-heading-medium" id="t-att">
        {t('detail.attachments')}
      </h2>
      <QueryState query={list}>
        {(data) =>
          data.items.length === 0 ? (
            <p className="kern-body">{t('detail.attachmentsEmpty')}</p>
          ) : (
            <ul className="kern-list">
              {data.items.map((a) => (
                <li key={a.id}>
                  <a className="kern-link" href={`/api/v1/tickets/${tk.id}/attachments/${a.id}`}>
                    {a.filename}
                  </a>{' '}
                  ({Math.ceil(a.sizeBytes / 1024)} KB{a.visibility === 'internal' ? `, ${t('detail.internal')}` : ''})
                </li>
              ))}
            </ul>
          )
        }
      </QueryState>
      {tk.abilities.attach ? (
        <form className="kern-stack-sm" onSubmit={(e) => void onSubmit(e).catch(() => undefined)}>
          <div className="kern-form-input">
            <label className="kern-label" htmlFor="attach-file">
              {t('detail.attach')}
            </label>
            <div className="kern-hint" id="attach-hint">
              {t('detail.attachHint')}
            </div>
            <input
              id="attach-file"
              type="file"
              className="kern-form-input__input"
              accept="application/pdf,image/png,image/jpeg"
              aria-describedby="attach-hint"
              onChange={(e) => setFile(e.target.files?.[0] ?? null)}
            />
          </div>
          <div>
            <SubmitButton busy={upload.isPending}>{t('detail.upload')}</SubmitButton>
          </div>
          {upload.error ? <ProblemAlert error={upload.error} /> : null}
        </form>
      ) : null}
    </section>
  );
}

function LinksSection({ ticketId }: { ticketId: string }) {
  const { t } = useTranslation(NS);
  const links = useLinks(ticketId);
  if (!links.data || links.data.items.length === 0) {
    return null;
  }
  return (
    <section className="kern-stack-sm" aria-labelledby="t-links">
      <h2 className="kern-heading-medium" id="t-links">
        {t('detail.links')}
      </h2>
      <ul className="kern-list">
        {links.data.items.map((l) => (
          <li key={l.id}>
            {t(`detail.linkRole.${l.role}`)}{' '}
            <Link to="/tickets/$id" params={{ id: l.ticketId }} className="kern-link">
              {l.number}
            </Link>{' '}
            {l.title}
          </li>
        ))}
      </ul>
    </section>
  );
}
