import { Link, useNavigate, useSearch } from '@tanstack/react-router';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../components/Alert';
import { Page } from '../../components/Page';
import { ProblemAlert } from '../../components/ProblemAlert';
import { QueryState } from '../../components/QueryState';
import { SelectField, TextField } from '../../components/fields';
import { useAuth } from '../../app/auth';
import { NS } from './i18n';
import { PriorityBadge, SlaBadge, StatusBadge, when } from './ticket-ui';
import { TicketsNav } from './TicketsNav';
import { useBulk, useDeleteFilter, useSavedFilters, useSaveFilter, useTickets, type TicketQuery, type TicketSummary } from './tickets.api';

export interface TicketSearch {
  status?: string;
  priority?: string;
  assignee?: string;
  requester?: string;
  sla?: string;
  member?: string;
  q?: string;
}

const KEYS = ['status', 'priority', 'assignee', 'requester', 'sla', 'member', 'q'] as const;

export function ticketSearch(s: Record<string, unknown>): TicketSearch {
  const out: TicketSearch = {};
  for (const k of KEYS) {
    const v = s[k];
    if (typeof v === 'string' && v.trim() !== '' && v.length <= 200) {
      out[k] = v.trim();
    }
  }
  return out;
}

/** Agent queue (filters, saved filters, bulk actions) and, for members, their own tickets. */
export function TicketQueuePage() {
  const { t } = useTranslation(NS);
  const { may, me } = useAuth();
  const agent = may('ticket.manage');
  const search = useSearch({ strict: false }) as TicketSearch;
  const navigate = useNavigate();
  const [cursor, setCursor] = useState<string | undefined>(undefined);
  const [draft, setDraft] = useState<TicketSearch>(search);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [bulkResult, setBulkResult] = useState<string | null>(null);
  const searchInput = useRef<HTMLDivElement>(null);

  const query: TicketQuery = { limit: 50, sort: 'newest', ...(cursor ? { cursor } : {}) };
  for (const k of KEYS) {
    if (search[k]) {
      (query as Record<string, string>)[k] = search[k]!;
    }
  }
  const tickets = useTickets(query);
  const bulk = useBulk();
  const searchKey = JSON.stringify(search);

  useEffect(() => {
    setDraft(search);
    setCursor(undefined);
    setSelected(new Set());
    // Re-sync the form when the URL changes (saved filter, back button); the serialised search is
    // the dependency, so a new object with the same values does not reset the page.
  }, [searchKey]);

  // "/" jumps to the search field, as in many desks; not while typing somewhere.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement;
      if (e.key === '/' && !['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName) && !target.isContentEditable) {
        e.preventDefault();
        searchInput.current?.querySelector('input')?.focus();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const apply = (next: TicketSearch) => {
    void navigate({ to: '/tickets', search: ticketSearch(next as Record<string, unknown>) });
  };
  const onFilter = (e: FormEvent) => {
    e.preventDefault();
    apply(draft);
  };
  const set = (k: keyof TicketSearch) => (v: string) => setDraft((d) => ({ ...d, [k]: v || undefined }));

  const runBulk = async (body: { assigneeId?: string | null; status?: 'resolved' | 'closed' }) => {
    const res = await bulk.mutateAsync({ ids: [...selected], ...body });
    setBulkResult(t('queue.bulkDone', { updated: res.updated.length, failed: res.failed.length }));
    setSelected(new Set());
  };

  const toggle = (id: string) =>
    setSelected((s) => {
      const n = new Set(s);
      if (n.has(id)) {
        n.delete(id);
      } else {
        n.add(id);
      }
      return n;
    });

  return (
    <Page
      title={agent ? t('queue.titleAgent') : t('queue.titleMember')}
      actions={
        may('ticket.create') ? (
          <Link to="/tickets/new" className="kern-btn kern-btn--primary">
            <span className="kern-label">{t('nav.new')}</span>
          </Link>
        ) : null
      }
    >
      <TicketsNav current="queue" />
      <form className="kern-stack-md" onSubmit={onFilter} aria-label={t('queue.filters')}>
        <div className="kern-row">
          <div className="kern-col-12 kern-col-md-4" ref={searchInput}>
            <TextField label={t('queue.search')} hint={t('queue.searchHint')} name="q" type="search" plain value={draft.q ?? ''} onChange={set('q')} />
          </div>
          <div className="kern-col-12 kern-col-md-2">
            <SelectField
              label={t('queue.status')}
              name="status"
              plain
              value={draft.status ?? ''}
              onChange={set('status')}
              options={[
                { value: '', label: t('queue.all') },
                { value: 'open', label: t('queue.open') },
                ...(['new', 'assigned', 'in_progress', 'waiting', 'resolved', 'closed'] as const).map((s) => ({ value: s, label: t(`status.${s}`) })),
              ]}
            />
          </div>
          <div className="kern-col-12 kern-col-md-2">
            <SelectField
              label={t('queue.priority')}
              name="priority"
              plain
              value={draft.priority ?? ''}
              onChange={set('priority')}
              options={[{ value: '', label: t('queue.all') }, ...['P1', 'P2', 'P3', 'P4'].map((p) => ({ value: p, label: p }))]}
            />
          </div>
          {agent ? (
            <>
              <div className="kern-col-12 kern-col-md-2">
                <SelectField
                  label={t('queue.assignee')}
                  name="assignee"
                  plain
                  value={draft.assignee ?? ''}
                  onChange={set('assignee')}
                  options={[
                    { value: '', label: t('queue.all') },
                    { value: 'me', label: t('queue.mine') },
                    { value: 'none', label: t('queue.unassigned') },
                  ]}
                />
              </div>
              <div className="kern-col-12 kern-col-md-2">
                <SelectField
                  label={t('queue.sla')}
                  name="sla"
                  plain
                  value={draft.sla ?? ''}
                  onChange={set('sla')}
                  options={[
                    { value: '', label: t('queue.all') },
                    { value: 'breached', label: t('queue.breached') },
                    { value: 'at_risk', label: t('queue.atRisk') },
                  ]}
                />
              </div>
            </>
          ) : null}
        </div>
        <div className="kern-flex kern-flex-wrap kern-gap-sm">
          <button type="submit" className="kern-btn kern-btn--primary">
            <span className="kern-label">{t('queue.filter')}</span>
          </button>
          {agent ? (
            <button type="button" className="kern-btn kern-btn--secondary" onClick={() => apply({ status: 'open', assignee: 'me' })}>
              <span className="kern-label">{t('queue.mine')}</span>
            </button>
          ) : null}
        </div>
      </form>
      {me ? <SavedFilters current={search} onApply={apply} /> : null}

      {agent && selected.size > 0 ? (
        <div className="kern-flex kern-flex-wrap kern-gap-sm kern-align-items-center" role="group" aria-label={t('queue.selected', { count: selected.size })}>
          <p className="kern-body">{t('queue.selected', { count: selected.size })}</p>
          <button type="button" className="kern-btn kern-btn--secondary" disabled={bulk.isPending} onClick={() => void runBulk({ assigneeId: me?.user.id ?? null })}>
            <span className="kern-label">{t('queue.bulkAssignMe')}</span>
          </button>
          <button type="button" className="kern-btn kern-btn--secondary" disabled={bulk.isPending} onClick={() => void runBulk({ status: 'resolved' })}>
            <span className="kern-label">{t('queue.bulkResolve')}</span>
          </button>
          <button type="button" className="kern-btn kern-btn--secondary" disabled={bulk.isPending} onClick={() => void runBulk({ status: 'closed' })}>
            <span className="kern-label">{t('queue.bulkClose')}</span>
          </button>
        </div>
      ) : null}
      {bulkResult ? <Alert variant="info" title={bulkResult} /> : null}
      {bulk.error ? <ProblemAlert error={bulk.error} /> : null}

      <QueryState query={tickets}>
        {(data) =>
          data.items.length === 0 ? (
            <p className="kern-body">{t('queue.empty')}</p>
          ) : (
            <>
              <TicketTable rows={data.items} selectable={agent} selected={selected} onToggle={toggle} onToggleAll={(ids) => setSelected(selected.size === ids.length ? new Set() : new Set(ids))} />
              <div className="kern-flex kern-gap-sm">
                {cursor ? (
                  <button type="button" className="kern-btn kern-btn--tertiary" onClick={() => setCursor(undefined)}>
                    <span className="kern-label">{t('queue.all')}</span>
                  </button>
                ) : null}
                {data.nextCursor ? (
                  <button type="button" className="kern-btn kern-btn--secondary" onClick={() => setCursor(data.nextCursor ?? undefined)}>
                    <span className="kern-label">{t('queue.more')}</span>
                  </button>
                ) : null}
              </div>
            </>
          )
        }
      </QueryState>
    </Page>
  );
}

function TicketTable({
  rows,
  selectable,
  selected,
  onToggle,
  onToggleAll,
}: {
  rows: TicketSummary[];
  selectable: boolean;
  selected: Set<string>;
  onToggle: (id: string) => void;
  onToggleAll: (ids: string[]) => void;
}) {
  const { t } = useTranslation(NS);
  return (
    <div className="kern-table-responsive" tabIndex={0} role="region" aria-label={t('queue.caption')}>
      <table className="kern-table kern-table--striped">
        <caption className="kern-title kern-sr-only">{t('queue.caption')}</caption>
        <thead className="kern-table__head">
          <tr className="kern-table__row">
            {selectable ? (
              <th scope="col" className="kern-table__header">
                <input
                  type="checkbox"
                  className="kern-form-check__checkbox"
                  aria-label={t('queue.selectAll')}
                  checked={rows.length > 0 && rows.every((r) => selected.has(r.id))}
                  onChange={() => onToggleAll(rows.map((r) => r.id))}
                />
              </th>
            ) : null}
            <th scope="col" className="kern-table__header">{t('queue.number')}</th>
            <th scope="col" className="kern-table__header">{t('queue.title')}</th>
            <th scope="col" className="kern-table__header">{t('queue.member')}</th>
            <th scope="col" className="kern-table__header">{t('queue.priority')}</th>
            <th scope="col" className="kern-table__header">{t('queue.status')}</th>
            <th scope="col" className="kern-table__header">{t('queue.assignee')}</th>
            <th scope="col" className="kern-table__header">{t('queue.due')}</th>
            <th scope="col" className="kern-table__header">{t('queue.created')}</th>
          </tr>
        </thead>
        <tbody className="kern-table__body">
          {rows.map((r) => (
            <tr key={r.id} className="kern-table__row">
              {selectable ? (
                <td className="kern-table__cell">
                  <input type="checkbox" className="kern-form-check__checkbox" aria-label={t('queue.select', { number: r.number })} checked={selected.has(r.id)} onChange={() => onToggle(r.id)} />
                </td>
              ) : null}
              <th scope="row" className="kern-table__header">
                <Link to="/tickets/$id" params={{ id: r.id }} className="kern-link">
                  {r.number}
                </Link>
              </th>
              <td className="kern-table__cell">{r.title}</td>
              <td className="kern-table__cell">{r.orgName}</td>
              <td className="kern-table__cell">
                <PriorityBadge priority={r.priority} />
              </td>
              <td className="kern-table__cell">
                <StatusBadge status={r.status} />
              </td>
              <td className="kern-table__cell">{r.assigneeName ?? '–'}</td>
              <td className="kern-table__cell">
                <SlaBadge state={r.sla.resolution} due={r.sla.resolutionDueAt} />
              </td>
              <td className="kern-table__cell">{when(r.createdAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function SavedFilters({ current, onApply }: { current: TicketSearch; onApply: (s: TicketSearch) => void }) {
  const { t } = useTranslation(NS);
  const filters = useSavedFilters();
  const save = useSaveFilter();
  const del = useDeleteFilter();
  const [name, setName] = useState('');
  const onSave = async (e: FormEvent) => {
    e.preventDefault();
    if (name.trim()) {
      await save.mutateAsync({ name: name.trim(), query: current as Record<string, string> });
      setName('');
    }
  };
  return (
    <section className="kern-stack-sm" aria-labelledby="saved-filters">
      <h2 className="kern-heading-small" id="saved-filters">
        {t('queue.saved')}
      </h2>
      {filters.data && filters.data.items.length > 0 ? (
        <ul className="kern-list kern-list--horizontal">
          {filters.data.items.map((f) => (
            <li key={f.id} className="kern-flex kern-gap-xs kern-align-items-center">
              <button type="button" className="kern-btn kern-btn--tertiary" onClick={() => onApply(f.query as TicketSearch)}>
                <span className="kern-label">{f.name}</span>
              </button>
              <button type="button" className="kern-btn kern-btn--tertiary" aria-label={`${t('queue.delete')}: ${f.name}`} onClick={() => del.mutate(f.id)}>
                <span className="kern-icon kern-icon--delete" aria-hidden="true" />
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <p className="kern-body kern-body--small">{t('queue.savedNone')}</p>
      )}
      <form className="kern-flex kern-flex-wrap kern-gap-sm kern-align-items-end" onSubmit={onSave}>
        <TextField label={t('queue.saveAs')} name="filterName" plain value={name} onChange={setName} />
        <button type="submit" className="kern-btn kern-btn--secondary" disabled={save.isPending}>
          <span className="kern-label">{t('queue.save')}</span>
        </button>
      </form>
      {save.error ? <ProblemAlert error={save.error} /> : null}
    </section>
  );
}
