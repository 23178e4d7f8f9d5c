/**
 * `movements.list` paged by the server (issue 14): one page of a grant's ledger in the order
 * it has always had (date, then id), with the balance after each movement, and the count and
 * sums over the whole ledger. Two statements whatever the ledger's size:
 *
 * - whether the grant exists, and the totals from `ledger_sums` (the ledger summed per grant, year, type and centre award,
 *   kept by a trigger), never the movements themselves;
 * - the page: its ids from the covering index `movements(grant_id, date)` (+ the rowid, so
 *   the order date, id is the index's own); the balance before the page's first movement,
 *   as the earlier years from `ledger_sums` plus that year's movements before it (a range
 *   of the covering index `movements(grant_id, type, date, amount_ore)`); a window sum over
 *   the page's rows on top of it; the transfer's other grant and the reversal joined per row.
 */
import type { Output, ParsedInput } from '../../src-shared/api/contract';
import { notFound } from '../../src-shared/api/errors';
import { MOVEMENT_SIGN } from '../../src-shared/grants/rules';
import type { ServiceContext } from '../platform/context';

type MovementType = keyof typeof MOVEMENT_SIGN;
type Answer = Output<'movements.list'>;

const typesOfSign = (sign: 1 | -1) =>
  (Object.keys(MOVEMENT_SIGN) as MovementType[])
    .filter((t) => MOVEMENT_SIGN[t] === sign)
    .map((t) => `'${t}'`)
    .join(', ');
const IN_TYPES = typesOfSign(1);
const OUT_TYPES = typesOfSign(-1);
/** Every type: lets SQLite range-scan `movements(grant_id, type, date, amount_ore)` by date. */
const ALL_TYPES = `${IN_TYPES}, ${OUT_TYPES}`;

/** The signed amount of a movement (as `signedAmount` in rules.ts), for the alias `m`. */
const SIGNED = (m: string) =>
  `case when ${m}.type in (${IN_TYPES}) then ${m}.amount_ore else -${m}.amount_ore end`;

/** Exported for the bench's raw-SQL twin of the call (tests/bench/calls.ts). */
export const TOTALS_SQL = `select exists (select 1 from grants where id = @grantId) as found,
    coalesce(sum(count), 0) as total,
    coalesce(sum(case when type in (${IN_TYPES}) then amount_ore else 0 end), 0) as inOre,
    coalesce(sum(case when type in (${OUT_TYPES}) then amount_ore else 0 end), 0) as outOre
  from ledger_sums where grant_id = @grantId`;

export const PAGE_SQL = `with page as (
      select id, date from movements where grant_id = @grantId
       order by date, id limit @limit offset @offset),
    first as (select date, id from page order by date, id limit 1),
    before as (
      select (select coalesce(sum(${SIGNED('s')}), 0) from ledger_sums s
               where s.grant_id = @grantId and s.year < cast(substr(f.date, 1, 4) as integer))
           + (select coalesce(sum(${SIGNED('b')}), 0) from movements b
               where b.grant_id = @grantId and b.type in (${ALL_TYPES})
                 and b.date >= substr(f.date, 1, 4) || '-01-01' and b.date <= f.date
                 and (b.date < f.date or b.id < f.id)) as ore
        from first f)
  select m.id, m.grant_id as grantId, m.date, m.type, m.amount_ore as amountOre,
    m.voucher_ref as voucherRef, m.note,
    coalesce(c.grant_id, p.grant_id) as counterpartGrantId, og.title as counterpartGrantTitle,
    m.approval_ref as approvalRef, m.approval_date as approvalDate,
    m.reverses_id as reversesId, r.id as reversedById, m.corrects_id as correctsId,
    m.reason, m.centre_id as centreId, m.amount_eur_cents as amountEurCents,
    m.created_at_ms as createdAtMs, m.actor,
    (select ore from before) + sum(${SIGNED('m')}) over (order by m.date, m.id) as balanceOre
  from page join movements m on m.id = page.id
    left join movements c on c.id = m.counterpart_id
    left join movements p on p.counterpart_id = m.id
    left join movements r on r.reverses_id = m.id
    left join grants og on og.id = coalesce(c.grant_id, p.grant_id)
  order by m.date, m.id`;

/** One page of the grant's ledger, oldest first, with totals over all of it. */
export function listMovementsPaged(
  ctx: ServiceContext,
  input: ParsedInput<'movements.list'>,
): Answer {
  const sums = ctx.sqlite.prepare(TOTALS_SQL).get({ grantId: input.grantId }) as {
    found: 0 | 1;
    total: number;
    inOre: number;
    outOre: number;
  };
  if (!sums.found) throw notFound(`Fant ikke tilskuddet (id ${input.grantId}).`);
  const rows = ctx.sqlite.prepare(PAGE_SQL).all({
    grantId: input.grantId,
    limit: input.pageSize,
    offset: (input.page - 1) * input.pageSize,
  }) as Answer['rows'];
  return {
    rows,
    total: sums.total,
    totals: { inOre: sums.inOre, outOre: sums.outOre, balanceOre: sums.inOre - sums.outOre },
    page: input.page,
    pageSize: input.pageSize,
  };
}
