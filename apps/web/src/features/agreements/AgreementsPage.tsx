import { useInfiniteQuery } from '@tanstack/react-query';
import { getRouteApi, Link, useNavigate } from '@tanstack/react-router';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../app/api';
import { Alert } from '../../components/Alert';
import { DataTable } from '../../components/DataTable';
import { Page } from '../../components/Page';
import { ProblemAlert } from '../../components/ProblemAlert';
import { QueryState } from '../../components/QueryState';
import { SelectField, TextField } from '../../components/fields';
import { formatDate } from '../members/DateField';
import { NS } from '../members/i18n';
import { AGREEMENT_KINDS, AGREEMENT_STATUSES, type Agreement } from '../members/types';
import { agreementSearch, agreementsExportHref, type AgreementSearch } from './list-filters';
import { StatusBadge } from './StatusBadge';

const route = getRouteApi('/app/agreements');
const PAGE_SIZE = 100;

function useAgreementList(f: AgreementSearch) {
  return useInfiniteQuery({
    queryKey: ['agreements', 'list', f],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      unwrap(api.GET('/api/v1/agreements', { params: { query: { limit: PAGE_SIZE, cursor: pageParam, q: f.q, status: f.status, kind: f.kind } } })),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

/** Vereinbarungen: every agreement the caller may read, across all members, newest first. */
export function AgreementsPage() {
  const { t, i18n } = useTranslation(NS);
  const { t: tc } = useTranslation();
  const search = route.useSearch();
  const navigate = useNavigate();
  const [input, setInput] = useState({ q: search.q ?? '', status: search.status ?? '', kind: search.kind ?? '' });
  const list = useAgreementList(search);
  const onSearch = (e: FormEvent) => {
    e.preventDefault();
    void navigate({ to: '/agreements', search: agreementSearch(input) });
  };
  return (
    <Page title={t('agreementList.title')}>
      <p className="kern-body">{t('agreementList.intro')}</p>
      <form className="kern-flex kern-flex-wrap kern-align-items-end kern-gap-md" onSubmit={onSearch} role="search" aria-label={t('agreementList.filter')}>
        <TextField name="q" type="search" label={t('agreementList.search')} plain value={input.q} onChange={(q) => setInput({ ...input, q })} />
        <SelectField
          name="status"
          label={t('agreements.status')}
          plain
          value={input.status}
          onChange={(status) => setInput({ ...input, status })}
          options={[{ value: '', label: t('filters.allStatuses') }, ...AGREEMENT_STATUSES.map((s) => ({ value: s, label: t(`agreementStatus.${s}`) }))]}
        />
        <SelectField
          name="kind"
          label={t('agreements.kind')}
          plain
          value={input.kind}
          onChange={(kind) => setInput({ ...input, kind })}
          options={[{ value: '', label: t('filters.allKinds') }, ...AGREEMENT_KINDS.map((k) => ({ value: k, label: t(`agreementKind.${k}`) }))]}
        />
        <div>
          <button type="submit" className="kern-btn kern-btn--secondary">
            <span className="kern-icon kern-icon--search" aria-hidden="true" />
            <span className="kern-label">{tc('common.search')}</span>
          </button>
        </div>
      </form>
      <p className="kern-body kern-flex kern-flex-wrap kern-gap-md">
        <a className="kern-link" href={agreementsExportHref('csv', search)} download>
          {t('agreementList.exportCsv')}
        </a>
        <a className="kern-link" href={agreementsExportHref('xlsx', search)} download>
          {t('agreementList.exportXlsx')}
        </a>
      </p>
      <QueryState query={list}>
        {(data) => {
          const rows = data.pages.flatMap((p) => p.items);
          if (rows.length === 0) {
            return <Alert variant="info" title={t('agreementList.empty')} />;
          }
          return (
            <div className="kern-stack-md">
              <p className="kern-body" aria-live="polite">
                {t('agreementList.count', { shown: rows.length, count: data.pages[0]?.total ?? rows.length })}
              </p>
              <DataTable<Agreement>
                caption={t('agreementList.title')}
                rows={rows}
                rowKey={(a) => a.id}
                columns={[
                  {
                    key: 'title',
                    header: t('agreements.title'),
                    rowHeader: true,
                    render: (a) => (
                      <Link to="/agreements/$aid" params={{ aid: a.id }} className="kern-link">
                        {a.title}
                      </Link>
                    ),
                  },
                  {
                    key: 'member',
                    header: t('agreements.member'),
                    render: (a) => (
                      <Link to="/organisations/$id" params={{ id: a.orgId }} search={{ tab: 'agreements' }} className="kern-link">
                        {a.orgName}
                      </Link>
                    ),
                  },
                  { key: 'kind', header: t('agreements.kind'), render: (a) => t(`agreementKind.${a.kind}`) },
                  { key: 'status', header: t('agreements.status'), render: (a) => <StatusBadge status={a.status} /> },
                  { key: 'reference', header: t('agreements.reference'), render: (a) => a.reference ?? '–' },
                  { key: 'intent', header: t('agreements.intentDeclaredAt'), render: (a) => formatDate(a.intentDeclaredAt, i18n.language) },
                  { key: 'since', header: t('agreements.activeSince'), render: (a) => formatDate(a.activeSince, i18n.language) },
                ]}
              />
              {list.error ? <ProblemAlert error={list.error} /> : null}
              {list.hasNextPage ? (
                <div>
                  <button type="button" className="kern-btn kern-btn--secondary" disabled={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()}>
                    <span className="kern-label">{list.isFetchingNextPage ? tc('common.loading') : tc('common.more')}</span>
                  </button>
                </div>
              ) : null}
            </div>
          );
        }}
      </QueryState>
    </Page>
  );
}
