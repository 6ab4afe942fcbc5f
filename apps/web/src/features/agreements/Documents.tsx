import { useRef, useState, type FormEvent } from 'react';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../components/Alert';
import { DataTable } from '../../components/DataTable';
import { ProblemAlert } from '../../components/ProblemAlert';
import { QueryState } from '../../components/QueryState';
import { SubmitButton, TextField } from '../../components/fields';
import { formatDateTime } from '../../lib/format';
import { NS } from '../members/i18n';
import type { DocumentMeta } from '../members/types';
import { problemMessage } from '../../components/ProblemAlert';
import { documentUrl, useDeleteDocument, useDocuments, useUploadDocument, useUploadLimits } from './agreements.api';
import { megabytes, tooLarge } from './upload-limit';

export function formatBytes(n: number, language: string): string {
  const fmt = new Intl.NumberFormat(language === 'en' ? 'en-GB' : 'de-DE', { maximumFractionDigits: 1 });
  if (n < 1024) {
    return `${fmt.format(n)} B`;
  }
  if (n < 1024 * 1024) {
    return `${fmt.format(n / 1024)} KB`;
  }
  return `${fmt.format(n / 1024 / 1024)} MB`;
}

/** Upload of one PDF; the server checks type and size and its message is shown beside the field. */
export function DocumentUpload({
  orgId,
  agreementId,
  onUploaded,
}: {
  orgId: string;
  agreementId?: string;
  onUploaded?: (doc: DocumentMeta) => void;
}) {
  const { t } = useTranslation(NS);
  const { t: tc } = useTranslation();
  const upload = useUploadDocument(orgId);
  const limits = useUploadLimits();
  const maxBytes = limits.data?.maxUploadBytes;
  const [file, setFile] = useState<File | null>(null);
  const [title, setTitle] = useState('');
  const [local, setLocal] = useState<'missing' | 'tooLarge' | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const id = useId();
  const error =
    local === 'missing'
      ? t('documents.chooseFile')
      : local === 'tooLarge'
        ? t('documents.tooLarge', { mb: megabytes(maxBytes ?? 0) })
        : upload.error
          ? problemMessage(upload.error, tc)
          : undefined;
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (!file) {
      setLocal('missing');
      input.current?.focus();
      return;
    }
    // Refused here, before a byte is sent; the server checks again whatever the browser says.
    if (tooLarge(file, maxBytes)) {
      setLocal('tooLarge');
      input.current?.focus();
      return;
    }
    setLocal(null);
    upload.mutate(
      { file, title, agreementId },
      {
        onSuccess: (doc) => {
          setFile(null);
          setTitle('');
          if (input.current) {
            input.current.value = '';
          }
          onUploaded?.(doc);
        },
        onError: () => input.current?.focus(),
      },
    );
  };
  return (
    <form className="kern-stack-md form-narrow" onSubmit={onSubmit} noValidate aria-labelledby={`${id}-h`}>
      <h3 className="kern-heading-small" id={`${id}-h`}>
        {t('documents.upload')}
      </h3>
      <TextField name="title" label={t('documents.title')} value={title} onChange={setTitle} />
      <div className={`kern-form-input${error ? ' kern-form-input--error' : ''}`}>
        <label className="kern-label" htmlFor={`${id}-file`}>
          {t('documents.file')}
        </label>
        <div className="kern-hint" id={`${id}-hint`}>
          {maxBytes !== undefined ? t('documents.fileHint', { mb: megabytes(maxBytes) }) : t('documents.fileHintNoLimit')}
        </div>
        <input
          ref={input}
          id={`${id}-file`}
          name="file"
          type="file"
          accept="application/pdf,.pdf"
          className={`kern-form-input__input${error ? ' kern-form-input__input--error' : ''}`}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-hint ${id}-error` : `${id}-hint`}
          onChange={(e) => {
            const chosen = e.target.files?.[0] ?? null;
            setFile(chosen);
            setLocal(chosen && tooLarge(chosen, maxBytes) ? 'tooLarge' : null);
            upload.reset();
          }}
        />
        {error ? (
          <p className="kern-error" id={`${id}-error`} role="alert">
            <span className="kern-icon kern-icon--danger kern-icon--small" aria-hidden="true" />
            <span className="kern-body">{error}</span>
          </p>
        ) : null}
      </div>
      {upload.isSuccess ? <Alert variant="success" title={t('documents.uploaded', { name: upload.data.filename })} /> : null}
      <div>
        <SubmitButton busy={upload.isPending}>{t('documents.uploadButton')}</SubmitButton>
      </div>
    </form>
  );
}

export function DocumentTable({ orgId, agreementId }: { orgId: string; agreementId?: string }) {
  const { t, i18n } = useTranslation(NS);
  const query = useDocuments(orgId, agreementId);
  const remove = useDeleteDocument(orgId);
  return (
    <QueryState query={query}>
      {(data) =>
        data.items.length === 0 ? (
          <p className="kern-body">{t('documents.empty')}</p>
        ) : (
          <div className="kern-stack-sm">
            <DataTable<DocumentMeta>
              caption={t('tab.documents')}
              rows={data.items}
              rowKey={(d) => d.id}
              columns={[
                {
                  key: 'title',
                  header: t('documents.title'),
                  rowHeader: true,
                  render: (d) => (
                    <a className="kern-link" href={documentUrl(d.id)} download={d.filename}>
                      {d.title}
                      <span className="kern-sr-only"> ({t('documents.download')})</span>
                    </a>
                  ),
                },
                { key: 'file', header: t('documents.filename'), render: (d) => d.filename },
                { key: 'size', header: t('documents.size'), numeric: true, render: (d) => formatBytes(d.sizeBytes, i18n.language) },
                { key: 'at', header: t('documents.uploadedAt'), render: (d) => formatDateTime(d.createdAt, i18n.language) },
                {
                  key: 'actions',
                  header: t('actions'),
                  render: (d) =>
                    d.abilities.delete ? (
                      <button
                        type="button"
                        className="kern-btn kern-btn--tertiary"
                        disabled={remove.isPending}
                        onClick={() => remove.mutate(d.id)}
                      >
                        <span className="kern-label">{t('documents.remove', { name: d.title })}</span>
                      </button>
                    ) : (
                      '–'
                    ),
                },
              ]}
            />
            <ProblemAlert error={remove.error} />
          </div>
        )
      }
    </QueryState>
  );
}

/** Dokumente tab: the organisation's files (signed agreements …). */
export function Documents({ orgId, canUpload }: { orgId: string; canUpload: boolean }) {
  const { t } = useTranslation(NS);
  return (
    <section className="kern-stack-lg" aria-labelledby="documents-heading">
      <h2 className="kern-heading-medium" id="documents-heading">
        {t('tab.documents')}
      </h2>
      <DocumentTable orgId={orgId} />
      {canUpload ? <DocumentUpload orgId={orgId} /> : null}
    </section>
  );
}
