import { Link } from '@tanstack/react-router';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../app/auth';
import { Alert } from '../../components/Alert';
import { DataTable } from '../../components/DataTable';
import { Page } from '../../components/Page';
import { ProblemAlert } from '../../components/ProblemAlert';
import { QueryState } from '../../components/QueryState';
import { SelectField, SubmitButton, TextField } from '../../components/fields';
import {
  useCreateSite,
  useDataCentres,
  useFailover,
  useSites,
  type Failover,
  type Site,
  type SiteKind,
} from './sites.api';
import { NS } from './i18n';
import { PartnerDcForm } from './PartnerDcForm';
import { PlacementsSection } from './PlacementsSection';

const KINDS: SiteKind[] = ['town_hall', 'school', 'depot', 'office', 'data_centre', 'partner_data_centre', 'other'];

function DataCentres() {
  const { t } = useTranslation(NS);
  const dcs = useDataCentres();
  return (
    <section className="kern-stack-sm" aria-labelledby="dc-h">
      <h2 className="kern-heading-medium" id="dc-h">
        {t('dc.title')}
      </h2>
      <QueryState query={dcs}>
        {(d) =>
          d.items.length === 0 ? (
            <p className="kern-body">{t('dc.empty')}</p>
          ) : (
            <ul className="kern-list kern-stack-sm">
              {d.items.map((dc) => (
                <li key={dc.id} className="kern-card">
                  <div className="kern-card__container kern-stack-xs">
                    <h3 className="kern-heading-small">
                      <Link to="/sites/$id" params={{ id: dc.id }} className="kern-link">
                        {dc.name}
                      </Link>
                      {dc.city ? ` (${dc.city})` : ''}
                    </h3>
                    <p className="kern-body">{t('dc.services', { count: dc.primaryCount })}</p>
                    <p className="kern-body kern-body--bold">{t('dc.partners')}</p>
                    {dc.partners.length === 0 ? (
                      <p className="kern-body">{t('dc.noPartners')}</p>
                    ) : (
                      <ul className="kern-list kern-list--bullet">
                        {dc.partners.map((p) => (
                          <li key={p.linkId}>
                            {p.site.name}
                            {p.site.partnerProviderName ? ` – ${p.site.partnerProviderName}` : ''}: {p.purpose}
                          </li>
                        ))}
                      </ul>
                    )}
                  </div>
                </li>
              ))}
            </ul>
          )
        }
      </QueryState>
    </section>
  );
}

function FailoverView() {
  const { t } = useTranslation(NS);
  const failover = useFailover();
  return (
    <section className="kern-stack-sm" aria-labelledby="fo-h">
      <h2 className="kern-heading-medium" id="fo-h">
        {t('failover.title')}
      </h2>
      <p className="kern-body">{t('failover.intro')}</p>
      <QueryState query={failover}>
        {(f) => (
          <div className="kern-stack-md">
            {f.sites.length === 0 ? <p className="kern-body">{t('failover.empty')}</p> : null}
            {f.sites.map((g) => (
              <div key={g.site.id} className="kern-stack-xs">
                <h3 className="kern-heading-small">{t('failover.ifDown', { site: g.site.name })}</h3>
                <p className="kern-body">
                  {t('failover.targets')}: {g.targets.map((x) => `${x.site.name} (${x.count})`).join(', ') || '–'}
                  {g.withoutReplica > 0 ? ` · ${t('failover.withoutReplica', { count: g.withoutReplica })}` : ''}
                </p>
                <DataTable<Failover['sites'][number]['entries'][number]>
                  caption={t('failover.ifDown', { site: g.site.name })}
                  rows={g.entries}
                  rowKey={(e) => e.placementId}
                  columns={[
                    { key: 'name', header: t('failover.service'), rowHeader: true, render: (e) => e.name },
                    { key: 'org', header: t('failover.org'), render: (e) => e.orgName },
                    {
                      key: 'repl',
                      header: t('failover.replication'),
                      render: (e) => t(`replication.${e.replication}`),
                    },
                    {
                      key: 'target',
                      header: t('failover.target'),
                      render: (e) =>
                        e.target
                          ? `${e.target.name}${e.target.partnerProviderName ? ` (${e.target.partnerProviderName})` : ''}`
                          : t('failover.noReplica'),
                    },
                    {
                      key: 'rto',
                      header: t('failover.rto'),
                      numeric: true,
                      render: (e) => (e.rtoHours === null ? '–' : t('failover.hours', { count: e.rtoHours })),
                    },
                  ]}
                />
              </div>
            ))}
            {f.hostedForPartners.length > 0 ? (
              <div className="kern-stack-xs">
                <h3 className="kern-heading-small">{t('failover.hostedTitle')}</h3>
                <p className="kern-body">{t('failover.hostedIntro')}</p>
                <DataTable<Failover['hostedForPartners'][number]>
                  caption={t('failover.hostedTitle')}
                  rows={f.hostedForPartners}
                  rowKey={(h) => `${h.partnerName}|${h.serviceName}|${h.siteName}`}
                  columns={[
                    { key: 'partner', header: t('failover.partner'), render: (h) => h.partnerName },
                    { key: 'service', header: t('failover.service'), rowHeader: true, render: (h) => h.serviceName },
                    {
                      key: 'repl',
                      header: t('failover.replication'),
                      render: (h) => t(`replication.${h.replication}`),
                    },
                  ]}
                />
              </div>
            ) : null}
          </div>
        )}
      </QueryState>
    </section>
  );
}

function CreateSite({ orgId, provider }: { orgId: string; provider: boolean }) {
  const { t } = useTranslation(NS);
  const create = useCreateSite();
  const empty = { name: '', kind: provider ? 'office' : 'town_hall', street: '', postalCode: '', city: '' };
  const [v, setV] = useState(empty);
  const [saved, setSaved] = useState(false);
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    setSaved(false);
    create.mutate(
      {
        orgId,
        kind: v.kind as SiteKind,
        name: v.name.trim(),
        street: v.street.trim() || null,
        postalCode: v.postalCode.trim() || null,
        city: v.city.trim() || null,
      },
      {
        onSuccess: () => {
          setSaved(true);
          setV(empty);
        },
      },
    );
  };
  const kinds = KINDS.filter((k) => k !== 'partner_data_centre' && (provider || k !== 'data_centre'));
  return (
    <form className="kern-stack-md form-narrow" onSubmit={onSubmit} noValidate aria-labelledby="site-new">
      <h2 className="kern-heading-medium" id="site-new">
        {t('new.title')}
      </h2>
      {create.error ? <ProblemAlert error={create.error} /> : null}
      {saved ? <Alert variant="success" title={t('new.created')} /> : null}
      <TextField
        name="name"
        label={t('new.name')}
        required
        value={v.name}
        onChange={(name) => setV((s) => ({ ...s, name }))}
      />
      <SelectField
        name="kind"
        required
        label={t('new.kind')}
        value={v.kind}
        onChange={(kind) => setV((s) => ({ ...s, kind }))}
        options={kinds.map((k) => ({ value: k, label: t(`kind.${k}`) }))}
      />
      <TextField
        name="street"
        label={t('new.street')}
        value={v.street}
        onChange={(street) => setV((s) => ({ ...s, street }))}
      />
      <TextField
        name="postalCode"
        label={t('new.postalCode')}
        inputMode="numeric"
        value={v.postalCode}
        onChange={(postalCode) => setV((s) => ({ ...s, postalCode }))}
      />
      <TextField name="city" label={t('new.city')} value={v.city} onChange={(city) => setV((s) => ({ ...s, city }))} />
      <SubmitButton busy={create.isPending}>{t('new.create')}</SubmitButton>
    </form>
  );
}

/** Sites of the active organisation (provider: all members), its data centres and the failover view. */
export function SitesPage() {
  const { t } = useTranslation(NS);
  const { activeOrg, may } = useAuth();
  const [kind, setKind] = useState('');
  const isProvider = activeOrg?.orgKind === 'provider';
  const sites = useSites({ kind: (kind || undefined) as SiteKind | undefined });
  return (
    <Page
      title={t('title')}
      actions={
        <a
          className="kern-btn kern-btn--secondary"
          href={`/api/v1/sites?format=csv${kind ? `&kind=${kind}` : ''}`}
          download
        >
          <span className="kern-label">{t('list.export')}</span>
        </a>
      }
    >
      {isProvider ? <DataCentres /> : null}
      {isProvider && activeOrg ? (
        <PlacementsSection provider={{ id: activeOrg.orgId, name: activeOrg.orgName }} canManage={may('site.manage')} />
      ) : null}
      <FailoverView />
      <section className="kern-stack-sm" aria-labelledby="sites-h">
        <h2 className="kern-heading-medium" id="sites-h">
          {t('list.title')}
        </h2>
        <SelectField
          name="kind"
          plain
          label={t('list.filterKind')}
          value={kind}
          onChange={setKind}
          options={[{ value: '', label: t('list.all') }, ...KINDS.map((k) => ({ value: k, label: t(`kind.${k}`) }))]}
        />
        <QueryState query={sites}>
          {(s) =>
            s.items.length === 0 ? (
              <p className="kern-body">{t('list.empty')}</p>
            ) : (
              <DataTable<Site>
                caption={t('list.title')}
                rows={s.items}
                rowKey={(x) => x.id}
                columns={[
                  {
                    key: 'name',
                    header: t('list.name'),
                    rowHeader: true,
                    render: (x) => (
                      <Link to="/sites/$id" params={{ id: x.id }} className="kern-link">
                        {x.name}
                      </Link>
                    ),
                  },
                  { key: 'kind', header: t('list.kind'), render: (x) => t(`kind.${x.kind}`) },
                  { key: 'org', header: t('list.org'), render: (x) => x.orgName },
                  { key: 'city', header: t('list.city'), render: (x) => x.city ?? '–' },
                  { key: 'rooms', header: t('list.rooms'), numeric: true, render: (x) => String(x.roomCount) },
                ]}
              />
            )
          }
        </QueryState>
      </section>
      {activeOrg && may('site.manage') ? <CreateSite orgId={activeOrg.orgId} provider={isProvider} /> : null}
      {activeOrg && isProvider && may('site.manage') ? <PartnerDcForm providerId={activeOrg.orgId} /> : null}
    </Page>
  );
}
