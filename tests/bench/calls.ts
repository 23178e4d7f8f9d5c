/**
 * The bench's call table (issue 14): every list, summary and write the goals name, called
 * through the app's `dispatch`, each with a comparable raw-SQL query run in the same loop.
 * Used by `npm run bench` (tests/bench/run.ts) and by the tiny bench in `npm test`
 * (tests/perf/gen-and-bench.test.ts), so neither can rot.
 */
import type Database from 'better-sqlite3';
import {
  PAGE_SQL as LEDGER_PAGE_SQL,
  TOTALS_SQL as LEDGER_TOTALS_SQL,
} from '../../src-main/grants/movements-list';
import type { Dispatch } from '../../src-main/transport/dispatch';
import { registerSortKeys } from '../../src-main/platform/sort-keys';
import { ACTOR, GEN_TODAY, LAST_YEAR, type GenInfo } from './gen/generate';

export type CallKind = 'list' | 'summary' | 'write';

export interface CallSpec {
  /** Label in the table, e.g. `grants.list (one year)`. */
  name: string;
  method: string;
  kind: CallKind;
  input(info: GenInfo, i: number): unknown;
  /** The same data as raw SQL (prepared once, run in the same loop); null when none fits. */
  raw: ((sqlite: Database.Database, info: GenInfo) => (i: number) => unknown) | null;
}

const SIGNED = `sum(case when type in ('received','transfer_in','returned_by_centre') then amount_ore else -amount_ore end)`;
const LAST_CLOSED_OPEN_YEAR = LAST_YEAR - 1;

function all(sqlite: Database.Database, sql: string, ...args: unknown[]) {
  const stmt = sqlite.prepare(sql);
  return () => stmt.all(...args);
}

const yearOf = (column: string) => `cast(substr(${column}, 1, 4) as integer)`;

/**
 * The first year a grant touches, from the source tables (its period, edition, decision, a
 * year split, a movement): what grants.list sorts by by default, newest first.
 */
const FIRST_YEAR_RAW = `min(
    case when g.period_from is not null
          and ${yearOf('coalesce(g.period_to, g.period_from)')} >= ${yearOf('g.period_from')}
         then ${yearOf('g.period_from')} else 9999 end,
    coalesce(g.edition_year, 9999), coalesce(${yearOf('g.decision_date')}, 9999),
    coalesce((select min(s.year) from grant_year_splits s where s.grant_id = g.id), 9999),
    coalesce((select ${yearOf('min(m.date)')} from movements m where m.grant_id = g.id), 9999))`;

/** Touches the year @year: period, edition, decision, a year split or a movement in it. */
export const IN_YEAR_RAW = `(
    (g.period_from is not null and ${yearOf('g.period_from')} <= @year
      and ${yearOf('coalesce(g.period_to, g.period_from)')} >= @year)
    or g.edition_year = @year or ${yearOf('g.decision_date')} = @year
    or exists (select 1 from grant_year_splits s where s.grant_id = g.id and s.year = @year)
    or exists (select 1 from movements m where m.grant_id = g.id
                 and m.date between @year || '-01-01' and @year || '-12-31'))`;

/**
 * A page of 100 grants with received, newest first, and the count and sums over every match
 * (as grants.list answers), straight from the source tables: received and the years from
 * the movements themselves, not the app's per-year sums.
 */
const grantsRaw =
  (where: string, ...args: unknown[]) =>
  (sqlite: Database.Database) => {
    const received = `(select coalesce(sum(amount_ore), 0) from movements m where m.grant_id = g.id and m.type = 'received')`;
    const from = `from grants g join projects p on p.id = g.project_id join organisations o on o.id = g.funder_id ${where}`;
    const page = sqlite.prepare(
      `select g.id, g.title, g.status, g.applied_ore, g.awarded_ore, p.name as project, o.name as funder,
            ${received} as received, ${FIRST_YEAR_RAW} as first_year
         ${from} order by first_year desc, g.title, g.id limit 100`,
    );
    const totals = sqlite.prepare(
      `select count(*) as total, sum(g.applied_ore), sum(g.awarded_ore), sum(${received}) ${from}`,
    );
    return () => [page.all(...args), totals.get(...args)];
  };

/** Returns a round id that the hot centre is in (the newest). */
export function hotRound(sqlite: Database.Database, info: GenInfo): number {
  return (
    sqlite
      .prepare('select max(round_id) as id from allocations where centre_id = ?')
      .get(info.hotCentreId) as { id: number }
  ).id;
}

export const CALLS: CallSpec[] = [
  {
    name: 'grants.list (all)',
    method: 'grants.list',
    kind: 'list',
    input: () => ({}),
    raw: grantsRaw(''),
  },
  {
    name: 'grants.list (one year)',
    method: 'grants.list',
    kind: 'list',
    input: () => ({ year: LAST_YEAR }),
    raw: grantsRaw(`where ${IN_YEAR_RAW}`, { year: LAST_YEAR }),
  },
  {
    name: 'dashboard.summary',
    method: 'dashboard.summary',
    kind: 'summary',
    input: () => ({}),
    raw: (sqlite) => {
      const members = sqlite.prepare(
        `select count(*) from memberships where joined_date <= ? and (left_date is null or left_date >= ?)`,
      );
      const years = sqlite.prepare(
        `select substr(date, 1, 4) as y, type, sum(amount_ore) from movements group by y, type`,
      );
      const overdue = sqlite.prepare(
        `select count(*) from allocations where report_status in ('venter','purret') and report_due_date < ?`,
      );
      return () => [members.get(GEN_TODAY, GEN_TODAY), years.all(), overdue.get(GEN_TODAY)];
    },
  },
  {
    // The overview's charts, asked for by the first screen.
    name: `dashboard.charts (${LAST_YEAR})`,
    method: 'dashboard.charts',
    kind: 'summary',
    input: () => ({ year: LAST_YEAR }),
    raw: (sqlite) => {
      const from = `${LAST_YEAR - 4}-01-01`;
      const to = `${LAST_YEAR}-12-31`;
      const awarded = sqlite.prepare(
        `select g.funder_id, cast(substr(g.decision_date, 1, 4) as integer) as year, sum(g.awarded_ore)
           from grants g where g.awarded_ore is not null and g.decision_date between ? and ?
          group by 1, 2`,
      );
      const admin = sqlite.prepare(
        `select substr(date, 1, 4), sum(amount_ore) from movements
          where type = 'admin_share' and date between ? and ? group by 1`,
      );
      const regions = sqlite.prepare(
        `select c.region, sum(m.amount_ore) from movements m
           join member_centres c on c.organisation_id = m.centre_id
          where m.type in ('paid_to_centre', 'returned_by_centre') and m.date between ? and ?
          group by c.region`,
      );
      const pipeline = sqlite.prepare(
        `select status, count(*), sum(applied_ore) from grants where status in ('utkast', 'sokt') group by status`,
      );
      const balance = sqlite.prepare(
        `select sum(case when type in ('received','transfer_in','returned_by_centre') then amount_ore else -amount_ore end)
           from ledger_sums where year <= ?`,
      );
      return () => [
        awarded.all(from, to),
        admin.all(from, to),
        regions.all(`${LAST_YEAR}-01-01`, to),
        pipeline.all(),
        balance.get(LAST_YEAR),
      ];
    },
  },
  {
    name: `yearEnd.overview (${LAST_CLOSED_OPEN_YEAR})`,
    method: 'yearEnd.overview',
    kind: 'summary',
    input: () => ({ year: LAST_CLOSED_OPEN_YEAR }),
    // The aggregates the year-end read model needs (overview-data.ts): the grants with an
    // opening balance or a movement in the year with their ledger summed up to the year from
    // ledger_sums, the decided centre awards not fully paid or with a report overdue, and the
    // year's corrections of earlier years.
    raw: (sqlite) => {
      const signed = `case when type in ('received','transfer_in','returned_by_centre') then amount_ore else -amount_ore end`;
      const ofYear = `select grant_id from ledger_sums where year <= @year group by grant_id
        having sum(case when year < @year then ${signed} else 0 end) <> 0 or max(year = @year)`;
      const grants = sqlite.prepare(
        `select g.*, p.name, o.name, f.funder_type from grants g join projects p on p.id = g.project_id
           join organisations o on o.id = g.funder_id join funders f on f.organisation_id = g.funder_id
         where g.id in (${ofYear}) order by g.id`,
      );
      const sums = sqlite.prepare(
        `select grant_id, type, case when type = 'paid_to_centre' then allocation_id else 0 end,
           year < @year, sum(amount_ore), sum(eur_cents)
         from ledger_sums where grant_id in (${ofYear}) and year <= @year group by 1, 2, 3, 4`,
      );
      const awards = sqlite.prepare(
        `select a.id, r.grant_id, o.name, r.name, a.awarded_ore, a.report_due_date,
           (select coalesce(sum(s.amount_ore), 0) from ledger_sums s
             where s.allocation_id = a.id and s.type = 'paid_to_centre') as paid
         from allocations a join allocation_rounds r on r.id = a.round_id
           join organisations o on o.id = a.centre_id
         where a.awarded_ore > 0 and a.decision_date <= @end
           and (paid < a.awarded_ore or (a.report_due_date < @next and a.report_received_date is null))`,
      );
      const corrections = sqlite.prepare(
        `select m.*, o.date from movements m join movements o on o.id = coalesce(m.reverses_id, m.corrects_id)
         where m.date between @start and @end and (m.reverses_id is not null or m.corrects_id is not null)
           and o.date < @start`,
      );
      const y = LAST_CLOSED_OPEN_YEAR;
      const p = { year: y, start: `${y}-01-01`, end: `${y}-12-31`, next: `${y + 1}-01-01` };
      return () => [grants.all(p), sums.all(p), awards.all(p), corrections.all(p)];
    },
  },
  {
    name: 'rounds.list',
    method: 'rounds.list',
    kind: 'list',
    input: () => ({}),
    // A page of the 100 newest rounds with their sums, and the sums over every round: each
    // round's totals kept in round_sums (by triggers), as the API reads them.
    raw: (sqlite) =>
      all(
        sqlite,
        `select r.id, r.name, g.title, g.awarded_ore, s.centre_count, s.applied_ore, s.awarded_ore,
             s.paid_ore, s.returned_ore, t.*
           from (select * from allocation_rounds order by id desc limit 100) r
           join grants g on g.id = r.grant_id
           join round_sums s on s.round_id = r.id
           cross join (select count(*), sum(applied_ore), sum(awarded_ore), sum(paid_ore),
               sum(returned_ore) from round_sums) t
           order by r.id desc`,
      ),
  },
  {
    name: 'rounds.list (sorted by pot)',
    method: 'rounds.list',
    kind: 'list',
    input: () => ({ sort: 'potOre', dir: 'desc' }),
    raw: null,
  },
  {
    name: 'rounds.get (round of the busiest centre)',
    method: 'rounds.get',
    kind: 'summary',
    input: (info) => ({ id: info.hotRoundId }),
    raw: (sqlite, info) => {
      const rows = sqlite.prepare(
        `select a.*, o.name from allocations a join organisations o on o.id = a.centre_id where a.round_id = ?`,
      );
      const cash = sqlite.prepare(
        `select allocation_id, type, sum(amount_ore) from movements
          where allocation_id in (select id from allocations where round_id = ?) group by allocation_id, type`,
      );
      return () => [rows.all(info.hotRoundId), cash.all(info.hotRoundId)];
    },
  },
  {
    name: 'allocations.byCentre (centre in every round)',
    method: 'allocations.byCentre',
    kind: 'list',
    input: (info) => ({ centreId: info.hotCentreId }),
    raw: (sqlite, info) => {
      const rows = sqlite.prepare(
        `select a.*, r.name as round_name, g.title from allocations a
           join allocation_rounds r on r.id = a.round_id join grants g on g.id = r.grant_id
          where a.centre_id = ?`,
      );
      const cash = sqlite.prepare(
        `select allocation_id, type, sum(amount_ore) from movements
          where allocation_id in (select id from allocations where centre_id = ?) group by allocation_id, type`,
      );
      return () => [rows.all(info.hotCentreId), cash.all(info.hotCentreId)];
    },
  },
  {
    name: 'centreReports.overdue',
    method: 'centreReports.overdue',
    kind: 'list',
    input: () => ({ asOf: null }),
    raw: (sqlite) =>
      all(
        sqlite,
        `select a.id, r.id, r.name, g.title, o.name, mc.contact_email, a.report_due_date,
             (select coalesce(sum(m.amount_ore), 0) from movements m
               where m.allocation_id = a.id and m.type = 'paid_to_centre') as paid
           from allocations a join allocation_rounds r on r.id = a.round_id
           join grants g on g.id = r.grant_id join organisations o on o.id = a.centre_id
           join member_centres mc on mc.organisation_id = a.centre_id
          where a.report_status in ('venter','purret') and a.report_due_date < ?
            and a.report_received_date is null
            and coalesce(a.awarded_ore, 0) > 0 order by a.report_due_date`,
        GEN_TODAY,
      ),
  },
  {
    name: 'centres.list',
    method: 'centres.list',
    kind: 'list',
    input: () => ({}),
    // A page of 100 centres in Norwegian name order (the app's key function: the index on
    // name_key is not that order) with membership today and the latest period, and the count
    // of every centre (as centres.list).
    raw: (sqlite) => {
      registerSortKeys(sqlite);
      const page = sqlite.prepare(
        `select o.id, o.name, o.org_number, mc.region, mc.driftsform, mc.daily_leader,
                mc.contact_email, l.joined_date, l.left_date,
                exists (select 1 from memberships m where m.centre_id = o.id and m.joined_date <= ?
                          and (m.left_date is null or m.left_date >= ?)) as member
           from (select o.id, nb_sort_key(o.name) as k from member_centres mc
                   join organisations o on o.id = mc.organisation_id order by k, o.id limit 100) p
           join organisations o on o.id = p.id
           join member_centres mc on mc.organisation_id = o.id
           left join memberships l on l.id = (select m.id from memberships m
             where m.centre_id = o.id order by m.joined_date desc, m.id desc limit 1)
          order by p.k, p.id`,
      );
      const count = sqlite.prepare('select count(*) from member_centres');
      return () => [page.all(GEN_TODAY, GEN_TODAY), count.get()];
    },
  },
  {
    name: 'funders.list',
    method: 'funders.list',
    kind: 'list',
    input: () => ({}),
    raw: (sqlite) =>
      all(
        sqlite,
        `select o.id, o.name, f.funder_type, count(g.id), sum(g.awarded_ore)
           from funders f join organisations o on o.id = f.organisation_id
           left join grants g on g.funder_id = f.organisation_id group by f.organisation_id order by o.name_key`,
      ),
  },
  {
    name: 'projects.list',
    method: 'projects.list',
    kind: 'list',
    input: () => ({}),
    raw: (sqlite) =>
      all(
        sqlite,
        `select p.id, p.name, p.kind, p.kss_role, p.status, count(g.id), sum(g.awarded_ore)
           from projects p left join grants g on g.project_id = p.id group by p.id order by p.name_key`,
      ),
  },
  {
    name: 'organisations.list',
    method: 'organisations.list',
    kind: 'list',
    input: () => ({}),
    raw: (sqlite) =>
      all(
        sqlite,
        `select o.id, o.name, o.org_number,
                exists (select 1 from member_centres c where c.organisation_id = o.id),
                exists (select 1 from funders f where f.organisation_id = o.id)
           from organisations o order by o.name_key`,
      ),
  },
  {
    name: 'audit.list (first page)',
    method: 'audit.list',
    kind: 'list',
    input: () => ({}),
    raw: (sqlite) => {
      const page = sqlite.prepare('select * from audit_log order by at_ms desc, id desc limit 50');
      const total = sqlite.prepare('select count(*) from audit_log');
      return () => [page.all(), total.get()];
    },
  },
  {
    name: 'balances.forGrant (hot grant)',
    method: 'balances.forGrant',
    kind: 'summary',
    input: (info) => ({ grantId: info.hotGrantId }),
    raw: (sqlite, info) =>
      all(
        sqlite,
        `select substr(date, 1, 4) as y, type, sum(amount_ore) from movements where grant_id = ? group by y, type`,
        info.hotGrantId,
      ),
  },
  {
    name: 'grants.get (hot grant)',
    method: 'grants.get',
    kind: 'summary',
    input: (info) => ({ id: info.hotGrantId }),
    raw: (sqlite, info) => {
      const row = sqlite.prepare('select * from grants where id = ?');
      const sums = sqlite.prepare(
        `select substr(date, 1, 4) as y, type, sum(amount_ore) from movements where grant_id = ? group by y, type`,
      );
      return () => [row.get(info.hotGrantId), sums.all(info.hotGrantId)];
    },
  },
  {
    name: 'movements.list (hot grant)',
    method: 'movements.list',
    kind: 'list',
    // The first page, as the «Bevegelser» tab opens (later pages cost the same: see
    // tests/services/movements-list.test.ts for the figures and the statement count). Raw:
    // the service's own two statements, so the ratio is what the API adds.
    input: (info) => ({ grantId: info.hotGrantId, page: 1, pageSize: 200 }),
    raw: (sqlite, info) => {
      const totals = sqlite.prepare(LEDGER_TOTALS_SQL);
      const page = sqlite.prepare(LEDGER_PAGE_SQL);
      return () => [
        totals.get({ grantId: info.hotGrantId }),
        page.all({ grantId: info.hotGrantId, limit: 200, offset: 0 }),
      ];
    },
  },
  {
    name: `annualReport.projects (${LAST_CLOSED_OPEN_YEAR})`,
    method: 'annualReport.projects',
    kind: 'summary',
    input: () => ({ year: LAST_CLOSED_OPEN_YEAR }),
    raw: null,
  },
  {
    name: `annualReport.members (${LAST_CLOSED_OPEN_YEAR})`,
    method: 'annualReport.members',
    kind: 'summary',
    input: () => ({ year: LAST_CLOSED_OPEN_YEAR }),
    raw: null,
  },
  {
    // A change to an allocation: round_sums is kept by a trigger whose check sums the round.
    name: 'allocations.saveApplications (busiest centre in newest round)',
    method: 'allocations.saveApplications',
    kind: 'write',
    input: (info, i) => ({
      roundId: info.hotRoundId,
      rows: [
        {
          centreId: info.hotCentreId,
          appliedOre: 13_000_000 + i,
          purpose: 'Aktiviteter for beboere',
          expectedParticipants: 43,
          receivedDate: null,
        },
      ],
    }),
    raw: (sqlite, info) => {
      const update = sqlite.prepare(
        'update allocations set applied_ore = ? where round_id = ? and centre_id = ?',
      );
      const log = sqlite.prepare(
        `insert into audit_log (at_ms, actor, entity, entity_id, action, after_json) values (?, ?, 'allocation', 0, 'update', ?)`,
      );
      const write = sqlite.transaction((i: number) => {
        update.run(14_000_000 + i, info.hotRoundId, info.hotCentreId);
        log.run(Date.now(), ACTOR, JSON.stringify({ appliedOre: 14_000_000 + i }));
      });
      return (i) => write(i);
    },
  },
  {
    name: 'movements.record (hot grant)',
    method: 'movements.record',
    kind: 'write',
    input: (info, i) => ({
      grantId: info.hotGrantId,
      type: 'own_costs',
      date: GEN_TODAY,
      amountOre: 100 + i,
      voucherRef: `BENCH-${i}`,
      note: null,
    }),
    raw: (sqlite, info) => {
      const insert = sqlite.prepare(
        `insert into movements (grant_id, date, type, amount_ore, voucher_ref, created_at_ms, actor)
         values (?, ?, 'own_costs', ?, ?, ?, ?)`,
      );
      const log = sqlite.prepare(
        `insert into audit_log (at_ms, actor, entity, entity_id, action, after_json) values (?, ?, 'movement', ?, 'create', ?)`,
      );
      const balance = sqlite.prepare(`select ${SIGNED} as b from movements where grant_id = ?`);
      const write = sqlite.transaction((i: number) => {
        const now = Date.now();
        balance.get(info.hotGrantId);
        const id = insert.run(
          info.hotGrantId,
          GEN_TODAY,
          100 + i,
          `RAW-${i}`,
          now,
          ACTOR,
        ).lastInsertRowid;
        log.run(now, ACTOR, id, JSON.stringify({ id }));
      });
      return (i: number) => write(i);
    },
  },
];

/** The HTTP subset: the same call over the loopback transport. */
export const HTTP_CALLS = [
  'grants.list (one year)',
  'dashboard.summary',
  'centres.list',
  'movements.list (hot grant)',
  'audit.list (first page)',
];

export interface Stats {
  n: number;
  p50: number;
  p95: number;
  max: number;
}

export function stats(samples: number[]): Stats {
  const s = [...samples].sort((a, b) => a - b);
  const at = (q: number) =>
    s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))] ?? 0;
  return { n: s.length, p50: at(0.5), p95: at(0.95), max: s[s.length - 1] ?? 0 };
}

export interface CallResult {
  name: string;
  method: string;
  kind: CallKind;
  api: Stats;
  raw: Stats | null;
  /** api p50 / raw p50. */
  ratio: number | null;
  /** Size of the answer (JSON characters), to see what a page costs the transport. */
  answerChars: number;
}

export interface RunOptions {
  warmup: number;
  calls: number;
  /** Stop a method early (but after `minCalls`) once it has used this many milliseconds. */
  budgetMs: number;
  minCalls: number;
  only?: readonly string[];
}

/** Runs every call in CALLS through `dispatch`, with the raw SQL in the same loop. */
export async function runCalls(
  dispatch: Dispatch,
  sqlite: Database.Database,
  info: GenInfo,
  options: RunOptions,
  onResult: (r: CallResult) => void = () => {},
): Promise<CallResult[]> {
  const out: CallResult[] = [];
  let seq = 0;
  for (const spec of CALLS) {
    if (options.only && !options.only.includes(spec.name)) continue;
    const raw = spec.raw ? spec.raw(sqlite, info) : null;
    const apiTimes: number[] = [];
    const rawTimes: number[] = [];
    let answerChars = 0;
    const started = performance.now();
    let warmup = options.warmup;
    for (let i = 0; i < warmup + options.calls; i++) {
      seq += 1;
      const t0 = performance.now();
      const r = await dispatch(spec.method, spec.input(info, seq));
      const t1 = performance.now();
      if (!r.ok) throw new Error(`${spec.name}: ${r.error.message}`);
      if (raw) raw(seq);
      const t2 = performance.now();
      if (i >= warmup) {
        apiTimes.push(t1 - t0);
        if (raw) rawTimes.push(t2 - t1);
      } else if (i === 0) {
        answerChars = JSON.stringify(r.value).length;
        // A call of half a second is warm after one round; keep the bench inside its time.
        if (t1 - t0 > 500) warmup = Math.min(warmup, 1);
      }
      const measured = i + 1 - warmup;
      if (measured >= options.minCalls && performance.now() - started > options.budgetMs) break;
    }
    const api = stats(apiTimes);
    const rawStats = raw ? stats(rawTimes) : null;
    const result: CallResult = {
      name: spec.name,
      method: spec.method,
      kind: spec.kind,
      api,
      raw: rawStats,
      ratio: rawStats && rawStats.p50 > 0 ? api.p50 / rawStats.p50 : null,
      answerChars,
    };
    onResult(result);
    out.push(result);
  }
  return out;
}
