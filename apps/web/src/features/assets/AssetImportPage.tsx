import { Link } from '@tanstack/react-router';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../app/auth';
import { Alert } from '../../components/Alert';
import { Badge } from '../../components/Badge';
import { DataTable } from '../../components/DataTable';
import { Page } from '../../components/Page';
import { ProblemAlert } from '../../components/ProblemAlert';
import { SelectField, SubmitButton } from '../../components/fields';
import { fileToBase64, formatEuro, useAssetTypes, useImportAssets, useOrganisations, type ImportBody, type ImportResult } from './assets.api';
import { NS } from './i18n';

const FIELDS = [
  'type',
  'inventoryNumber',
  'name',
  'manufacturer',
  'model',
  'serial',
  'status',
  'member',
  'owner',
  'site',
  'assignedPerson',
  'purchaseDate',
  'cost',
  'supplier',
  'warrantyEnd',
  'fundingReference',
  'usefulLifeMonths',
  'notes',
] as const;

type Step = 'file' | 'mapping' | 'preview' | 'done';

/**
 * Import wizard: upload a CSV/XLSX file → map its columns → preview with per-row errors (dry run)
 * → import. Nothing is stored while any row has an error, unless "import only the valid rows" is chosen.
 */
export function AssetImportPage() {
  const { t, i18n } = useTranslation(NS);
  const { may } = useAuth();
  const orgs = useOrganisations();
  const types = useAssetTypes();
  const run = useImportAssets();
  const fileId = useId();
  const [step, setStep] = useState<Step>('file');
  const [file, setFile] = useState<{ name: string; format: 'csv' | 'xlsx'; content: string } | null>(null);
  const [member, setMember] = useState('');
  const [owner, setOwner] = useState<'provider' | 'member'>('provider');
  const [mapping, setMapping] = useState<Record<string, string>>({});
  const [result, setResult] = useState<ImportResult | null>(null);
  const [validOnly, setValidOnly] = useState(false);
  if (!may('asset.manage')) {
    return (
      <Page title={t('import.title')}>
        <p className="kern-body">{t('import.notAllowed')}</p>
      </Page>
    );
  }
  const members = (orgs.data?.items ?? []).filter((o) => o.kind === 'member');
  const body = (m: Record<string, string>): ImportBody => ({
    format: file!.format,
    content: file!.content,
    mapping: m,
    usingMemberId: member || null,
    owner,
    mode: validOnly ? 'valid_rows' : 'all_or_nothing',
  });
  const attrKeys = [...new Set((types.data?.items ?? []).flatMap((x) => x.fields.map((f) => f.key)))];

  const onUpload = (e: FormEvent) => {
    e.preventDefault();
    if (!file) {
      return;
    }
    run.mutate(
      { dryRun: true, body: body({}) },
      {
        onSuccess: (r) => {
          setMapping(r.mapping);
          setResult(r);
          setStep('mapping');
        },
      },
    );
  };
  const onPreview = (e: FormEvent) => {
    e.preventDefault();
    run.mutate(
      { dryRun: true, body: body(mapping) },
      {
        onSuccess: (r) => {
          setResult(r);
          setStep('preview');
        },
      },
    );
  };
  const onImport = () => {
    run.mutate(
      { dryRun: false, body: body(mapping) },
      {
        onSuccess: (r) => {
          setResult(r);
          setStep('done');
        },
      },
    );
  };
  const columns = result?.columns ?? [];
  const columnOptions = [{ value: '', label: t('import.notMapped') }, ...columns.map((c) => ({ value: c, label: c }))];
  return (
    <Page title={t('import.title')}>
      <p className="kern-body">{t('import.intro')}</p>
      <ol className="kern-list" aria-label={t('import.steps')}>
        {(['file', 'mapping', 'preview', 'done'] as const).map((s) => (
          <li key={s} aria-current={step === s ? 'step' : undefined}>
            {step === s ? <strong>{t(`import.step.${s}`)}</strong> : t(`import.step.${s}`)}
          </li>
        ))}
      </ol>

      <form className="kern-stack-md form-narrow" onSubmit={onUpload} noValidate aria-labelledby="asset-import-file">
        <h2 className="kern-heading-medium" id="asset-import-file">
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
              setStep('file');
              setResult(null);
              if (!f) {
                setFile(null);
                return;
              }
              const format = f.name.toLowerCase().endsWith('.xlsx') ? 'xlsx' : 'csv';
              void (format === 'csv' ? f.text() : fileToBase64(f)).then((content) => setFile({ name: f.name, format, content }));
            }}
          />
        </div>
        <SelectField
          name="member"
          label={t('import.member')}
          hint={t('import.memberHint')}
          value={member}
          onChange={setMember}
          options={[{ value: '', label: t('import.memberFromFile') }, ...members.map((o) => ({ value: o.id, label: o.name }))]}
        />
        <SelectField
          name="owner"
          label={t('import.owner')}
          value={owner}
          onChange={(v) => setOwner(v as 'provider' | 'member')}
          options={[
            { value: 'provider', label: t('import.ownerProvider') },
            { value: 'member', label: t('import.ownerMember') },
          ]}
        />
        <SubmitButton busy={run.isPending && step === 'file'}>{t('import.readColumns')}</SubmitButton>
      </form>

      <ProblemAlert error={run.error} />

      {step !== 'file' && result ? (
        <form className="kern-stack-md form-narrow" onSubmit={onPreview} noValidate aria-labelledby="asset-import-mapping">
          <h2 className="kern-heading-medium" id="asset-import-mapping">
            {t('import.mappingTitle')}
          </h2>
          <p className="kern-body">{t('import.mappingIntro')}</p>
          {FIELDS.map((f) => (
            <SelectField
              key={f}
              name={`map-${f}`}
              label={t(`import.field.${f}`)}
              value={mapping[f] ?? ''}
              onChange={(v) => setMapping((m) => ({ ...m, [f]: v }))}
              options={columnOptions}
            />
          ))}
          {attrKeys
            .filter((k) => mapping[`attributes.${k}`] !== undefined || columns.some((c) => c.toLowerCase() === k.toLowerCase()))
            .map((k) => (
              <SelectField
                key={k}
                name={`map-attr-${k}`}
                label={t('import.attrField', { name: t(`attr.${k}`, { defaultValue: k }) })}
                value={mapping[`attributes.${k}`] ?? ''}
                onChange={(v) => setMapping((m) => ({ ...m, [`attributes.${k}`]: v }))}
                options={columnOptions}
              />
            ))}
          <SubmitButton busy={run.isPending && step === 'mapping'}>{t('import.showPreview')}</SubmitButton>
        </form>
      ) : null}

      {(step === 'preview' || step === 'done') && result ? (
        <section className="kern-stack-md" aria-labelledby="asset-import-preview">
          <h2 className="kern-heading-medium" id="asset-import-preview">
            {step === 'done' ? t('import.doneTitle') : t('import.previewTitle')}
          </h2>
          {step === 'done' ? (
            <Alert variant="success" title={t('import.imported', { count: result.imported })}>
              <p className="kern-body">
                <Link to="/assets" className="kern-link">
                  {t('import.toList')}
                </Link>
              </p>
            </Alert>
          ) : result.invalid > 0 ? (
            <Alert variant="danger" title={t('import.hasErrors', { count: result.invalid, total: result.total })}>
              <p className="kern-body">{t('import.fixOrValidOnly')}</p>
            </Alert>
          ) : (
            <Alert variant="info" title={t('import.ready', { count: result.valid })} />
          )}
          {result.errors.length > 0 ? (
            <DataTable<ImportResult['errors'][number]>
              caption={t('import.errorsTitle')}
              rows={result.errors}
              rowKey={(e) => `${e.row}-${e.field}-${e.message}`}
              columns={[
                { key: 'row', header: t('import.row'), numeric: true, rowHeader: true, render: (e) => String(e.row) },
                { key: 'field', header: t('import.column'), render: (e) => e.field },
                { key: 'message', header: t('import.message'), render: (e) => e.message },
              ]}
            />
          ) : null}
          <DataTable<ImportResult['preview'][number]>
            caption={t('import.previewRows')}
            rows={result.preview}
            rowKey={(r) => String(r.row)}
            columns={[
              { key: 'row', header: t('import.row'), numeric: true, rowHeader: true, render: (r) => String(r.row) },
              { key: 'type', header: t('field.type'), render: (r) => (r.type ? t(`type.${r.type}`) : '–') },
              { key: 'inv', header: t('field.inventoryNumber'), render: (r) => r.inventoryNumber ?? t('import.drawn') },
              { key: 'name', header: t('field.name'), render: (r) => r.name ?? '–' },
              { key: 'model', header: t('field.model'), render: (r) => [r.manufacturer, r.model].filter(Boolean).join(' ') || '–' },
              { key: 'member', header: t('field.usingMember'), render: (r) => r.member ?? '–' },
              { key: 'cost', header: t('field.cost'), numeric: true, render: (r) => formatEuro(r.costCents, i18n.language) },
              { key: 'ok', header: t('import.check'), render: (r) => <Badge variant={r.ok ? 'success' : 'danger'}>{r.ok ? t('import.ok') : t('import.error')}</Badge> },
            ]}
          />
          {step === 'preview' && result.valid > 0 ? (
            <div className="kern-stack-md">
              {result.invalid > 0 ? (
                <div className="kern-form-check">
                  <input className="kern-form-check__input" type="checkbox" id={`${fileId}-valid`} checked={validOnly} onChange={(e) => setValidOnly(e.target.checked)} />
                  <label className="kern-label" htmlFor={`${fileId}-valid`}>
                    {t('import.validOnly', { count: result.valid })}
                  </label>
                </div>
              ) : null}
              <button type="button" className="kern-btn kern-btn--primary" disabled={run.isPending || (result.invalid > 0 && !validOnly)} aria-busy={run.isPending || undefined} onClick={onImport}>
                <span className="kern-label">{t('import.run', { count: result.invalid > 0 ? result.valid : result.total })}</span>
              </button>
            </div>
          ) : null}
        </section>
      ) : null}
    </Page>
  );
}
