import { useI18n } from '../../i18n/i18n';
import { Link } from '../../lib/router';
import { useApi } from '../../lib/query';
import { useUrlState } from '../../lib/url-state';
import { TextField } from '../../ui/fields';
import { ListPage, urlSort } from '../../ui/list-page';
import { SortableTable, type Column } from '../../ui/sortable-table';
import type { SortState } from '../../ui/sort';
import type { RoundSummary } from '../../../../src-shared/api/contract';

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
      key: 'grant',
      label: t('rounds.grant'),
      value: (r) => r.grantTitle,
      cell: (r) => <Link to={`/grants/${r.grantId}`}>{r.grantTitle}</Link>,
    },
    {
      key: 'deadline',
      label: t('rounds.applicationDeadline'),
      kind: 'date',
      value: (r) => r.applicationDeadline,
    },
    { key: 'centres', label: t('rounds.centres'), kind: 'number', value: (r) => r.centreCount },
    { key: 'pot', label: t('rounds.pot'), kind: 'money', value: (r) => r.potOre },
    { key: 'awarded', label: t('rounds.awarded'), kind: 'money', value: (r) => r.awardedTotalOre },
    { key: 'paid', label: t('rounds.paid'), kind: 'money', value: (r) => r.paidTotalOre },
    {
      key: 'remaining',
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

export function RoundsListPage() {
  const { t } = useI18n();
  const [f, update] = useUrlState(FILTERS);
  const { data, error } = useApi('rounds.list', {});
  const needle = f.q.trim();
  // Few rounds a year: the search filters what the service returned.
  const rows = (data ?? []).filter(
    (r) =>
      needle === '' ||
      [r.name, r.grantTitle].some((s) =>
        s.toLocaleLowerCase('nb-NO').includes(needle.toLocaleLowerCase('nb-NO')),
      ),
  );
  return (
    <ListPage
      title={t('rounds.heading')}
      filtered={needle !== ''}
      onClearFilters={() => update({ q: '' })}
      error={error}
      count={data ? rows.length : undefined}
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
    >
      <RoundsTable rows={rows} {...urlSort(f, update)} />
    </ListPage>
  );
}
