import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../components/Alert';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { DataTable } from '../../components/DataTable';
import { ProblemAlert } from '../../components/ProblemAlert';
import { QueryState } from '../../components/QueryState';
import { SelectField, SubmitButton, TextField } from '../../components/fields';
import { NS } from './i18n';
import {
  placementFormValues,
  placementRequest,
  REPLICATION_MODES,
  type PlacementFormErrors,
  type PlacementFormValues,
  type ReplicationMode,
} from './placement-form';
import {
  useDeletePlacement,
  useMembers,
  usePlacements,
  useSavePlacement,
  useServices,
  useSites,
  type Placement,
} from './sites.api';

/** Create or change a placement: which service runs in which data centre, and where its replica lives. */
function PlacementForm({
  placement,
  provider,
  onDone,
}: {
  placement?: Placement;
  provider: { id: string; name: string };
  onDone: () => void;
}) {
  const { t } = useTranslation(NS);
  const isNew = !placement;
  const [v, setV] = useState<PlacementFormValues>(() => placementFormValues(placement, provider.id));
  const [errors, setErrors] = useState<PlacementFormErrors>({});
  const [saved, setSaved] = useState(false);
  const members = useMembers(isNew ? provider.id : undefined);
  const services = useServices();
  const dcs = useSites({ kind: 'data_centre' });
  const partnerDcs = useSites({ kind: 'partner_data_centre' });
  const save = useSavePlacement();
  const set =
    <K extends keyof PlacementFormValues>(k: K) =>
    (value: PlacementFormValues[K]) =>
      setV((s) => ({ ...s, [k]: value }));
  const err = (k: keyof PlacementFormValues) => (errors[k] ? t(errors[k]) : undefined);
  const sites = [...(dcs.data?.items ?? []), ...(partnerDcs.data?.items ?? [])].map((s) => ({
    value: s.id,
    label: `${s.name} (${t(`kind.${s.kind}`)})`,
  }));
  const serviceItems = (services.data?.items ?? []) as { id: string; code: string; nameDe: string }[];

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    setSaved(false);
    const r = placementRequest(v, isNew);
    setErrors(r.errors);
    if (r.create) {
      const body = r.create;
      save.mutate(
        { id: null, body },
        {
          onSuccess: () => {
            setSaved(true);
            setV(placementFormValues(undefined, provider.id));
          },
        },
      );
    } else if (r.update && placement) {
      save.mutate({ id: placement.id, body: r.update }, { onSuccess: onDone });
    }
  };
  const hid = isNew ? 'placement-new-h' : 'placement-edit-h';
  return (
    <form className="kern-stack-md form-narrow" onSubmit={onSubmit} noValidate aria-labelledby={hid}>
      <h3 className="kern-heading-small" id={hid}>
        {isNew ? t('placement.newTitle') : t('placement.editTitle', { name: placement.name })}
      </h3>
      {save.error ? <ProblemAlert error={save.error} /> : null}
      {saved ? <Alert variant="success" title={t('placement.created')} /> : null}
      {isNew ? (
        <>
          <SelectField
            name="orgId"
            label={t('placement.org')}
            hint={t('placement.orgHint')}
            required
            value={v.orgId}
            onChange={set('orgId')}
            error={err('orgId')}
            options={[
              { value: provider.id, label: provider.name },
              ...(members.data?.items ?? []).map((o) => ({ value: o.id, label: o.name })),
            ]}
          />
          <SelectField
            name="serviceId"
            label={t('placement.service')}
            value={v.serviceId}
            onChange={(serviceId) => {
              const s = serviceItems.find((x) => x.id === serviceId);
              setV((old) => ({ ...old, serviceId, name: old.name || (s ? s.nameDe : '') }));
            }}
            options={[
              { value: '', label: t('placement.noService') },
              ...serviceItems.map((s) => ({ value: s.id, label: `${s.code} ${s.nameDe}` })),
            ]}
          />
        </>
      ) : null}
      <TextField
        name="name"
        label={t('placement.name')}
        required
        value={v.name}
        onChange={set('name')}
        error={err('name')}
      />
      <SelectField
        name="primarySiteId"
        label={t('placement.primary')}
        required
        value={v.primarySiteId}
        onChange={set('primarySiteId')}
        error={err('primarySiteId')}
        options={[{ value: '', label: t('form.choose') }, ...sites]}
      />
      <SelectField
        name="replicaSiteId"
        label={t('placement.replica')}
        value={v.replicaSiteId}
        onChange={set('replicaSiteId')}
        error={err('replicaSiteId')}
        options={[{ value: '', label: t('placement.noReplica') }, ...sites]}
      />
      <SelectField
        name="replication"
        label={t('failover.replication')}
        required
        value={v.replication}
        onChange={(r) => set('replication')(r as ReplicationMode)}
        options={REPLICATION_MODES.map((m) => ({ value: m, label: t(`replication.${m}`) }))}
      />
      <TextField
        name="rtoHours"
        label={t('placement.rtoHours')}
        hint={t('placement.rtoHint')}
        inputMode="numeric"
        value={v.rtoHours}
        onChange={set('rtoHours')}
        error={err('rtoHours')}
      />
      <TextField name="notes" label={t('placement.notes')} value={v.notes} onChange={set('notes')} />
      <div className="kern-flex kern-gap-md">
        <SubmitButton busy={save.isPending}>{isNew ? t('placement.create') : t('placement.save')}</SubmitButton>
        {isNew ? null : (
          <button type="button" className="kern-btn kern-btn--tertiary" onClick={onDone}>
            <span className="kern-label">{t('placement.cancel')}</span>
          </button>
        )}
      </div>
    </form>
  );
}

/** The provider's service placements (primary data centre, replica, replication, RTO), with create and edit. */
export function PlacementsSection({
  provider,
  canManage,
}: {
  provider: { id: string; name: string };
  canManage: boolean;
}) {
  const { t } = useTranslation(NS);
  const placements = usePlacements();
  const [editing, setEditing] = useState<Placement | null>(null);
  const [removing, setRemoving] = useState<Placement | null>(null);
  const remove = useDeletePlacement();
  return (
    <section className="kern-stack-sm" aria-labelledby="placements-h">
      <h2 className="kern-heading-medium" id="placements-h">
        {t('placement.title')}
      </h2>
      <p className="kern-body">{t('placement.intro')}</p>
      <QueryState query={placements}>
        {(p) =>
          p.items.length === 0 ? (
            <p className="kern-body">{t('placement.empty')}</p>
          ) : (
            <DataTable<Placement>
              caption={t('placement.title')}
              rows={p.items}
              rowKey={(x) => x.id}
              columns={[
                { key: 'name', header: t('failover.service'), rowHeader: true, render: (x) => x.name },
                { key: 'org', header: t('failover.org'), render: (x) => x.orgName },
                { key: 'primary', header: t('placement.primary'), render: (x) => x.primarySite.name },
                {
                  key: 'replica',
                  header: t('placement.replica'),
                  render: (x) =>
                    x.replicaSite
                      ? `${x.replicaSite.name}${x.replicaSite.partnerProviderName ? ` (${x.replicaSite.partnerProviderName})` : ''}`
                      : t('failover.noReplica'),
                },
                { key: 'repl', header: t('failover.replication'), render: (x) => t(`replication.${x.replication}`) },
                {
                  key: 'rto',
                  header: t('failover.rto'),
                  numeric: true,
                  render: (x) => (x.rtoHours === null ? '–' : t('failover.hours', { count: x.rtoHours })),
                },
                ...(canManage
                  ? [
                      {
                        key: 'edit',
                        header: t('placement.actions'),
                        render: (x: Placement) => (
                          <div className="kern-flex kern-gap-sm">
                            {x.abilities.update ? (
                              <button
                                type="button"
                                className="kern-btn kern-btn--tertiary"
                                onClick={() => setEditing(x)}
                              >
                                <span className="kern-label">{t('placement.edit', { name: x.name })}</span>
                              </button>
                            ) : null}
                            {x.abilities.delete ? (
                              <button
                                type="button"
                                className="kern-btn kern-btn--tertiary"
                                onClick={() => setRemoving(x)}
                              >
                                <span className="kern-label">{t('placement.remove', { name: x.name })}</span>
                              </button>
                            ) : null}
                          </div>
                        ),
                      },
                    ]
                  : []),
              ]}
            />
          )
        }
      </QueryState>
      {remove.error ? <ProblemAlert error={remove.error} /> : null}
      <ConfirmDialog
        open={removing !== null}
        title={t('placement.removeTitle', { name: removing?.name ?? '' })}
        message={t('placement.removeText')}
        confirmLabel={t('placement.removeConfirm')}
        busy={remove.isPending}
        onCancel={() => setRemoving(null)}
        onConfirm={() => {
          if (removing) {
            remove.mutate(removing.id, {
              onSettled: () => setRemoving(null),
              onSuccess: () => setEditing((e) => (e?.id === removing.id ? null : e)),
            });
          }
        }}
      />
      {canManage && editing ? (
        <PlacementForm key={editing.id} placement={editing} provider={provider} onDone={() => setEditing(null)} />
      ) : null}
      {canManage && !editing ? <PlacementForm provider={provider} onDone={() => setEditing(null)} /> : null}
    </section>
  );
}
