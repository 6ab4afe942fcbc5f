import { getRouteApi, Link } from '@tanstack/react-router';
import { useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../app/auth';
import { Alert } from '../../components/Alert';
import { DataTable } from '../../components/DataTable';
import { Page } from '../../components/Page';
import { ProblemAlert } from '../../components/ProblemAlert';
import { QueryState } from '../../components/QueryState';
import { SelectField, TextField } from '../../components/fields';
import { orgsWithPermission } from '../../lib/memberships';
import { formatNumber } from '../members/DateField';
import { NS } from '../members/i18n';
import type { DirectoryPreview, Gemeinde } from '../members/types';
import { Attribution } from './Attribution';
import { useApply, useDebounced, useGemeindenSearch, useKreise, usePreview, useVerbaende, type DirectorySelection } from './reference.api';

const route = getRouteApi('/app/organisations/from-directory');

type Mode = 'verbaende' | 'gemeinden';

function Radio({ name, value, checked, label, onChange }: { name: string; value: string; checked: boolean; label: string; onChange: () => void }) {
  const id = useId();
  return (
    <div className="kern-form-check">
      <input id={id} className="kern-form-check__radio" type="radio" name={name} value={value} checked={checked} onChange={onChange} />
      <label className="kern-label" htmlFor={id}>
        {label}
      </label>
    </div>
  );
}

function Check({ label, checked, onChange, hint }: { label: string; checked: boolean; onChange: (v: boolean) => void; hint?: string }) {
  const id = useId();
  return (
    <div className="kern-form-check">
      <input
        id={id}
        className="kern-form-check__checkbox"
        type="checkbox"
        checked={checked}
        aria-describedby={hint ? `${id}-h` : undefined}
        onChange={(e) => onChange(e.target.checked)}
      />
      <label className="kern-label" htmlFor={id}>
        {label}
      </label>
      {hint ? (
        <div className="kern-hint" id={`${id}-h`}>
          {hint}
        </div>
      ) : null}
    </div>
  );
}

function VerbandPicker({ kreis, chosen, onChange }: { kreis: string; chosen: string[]; onChange: (keys: string[]) => void }) {
  const { t, i18n } = useTranslation(NS);
  const query = useVerbaende(kreis);
  return (
    <QueryState query={query}>
      {(data) =>
        data.items.length === 0 ? (
          <p className="kern-body">{t('wizard.noVerbaende')}</p>
        ) : (
          <fieldset className="kern-fieldset">
            <legend className="kern-label">{t('wizard.verbaende')}</legend>
            <div className="kern-fieldset__body">
              {data.items.map((v) => (
                <Check
                  key={v.key}
                  label={`${v.name} (${v.typeName})`}
                  hint={t('wizard.verbandHint', {
                    count: v.gemeinden.length,
                    population: formatNumber(v.population, i18n.language),
                    names: v.gemeinden.map((g) => g.name).join(', '),
                  })}
                  checked={chosen.includes(v.key)}
                  onChange={(on) => onChange(on ? [...chosen, v.key] : chosen.filter((k) => k !== v.key))}
                />
              ))}
            </div>
          </fieldset>
        )
      }
    </QueryState>
  );
}

function GemeindePicker({ kreis, chosen, onChange }: { kreis: string; chosen: Gemeinde[]; onChange: (g: Gemeinde[]) => void }) {
  const { t, i18n } = useTranslation(NS);
  const [q, setQ] = useState('');
  const term = useDebounced(q);
  const search = useGemeindenSearch(term, kreis);
  const hits = (search.data?.items ?? []).filter((g) => !chosen.some((c) => c.ags === g.ags));
  return (
    <div className="kern-stack-md">
      <TextField name="gemeindeSearch" type="search" label={t('wizard.searchGemeinde')} hint={t('wizard.searchHint')} plain value={q} onChange={setQ} />
      <p className="kern-body kern-body--small" aria-live="polite">
        {term.trim().length >= 2 && search.data ? t('wizard.hits', { count: search.data.items.length }) : ''}
      </p>
      <ProblemAlert error={search.error} />
      {hits.length > 0 ? (
        <ul className="kern-list" aria-label={t('wizard.results')}>
          {hits.map((g) => (
            <li key={g.ags} className="kern-flex kern-flex-wrap kern-align-items-center kern-gap-sm">
              <span className="kern-body">
                {g.name} – {g.verband ? `${g.verband.name}, ` : ''}
                {g.kreis.name} ({t('wizard.inhabitants', { n: formatNumber(g.population, i18n.language) })})
              </span>
              <button type="button" className="kern-btn kern-btn--secondary kern-btn--x-small" onClick={() => onChange([...chosen, g])}>
                <span className="kern-label">{t('wizard.addGemeinde', { name: g.name })}</span>
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      {search.data ? <Attribution gebietsstand={search.data.gebietsstand} /> : null}
      {chosen.length > 0 ? (
        <section aria-labelledby="chosen-h" className="kern-stack-sm">
          <h3 className="kern-heading-small" id="chosen-h">
            {t('wizard.chosen', { count: chosen.length })}
          </h3>
          <ul className="kern-list">
            {chosen.map((g) => (
              <li key={g.ags} className="kern-flex kern-flex-wrap kern-align-items-center kern-gap-sm">
                <span className="kern-body">{g.name}</span>
                <button type="button" className="kern-btn kern-btn--tertiary kern-btn--x-small" onClick={() => onChange(chosen.filter((c) => c.ags !== g.ags))}>
                  <span className="kern-label">{t('wizard.removeGemeinde', { name: g.name })}</span>
                </button>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}

function PreviewTable({ preview }: { preview: DirectoryPreview }) {
  const { t, i18n } = useTranslation(NS);
  const names = new Map(preview.items.map((i) => [i.ars, i.name]));
  const { me } = useAuth();
  const orgNames = new Map((me?.memberships ?? []).map((m) => [m.orgId, m.orgName]));
  const parentName = (p: DirectoryPreview['items'][number]['parent']) =>
    p.kind === 'root' ? (orgNames.get(preview.parentId) ?? '–') : p.kind === 'planned' ? (names.get(p.ars) ?? p.ars) : (orgNames.get(p.id) ?? '–');
  return (
    <div className="kern-stack-md">
      {preview.items.length === 0 ? (
        <Alert variant="info" title={t('wizard.nothingNew')} />
      ) : (
        <DataTable
          caption={t('wizard.previewCaption')}
          rows={preview.items}
          rowKey={(i) => i.ars}
          columns={[
            { key: 'name', header: t('wizard.name'), rowHeader: true, render: (i) => i.name },
            { key: 'type', header: t('wizard.type'), render: (i) => i.type },
            { key: 'ags', header: t('wizard.ags'), render: (i) => i.ags ?? '–' },
            { key: 'parent', header: t('wizard.parent'), render: (i) => parentName(i.parent) },
            { key: 'pop', header: t('wizard.population'), numeric: true, render: (i) => formatNumber(i.population, i18n.language) },
          ]}
        />
      )}
      {preview.skipped.length > 0 ? (
        <Alert variant="info" title={t('wizard.skipped', { count: preview.skipped.length })}>
          <ul className="kern-list">
            {preview.skipped.map((s) => (
              <li key={s.ars}>
                {s.name}: {t(`wizard.reason.${s.reason}`)}
              </li>
            ))}
          </ul>
        </Alert>
      ) : null}
    </div>
  );
}

/** "Mitglieder aus dem Gemeindeverzeichnis": Kreis → Verbände or Gemeinden → preview → apply. */
export function FromDirectoryPage() {
  const { t } = useTranslation(NS);
  const { me, activeOrg } = useAuth();
  const search = route.useSearch();
  const qc = useQueryClient();
  const parents = orgsWithPermission(me?.memberships ?? [], 'organisation.create');
  const [parentId, setParentId] = useState(
    search.parentId ?? (activeOrg && parents.some((p) => p.membership.orgId === activeOrg.orgId) ? activeOrg.orgId : parents[0]?.membership.orgId ?? ''),
  );
  const kreise = useKreise();
  const [kreis, setKreis] = useState('');
  const [mode, setMode] = useState<Mode>('verbaende');
  const [verbaende, setVerbaende] = useState<string[]>([]);
  const [gemeinden, setGemeinden] = useState<Gemeinde[]>([]);
  const preview = usePreview(parentId);
  const apply = useApply(parentId);
  const selection: DirectorySelection =
    mode === 'verbaende' ? { verbaende } : { gemeinden: gemeinden.map((g) => g.ags) };
  const empty = mode === 'verbaende' ? verbaende.length === 0 : gemeinden.length === 0;
  const reset = () => {
    preview.reset();
    apply.reset();
  };
  return (
    <Page title={t('wizard.title')}>
      <p className="kern-body">{t('wizard.intro')}</p>
      <section className="kern-stack-md form-narrow" aria-labelledby="step1">
        <h2 className="kern-heading-medium" id="step1">
          {t('wizard.step1')}
        </h2>
        <SelectField
          name="parentId"
          label={t('wizard.parentOrg')}
          required
          value={parentId}
          onChange={(v) => (setParentId(v), reset())}
          options={parents.map((p) => ({ value: p.membership.orgId, label: `${'\u00a0\u00a0'.repeat(p.depth)}${p.membership.orgName}` }))}
        />
        <QueryState query={kreise}>
          {(data) => (
            <SelectField
              name="kreis"
              label={t('wizard.kreis')}
              required
              value={kreis}
              onChange={(v) => (setKreis(v), setVerbaende([]), reset())}
              options={[
                { value: '', label: t('wizard.chooseKreis') },
                ...[...data.items]
                  .sort((a, b) => a.name.localeCompare(b.name, 'de'))
                  .map((k) => ({ value: k.ags, label: `${k.name} (${k.typeName}, ${k.land.name})` })),
              ]}
            />
          )}
        </QueryState>
      </section>
      {kreis ? (
        <section className="kern-stack-md" aria-labelledby="step2">
          <h2 className="kern-heading-medium" id="step2">
            {t('wizard.step2')}
          </h2>
          <fieldset className="kern-fieldset">
            <legend className="kern-label">{t('wizard.mode')}</legend>
            <div className="kern-fieldset__body">
              <Radio name="mode" value="verbaende" checked={mode === 'verbaende'} label={t('wizard.modeVerbaende')} onChange={() => (setMode('verbaende'), reset())} />
              <Radio name="mode" value="gemeinden" checked={mode === 'gemeinden'} label={t('wizard.modeGemeinden')} onChange={() => (setMode('gemeinden'), reset())} />
            </div>
          </fieldset>
          {mode === 'verbaende' ? (
            <VerbandPicker kreis={kreis} chosen={verbaende} onChange={(v) => (setVerbaende(v), reset())} />
          ) : (
            <GemeindePicker kreis={kreis} chosen={gemeinden} onChange={(g) => (setGemeinden(g), reset())} />
          )}
          <div>
            <button
              type="button"
              className="kern-btn kern-btn--primary"
              disabled={empty || preview.isPending || !parentId}
              onClick={() => preview.mutate(selection)}
            >
              <span className="kern-label">{t('wizard.preview')}</span>
            </button>
          </div>
          <ProblemAlert error={preview.error} />
        </section>
      ) : null}
      {preview.data ? (
        <section className="kern-stack-md" aria-labelledby="step3">
          <h2 className="kern-heading-medium" id="step3">
            {t('wizard.step3', { count: preview.data.items.length })}
          </h2>
          <PreviewTable preview={preview.data} />
          {apply.data ? (
            <Alert variant="success" title={t('wizard.created', { count: apply.data.created.length })}>
              <ul className="kern-list">
                {apply.data.created.map((c) => (
                  <li key={c.id}>
                    <Link to="/organisations/$id" params={{ id: c.id }} search={{ tab: undefined }} className="kern-link">
                      {c.name}
                    </Link>
                  </li>
                ))}
              </ul>
            </Alert>
          ) : preview.data.items.length > 0 ? (
            <div>
              <button
                type="button"
                className="kern-btn kern-btn--primary"
                disabled={apply.isPending}
                onClick={() =>
                  apply.mutate(selection, {
                    onSuccess: () =>
                      Promise.all([
                        qc.invalidateQueries({ queryKey: ['organisations'] }),
                        qc.invalidateQueries({ queryKey: ['me'] }),
                      ]),
                  })
                }
              >
                <span className="kern-label">{t('wizard.apply', { count: preview.data.items.length })}</span>
              </button>
            </div>
          ) : null}
          <ProblemAlert error={apply.error} />
        </section>
      ) : null}
      <Attribution gebietsstand={kreise.data?.gebietsstand} />
    </Page>
  );
}
