/**
 * The former JavaScript implementation of `centres.list` (before paging in SQL, issue 14),
 * kept as the reference the SQL answer is compared with row for row, and a deterministic
 * variation of the membership history that gives the comparison something to compare.
 * Used by tests/services/centres-list-paged.test.ts and scripts run on the 100× data.
 */
import type Database from 'better-sqlite3';
import type { CentreSummary } from '../../src-shared/api/contract';
import {
  isMemberInYear,
  isMemberOn,
  type Driftsform,
  type Region,
} from '../../src-shared/registry/centres';
import { nameKey } from '../../src-main/platform/context';

export type Filters = {
  search?: string;
  region?: Region;
  driftsform?: Driftsform;
  memberInYear?: number;
  asOf?: string;
};

/** The former implementation of centres.list (before paging), row for row. */
export function reference(
  sqlite: Database.Database,
  input: Filters,
  today: string,
): CentreSummary[] {
  const order = new Intl.Collator('nb-NO', { sensitivity: 'base', numeric: true });
  const rows = sqlite
    .prepare(
      `select o.id, o.name, o.org_number as orgNumber, mc.driftsform, mc.region,
         mc.daily_leader as dailyLeader, mc.contact_email as contactEmail
       from member_centres mc join organisations o on o.id = mc.organisation_id`,
    )
    .all() as Omit<CentreSummary, 'isMember' | 'joinedDate' | 'leftDate'>[];
  const periods = sqlite
    .prepare(
      `select centre_id as centreId, joined_date as joinedDate, left_date as leftDate
         from memberships order by joined_date, id`,
    )
    .all() as { centreId: number; joinedDate: string; leftDate: string | null }[];
  const asOf = input.asOf ?? today;
  const needle = input.search ? nameKey(input.search) : null;
  return rows
    .filter((r) => (input.region ? r.region === input.region : true))
    .filter((r) => (input.driftsform ? r.driftsform === input.driftsform : true))
    .sort((a, b) => order.compare(a.name, b.name) || a.id - b.id)
    .filter((r) => (needle ? nameKey(r.name).includes(needle) : true))
    .map((r) => ({ r, own: periods.filter((p) => p.centreId === r.id) }))
    .filter(({ own }) => (input.memberInYear ? isMemberInYear(own, input.memberInYear) : true))
    .map(({ r, own }) => {
      const latest = own[own.length - 1];
      return {
        ...r,
        isMember:
          input.memberInYear && !input.asOf
            ? isMemberInYear(own, input.memberInYear)
            : isMemberOn(own, asOf),
        joinedDate: latest?.joinedDate ?? null,
        leftDate: latest?.leftDate ?? null,
      };
    });
}

/** A small deterministic generator (mulberry32). */
function prng(seed: number) {
  let s = seed;
  return () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Varies the generated membership history: per centre none, one open, one ended, one with
 * an announced end, or two or three periods with gaps; leaders on some centres.
 */
export function varyHistory(sqlite: Database.Database) {
  const random = prng(14);
  const ids = (
    sqlite.prepare('select organisation_id as id from member_centres').all() as { id: number }[]
  ).map((r) => r.id);
  const insert = sqlite.prepare(
    `insert into memberships (centre_id, joined_date, left_date, note, created_at_ms)
     values (?, ?, ?, null, 0)`,
  );
  const day = (y: number) =>
    `${y}-${String(1 + Math.floor(random() * 12)).padStart(2, '0')}-${String(1 + Math.floor(random() * 28)).padStart(2, '0')}`;
  // History is rewritten behind closed years here (test data only): the year locks'
  // triggers are set aside for it and put back as they were.
  const locks = sqlite
    .prepare(
      `select name, sql from sqlite_master where type = 'trigger' and tbl_name = 'memberships'`,
    )
    .all() as { name: string; sql: string }[];
  if (locks.length === 0) throw new Error('no year-lock triggers on memberships');
  sqlite.transaction(() => {
    for (const t of locks) sqlite.exec(`drop trigger ${t.name}`);
    sqlite.prepare('delete from memberships').run();
    for (const id of ids) {
      const kind = Math.floor(random() * 6);
      let year = 2012 + Math.floor(random() * 8);
      for (let n = 0; n < kind && n < 3; n++) {
        const joined = day(year);
        year += 1 + Math.floor(random() * 4);
        const open = n === kind - 1 && random() < 0.5;
        const left = open ? null : day(year);
        insert.run(id, joined, left);
        year += 1 + Math.floor(random() * 2);
      }
      if (kind === 5) insert.run(id, joined2(id), null);
      const leader = random() < 0.4 ? `Leder ${Math.floor(random() * 50)}` : null;
      sqlite
        .prepare('update member_centres set daily_leader = ? where organisation_id = ?')
        .run(leader, id);
    }
    for (const t of locks) sqlite.exec(t.sql);
  })();
  /** A second centre-specific open period far after the others. */
  function joined2(id: number) {
    return `2031-0${1 + (id % 9)}-15`;
  }
}
