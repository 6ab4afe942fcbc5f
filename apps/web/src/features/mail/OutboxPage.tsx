import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../components/Alert';
import { Badge } from '../../components/Badge';
import { DataTable } from '../../components/DataTable';
import { Page } from '../../components/Page';
import { ProblemAlert } from '../../components/ProblemAlert';
import { QueryState } from '../../components/QueryState';
import { SelectField } from '../../components/fields';
import { formatDateTime } from '../../lib/format';
import { NS } from '../knowledge/i18n';
import { ServiceDeskNav } from '../knowledge/KnowledgeNav';
import { useOutbox, useRetryMail, type OutboxMail, type OutboxStatus } from './mail.api';

const VARIANT = { pending: 'info', sent: 'success', failed: 'danger' } as const;

/** The provider's outbox: what was (or will be) mailed to members; administrators only. */
export function OutboxPage() {
  const { t, i18n } = useTranslation(NS);
  const [status, setStatus] = useState<'' | OutboxStatus>('');
  const [limit, setLimit] = useState(50);
  const query = useOutbox({ status: status || undefined, limit });
  const retry = useRetryMail();
  return (
    <Page title={t('outbox.title')}>
      <ServiceDeskNav current="outbox" />
      <p className="kern-body">{t('outbox.intro')}</p>
      {query.data && !query.data.smtpConfigured ? <Alert variant="warning" title={t('outbox.noSmtp')} /> : null}
      <div className="form-narrow">
        <SelectField
          name="status"
          plain
          label={t('outbox.filter')}
          value={status}
          onChange={(v) => setStatus(v as typeof status)}
          options={[
            { value: '', label: t('outbox.all') },
            { value: 'pending', label: t('mailStatus.pending') },
            { value: 'sent', label: t('mailStatus.sent') },
            { value: 'failed', label: t('mailStatus.failed') },
          ]}
        />
      </div>
      {retry.error ? <ProblemAlert error={retry.error} /> : null}
      <QueryState query={query}>
        {(data) =>
          data.items.length === 0 ? (
            <p className="kern-body">{t('outbox.empty')}</p>
          ) : (
            <div className="kern-stack-sm">
              <DataTable<OutboxMail>
                caption={t('outbox.title')}
                rows={data.items}
                rowKey={(m) => m.id}
                columns={[
                  { key: 'created', header: t('outbox.created'), render: (m) => formatDateTime(m.createdAt, i18n.language) },
                  { key: 'to', header: t('outbox.to'), render: (m) => (m.toName ? `${m.toName} <${m.toAddress}>` : m.toAddress) },
                  {
                    key: 'subject',
                    header: t('outbox.subject'),
                    rowHeader: true,
                    render: (m) => (
                      <details>
                        <summary>{m.subject}</summary>
                        <pre className="kern-body mail-text">{m.textBody}</pre>
                      </details>
                    ),
                  },
                  { key: 'kind', header: t('outbox.kind'), render: (m) => t(`mailKind.${m.kind}`) },
                  { key: 'state', header: t('outbox.state'), render: (m) => <Badge variant={VARIANT[m.status]}>{t(`mailStatus.${m.status}`)}</Badge> },
                  { key: 'attempts', header: t('outbox.attempts'), numeric: true, render: (m) => String(m.attempts) },
                  {
                    key: 'error',
                    header: t('outbox.error'),
                    render: (m) =>
                      m.status === 'failed' ? (
                        <span className="kern-stack-xs">
                          <span>{m.lastError ?? '–'}</span>
                          <button type="button" className="kern-btn kern-btn--tertiary kern-btn--small" disabled={retry.isPending} onClick={() => retry.mutate(m.id)}>
                            <span className="kern-label">{t('outbox.retry')}</span>
                          </button>
                        </span>
                      ) : (
                        (m.lastError ?? '–')
                      ),
                  },
                ]}
              />
              {data.nextCursor ? (
                <div>
                  <button type="button" className="kern-btn kern-btn--secondary" onClick={() => setLimit((l) => l + 50)}>
                    <span className="kern-label">{t('outbox.more')}</span>
                  </button>
                </div>
              ) : null}
            </div>
          )
        }
      </QueryState>
    </Page>
  );
}
