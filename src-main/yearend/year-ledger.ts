/**
 * The ledger part of the year's read model (issue 14): the year's movements as they are, the
 * movements of other years linked to them, and everything else before and after the year as
 * sums per grant and type (and per centre award) from `ledger_sums`, so the year-end page and exports cost
 * what the year holds, not the whole ledger.
 */
import { getTableColumns } from 'drizzle-orm';
import type { grants } from '../../db/schema';
import { movements } from '../../db/schema';
import type { ServiceContext } from '../platform/context';
import { type MovementRecord } from '../grants/queries';

export function groupBy<T, K>(rows: readonly T[], key: (r: T) => K): Map<K, T[]> {
  const map = new Map<K, T[]>();
  for (const r of rows) {
    const k = key(r);
    const list = map.get(k);
    if (list) list.push(r);
    else map.set(k, [r]);
  }
  return map;
}

/**
 * A table's columns as `alias.column as key` for raw SQL: the big reads of the year skip
 * drizzle's row mapping (these tables have no boolean or JSON columns to convert).
 */
export function columnsOf(table: typeof grants | typeof movements, alias: string) {
  return Object.entries(getTableColumns(table))
    .map(([key, column]) => `${alias}.${column.name} as ${key}`)
    .join(', ');
}

/** The keys of a movement in the order the year's reads select them (as arrays, `raw`). */
const MOVEMENT_KEYS = [
  'id',
  'grantId',
  'date',
  'type',
  'amountOre',
  'voucherRef',
  'note',
  'counterpartId',
  'approvalRef',
  'approvalDate',
  'reversesId',
  'correctsId',
  'reason',
  'centreId',
  'allocationId',
  'amountEurCents',
  'createdAtMs',
  'actor',
] as const satisfies readonly (keyof MovementRecord)[];
const MOVEMENT_TABLE_COLUMNS = getTableColumns(movements);
const MOVEMENT_COLUMNS = MOVEMENT_KEYS.map((k) => `m.${MOVEMENT_TABLE_COLUMNS[k].name}`).join(', ');
type MovementKeys = typeof MOVEMENT_KEYS;
type MovementRow = {
  -readonly [I in keyof MovementKeys]: MovementRecord[MovementKeys[I] & keyof MovementRecord];
};

/**
 * A movement row (an array in `MOVEMENT_KEYS` order) as an object literal of a fixed shape:
 * 17 000 rows a year are read faster as arrays, and fixed-shape objects are fast to read in
 * the loops of the checklist.
 */
function movementOf(r: MovementRow): MovementRecord {
  return {
    id: r[0],
    grantId: r[1],
    date: r[2],
    type: r[3],
    amountOre: r[4],
    voucherRef: r[5],
    note: r[6],
    counterpartId: r[7],
    approvalRef: r[8],
    approvalDate: r[9],
    reversesId: r[10],
    correctsId: r[11],
    reason: r[12],
    centreId: r[13],
    allocationId: r[14],
    amountEurCents: r[15],
    createdAtMs: r[16],
    actor: r[17],
  };
}

export interface Span {
  year: number;
  start: string;
  end: string;
}

/**
 * The year's movements (by date, then id) and the movements of other years linked to them:
 * the originals they reverse or correct, their transfer legs, and their reversals. Three
 * statements over the date, id, reverses_id and counterpart_id indexes.
 */
export function yearMovements(ctx: ServiceContext, span: Span) {
  const range = { start: span.start, end: span.end };
  const inYear = ctx.sqlite
    .prepare(
      `select ${MOVEMENT_COLUMNS} from movements m
        where m.date >= @start and m.date <= @end order by m.date, m.id`,
    )
    .raw(true)
    .all(range) as MovementRow[];
  const inYearRows = inYear.map(movementOf);
  // Originals of the year's reversals, corrections and transfer legs (ids known here), and
  // movements of other years pointing at the year's (later reversals), by their indexes.
  const inYearIds = new Set(inYearRows.map((m) => m.id));
  const pointedAt = [
    ...new Set(
      inYearRows
        .flatMap((m) => [m.reversesId, m.correctsId, m.counterpartId])
        .filter((id): id is number => id !== null && !inYearIds.has(id)),
    ),
  ];
  const outside = `(m.date < @start or m.date > @end)`;
  const linked = (
    ctx.sqlite
      .prepare(
        `select ${MOVEMENT_COLUMNS} from movements m
          where m.id in (select value from json_each(@ids))
         union
         select ${MOVEMENT_COLUMNS} from movements m join movements o on o.id = m.reverses_id
          where m.reverses_id is not null and o.date >= @start and o.date <= @end and ${outside}
         union
         select ${MOVEMENT_COLUMNS} from movements m join movements o on o.id = m.counterpart_id
          where m.counterpart_id is not null and o.date >= @start and o.date <= @end and ${outside}`,
      )
      .raw(true)
      .all({ ...range, ids: JSON.stringify(pointedAt) }) as MovementRow[]
  ).map(movementOf);
  return { inYear: inYearRows, linked };
}

interface OutsideSum {
  grantId: number;
  type: MovementRecord['type'];
  before: boolean;
  amountOre: number;
  eurCents: number;
}

/**
 * Every grant's movements before and after the year, summed per type from `ledger_sums` (the
 * ledger summed per grant, type and year by a trigger, issue 14: a few rows per grant), with
 * the euro cents received by grants in EUR (their receipts only). One statement.
 */
export function outsideSums(ctx: ServiceContext, span: Span): OutsideSum[] {
  const rows = ctx.sqlite
    .prepare(
      `select s.grant_id as grantId, s.type,
         sum(case when s.year < @year then s.amount_ore else 0 end) as beforeOre,
         sum(case when s.year > @year then s.amount_ore else 0 end) as afterOre,
         case when g.currency = 'EUR' and s.type = 'received' then
           sum(case when s.year < @year then s.eur_cents else 0 end) else 0 end as beforeCents,
         case when g.currency = 'EUR' and s.type = 'received' then
           sum(case when s.year > @year then s.eur_cents else 0 end) else 0 end as afterCents
         from ledger_sums s join grants g on g.id = s.grant_id
        group by s.grant_id, s.type`,
    )
    .all({ year: span.year }) as {
    grantId: number;
    type: MovementRecord['type'];
    beforeOre: number;
    afterOre: number;
    beforeCents: number;
    afterCents: number;
  }[];
  return rows.flatMap(({ grantId, type, beforeOre, afterOre, beforeCents, afterCents }) =>
    [true, false].map((before) => ({
      grantId,
      type,
      before,
      amountOre: before ? beforeOre : afterOre,
      eurCents: before ? beforeCents : afterCents,
    })),
  );
}

export interface AllocationYearCash {
  paidTotalOre: number;
  returnedTotalOre: number;
  paidInYearOre: number;
  returnedInYearOre: number;
  lastPaidInYear: string | null;
  movedInYear: boolean;
  paidBeforeOre: number;
}

/**
 * Each centre award's cash from the ledger, in total, in the year and before it: the sums
 * from `ledger_sums` (one statement over its centre-award rows), the last payout of the year
 * from the year's movements (already read).
 */
export function allocationCashForYear(
  ctx: ServiceContext,
  span: Span,
  inYear: readonly MovementRecord[],
): Map<number, AllocationYearCash> {
  const rows = ctx.sqlite
    .prepare(
      `select allocation_id as id,
         sum(case when type = 'paid_to_centre' then amount_ore else 0 end) as paidTotalOre,
         sum(case when type = 'returned_by_centre' then amount_ore else 0 end) as returnedTotalOre,
         sum(case when type = 'paid_to_centre' and year = @year then amount_ore else 0 end) as paidInYearOre,
         sum(case when type = 'returned_by_centre' and year = @year then amount_ore else 0 end) as returnedInYearOre,
         max(year = @year) as movedInYear,
         sum(case when type = 'paid_to_centre' and year < @year then amount_ore else 0 end) as paidBeforeOre
       from ledger_sums
       where allocation_id > 0 and type in ('paid_to_centre', 'returned_by_centre')
       group by allocation_id`,
    )
    .all({ year: span.year }) as (Omit<AllocationYearCash, 'movedInYear' | 'lastPaidInYear'> & {
    id: number;
    movedInYear: number;
  })[];
  const lastPaid = new Map<number, string>();
  for (const m of inYear) {
    if (m.allocationId === null || m.type !== 'paid_to_centre' || m.amountOre <= 0) continue;
    const last = lastPaid.get(m.allocationId);
    if (last === undefined || m.date > last) lastPaid.set(m.allocationId, m.date);
  }
  return new Map(
    rows.map(({ id, ...c }) => [
      id,
      { ...c, lastPaidInYear: lastPaid.get(id) ?? null, movedInYear: c.movedInYear === 1 },
    ]),
  );
}

/** A stand-in movement for a sum of movements outside the year (a negative id, no links). */
function sumRow(
  id: number,
  grantId: number,
  date: string,
  type: MovementRecord['type'],
  amountOre: number,
  extra: { allocationId?: number; amountEurCents?: number } = {},
): MovementRecord {
  return {
    id,
    grantId,
    date,
    type,
    amountOre,
    voucherRef: null,
    note: null,
    counterpartId: null,
    approvalRef: null,
    approvalDate: null,
    reversesId: null,
    correctsId: null,
    reason: null,
    centreId: null,
    allocationId: extra.allocationId ?? null,
    amountEurCents: extra.amountEurCents ?? null,
    createdAtMs: 0,
    actor: '',
  };
}

/**
 * Each grant's ledger as the read model keeps it: the year's movements and the linked ones
 * of other years as they are, and everything else before and after the year as one row per
 * type (dated 31 December before, 1 January after; payouts before the year per centre
 * award). Same year balances, type totals and plausibility findings as the full ledger.
 */
export function compactLedgers(
  span: Span,
  moves: { inYear: MovementRecord[]; linked: MovementRecord[] },
  sums: readonly OutsideSum[],
  payoutsBefore: ReadonlyMap<number, { grantId: number; amountOre: number }>,
): Map<number, MovementRecord[]> {
  const left = new Map<string, OutsideSum>();
  const key = (grantId: number, type: string, before: boolean) => `${grantId}|${type}|${before}`;
  for (const r of sums) left.set(key(r.grantId, r.type, r.before), { ...r });
  const take = (grantId: number, type: string, before: boolean, ore: number, eur = 0) => {
    const r = left.get(key(grantId, type, before));
    if (r) {
      r.amountOre -= ore;
      r.eurCents -= eur;
    }
  };
  for (const m of moves.linked) {
    take(m.grantId, m.type, m.date < span.start, m.amountOre, m.amountEurCents ?? 0);
  }
  const payouts = new Map([...payoutsBefore].map(([a, p]) => [a, { ...p }]));
  for (const m of moves.linked) {
    const p = m.allocationId === null ? undefined : payouts.get(m.allocationId);
    if (p && m.type === 'paid_to_centre' && m.date < span.start) p.amountOre -= m.amountOre;
  }
  const rows: MovementRecord[] = [];
  let id = 0;
  for (const [allocationId, p] of payouts) {
    if (p.amountOre === 0) continue;
    take(p.grantId, 'paid_to_centre', true, p.amountOre);
    rows.push(
      sumRow(--id, p.grantId, `${span.year - 1}-12-31`, 'paid_to_centre', p.amountOre, {
        allocationId,
      }),
    );
  }
  for (const r of left.values()) {
    if (r.amountOre === 0 && r.eurCents === 0) continue;
    const date = r.before ? `${span.year - 1}-12-31` : `${span.year + 1}-01-01`;
    const eur = r.type === 'received' && r.eurCents !== 0 ? { amountEurCents: r.eurCents } : {};
    rows.push(sumRow(--id, r.grantId, date, r.type, r.amountOre, eur));
  }
  const all = [...rows, ...moves.linked, ...moves.inYear].sort((a, b) =>
    a.date < b.date ? -1 : a.date > b.date ? 1 : a.id - b.id,
  );
  return groupBy(all, (m) => m.grantId);
}
/** Each grant's figures for the year from its (compact) ledger and year split. */
