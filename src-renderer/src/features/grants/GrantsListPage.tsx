import {
  GRANT_STATUSES,
  KSS_ROLES,
  type GrantStatus,
  type KssRole,
} from '../../../../src-shared/grants/rules';
import { useI18n } from '../../i18n/i18n';
import { navigate } from '../../lib/router';
import { useApi } from '../../lib/query';
import { useUrlState } from '../../lib/url-state';
import { SelectField, TextField } from '../../ui/fields';
import { Button, EmptyState, ErrorBox, Loading, PageHeader } from '../../ui/layout';
import { Pager } from '../../ui/pager';
import { GrantTable, type GrantColumn, type SortDir } from './GrantTable';

const THIS_YEAR = new Date().getFullYear();
const YEARS = Array.from({ length: THIS_YEAR - 2014 + 3 }, (_, i) => String(THIS_YEAR + 2 - i));
const PAGE_SIZE = 100;
const COLUMNS: readonly string[] = [
  'title',
  'projectName',
  'funderName',
  'status',
  'appliedOre',
  'awardedOre',
  'receivedOre',
] satisfies GrantColumn[];

/** Filters, sort and page in the address: '#/grants?year=2024&status=sokt&sort=title&page=2'. */
const FILTERS = {
  search: '',
  year: '',
  funderId: '',
  projectId: '',
  status: '',
  kssRole: '',
  sort: '',
  dir: '',
};

export function GrantsListPage() {
  const { t } = useI18n();
  // The overview's charts link here filtered: '#/grants?year=2024&status=sokt'.
  const [f, update] = useUrlState(FILTERS);
  const funders = useApi('funders.list', {});
  const projects = useApi('projects.list', {});
  const column = COLUMNS.includes(f.sort) ? (f.sort as GrantColumn) : null;
  const dir: SortDir = f.dir === 'asc' || f.dir === 'desc' ? f.dir : column ? 'asc' : 'desc';
  const { data, error } = useApi('grants.list', {
    search: f.search || null,
    year: f.year ? Number(f.year) : null,
    funderId: f.funderId ? Number(f.funderId) : null,
    projectId: f.projectId ? Number(f.projectId) : null,
    status: (f.status || null) as GrantStatus | null,
    kssRole: (f.kssRole || null) as KssRole | null,
    sort: column ?? 'year',
    dir,
    page: f.page,
    pageSize: PAGE_SIZE,
  });
  const filtered = [f.search, f.year, f.funderId, f.projectId, f.status, f.kssRole].some(
    (v) => v !== '',
  );
  const onSort = (key: GrantColumn) =>
    update({ sort: key, dir: column === key && dir === 'asc' ? 'desc' : 'asc' });
  return (
    <section>
      <PageHeader
        title={t('grants.heading')}
        actions={
          <Button variant="primary" onClick={() => navigate('/grants/new')}>
            {t('grants.new')}
          </Button>
        }
      />
      <div className="filters" role="search">
        <TextField
          name="search"
          type="search"
          label={t('common.search')}
          placeholder={t('grants.searchPlaceholder')}
          value={f.search}
          onChange={(v) => update({ search: v })}
        />
        <SelectField
          name="year"
          label={t('common.year')}
          value={f.year}
          onChange={(v) => update({ year: v })}
          options={YEARS.map((y) => ({ value: y, label: y }))}
          placeholder={t('common.all')}
        />
        <SelectField
          name="funderId"
          label={t('grants.funder')}
          value={f.funderId}
          onChange={(v) => update({ funderId: v })}
          options={(funders.data ?? []).map((f) => ({ value: String(f.id), label: f.name }))}
          placeholder={t('common.all')}
        />
        <SelectField
          name="projectId"
          label={t('grants.project')}
          value={f.projectId}
          onChange={(v) => update({ projectId: v })}
          options={(projects.data ?? []).map((p) => ({ value: String(p.id), label: p.name }))}
          placeholder={t('common.all')}
        />
        <SelectField
          name="status"
          label={t('common.status')}
          value={f.status}
          onChange={(v) => update({ status: v })}
          options={GRANT_STATUSES.map((s) => ({ value: s, label: t(`grantStatus.${s}`) }))}
          placeholder={t('common.all')}
        />
        <SelectField
          name="kssRole"
          label={t('projects.kssRole')}
          value={f.kssRole}
          onChange={(v) => update({ kssRole: v })}
          options={KSS_ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }))}
          placeholder={t('common.all')}
        />
      </div>
      <ErrorBox message={error} />
      {!data ? <Loading text={t('common.loading')} /> : null}
      {data && data.rows.length === 0 ? (
        <EmptyState>{filtered ? t('grants.emptyFiltered') : t('grants.empty')}</EmptyState>
      ) : null}
      {data && data.rows.length > 0 ? (
        <>
          <GrantTable
            rows={data.rows}
            label={t('grants.heading')}
            order={{ key: column, dir, onSort, count: data.total, totals: data.totals }}
          />
          <Pager
            page={data.page}
            pageSize={data.pageSize}
            total={data.total}
            label={t('grants.pages')}
            onPage={(page) => update({ page })}
          />
        </>
      ) : null}
    </section>
  );
}
