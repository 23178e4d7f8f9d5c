import {
  ROUND_SORTS,
  type RoundSort,
  type RoundSummary,
} from '../../../../src-shared/api/contract';
import { useI18n } from '../../i18n/i18n';
import { formatCount } from '../../lib/format';
import { kr } from '../../lib/money-input';
import { Link } from '../../lib/router';
import { useApi } from '../../lib/query';
import { useUrlState } from '../../lib/url-state';
import { TextField } from '../../ui/fields';
import { Pager } from '../../ui/pager';
import { ListPage, urlSort } from '../../ui/list-page';
import { SortableTable, type Column } from '../../ui/sortable-table';
import type { SortState } from '../../ui/sort';

/** Column keys are the sorts `rounds.list` knows, so the list page can sort on the server. */
function useRoundColumns(): Column<RoundSummary>[] {
  const { t } = useI18n();
  return [
    {
      key: 'name',
      label: t('rounds.name'),
      value: (r) => r.name,
      cell: (r) => <Link to={`/rounds/${r.id}`}>{r.name}</Link>,
    },
    {
      key: 'grantTitle',
      label: t('rounds.grant'),
      value: (r) => r.grantTitle,
      cell: (r) => <Link to={`/grants/${r.grantId}`}>{r.grantTitle}</Link>,
    },
    {
      key: 'applicationDeadline',
      label: t('rounds.applicationDeadline'),
      kind: 'date',
      value: (r) => r.applicationDeadline,
    },
    {
      key: 'centreCount',
      label: t('rounds.centres'),
      kind: 'number',
      value: (r) => r.centreCount,
    },
    { key: 'potOre', label: t('rounds.pot'), kind: 'money', value: (r) => r.potOre },
    {
      key: 'awardedTotalOre',
      label: t('rounds.awarded'),
      kind: 'money',
      value: (r) => r.awardedTotalOre,
    },
    { key: 'paidTotalOre', label: t('rounds.paid'), kind: 'money', value: (r) => r.paidTotalOre },
    {
      key: 'remainingOre',
      label: t('rounds.remaining'),
      kind: 'money',
      value: (r) => r.remainingOre,
    },
  ];
}

/** The rounds of one grant (on the grant page), sortable by its own state. */
export function RoundsTable({
  rows,
  sort,
  onSort,
}: {
  rows: readonly RoundSummary[];
  sort?: SortState | null;
  onSort?(s: SortState): void;
}) {
  const { t } = useI18n();
  const columns = useRoundColumns();
  return (
    <SortableTable
      rows={rows}
      columns={columns}
      rowKey={(r) => r.id}
      label={t('rounds.heading')}
      {...(sort !== undefined ? { sort } : {})}
      {...(onSort ? { onSort } : {})}
    />
  );
}

const FILTERS = { q: '', sort: '', dir: '' };
const PAGE_SIZE = 100;
const SORTS: readonly string[] = ROUND_SORTS;

/** Every round, searched, sorted and paged by the server (`rounds.list`). */
export function RoundsListPage() {
  const { t } = useI18n();
  const columns = useRoundColumns();
  const [f, update] = useUrlState(FILTERS);
  const { sort, onSort } = urlSort(f, update);
  const serverSort = sort && SORTS.includes(sort.key) ? (sort.key as RoundSort) : 'newest';
  const { data, error } = useApi('rounds.list', {
    search: f.q.trim() || null,
    sort: serverSort,
    dir: sort && serverSort !== 'newest' ? sort.dir : null,
    page: f.page,
    pageSize: PAGE_SIZE,
  });
  return (
    <ListPage
      title={t('rounds.heading')}
      filtered={f.q.trim() !== ''}
      onClearFilters={() => update({ q: '' })}
      error={error}
      count={data?.total}
      emptyText={t('rounds.empty')}
      filters={
        <TextField
          name="search"
          type="search"
          label={t('common.search')}
          value={f.q}
          onChange={(q) => update({ q })}
        />
      }
      summary={
        data && data.total > data.rows.length ? (
          <p className="muted">
            {t('rounds.allTotals', {
              count: formatCount(data.total),
              awarded: kr(data.totals.awardedOre),
              paid: kr(data.totals.paidOre),
            })}
          </p>
        ) : null
      }
      footer={
        data ? (
          <Pager
            page={data.page}
            pageSize={data.pageSize}
            total={data.total}
            label={t('rounds.pages')}
            onPage={(page) => update({ page })}
          />
        ) : null
      }
    >
      {data ? (
        <SortableTable
          rows={data.rows}
          columns={columns}
          rowKey={(r) => r.id}
          label={t('rounds.heading')}
          sort={serverSort === 'newest' ? null : sort}
          onSort={onSort}
          serverSorted
          // The page's sums are every match's only when there is one page.
          totals={data.total <= data.rows.length}
        />
      ) : null}
    </ListPage>
  );
}
