/**
 * Søknader: the application pipeline as a list or as columns by status. Filters, view, sort
 * and page live in the address (#/applications?status=sokt&funder=3&year=2025&q=…&view=columns)
 * through useUrlState, so typing adds no history entries and Back and reload keep them.
 */
import { useState } from 'react';
import type { ApplicationList, ApplicationRow } from '../../../../src-shared/api/contract';
import {
  APPLICATION_SORTS,
  MAX_PAGE_SIZE,
  PIPELINE_STATUSES,
  type ApplicationSort,
  type PipelineStatus,
} from '../../../../src-shared/applications/rules';
import { PIPELINE_VIEW_LABEL, type PipelineView } from '../../../../src-shared/applications/labels';
import { GRANT_STATUSES, type GrantStatus } from '../../../../src-shared/grants/rules';
import { useI18n } from '../../i18n/i18n';
import { useApi } from '../../lib/query';
import { formatIsoDate } from '../../lib/format';
import { kr } from '../../lib/money-input';
import { Link } from '../../lib/router';
import { useUrlState } from '../../lib/url-state';
import { ListPage, urlSort } from '../../ui/list-page';
import type { SortState } from '../../ui/sort';
import { SortableTable, type Column } from '../../ui/sortable-table';
import { SelectField, TextField } from '../../ui/fields';
import { Button } from '../../ui/layout';
import { Pager } from '../../ui/pager';
import { StatusBadge } from '../grants/StatusBadge';
import { MoveDialog } from './MoveDialog';
import './applications.css';

const PAGE_SIZE = 50;
const THIS_YEAR = new Date().getFullYear();
const YEARS = Array.from({ length: 12 }, (_, i) => String(THIS_YEAR + 2 - i));

const FILTERS = { status: '', funder: '', year: '', q: '', view: 'list', sort: '', dir: '' };

/** Every sortable column is sorted by the service, across pages (the status by life-cycle). */
function serviceSort(sort: string): ApplicationSort {
  return (APPLICATION_SORTS as readonly string[]).includes(sort)
    ? (sort as ApplicationSort)
    : 'deadline';
}

export function ApplicationsPage() {
  const { t } = useI18n();
  const [f, update] = useUrlState(FILTERS);
  const view: PipelineView = f.view === 'columns' ? 'columns' : 'list';
  const [moving, setMoving] = useState<{ row: ApplicationRow; target: GrantStatus } | null>(null);
  const funders = useApi('funders.list', {});
  const input = {
    status: (f.status || null) as PipelineStatus | null,
    funderId: f.funder ? Number(f.funder) : null,
    year: f.year ? Number(f.year) : null,
    search: f.q || null,
    sort: serviceSort(f.sort),
    dir: f.sort ? (f.dir === 'desc' ? ('desc' as const) : ('asc' as const)) : null,
    page: view === 'columns' ? 1 : f.page,
    pageSize: view === 'columns' ? MAX_PAGE_SIZE : PAGE_SIZE,
  };
  const { data, error } = useApi('applications.list', input);
  const filtered = Boolean(f.status || f.funder || f.year || f.q);
  const move = (row: ApplicationRow, target: GrantStatus) => setMoving({ row, target });
  return (
    <ListPage
      title={t('pipeline.heading')}
      actions={
        <div className="view-toggle" role="group" aria-label={t('pipeline.view')}>
          {(Object.keys(PIPELINE_VIEW_LABEL) as PipelineView[]).map((v) => (
            <Button
              key={v}
              variant={view === v ? 'primary' : 'secondary'}
              aria-pressed={view === v}
              onClick={() => update({ view: v })}
            >
              {t(`pipeline.view.${v}`)}
            </Button>
          ))}
        </div>
      }
      filtered={filtered}
      onClearFilters={() => update({ status: '', funder: '', year: '', q: '' })}
      error={error}
      count={data?.total}
      emptyText={t('pipeline.empty')}
      filters={
        <>
          <TextField
            name="q"
            type="search"
            label={t('common.search')}
            placeholder={t('pipeline.searchPlaceholder')}
            value={f.q}
            onChange={(q) => update({ q })}
          />
          <SelectField
            name="status"
            label={t('common.status')}
            value={f.status}
            onChange={(status) => update({ status })}
            options={PIPELINE_STATUSES.map((s) => ({ value: s, label: t(`grantStatus.${s}`) }))}
            placeholder={t('common.all')}
          />
          <SelectField
            name="funder"
            label={t('grants.funder')}
            value={f.funder}
            onChange={(funder) => update({ funder })}
            options={(funders.data ?? []).map((x) => ({ value: String(x.id), label: x.name }))}
            placeholder={t('common.all')}
          />
          <SelectField
            name="year"
            label={t('common.year')}
            value={f.year}
            onChange={(year) => update({ year })}
            options={YEARS.map((y) => ({ value: y, label: y }))}
            placeholder={t('common.all')}
          />
        </>
      }
      summary={data ? <Totals data={data} /> : null}
      footer={
        <>
          {data ? (
            <p className="hint">
              {t('pipeline.decidedSince', { date: formatIsoDate(data.decidedSince) })}
            </p>
          ) : null}
          {moving ? (
            <MoveDialog
              row={moving.row}
              target={moving.target}
              onClose={() => setMoving(null)}
              // The write has refreshed the cache (lib/query.ts); only the dialog closes here.
              onDone={() => setMoving(null)}
            />
          ) : null}
        </>
      }
    >
      {data && view === 'list' ? (
        <>
          <PipelineTable rows={data.rows} onMove={move} {...urlSort(f, update)} />
          <Pager
            page={data.page}
            pageSize={data.pageSize}
            total={data.total}
            label={t('pipeline.pages')}
            onPage={(page) => update({ page })}
          />
        </>
      ) : null}
      {data && view === 'columns' ? <PipelineColumns data={data} onMove={move} /> : null}
    </ListPage>
  );
}

function Totals({ data }: { data: ApplicationList }) {
  const { t } = useI18n();
  if (data.totals.length === 0) return null;
  return (
    <ul className="cards pipeline-totals" aria-label={t('pipeline.totals')}>
      {data.totals.map((s) => (
        <li key={s.status} className="card">
          <div className="card__label">{t(`grantStatus.${s.status}`)}</div>
          <div className="card__value">{s.count}</div>
          <div className="hint">
            {t('pipeline.appliedSum', { amount: kr(s.appliedOre) })}
            {s.awardedOre > 0 ? ` · ${t('pipeline.awardedSum', { amount: kr(s.awardedOre) })}` : ''}
          </div>
        </li>
      ))}
    </ul>
  );
}

/** «Flytt til …»: the transitions the grant's rules allow, each opening the move dialog. */
function MoveSelect({ row, onMove }: { row: ApplicationRow; onMove: OnMove }) {
  const { t } = useI18n();
  if (row.allowedTransitions.length === 0) return null;
  return (
    <select
      className="move-select"
      aria-label={t('pipeline.moveLabel', { title: row.title })}
      value=""
      onChange={(e) => {
        if (e.target.value) onMove(row, e.target.value as GrantStatus);
      }}
    >
      <option value="">{t('pipeline.moveTo')}</option>
      {row.allowedTransitions.map((s) => (
        <option key={s} value={s}>
          {t(`grantStatus.${s}`)}
        </option>
      ))}
    </select>
  );
}

type OnMove = (row: ApplicationRow, target: GrantStatus) => void;

const scenarioText = (r: ApplicationRow) =>
  r.chosenScenarioName
    ? `${r.chosenScenarioName}${r.chosenScenarioOre !== null ? ` (${kr(r.chosenScenarioOre)})` : ''}`
    : r.scenarioCount > 0
      ? `${r.scenarioCount} ⋯`
      : '—';

function PipelineTable({
  rows,
  onMove,
  sort,
  onSort,
}: {
  rows: ApplicationRow[];
  onMove: OnMove;
  sort: SortState | null;
  onSort(s: SortState): void;
}) {
  const { t } = useI18n();
  const columns: Column<ApplicationRow>[] = [
    { key: 'deadline', label: t('pipeline.deadline'), kind: 'date', value: (r) => r.deadline },
    {
      key: 'funder',
      label: t('pipeline.application'),
      // Sorted by the service: funder, then deadline and title.
      value: (r) => `${r.funderName} ${r.title}`,
      cell: (r) => (
        <>
          <Link to={`/grants/${r.grantId}`}>{r.title}</Link>
          <div className="hint">
            {r.funderName}
            {r.schemeName ? ` – ${r.schemeName}` : ''}
          </div>
        </>
      ),
    },
    {
      key: 'project',
      label: t('grants.project'),
      className: 'col-project',
      value: (r) => r.projectName,
    },
    {
      key: 'status',
      label: t('common.status'),
      kind: 'status',
      order: GRANT_STATUSES,
      value: (r) => r.status,
      cell: (r) => <StatusBadge status={r.status} />,
    },
    { key: 'applied', label: t('grants.applied'), kind: 'money', value: (r) => r.appliedOre },
    {
      key: 'scenario',
      label: t('pipeline.scenario'),
      className: 'col-scenario',
      value: scenarioText,
    },
    {
      key: 'move',
      label: t('pipeline.move'),
      sortable: false,
      value: () => null,
      cell: (r) => <MoveSelect row={r} onMove={onMove} />,
    },
  ];
  return (
    <SortableTable
      rows={rows}
      columns={columns}
      rowKey={(r) => r.grantId}
      label={t('pipeline.heading')}
      serverSorted
      className="pipeline-table"
      totals={false}
      sort={sort}
      onSort={onSort}
    />
  );
}

function PipelineColumns({ data, onMove }: { data: ApplicationList; onMove: OnMove }) {
  const { t } = useI18n();
  const shown = PIPELINE_STATUSES.filter(
    (s) => s === 'utkast' || s === 'sokt' || data.totals.some((x) => x.status === s),
  );
  return (
    <div className="pipeline-columns">
      {data.total > data.rows.length ? (
        <p className="hint pipeline-columns__more">
          {t('pipeline.columnsLimited', { shown: data.rows.length, total: data.total })}
        </p>
      ) : null}
      {shown.map((status) => {
        const rows = data.rows.filter((r) => r.status === status);
        const total = data.totals.find((x) => x.status === status);
        return (
          <section
            key={status}
            className="pipeline-column"
            aria-labelledby={`col-${status}`}
            data-status={status}
          >
            <h2 id={`col-${status}`}>
              {t(`grantStatus.${status}`)}{' '}
              <span className="badge badge--muted">{total?.count ?? 0}</span>
            </h2>
            <p className="hint">{kr(total?.appliedOre ?? 0)}</p>
            <ul>
              {rows.map((r) => (
                <li key={r.grantId} className="pipeline-card">
                  <Link to={`/grants/${r.grantId}`}>{r.title}</Link>
                  <div className="hint">{r.funderName}</div>
                  <div>
                    {t('pipeline.deadline')}: {r.deadline ? formatIsoDate(r.deadline) : '—'}
                  </div>
                  <div>
                    {t('grants.applied')}: {kr(r.appliedOre)}
                  </div>
                  <div>
                    {t('pipeline.scenario')}: {scenarioText(r)}
                  </div>
                  <MoveSelect row={r} onMove={onMove} />
                </li>
              ))}
            </ul>
          </section>
        );
      })}
    </div>
  );
}
