import { Link, useParams } from '@tanstack/react-router';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { DataTable } from '../../components/DataTable';
import { DescriptionList } from '../../components/DescriptionList';
import { Page } from '../../components/Page';
import { ProblemAlert } from '../../components/ProblemAlert';
import { QueryState } from '../../components/QueryState';
import { SelectField, SubmitButton, TextField } from '../../components/fields';
import { useAddRoom, useSite, type SiteDetail } from './sites.api';
import { NS } from './i18n';

const PURPOSES = ['server_room', 'network', 'office', 'classroom', 'storage', 'other'] as const;

function AddRoom({ siteId }: { siteId: string }) {
  const { t } = useTranslation(NS);
  const add = useAddRoom(siteId);
  const [v, setV] = useState({ name: '', floor: '', purpose: 'server_room' });
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    add.mutate(
      { name: v.name.trim(), floor: v.floor.trim() || null, purpose: v.purpose as (typeof PURPOSES)[number] },
      { onSuccess: () => setV({ name: '', floor: '', purpose: 'server_room' }) },
    );
  };
  return (
    <form className="kern-stack-md form-narrow" onSubmit={onSubmit} noValidate aria-labelledby="room-new">
      <h2 className="kern-heading-medium" id="room-new">
        {t('detail.addRoom')}
      </h2>
      {add.error ? <ProblemAlert error={add.error} /> : null}
      <TextField
        name="name"
        label={t('detail.roomName')}
        required
        value={v.name}
        onChange={(name) => setV((s) => ({ ...s, name }))}
      />
      <TextField
        name="floor"
        label={t('detail.floor')}
        value={v.floor}
        onChange={(floor) => setV((s) => ({ ...s, floor }))}
      />
      <SelectField
        name="purpose"
        required
        label={t('detail.purpose')}
        value={v.purpose}
        onChange={(purpose) => setV((s) => ({ ...s, purpose }))}
        options={PURPOSES.map((p) => ({ value: p, label: t(`purpose.${p}`) }))}
      />
      <SubmitButton busy={add.isPending}>{t('detail.addRoom')}</SubmitButton>
    </form>
  );
}

/** One site: address, owner, rooms; staff and member admins add rooms. */
export function SiteDetailPage() {
  const { t } = useTranslation(NS);
  const { id } = useParams({ from: '/app/sites/$id' });
  const site = useSite(id);
  return (
    <QueryState query={site}>
      {(s) => (
        <Page title={s.name}>
          <p>
            <Link to="/sites" className="kern-link">
              {t('detail.back')}
            </Link>
          </p>
          <DescriptionList
            items={[
              { label: t('list.kind'), value: t(`kind.${s.kind}`) },
              { label: t('detail.org'), value: s.orgName },
              {
                label: t('detail.address'),
                value: [s.street, [s.postalCode, s.city].filter(Boolean).join(' ')].filter(Boolean).join(', '),
              },
              ...(s.partnerProviderName ? [{ label: t('detail.partner'), value: s.partnerProviderName }] : []),
              { label: t('detail.notes'), value: s.notes },
            ]}
          />
          <section className="kern-stack-sm" aria-labelledby="rooms-h">
            <h2 className="kern-heading-medium" id="rooms-h">
              {t('detail.rooms')}
            </h2>
            {s.rooms.length === 0 ? (
              <p className="kern-body">{t('detail.noRooms')}</p>
            ) : (
              <DataTable<SiteDetail['rooms'][number]>
                caption={t('detail.rooms')}
                rows={s.rooms}
                rowKey={(r) => r.id}
                columns={[
                  { key: 'name', header: t('detail.room'), rowHeader: true, render: (r) => r.name },
                  { key: 'floor', header: t('detail.floor'), render: (r) => r.floor ?? '–' },
                  { key: 'purpose', header: t('detail.purpose'), render: (r) => t(`purpose.${r.purpose}`) },
                ]}
              />
            )}
          </section>
          {s.abilities.update ? <AddRoom siteId={s.id} /> : null}
        </Page>
      )}
    </QueryState>
  );
}
