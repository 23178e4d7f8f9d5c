/**
 * A round with what its summary and its pot need from its grant, in one statement prepared
 * once per connection (issue 14): `rounds.get` and the answer of every round write. The pot is
 * `grantMoneyOf(...).availableOre` as `potOf` computes it: the grant's base less the admin
 * share, plus transfers in (summed per year and type in `ledger_sums`), less the awards of the
 * grant's other rounds.
 */
import type Database from 'better-sqlite3';
import type { allocationRounds } from '../../db/schema';
import { grantMoneyOf, type GrantMoneyBasis } from '../../src-shared/grants/rules';

export interface RoundHead {
  round: typeof allocationRounds.$inferSelect;
  grantTitle: string;
  funderName: string;
  potOre: number;
}

const SQL = `select r.id, r.grant_id as grantId, r.name, r.application_deadline as applicationDeadline,
    r.activity_from as activityFrom, r.activity_to as activityTo,
    r.report_deadline as reportDeadline, r.notes, r.created_at_ms as createdAtMs,
    r.updated_at_ms as updatedAtMs,
    g.title as grantTitle, f.name as funderName, p.kss_role as kssRole,
    g.awarded_ore as awardedOre, g.kss_share_ore as kssShareOre, g.admin_rule as adminRule,
    g.admin_basis_points as adminBasisPoints, g.admin_fixed_ore as adminFixedOre,
    (select coalesce(sum(s.amount_ore), 0) from ledger_sums s
      where s.grant_id = r.grant_id and s.type = 'transfer_in') as transferInOre,
    (select coalesce(sum(a.awarded_ore), 0) from allocation_rounds o
      join allocations a on a.round_id = o.id
      where o.grant_id = r.grant_id and o.id <> r.id) as otherAwardsOre
  from allocation_rounds r
    join grants g on g.id = r.grant_id
    join projects p on p.id = g.project_id
    join organisations f on f.id = g.funder_id
  where r.id = ?`;

type Row = RoundHead['round'] &
  GrantMoneyBasis & {
    grantTitle: string;
    funderName: string;
    transferInOre: number;
    otherAwardsOre: number;
  };

const statements = new WeakMap<Database.Database, Database.Statement>();

/** The round, its grant's title and funder and its pot; undefined when the round does not exist. */
export function roundHead(sqlite: Database.Database, id: number): RoundHead | undefined {
  let stmt = statements.get(sqlite);
  if (!stmt) {
    stmt = sqlite.prepare(SQL);
    statements.set(sqlite, stmt);
  }
  const row = stmt.get(id) as Row | undefined;
  if (!row) return undefined;
  const {
    grantTitle,
    funderName,
    transferInOre,
    otherAwardsOre,
    kssRole,
    awardedOre,
    kssShareOre,
    adminRule,
    adminBasisPoints,
    adminFixedOre,
    ...round
  } = row;
  const basis = { kssRole, awardedOre, kssShareOre, adminRule, adminBasisPoints, adminFixedOre };
  const transfers = [{ date: '', type: 'transfer_in' as const, amountOre: transferInOre }];
  return {
    round,
    grantTitle,
    funderName,
    potOre: grantMoneyOf(basis, transfers, otherAwardsOre).availableOre,
  };
}
