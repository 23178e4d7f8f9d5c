/**
 * Søknader: the application pipeline as a list or as columns by status. Filters, view and
 * page live in the address (#/applications?status=sokt&funder=3&year=2025&q=…&view=columns),
 * written with replaceState so typing does not add history entries or move focus.
 */
import { useState } from 'react';
import type { ApplicationList, ApplicationRow } from '../../../../src-shared/api/contract';
import {
  MAX_PAGE_SIZE,
  PIPELINE_STATUSES,
  type PipelineStatus,
} from '../../../../src-shared/applications/rules';
import { PIPELINE_VIEW_LABEL, type PipelineView } from '../../../../src-shared/applications/labels';
import type { GrantStatus } from '../../../../src-shared/grants/rules';
import { useI18n } from '../../i18n/i18n';
import { useApi } from '../../lib/query';
import { formatIsoDate } from '../../lib/format';
import { kr } from '../../lib/money-input';
import { Link, queryOf, useRoute } from '../../lib/router';
import { SelectField, TextField } from '../../ui/fields';
import { Button, EmptyState, ErrorBox, Loading, PageHeader } from '../../ui/layout';
import { StatusBadge } from '../grants/StatusBadge';
import { MoveDialog } from './MoveDialog';
import './applications.css';

const PAGE_SIZE = 50;
const THIS_YEAR = new Date().getFullYear();
const YEARS = Array.from({ length: 12 }, (_, i) => String(THIS_YEAR + 2 - i));

interface Filters {
  status: string;
  funder: string;
  year: string;
  q: string;
  view: PipelineView;
  page: number;
}

function filtersOf(path: string): Filters {
  const q = queryOf(path);
  return {
    status: q.get('status') ?? '',
    funder: q.get('funder') ?? '',
    year: q.get('year') ?? '',
    q: q.get('q') ?? '',
    view: q.get('view') === 'columns' ? 'columns' : 'list',
    page: Math.max(1, Number(q.get('page')) || 1),
  };
}

function addressOf(f: Filters): string {
  const q = new URLSearchParams();
  if (f.status) q.set('status', f.status);
  if (f.funder) q.set('funder', f.funder);
  if (f.year) q.set('year', f.year);
  if (f.q) q.set('q', f.q);
  if (f.view === 'columns') q.set('view', 'columns');
  if (f.page > 1) q.set('page', String(f.page));
  const s = q.toString();
  return `#/applications${s ? `?${s}` : ''}`;
}

export function ApplicationsPage() {
  const { t } = useI18n();
  const path = useRoute();
  const [f, setF] = useState<Filters>(() => filtersOf(path));
  // A real navigation (a link to another filter) resets the state from the address.
  const [seenPath, setSeenPath] = useState(path);
  if (path !== seenPath) {
    setSeenPath(path);
    setF(filtersOf(path));
  }
  const update = (patch: Partial<Filters>) => {
    const next = { ...f, page: 1, ...patch };
    setF(next);
    window.history.replaceState(null, '', addressOf(next));
  };
  const [moving, setMoving] = useState<{ row: ApplicationRow; target: GrantStatus } | null>(null);
  const funders = useApi('funders.list', {});
  const input = {
    status: (f.status || null) as PipelineStatus | null,
    funderId: f.funder ? Number(f.funder) : null,
    year: f.year ? Number(f.year) : null,
    search: f.q || null,
    page: f.view === 'columns' ? 1 : f.page,
    pageSize: f.view === 'columns' ? MAX_PAGE_SIZE : PAGE_SIZE,
  };
  const { data, error } = useApi('applications.list', input);
  const filtered = Boolean(f.status || f.funder || f.year || f.q);
  const move = (row: ApplicationRow, target: GrantStatus) => setMoving({ row, target });
  return (
    <section>
      <PageHeader
        title={t('pipeline.heading')}
        actions={
          <div className="view-toggle" role="group" aria-label={t('pipeline.view')}>
            {(Object.keys(PIPELINE_VIEW_LABEL) as PipelineView[]).map((v) => (
              <Button
                key={v}
                variant={f.view === v ? 'primary' : 'secondary'}
                aria-pressed={f.view === v}
                onClick={() => update({ view: v })}
              >
                {t(`pipeline.view.${v}`)}
              </Button>
            ))}
          </div>
        }
      />
      <div className="filters" role="search">
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
      </div>
      <ErrorBox message={error} />
      {!data ? <Loading text={t('common.loading')} /> : null}
      {data ? <Totals data={data} /> : null}
      {data && data.total === 0 ? (
        <EmptyState>{filtered ? t('pipeline.emptyFiltered') : t('pipeline.empty')}</EmptyState>
      ) : null}
      {data && data.total > 0 && f.view === 'list' ? (
        <>
          <PipelineTable rows={data.rows} onMove={move} />
          <Pager data={data} onPage={(page) => update({ page })} />
        </>
      ) : null}
      {data && data.total > 0 && f.view === 'columns' ? (
        <PipelineColumns data={data} onMove={move} />
      ) : null}
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
    </section>
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

function PipelineTable({ rows, onMove }: { rows: ApplicationRow[]; onMove: OnMove }) {
  const { t } = useI18n();
  return (
    <div className="table-scroll">
      <table className="table pipeline-table" aria-label={t('pipeline.heading')}>
        <thead>
          <tr>
            <th scope="col">{t('pipeline.deadline')}</th>
            <th scope="col">{t('pipeline.application')}</th>
            <th scope="col" className="col-project">
              {t('grants.project')}
            </th>
            <th scope="col">{t('common.status')}</th>
            <th scope="col" className="num">
              {t('grants.applied')}
            </th>
            <th scope="col" className="col-scenario">
              {t('pipeline.scenario')}
            </th>
            <th scope="col">{t('pipeline.move')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.grantId}>
              <td>{r.deadline ? formatIsoDate(r.deadline) : '—'}</td>
              <td>
                <Link to={`/grants/${r.grantId}`}>{r.title}</Link>
                <div className="hint">
                  {r.funderName}
                  {r.schemeName ? ` – ${r.schemeName}` : ''}
                </div>
              </td>
              <td className="col-project">{r.projectName}</td>
              <td>
                <StatusBadge status={r.status} />
              </td>
              <td className="num">{kr(r.appliedOre)}</td>
              <td className="col-scenario">{scenarioText(r)}</td>
              <td>
                <MoveSelect row={r} onMove={onMove} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Pager({ data, onPage }: { data: ApplicationList; onPage(page: number): void }) {
  const { t } = useI18n();
  if (data.pageCount <= 1) return null;
  return (
    <nav className="actions-row pager" aria-label={t('pipeline.pages')}>
      <Button disabled={data.page <= 1} onClick={() => onPage(data.page - 1)}>
        {t('pipeline.prev')}
      </Button>
      <span>
        {t('pipeline.pageOf', { page: data.page, count: data.pageCount, total: data.total })}
      </span>
      <Button disabled={data.page >= data.pageCount} onClick={() => onPage(data.page + 1)}>
        {t('pipeline.next')}
      </Button>
    </nav>
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
