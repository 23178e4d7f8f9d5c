import {
  CENTRE_SORTS,
  type CentreSort,
  type CentreSummary,
} from '../../../../../src-shared/api/contract';
import type { Driftsform, Region } from '../../../../../src-shared/registry/centres';
import { useI18n } from '../../../i18n/i18n';
import { formatCount, formatIsoDate } from '../../../lib/format';
import { Link, navigate } from '../../../lib/router';
import { useApi } from '../../../lib/query';
import { useUrlState } from '../../../lib/url-state';
import { SelectField, TextField } from '../../../ui/fields';
import { Badge, Button } from '../../../ui/layout';
import { ListPage, urlSort } from '../../../ui/list-page';
import { Pager } from '../../../ui/pager';
import { SortableTable, type Column } from '../../../ui/sortable-table';
import { driftsformOptions, regionOptions } from './labels';

const THIS_YEAR = new Date().getFullYear();
const YEARS = Array.from({ length: THIS_YEAR - 2010 + 2 }, (_, i) => String(THIS_YEAR + 1 - i));

export function MemberStatus({ centre, today }: { centre: CentreSummary; today?: string }) {
  const { t } = useI18n();
  if (centre.isMember && centre.leftDate && (!today || centre.leftDate >= today)) {
    return (
      <Badge tone="warn">{t('centres.leaving', { date: formatIsoDate(centre.leftDate) })}</Badge>
    );
  }
  return centre.isMember ? (
    <Badge tone="ok">{t('centres.member')}</Badge>
  ) : (
    <Badge tone="muted">{t('centres.notMember')}</Badge>
  );
}

/** Status for a list filtered to a year: member on some day of that year (not today). */
function YearMemberStatus({ centre, year }: { centre: CentreSummary; year: string }) {
  const { t } = useI18n();
  return centre.isMember ? (
    <Badge tone="ok">{t('centres.memberOfYear', { year })}</Badge>
  ) : (
    <Badge tone="muted">{t('centres.notMember')}</Badge>
  );
}

/** Membership in life-cycle order: member, leaving, no longer a member. */
const MEMBER_ORDER = ['member', 'leaving', 'former'] as const;

function memberCode(c: CentreSummary): (typeof MEMBER_ORDER)[number] {
  if (!c.isMember) return 'former';
  return c.leftDate ? 'leaving' : 'member';
}

const FILTERS = { q: '', region: '', driftsform: '', year: '', sort: '', dir: '' };
const PAGE_SIZE = 100;
const SORTS: readonly string[] = CENTRE_SORTS;

/** Column keys are the sorts `centres.list` knows: the server sorts and pages. */
function useCentreColumns(year: string): Column<CentreSummary>[] {
  const { t } = useI18n();
  return [
    {
      key: 'name',
      label: t('centres.name'),
      value: (c) => c.name,
      cell: (c) => <Link to={`/centres/${c.id}`}>{c.name}</Link>,
    },
    {
      key: 'driftsform',
      label: t('centres.driftsform'),
      value: (c) => t(`driftsform.${c.driftsform}`),
    },
    { key: 'region', label: t('centres.region'), value: (c) => t(`region.${c.region}`) },
    { key: 'dailyLeader', label: t('centres.dailyLeader'), value: (c) => c.dailyLeader },
    { key: 'contactEmail', label: t('centres.contactEmail'), value: (c) => c.contactEmail },
    {
      key: 'memberStatus',
      label: t('centres.memberStatus'),
      kind: 'status',
      order: MEMBER_ORDER,
      value: memberCode,
      cell: (c) =>
        year ? <YearMemberStatus centre={c} year={year} /> : <MemberStatus centre={c} />,
    },
  ];
}

export function CentresListPage() {
  const { t } = useI18n();
  // The overview's paid-per-region chart links here filtered: '#/centres?region=nord'.
  const [f, update] = useUrlState(FILTERS);
  const columns = useCentreColumns(f.year);
  const { sort, onSort } = urlSort(f, update);
  const serverSort = sort && SORTS.includes(sort.key) ? (sort.key as CentreSort) : null;
  const { data, error } = useApi('centres.list', {
    search: f.q || null,
    region: (f.region || null) as Region | null,
    driftsform: (f.driftsform || null) as Driftsform | null,
    memberInYear: f.year ? Number(f.year) : null,
    sort: serverSort ?? 'name',
    dir: serverSort ? sort?.dir : null,
    page: f.page,
    pageSize: PAGE_SIZE,
  });
  const filtered = f.q !== '' || f.region !== '' || f.driftsform !== '' || f.year !== '';
  const newButton = (
    <Button variant="primary" onClick={() => navigate('/centres/new')}>
      {t('centres.new')}
    </Button>
  );
  return (
    <ListPage
      title={t('centres.heading')}
      actions={newButton}
      filtered={filtered}
      onClearFilters={() => update({ q: '', region: '', driftsform: '', year: '' })}
      error={error}
      count={data?.total}
      emptyText={t('centres.empty')}
      emptyAction={newButton}
      footer={
        data ? (
          <Pager
            page={data.page}
            pageSize={data.pageSize}
            total={data.total}
            label={t('centres.pages')}
            onPage={(page) => update({ page })}
          />
        ) : null
      }
      filters={
        <>
          <TextField
            name="search"
            label={t('common.search')}
            value={f.q}
            onChange={(q) => update({ q })}
            type="search"
          />
          <SelectField
            name="region"
            label={t('centres.region')}
            value={f.region}
            onChange={(region) => update({ region })}
            options={regionOptions(t)}
            placeholder={t('common.all')}
          />
          <SelectField
            name="driftsform"
            label={t('centres.driftsform')}
            value={f.driftsform}
            onChange={(driftsform) => update({ driftsform })}
            options={driftsformOptions(t)}
            placeholder={t('common.all')}
          />
          <SelectField
            name="memberInYear"
            label={t('centres.memberInYear')}
            value={f.year}
            onChange={(year) => update({ year })}
            options={YEARS.map((y) => ({ value: y, label: y }))}
            placeholder={t('common.all')}
          />
        </>
      }
    >
      {data ? (
        <SortableTable
          rows={data.rows}
          columns={columns}
          rowKey={(c) => c.id}
          label={t('centres.heading')}
          sort={serverSort ? sort : null}
          onSort={onSort}
          serverSorted
        />
      ) : null}
      <p className="muted">{t('centres.count', { n: formatCount(data?.total ?? 0) })}</p>
    </ListPage>
  );
}
