import { OrganisationType } from '@verbund/shared';
import { getRouteApi, Link, useNavigate } from '@tanstack/react-router';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../app/auth';
import { Page } from '../../components/Page';
import { SelectField, TextField } from '../../components/fields';
import { OrganisationTable } from './OrganisationTable';
import { OrganisationTree } from './OrganisationTree';
import { NS } from '../members/i18n';
import { memberFilterSearch } from '../members/filters';
import { ExportLinks, MemberFilterFields } from '../members/MemberFilters';
import { useOrganisationList } from './organisations.api';

const route = getRouteApi('/app/organisations');

function asType(v: string | undefined): OrganisationType | undefined {
  const r = OrganisationType.safeParse(v);
  return r.success ? r.data : undefined;
}

export function OrganisationsPage() {
  const { t } = useTranslation();
  const { t: tm } = useTranslation(NS);
  const { activeOrg, may } = useAuth();
  const search = route.useSearch();
  const navigate = useNavigate();
  const type = asType(search.type);
  const [q, setQ] = useState(search.q ?? '');
  const [typeInput, setTypeInput] = useState<string>(type ?? '');
  const [memberInput, setMemberInput] = useState({
    status: search.status ?? '',
    kreis: search.kreis ?? '',
    agreementKind: search.agreementKind ?? '',
  });
  const tree = search.view === 'tree';
  const filter = {
    within: activeOrg?.orgId,
    q: search.q,
    type,
    status: search.status,
    kreis: search.kreis,
    agreementKind: search.agreementKind,
  };
  const list = useOrganisationList(filter, Boolean(activeOrg) && !tree);

  const onSearch = (e: FormEvent) => {
    e.preventDefault();
    void navigate({
      to: '/organisations',
      search: { q: q.trim() || undefined, type: typeInput || undefined, ...memberFilterSearch(memberInput) },
    });
  };

  return (
    <Page
      title={t('org.listTitle')}
      actions={
        may('organisation.create') ? (
          <>
            <Link to="/organisations/new" search={{ parentId: activeOrg?.orgId }} className="kern-btn kern-btn--primary">
              <span className="kern-icon kern-icon--add" aria-hidden="true" />
              <span className="kern-label">{t('org.create')}</span>
            </Link>
            <Link
              to="/organisations/from-directory"
              search={{ parentId: activeOrg?.orgId }}
              className="kern-btn kern-btn--secondary"
            >
              <span className="kern-label">{tm('wizard.link')}</span>
            </Link>
          </>
        ) : null
      }
    >
      {activeOrg ? <p className="kern-body">{t('org.listIntro', { name: activeOrg.orgName })}</p> : null}
      {activeOrg?.orgKind === 'provider' && may('agreement.read') ? (
        <p className="kern-body">
          <Link to="/overview" className="kern-link">
            {tm('overview.link')}
          </Link>
        </p>
      ) : null}
      <ul className="kern-list kern-list--horizontal app-nav" aria-label={t('org.views')}>
        <li>
          <Link
            to="/organisations"
            search={{
              q: search.q,
              type: search.type,
              status: search.status,
              kreis: search.kreis,
              agreementKind: search.agreementKind,
            }}
            className="kern-link"
            aria-current={tree ? undefined : 'page'}
            activeOptions={{ includeSearch: true }}
          >
            {t('org.viewList')}
          </Link>
        </li>
        <li>
          <Link
            to="/organisations"
            search={{ view: 'tree' }}
            className="kern-link"
            aria-current={tree ? 'page' : undefined}
            activeOptions={{ includeSearch: true }}
          >
            {t('org.viewTree')}
          </Link>
        </li>
      </ul>
      {tree ? <OrganisationTree /> : null}
      {tree ? null : (
        <form
          className="kern-flex kern-flex-wrap kern-align-items-end kern-gap-md"
          onSubmit={onSearch}
          role="search"
          aria-label={t('org.filter')}
        >
          <TextField name="q" type="search" label={t('org.search')} plain value={q} onChange={setQ} />
          <SelectField
            name="type"
            label={t('org.type')}
            plain
            value={typeInput}
            onChange={setTypeInput}
            options={[
              { value: '', label: t('org.allTypes') },
              ...OrganisationType.options.map((o) => ({ value: o, label: t(`orgType.${o}`) })),
            ]}
          />
          <MemberFilterFields value={memberInput} onChange={setMemberInput} />
          <div>
            <button type="submit" className="kern-btn kern-btn--secondary">
              <span className="kern-icon kern-icon--search" aria-hidden="true" />
              <span className="kern-label">{t('common.search')}</span>
            </button>
          </div>
        </form>
      )}
      {tree ? null : <ExportLinks filter={{ ...filter, type: search.type }} />}
      {tree ? null : <OrganisationTable query={list} caption={t('org.listCaption')} />}
    </Page>
  );
}
