import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../components/Alert';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { Page } from '../../components/Page';
import { ProblemAlert } from '../../components/ProblemAlert';
import { QueryState } from '../../components/QueryState';
import { SelectField } from '../../components/fields';
import { formatDateTime } from '../../lib/format';
import { NS } from '../knowledge/i18n';
import { ServiceDeskNav } from '../knowledge/KnowledgeNav';
import { useAssignMail, useDiscardMail, useMembers, useReviewQueue, type InboundMail } from './mail.api';

/** Mails nobody could be matched to: an agent opens a ticket for a member, or discards the mail. */
export function ReviewQueuePage() {
  const { t } = useTranslation(NS);
  const query = useReviewQueue();
  const [done, setDone] = useState<string | null>(null);
  return (
    <Page title={t('review.title')}>
      <ServiceDeskNav current="review" />
      <p className="kern-body">{t('review.intro')}</p>
      <div role="status">{done ? <Alert variant="success" title={done} /> : null}</div>
      <QueryState query={query}>
        {(data) =>
          data.items.length === 0 ? (
            <p className="kern-body">{t('review.empty')}</p>
          ) : (
            <ul className="kern-list kern-stack-lg">
              {data.items.map((m) => (
                <li key={m.id}>
                  <QueuedMail mail={m} onDone={setDone} />
                </li>
              ))}
            </ul>
          )
        }
      </QueryState>
    </Page>
  );
}

function QueuedMail({ mail, onDone }: { mail: InboundMail; onDone: (msg: string) => void }) {
  const { t, i18n } = useTranslation(NS);
  const members = useMembers();
  const assign = useAssignMail();
  const discard = useDiscardMail();
  const [memberId, setMemberId] = useState('');
  const [confirm, setConfirm] = useState(false);
  const headingId = `mail-${mail.id}`;
  return (
    <article className="kern-card" aria-labelledby={headingId}>
      <div className="kern-card__container kern-stack-sm">
        <h2 className="kern-heading-small" id={headingId}>
          {mail.subject}
        </h2>
        <p className="kern-body kern-body--small">
          {t('review.from')}: {mail.fromName ? `${mail.fromName} <${mail.fromAddress}>` : mail.fromAddress} · {t('review.received')}:{' '}
          {formatDateTime(mail.receivedAt, i18n.language)} · {t('review.reason')}: {mail.reason ? t(`reason.${mail.reason}`, { defaultValue: mail.reason }) : '–'}
        </p>
        <pre className="kern-body mail-text">{mail.textBody}</pre>
        {mail.attachments.length > 0 ? (
          <p className="kern-body">
            {t('review.attachments')}:{' '}
            {mail.attachments.map((a, i) => (
              <a key={`${a.filename}-${i}`} className="kern-link" href={`/api/v1/mail/inbound/${mail.id}/attachments/${i}`} download>
                {a.filename}
                {i < mail.attachments.length - 1 ? ', ' : ''}
              </a>
            ))}
          </p>
        ) : null}
        {mail.refusedAttachments.map((a, i) => (
          <p key={`r-${i}`} className="kern-body kern-body--small">
            {t('review.refused', { name: a.filename, reason: t(`refusedReason.${a.reason}`, { defaultValue: a.reason }) })}
          </p>
        ))}
        {assign.error ? <ProblemAlert error={assign.error} /> : null}
        {discard.error ? <ProblemAlert error={discard.error} /> : null}
        {mail.abilities.assign ? (
          <form
            className="kern-flex kern-flex-wrap kern-align-items-end kern-gap-sm"
            onSubmit={(e) => {
              e.preventDefault();
              if (memberId) {
                assign.mutate({ id: mail.id, memberId }, { onSuccess: (r) => onDone(t('review.assigned', { number: r.ticketNumber ?? '' })) });
              }
            }}
          >
            <SelectField
              name={`member-${mail.id}`}
              label={t('review.member')}
              required
              value={memberId}
              onChange={setMemberId}
              options={[{ value: '', label: t('review.chooseMember') }, ...(members.data ?? []).map((o) => ({ value: o.id, label: o.name }))]}
            />
            <button type="submit" className="kern-btn kern-btn--primary" disabled={!memberId || assign.isPending}>
              <span className="kern-label">{t('review.assign')}</span>
            </button>
            <button type="button" className="kern-btn kern-btn--tertiary" onClick={() => setConfirm(true)}>
              <span className="kern-label">{t('review.discard')}</span>
            </button>
          </form>
        ) : null}
      </div>
      <ConfirmDialog
        open={confirm}
        title={t('review.discardTitle')}
        message={t('review.discardMessage', { from: mail.fromAddress })}
        confirmLabel={t('review.discard')}
        busy={discard.isPending}
        onCancel={() => setConfirm(false)}
        onConfirm={() =>
          discard.mutate(mail.id, {
            onSuccess: () => {
              setConfirm(false);
              onDone(t('review.discarded'));
            },
          })
        }
      />
    </article>
  );
}
