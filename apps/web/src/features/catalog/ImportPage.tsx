import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../app/auth';
import { Alert } from '../../components/Alert';
import { Badge } from '../../components/Badge';
import { DataTable } from '../../components/DataTable';
import { Page } from '../../components/Page';
import { ProblemAlert } from '../../components/ProblemAlert';
import { SubmitButton } from '../../components/fields';
import { fileToBase64, formatDate, formatQuantity, useImport, type ImportResult } from './catalog.api';
import { CatalogNav } from './CatalogNav';
import { NS } from './i18n';

type Row = ImportResult['rows'][number];
const VARIANT = { create: 'success', change: 'info', unchanged: 'info', error: 'danger' } as const;

/**
 * Bulk edit of subscriptions in three steps: choose a CSV/XLSX file → preview every row (dry run,
 * errors per row) → apply all rows at once. Nothing is written while any row has an error.
 */
export function ImportPage() {
  const { t, i18n } = useTranslation(NS);
  const { activeOrg, may } = useAuth();
  const run = useImport();
  const fileId = useId();
  const [file, setFile] = useState<{ name: string; content: string } | null>(null);
  const [preview, setPreview] = useState<ImportResult | null>(null);
  const [done, setDone] = useState<ImportResult | null>(null);
  const [reading, setReading] = useState(false);
  const providerId = activeOrg?.orgKind === 'provider' ? activeOrg.orgId : null;
  if (!providerId || !may('subscription.manage')) {
    return (
      <Page title={t('import.title')}>
        <CatalogNav current="import" />
        <p className="kern-body">{t('import.providerOnly')}</p>
      </Page>
    );
  }
  const onPreview = (e: FormEvent) => {
    e.preventDefault();
    if (!file) {
      return;
    }
    setDone(null);
    run.mutate({ dryRun: true, body: { providerId, filename: file.name, contentBase64: file.content } }, { onSuccess: setPreview });
  };
  const onApply = () => {
    if (!file) {
      return;
    }
    run.mutate(
      { dryRun: false, body: { providerId, filename: file.name, contentBase64: file.content } },
      {
        onSuccess: (r) => {
          setDone(r);
          setPreview(null);
        },
      },
    );
  };
  const errors = preview?.summary.error ?? 0;
  return (
    <Page title={t('import.title')}>
      <CatalogNav current="import" />
      <p className="kern-body">{t('import.intro')}</p>
      <ol className="kern-list">
        <li>{t('import.step1')}</li>
        <li>{t('import.step2')}</li>
        <li>{t('import.step3')}</li>
      </ol>
      <form className="kern-stack-md form-narrow" onSubmit={onPreview} noValidate aria-labelledby="import-file">
        <h2 className="kern-heading-medium" id="import-file">
          {t('import.chooseFile')}
        </h2>
        <div className="kern-form-input">
          <label className="kern-label" htmlFor={fileId}>
            {t('import.file')}
          </label>
          <div className="kern-hint" id={`${fileId}-hint`}>
            {t('import.fileHint')}
          </div>
          <input
            id={fileId}
            name="file"
            type="file"
            className="kern-form-input__input"
            accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            aria-describedby={`${fileId}-hint`}
            required
            onChange={(e) => {
              const f = e.target.files?.[0];
              setPreview(null);
              setDone(null);
              if (f) {
                setReading(true);
                void fileToBase64(f)
                  .then((content) => setFile({ name: f.name, content }))
                  .finally(() => setReading(false));
              } else {
                setFile(null);
              }
            }}
          />
        </div>
        <SubmitButton busy={reading || (run.isPending && !preview)}>{t('import.preview')}</SubmitButton>
      </form>
      <ProblemAlert error={run.error} />
      {done ? (
        <Alert variant="success" title={t('import.applied')}>
          <p className="kern-body">{t('import.summary', done.summary)}</p>
        </Alert>
      ) : null}
      {preview ? (
        <section className="kern-stack-md" aria-labelledby="import-preview">
          <h2 className="kern-heading-medium" id="import-preview">
            {t('import.previewTitle')}
          </h2>
          {errors > 0 ? (
            <Alert variant="danger" title={t('import.hasErrors', { count: errors })}>
              <p className="kern-body">{t('import.fixAndRetry')}</p>
            </Alert>
          ) : (
            <Alert variant="info" title={t('import.ready')}>
              <p className="kern-body">{t('import.summary', preview.summary)}</p>
            </Alert>
          )}
          <DataTable<Row>
            caption={t('import.previewTitle')}
            rows={preview.rows}
            rowKey={(r) => String(r.row)}
            columns={[
              { key: 'row', header: t('import.row'), numeric: true, render: (r) => String(r.row) },
              { key: 'member', header: t('subscriptions.member'), rowHeader: true, render: (r) => r.memberName ?? '–' },
              { key: 'service', header: t('subscriptions.service'), render: (r) => r.serviceCode ?? '–' },
              { key: 'from', header: t('subscriptions.effectiveFrom'), render: (r) => formatDate(r.validFrom, i18n.language) },
              { key: 'before', header: t('import.before'), numeric: true, render: (r) => formatQuantity(r.quantityBefore, i18n.language) },
              { key: 'quantity', header: t('subscriptions.quantity'), numeric: true, render: (r) => formatQuantity(r.quantity, i18n.language) },
              { key: 'action', header: t('import.action'), render: (r) => <Badge variant={VARIANT[r.action]}>{t(`import.actions.${r.action}`)}</Badge> },
              {
                key: 'errors',
                header: t('import.errors'),
                render: (r) =>
                  r.errors.length === 0 ? (
                    '–'
                  ) : (
                    <ul className="kern-list">
                      {r.errors.map((e) => (
                        <li key={e.column}>
                          {e.column}: {e.message}
                        </li>
                      ))}
                    </ul>
                  ),
              },
            ]}
          />
          {errors === 0 && preview.summary.create + preview.summary.change > 0 ? (
            <div>
              <button type="button" className="kern-btn kern-btn--primary" disabled={run.isPending} aria-busy={run.isPending || undefined} onClick={onApply}>
                <span className="kern-label">{t('import.apply', { count: preview.summary.create + preview.summary.change })}</span>
              </button>
            </div>
          ) : null}
        </section>
      ) : null}
    </Page>
  );
}
