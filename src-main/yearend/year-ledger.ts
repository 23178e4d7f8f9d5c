/**
 * The ledger part of the year's read model (issue 14): the year's movements as they are, the
 * movements of other years linked to them, and everything else before and after the year as
 * SQL sums per grant and type (and per centre award), so the year-end page and exports cost
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

const MOVEMENT_COLUMNS = columnsOf(movements, 'm');

/** A movement row as an object literal of a fixed shape (fast to read in the loops below). */
function movementOf(r: MovementRecord): MovementRecord {
  return {
    id: r.id,
    grantId: r.grantId,
    date: r.date,
    type: r.type,
    amountOre: r.amountOre,
    voucherRef: r.voucherRef,
    note: r.note,
    counterpartId: r.counterpartId,
    approvalRef: r.approvalRef,
    approvalDate: r.approvalDate,
    reversesId: r.reversesId,
    correctsId: r.correctsId,
    reason: r.reason,
    centreId: r.centreId,
    allocationId: r.allocationId,
    amountEurCents: r.amountEurCents,
    createdAtMs: r.createdAtMs,
    actor: r.actor,
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
    .all(range) as MovementRecord[];
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
      .all({ ...range, ids: JSON.stringify(pointedAt) }) as MovementRecord[]
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
 * Every grant's movements before and after the year, summed per type by SQLite (one pass
 * over the covering `movements(grant_id, type, date, amount_ore)` index, in its order), and the euro cents
 * received by grants in EUR (their receipts only).
 */
export function outsideSums(ctx: ServiceContext, span: Span): OutsideSum[] {
  const rows = ctx.sqlite
    .prepare(
      `select grant_id as grantId, type,
         coalesce(sum(case when date < @start then amount_ore end), 0) as beforeOre,
         coalesce(sum(case when date > @end then amount_ore end), 0) as afterOre
         from movements group by grant_id, type`,
    )
    .all({ start: span.start, end: span.end }) as {
    grantId: number;
    type: MovementRecord['type'];
    beforeOre: number;
    afterOre: number;
  }[];
  const euro = new Map(
    (
      ctx.sqlite
        .prepare(
          `select m.grant_id as grantId, m.date < @start as before,
             coalesce(sum(m.amount_eur_cents), 0) as cents
           from grants g join movements m on m.grant_id = g.id and m.type = 'received'
          where g.currency = 'EUR' and (m.date < @start or m.date > @end)
          group by m.grant_id, m.date < @start`,
        )
        .all({ start: span.start, end: span.end }) as {
        grantId: number;
        before: number;
        cents: number;
      }[]
    ).map((e) => [`${e.grantId}|${e.before}`, e.cents] as const),
  );
  return rows.flatMap(({ grantId, type, beforeOre, afterOre }) =>
    [true, false].map((before) => ({
      grantId,
      type,
      before,
      amountOre: before ? beforeOre : afterOre,
      eurCents: type === 'received' ? (euro.get(`${grantId}|${before ? 1 : 0}`) ?? 0) : 0,
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

/** Each centre award's cash from the ledger, in total, in the year and before it (one statement). */
export function allocationCashForYear(
  ctx: ServiceContext,
  span: Span,
): Map<number, AllocationYearCash> {
  const inYear = `date >= @start and date <= @end`;
  const rows = ctx.sqlite
    .prepare(
      `select allocation_id as id,
         sum(case when type = 'paid_to_centre' then amount_ore else 0 end) as paidTotalOre,
         sum(case when type = 'returned_by_centre' then amount_ore else 0 end) as returnedTotalOre,
         sum(case when type = 'paid_to_centre' and ${inYear} then amount_ore else 0 end) as paidInYearOre,
         sum(case when type = 'returned_by_centre' and ${inYear} then amount_ore else 0 end) as returnedInYearOre,
         max(case when type = 'paid_to_centre' and ${inYear} and amount_ore > 0 then date end) as lastPaidInYear,
         max(case when ${inYear} then 1 else 0 end) as movedInYear,
         sum(case when type = 'paid_to_centre' and date < @start then amount_ore else 0 end) as paidBeforeOre
       from movements indexed by movements_allocation_id_type_date_amount_ore_idx
       where allocation_id is not null and type in ('paid_to_centre', 'returned_by_centre')
       group by allocation_id`,
    )
    .all({ start: span.start, end: span.end }) as (Omit<AllocationYearCash, 'movedInYear'> & {
    id: number;
    movedInYear: number;
  })[];
  return new Map(rows.map(({ id, ...c }) => [id, { ...c, movedInYear: c.movedInYear === 1 }]));
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
