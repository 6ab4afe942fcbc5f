import { useNavigate, useParams } from '@tanstack/react-router';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../app/auth';
import { Page } from '../../components/Page';
import { ProblemAlert } from '../../components/ProblemAlert';
import { QueryState } from '../../components/QueryState';
import { CheckboxField, SelectField, SubmitButton, TextField } from '../../components/fields';
import { formatEuro, parseEuro, useAsset, useAssetTypes, useOrganisations, useSaveAsset, type Asset, type AssetCreate, type AssetTypeInfo, type AssetTypeName } from './assets.api';
import { NS } from './i18n';

type Fields = Record<string, string>;
const TEXT_FIELDS = ['name', 'manufacturer', 'model', 'serial', 'assignedPerson', 'supplier', 'fundingReference', 'notes'] as const;
const DATE_FIELDS = ['purchaseDate', 'warrantyEnd'] as const;
const ISO = /^\d{4}-\d{2}-\d{2}$/;

/** A date typed as DD.MM.YYYY or YYYY-MM-DD → ISO, or undefined. */
function isoDate(s: string): string | undefined {
  const de = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(s.trim());
  const v = de ? `${de[3]}-${de[2]!.padStart(2, '0')}-${de[1]!.padStart(2, '0')}` : s.trim();
  return ISO.test(v) ? v : undefined;
}

/** Create or edit an asset; the attribute fields follow the chosen type (GET /api/v1/asset-types). */
export function AssetFormPage() {
  const { id } = useParams({ from: '/app/assets/$id/edit' });
  const isNew = id === 'new';
  const query = useAsset(isNew ? undefined : id);
  const types = useAssetTypes();
  if (!isNew && query.isPending) {
    return <QueryState query={query}>{() => null}</QueryState>;
  }
  return <QueryState query={types}>{(tt) => <Form asset={isNew ? undefined : query.data} types={tt.items} />}</QueryState>;
}

function Form({ asset, types }: { asset: Asset | undefined; types: AssetTypeInfo[] }) {
  const { t } = useTranslation(NS);
  const navigate = useNavigate();
  const { activeOrg } = useAuth();
  const orgs = useOrganisations();
  const save = useSaveAsset();
  const [type, setType] = useState<AssetTypeName>(asset?.type ?? 'workstation');
  const [ownerOrgId, setOwner] = useState(asset?.ownerOrgId ?? activeOrg?.orgId ?? '');
  const [usingMemberId, setMember] = useState(asset?.usingMemberId ?? '');
  const [fields, setFields] = useState<Fields>(() => {
    const f: Fields = {};
    for (const k of TEXT_FIELDS) {
      f[k] = (asset?.[k] as string | null) ?? '';
    }
    for (const k of DATE_FIELDS) {
      f[k] = asset?.[k] ?? '';
    }
    f.inventoryNumber = asset?.inventoryNumber ?? '';
    f.cost = asset?.costCents !== null && asset?.costCents !== undefined ? formatEuro(asset.costCents, 'de').replace(' €', '') : '';
    f.usefulLifeMonths = asset?.usefulLifeMonths ? String(asset.usefulLifeMonths) : '';
    return f;
  });
  const [attrs, setAttrs] = useState<Record<string, string | boolean>>(() =>
    Object.fromEntries(Object.entries(asset?.attributes ?? {}).map(([k, v]) => [k, typeof v === 'boolean' ? v : String(v)])),
  );
  const [errors, setErrors] = useState<Record<string, string>>({});
  useEffect(() => {
    if (!ownerOrgId && orgs.data?.items[0]) {
      setOwner(orgs.data.items[0].id);
    }
  }, [orgs.data, ownerOrgId]);
  const info = types.find((x) => x.type === type)!;
  const set = (k: string) => (v: string) => setFields((f) => ({ ...f, [k]: v }));
  const orgOptions = (orgs.data?.items ?? []).map((o) => ({ value: o.id, label: o.name }));
  const members = (orgs.data?.items ?? []).filter((o) => o.kind === 'member');

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const errs: Record<string, string> = {};
    const body: Record<string, unknown> = {};
    for (const k of TEXT_FIELDS) {
      body[k] = fields[k]!.trim() || null;
    }
    for (const k of DATE_FIELDS) {
      const v = fields[k]!.trim();
      if (v && !isoDate(v)) {
        errs[k] = t('form.dateInvalid');
      }
      body[k] = v ? (isoDate(v) ?? null) : null;
    }
    const cost = fields.cost!.trim();
    if (cost && parseEuro(cost) === undefined) {
      errs.cost = t('form.costInvalid');
    }
    body.costCents = cost ? (parseEuro(cost) ?? null) : null;
    const life = fields.usefulLifeMonths!.trim();
    if (life && !/^\d{1,3}$/.test(life)) {
      errs.usefulLifeMonths = t('form.lifeInvalid');
    }
    body.usefulLifeMonths = life ? Number(life) : null;
    const attributes: Record<string, unknown> = {};
    for (const f of info.fields) {
      const v = attrs[f.key];
      if (v === undefined || v === '') {
        continue;
      }
      if (f.kind === 'boolean') {
        attributes[f.key] = v === true;
      } else if (f.kind === 'integer' || f.kind === 'decimal') {
        const n = Number(String(v).replace(',', '.'));
        if (!Number.isFinite(n) || (f.kind === 'integer' && !Number.isInteger(n))) {
          errs[`attr.${f.key}`] = t('form.numberInvalid');
        }
        attributes[f.key] = n;
      } else if (f.kind === 'date') {
        const d = isoDate(String(v));
        if (!d) {
          errs[`attr.${f.key}`] = t('form.dateInvalid');
        }
        attributes[f.key] = d ?? v;
      } else {
        attributes[f.key] = String(v).trim();
      }
    }
    body.attributes = attributes;
    if (fields.inventoryNumber!.trim()) {
      body.inventoryNumber = fields.inventoryNumber!.trim();
    }
    body.ownerOrgId = ownerOrgId;
    body.usingMemberId = usingMemberId || null;
    setErrors(errs);
    if (Object.keys(errs).length > 0) {
      return;
    }
    if (!asset) {
      body.type = type;
    }
    save.mutate(
      { id: asset?.id ?? null, body: body as AssetCreate },
      { onSuccess: (saved) => void navigate({ to: '/assets/$id', params: { id: saved.id } }) },
    );
  };

  return (
    <Page title={asset ? t('form.editTitle', { number: asset.inventoryNumber }) : t('form.newTitle')}>
      <form className="kern-stack-md form-narrow" onSubmit={onSubmit} noValidate>
        {asset ? null : (
          <SelectField name="type" label={t('field.type')} required value={type} onChange={(v) => setType(v as AssetTypeName)} options={types.map((x) => ({ value: x.type, label: t(`type.${x.type}`) }))} />
        )}
        <TextField name="inventoryNumber" label={t('field.inventoryNumber')} hint={asset ? undefined : t('form.inventoryHint')} value={fields.inventoryNumber!} onChange={set('inventoryNumber')} />
        <SelectField name="ownerOrgId" label={t('field.owner')} hint={t('form.ownerHint')} required value={ownerOrgId} onChange={setOwner} options={orgOptions} />
        <SelectField name="usingMemberId" label={t('field.usingMember')} value={usingMemberId} onChange={setMember} options={[{ value: '', label: t('form.noMember') }, ...members.map((o) => ({ value: o.id, label: o.name }))]} />
        {TEXT_FIELDS.map((k) => (
          <TextField key={k} name={k} label={t(`field.${k}`)} value={fields[k]!} onChange={set(k)} />
        ))}
        {DATE_FIELDS.map((k) => (
          <TextField key={k} name={k} label={t(`field.${k}`)} hint={t('form.dateHint')} value={fields[k]!} onChange={set(k)} error={errors[k]} />
        ))}
        <TextField name="cost" label={t('field.cost')} hint={t('form.costHint')} value={fields.cost!} onChange={set('cost')} error={errors.cost} />
        <TextField
          name="usefulLifeMonths"
          label={t('field.usefulLifeMonths')}
          hint={t('form.lifeHint', { months: info.defaultUsefulLifeMonths ?? '–' })}
          value={fields.usefulLifeMonths!}
          onChange={set('usefulLifeMonths')}
          error={errors.usefulLifeMonths}
        />
        <fieldset className="kern-fieldset">
          <legend className="kern-label">{t('form.attributes', { type: t(`type.${type}`) })}</legend>
          <div className="kern-stack-md">
            {info.fields.map((f) =>
              f.kind === 'boolean' ? (
                <CheckboxField key={f.key} name={`attr-${f.key}`} label={t(`attr.${f.key}`, { defaultValue: f.key })} checked={attrs[f.key] === true} onChange={(v) => setAttrs((a) => ({ ...a, [f.key]: v }))} />
              ) : f.kind === 'enum' ? (
                <SelectField
                  key={f.key}
                  name={`attr-${f.key}`}
                  label={t(`attr.${f.key}`, { defaultValue: f.key })}
                  value={String(attrs[f.key] ?? '')}
                  onChange={(v) => setAttrs((a) => ({ ...a, [f.key]: v }))}
                  options={[{ value: '', label: '–' }, ...(f.options ?? []).map((o) => ({ value: o, label: t(`option.${o}`, { defaultValue: o }) }))]}
                />
              ) : (
                <TextField
                  key={f.key}
                  name={`attr-${f.key}`}
                  label={t(`attr.${f.key}`, { defaultValue: f.key })}
                  hint={f.kind === 'date' ? t('form.dateHint') : undefined}
                  value={String(attrs[f.key] ?? '')}
                  onChange={(v) => setAttrs((a) => ({ ...a, [f.key]: v }))}
                  error={errors[`attr.${f.key}`]}
                />
              ),
            )}
          </div>
        </fieldset>
        <ProblemAlert error={save.error} />
        <SubmitButton busy={save.isPending}>{t('form.save')}</SubmitButton>
      </form>
    </Page>
  );
}
