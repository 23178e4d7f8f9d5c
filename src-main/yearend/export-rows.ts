/**
 * The year's movements for the accountant's exports (the workbook's «Bevegelser» sheet and
 * the accounting CSV), read from SQLite one row at a time: each row carries what the export
 * shows beside the movement (its grant's title, project number and funder type, the centre's
 * name, the movement that reverses it and the other leg of a transfer), joined in SQL, so the
 * export never holds the year's movements, nor the whole ledger, in memory.
 *
 * Rows come by date, then id (the order of the year model's `movementsInYear`). While the
 * iterator is open the connection runs nothing else, so a caller reads it to the end without
 * awaiting anything in between.
 */
import type { FunderType, MovementType } from '../../src-shared/grants/rules';
import type { ServiceContext } from '../platform/context';

export interface ExportMovementRow {
  id: number;
  date: string;
  type: MovementType;
  amountOre: number;
  voucherRef: string | null;
  note: string | null;
  grantId: number;
  centreId: number | null;
  reversesId: number | null;
  approvalRef: string | null;
  approvalDate: string | null;
  /** The grant's title, project number and funder type (null only for a grant without them). */
  grantTitle: string | null;
  projectNumber: string | null;
  funderType: FunderType | null;
  /** The centre's name when `centreId` is a member centre. */
  centreName: string | null;
  /** The movement that reverses this one (at most one: `reverses_id` is unique). */
  reversedById: number | null;
  /** The other leg of a transfer: the movement this one points at, or the one pointing here. */
  counterpartId: number | null;
  counterpartGrantTitle: string | null;
}

const ROWS_SQL = `
  select m.id, m.date, m.type, m.amount_ore as amountOre, m.voucher_ref as voucherRef, m.note,
         m.grant_id as grantId, m.centre_id as centreId, m.reverses_id as reversesId,
         m.approval_ref as approvalRef, m.approval_date as approvalDate,
         g.title as grantTitle, p.project_number as projectNumber, f.funder_type as funderType,
         (select o.name from member_centres mc join organisations o on o.id = mc.organisation_id
           where mc.organisation_id = m.centre_id) as centreName,
         (select r.id from movements r where r.reverses_id = m.id) as reversedById,
         cp.id as counterpartId, cg.title as counterpartGrantTitle
    from movements m
    left join grants g on g.id = m.grant_id
    left join projects p on p.id = g.project_id
    left join funders f on f.organisation_id = g.funder_id
    left join movements cp on cp.id = coalesce(
           m.counterpart_id,
           (select c.id from movements c where c.counterpart_id = m.id
             order by c.grant_id desc, c.date desc, c.id desc limit 1))
    left join grants cg on cg.id = cp.grant_id
   where m.date >= :start and m.date <= :end
   order by m.date, m.id`;

/** The movements dated in `year`, one at a time, by date then id. */
export function iterateYearMovements(
  ctx: ServiceContext,
  year: number,
): IterableIterator<ExportMovementRow> {
  return ctx.sqlite.prepare(ROWS_SQL).iterate({
    start: `${year}-01-01`,
    end: `${year}-12-31`,
  }) as IterableIterator<ExportMovementRow>;
}
