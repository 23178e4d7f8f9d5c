/**
 * Checks a generated data folder through the app itself: opened with `openDatabase`
 * (quick_check, migrations, foreign keys), balances from `balances.forGrant` against a SQL
 * sum of the ledger, `ledger_sums` against the ledger summed by SQL, `round_sums` against the
 * allocations and their payouts, a change-log row for
 * every write, closed years, the pages that read everything (dashboard, year-end overview)
 * loading through `dispatch` (which also checks
 * the output against the contract), and the generator's change-log rows shaped exactly like
 * the ones the services write (compared in a transaction that is rolled back).
 */
import path from 'node:path';
import { createDispatch } from '../../../src-main/transport/dispatch';
import { createHandlers } from '../../../src-main/transport/handlers';
import { DATA_FILE_NAME } from '../../../src-main/core';
import { openDatabase } from '../../../src-main/platform/database';
import { createServices } from '../../../src-main/services';
import { fixedClock, type ServiceContext } from '../../../src-main/platform/context';
import { ACTOR, FIRST_YEAR, GEN_TODAY, LAST_CLOSED_YEAR, LAST_YEAR, readGenInfo } from './generate';

export class GenerationInvalid extends Error {}

function fail(message: string): never {
  throw new GenerationInvalid(`Generert data er ugyldig: ${message}`);
}

const SIGNED = `sum(case when type in ('received','transfer_in','returned_by_centre') then amount_ore else -amount_ore end)`;

export interface VerifyResult {
  checkedGrants: number;
  auditRows: number;
  ms: number;
}

export async function verifyGenerated(dir: string): Promise<VerifyResult> {
  const started = performance.now();
  const file = path.join(dir, DATA_FILE_NAME);
  const opened = openDatabase(file, path.resolve('db/migrations'));
  const { sqlite } = opened;
  try {
    const ctx: ServiceContext = {
      db: opened.db,
      sqlite,
      clock: fixedClock(GEN_TODAY),
      actor: ACTOR,
    };
    const services = createServices(ctx);
    const dispatch = createDispatch(
      createHandlers(services, { appVersion: 'verify', dataFile: file, today: () => GEN_TODAY }),
      { error: () => {} },
    );
    const one = (sql: string, ...args: unknown[]) =>
      (sqlite.prepare(sql).get(...args) as { n: number | null }).n ?? 0;

    // Every write has its change-log rows.
    const missing = (entity: string, table: string, key: string, action: string) =>
      one(
        `select count(*) as n from ${table} t where not exists (select 1 from audit_log a
           where a.entity = '${entity}' and a.entity_id = t.${key} and a.action = '${action}')`,
      );
    const gaps: [string, number][] = [
      ['bevegelser uten endringslogg', missing('movement', 'movements', 'id', 'create')],
      [
        'tildelinger uten opprettelse i loggen',
        missing('allocation', 'allocations', 'id', 'create'),
      ],
      ['vedtak uten endringslogg', missing('allocation', 'allocations', 'id', 'update')],
      ['tilskudd uten opprettelse i loggen', missing('grant', 'grants', 'id', 'create')],
      ['tilskudd uten innvilgelse i loggen', missing('grant', 'grants', 'id', 'update')],
      [
        'sentre uten endringslogg',
        missing('centre', 'member_centres', 'organisation_id', 'create'),
      ],
      [
        'runder uten endringslogg',
        missing('allocation_round', 'allocation_rounds', 'id', 'create'),
      ],
    ];
    for (const [what, n] of gaps) if (n > 0) fail(`${n} ${what}`);
    const reportsWithoutLog = one(
      `select count(*) as n from allocations t where t.report_status = 'godkjent' and
         (select count(*) from audit_log a where a.entity = 'allocation' and a.entity_id = t.id and a.action = 'update') < 2`,
    );
    if (reportsWithoutLog > 0) fail(`${reportsWithoutLog} rapporter uten endringslogg`);

    // Years: closed where the data says so, each close logged.
    const closed = sqlite
      .prepare(`select year from fiscal_years where status = 'closed' order by year`)
      .all() as { year: number }[];
    const expected = Array.from(
      { length: LAST_CLOSED_YEAR - FIRST_YEAR + 1 },
      (_, i) => FIRST_YEAR + i,
    );
    if (closed.map((r) => r.year).join() !== expected.join()) {
      fail(`avsluttede år ${closed.map((r) => r.year).join(', ')}, ventet ${expected.join(', ')}`);
    }
    const closeLogs = one(`select count(*) as n from audit_log where entity = 'fiscal_year'`);
    if (closeLogs !== expected.length) fail(`${closeLogs} årsavslutninger i loggen`);

    // Balances: the service against a SQL sum, for a sample of grants incl. the largest.
    const ids = (sqlite.prepare('select id from grants order by id').all() as { id: number }[]).map(
      (r) => r.id,
    );
    const info = readGenInfo(dir);
    const hot = info.hotGrantId;
    const hotCount = one('select count(*) as n from movements where grant_id = ?', hot);
    const allCount = one('select count(*) as n from movements');
    if (hotCount < allCount * 0.045)
      fail(`det store tilskuddet har bare ${hotCount} av ${allCount} bevegelser`);
    const rounds = one('select count(*) as n from allocation_rounds');
    const hotRounds = one(
      'select count(distinct round_id) as n from allocations where centre_id = ?',
      info.hotCentreId,
    );
    if (hotRounds !== rounds)
      fail(`senteret ${info.hotCentreId} er med i ${hotRounds} av ${rounds} runder`);
    for (const [table, n] of Object.entries(info.counts)) {
      const now = one(`select count(*) as n from ${table}`);
      if (now !== n) fail(`${table} har ${now} rader, generatoren skrev ${n}`);
    }
    // The ledger's sums (kept by the trigger on movements during the bulk insert) equal the
    // ledger summed by SQL, row for row.
    const sumsOff = one(
      `select count(*) as n from (
         select grant_id, cast(substr(date, 1, 4) as integer) as year, type,
           coalesce(allocation_id, 0) as allocation_id, sum(amount_ore) as amount_ore,
           coalesce(sum(amount_eur_cents), 0) as eur_cents, count(*) as count,
           max(id) as last_movement_id
         from movements group by 1, 2, 3, 4
         except select grant_id, year, type, allocation_id, amount_ore, eur_cents, count,
           last_movement_id from ledger_sums)`,
    );
    const sumsRows = one('select count(*) as n from ledger_sums');
    const groups = one(
      `select count(*) as n from (select 1 from movements
         group by grant_id, substr(date, 1, 4), type, coalesce(allocation_id, 0))`,
    );
    if (sumsOff > 0 || sumsRows !== groups) {
      fail(
        `ledger_sums avviker fra bevegelsene (${sumsOff} ulike, ${sumsRows} av ${groups} rader)`,
      );
    }
    // round_sums: every round's totals equal its allocations and their payouts and returns.
    const roundsOff = one(
      `select count(*) as n from (
         select r.id,
           (select count(*) from allocations a where a.round_id = r.id),
           (select coalesce(sum(a.applied_ore), 0) from allocations a where a.round_id = r.id),
           (select coalesce(sum(a.awarded_ore), 0) from allocations a where a.round_id = r.id),
           (select coalesce(sum(m.amount_ore), 0) from allocations a
              cross join movements m on m.allocation_id = a.id
             where a.round_id = r.id and m.type = 'paid_to_centre'),
           (select coalesce(sum(m.amount_ore), 0) from allocations a
              cross join movements m on m.allocation_id = a.id
             where a.round_id = r.id and m.type = 'returned_by_centre')
         from allocation_rounds r
         except select round_id, centre_count, applied_ore, awarded_ore, paid_ore, returned_ore
           from round_sums)`,
    );
    const roundRows = one('select count(*) as n from round_sums');
    if (roundsOff > 0 || roundRows !== rounds) {
      fail(
        `round_sums avviker fra tildelingene (${roundsOff} ulike, ${roundRows} av ${rounds} rader)`,
      );
    }
    const step = Math.max(1, Math.floor(ids.length / 40));
    const sample = new Set([hot, ...ids.filter((_, i) => i % step === 0)]);
    for (const grantId of sample) {
      const r = await dispatch('balances.forGrant', { grantId });
      if (!r.ok) fail(`balances.forGrant(${grantId}): ${r.error.message}`);
      const rows = r.value as { year: number; closingOre: number }[];
      for (const row of rows) {
        const sum = one(
          `select ${SIGNED} as n from movements where grant_id = ? and date <= ?`,
          grantId,
          `${row.year}-12-31`,
        );
        if (sum !== row.closingOre) {
          fail(`tilskudd ${grantId} ${row.year}: saldo ${row.closingOre} ≠ SQL-sum ${sum}`);
        }
        if (row.closingOre < 0) fail(`tilskudd ${grantId} har negativ saldo i ${row.year}`);
        if (row.year <= LAST_CLOSED_YEAR && row.closingOre !== 0) {
          fail(`tilskudd ${grantId} har saldo ${row.closingOre} i det avsluttede året ${row.year}`);
        }
      }
    }

    // The pages that read everything load and match the contract.
    for (const [method, input] of [
      ['dashboard.summary', {}],
      ['yearEnd.overview', { year: LAST_YEAR - 1 }],
      ['yearEnd.overview', { year: LAST_YEAR }],
      ['grants.list', { year: LAST_YEAR }],
      ['rounds.list', {}],
    ] as const) {
      const r = await dispatch(method, input);
      if (!r.ok) fail(`${method}: ${r.error.message}`);
    }

    // Change-log shapes: the same writes through the services, in a transaction that is
    // rolled back, must log the same rows (entity, action, fields before and after) as the
    // generator logged for a generated record of the same kind.
    type LogRow = { entity: string; action: string; b: string | null; a: string | null };
    const signature = (rows: LogRow[]) =>
      rows
        .map((r) => {
          const keys = (json: string | null) =>
            json === null ? '-' : Object.keys(JSON.parse(json) as object).join(',');
          return `${r.entity}:${r.action}:${keys(r.b)}:${keys(r.a)}`;
        })
        .join('\n');
    const logOf = (pairs: [string, number][]) =>
      signature(
        sqlite
          .prepare(
            `select entity, action, before_json as b, after_json as a from audit_log
              where ${pairs.map(() => '(entity = ? and entity_id = ?)').join(' or ')} order by id`,
          )
          .all(...pairs.flat()) as LogRow[],
      );
    const maxLogId = () => one('select max(id) as n from audit_log');
    const logSince = (id: number) =>
      signature(
        sqlite
          .prepare(
            'select entity, action, before_json as b, after_json as a from audit_log where id > ? order by id',
          )
          .all(id) as LogRow[],
      );
    const idOf = (sql: string, ...args: unknown[]) => one(sql, ...args);

    const g = idOf(
      `select id as n from grants where edition_year = ? and id <> ? order by id desc limit 1`,
      LAST_YEAR,
      hot,
    );
    const r = idOf(
      `select r.id as n from allocation_rounds r join grants g on g.id = r.grant_id
        where g.edition_year = ? order by r.id desc limit 1`,
      LAST_YEAR,
    );
    const a = idOf(
      `select max(id) as n from allocations where round_id = ? and report_status = 'venter'`,
      r,
    );
    const reportedA = idOf(`select max(id) as n from allocations where report_status = 'godkjent'`);
    const m = idOf(
      `select max(id) as n from movements where grant_id = ? and type = 'own_costs'`,
      hot,
    );
    const c = idOf('select max(organisation_id) as n from member_centres');
    const generated: Record<string, string> = {
      centre: logOf([
        ['membership', idOf('select id as n from memberships where centre_id = ?', c)],
        ['centre', c],
      ]),
      grant: logOf([
        ['grant', g],
        ['grant_year_split', idOf('select id as n from grant_year_splits where grant_id = ?', g)],
      ]),
      round: logOf([['allocation_round', r]]),
      allocation: logOf([['allocation', a]]),
      report: logOf([['allocation', reportedA]]),
      movement: logOf([['movement', m]]),
    };
    const viaServices: Record<string, string> = {};
    const outsider = idOf(
      `select organisation_id as n from member_centres where organisation_id not in
         (select centre_id from allocations where round_id = ?) limit 1`,
      r,
    );
    const ROLLBACK = new Error('rollback');
    const write = (kind: string, run: () => void) => {
      const from = maxLogId();
      run();
      viaServices[kind] = logSince(from);
    };
    try {
      sqlite.transaction(() => {
        write('centre', () =>
          services.centres.create({
            name: 'Kontrollsenter for generatoren',
            driftsform: 'iks',
            region: 'nord',
            dailyLeader: null,
            contactEmail: 'post@kontroll.no',
            orgNumber: null,
            notes: null,
            // In an open year: a period reaching back into a closed year is refused (0010).
            joinedDate: `${LAST_YEAR}-01-01`,
          }),
        );
        const gRow = sqlite.prepare('select * from grants where id = ?').get(g) as {
          project_id: number;
          funder_id: number;
        };
        let newGrant = 0;
        write('grant', () => {
          newGrant = services.grants.create({
            projectId: gRow.project_id,
            funderId: gRow.funder_id,
            title: 'Kontrolltilskudd',
            schemeName: null,
            reference: null,
            editionYear: LAST_YEAR,
            appliedOre: 100_000,
            appliedDate: `${LAST_YEAR - 1}-10-01`,
            periodFrom: `${LAST_YEAR}-01-01`,
            periodTo: `${LAST_YEAR}-12-31`,
            activityFrom: null,
            activityTo: null,
            kssShareOre: null,
            adminRule: 'percent',
            adminBasisPoints: 500,
            adminFixedOre: null,
            notes: null,
            currency: 'NOK',
          }).id;
          for (const status of ['sokt', 'innvilget'] as const) {
            services.grants.setStatus({
              id: newGrant,
              status,
              awardedOre: status === 'innvilget' ? 100_000 : null,
              decisionDate: status === 'innvilget' ? `${LAST_YEAR}-01-05` : null,
              reference: status === 'innvilget' ? 'REF' : null,
              awardedEurCents: null,
              reason: null,
            });
          }
        });
        let newRound = 0;
        write('round', () => {
          newRound = services.rounds.create({
            grantId: newGrant,
            name: 'Kontrollrunde',
            applicationDeadline: `${LAST_YEAR}-02-01`,
            activityFrom: `${LAST_YEAR}-03-01`,
            activityTo: `${LAST_YEAR}-12-31`,
            reportDeadline: `${LAST_YEAR + 1}-04-30`,
            notes: null,
          }).id;
        });
        write('allocation', () => {
          services.allocations.saveApplications({
            roundId: newRound,
            rows: [
              {
                centreId: outsider,
                appliedOre: 1000,
                purpose: 'Kontroll',
                expectedParticipants: 5,
                receivedDate: `${LAST_YEAR}-01-20`,
              },
            ],
          });
          const id = one('select max(id) as n from allocations');
          services.allocations.decide({
            roundId: newRound,
            decisionDate: `${LAST_YEAR}-02-15`,
            awards: [{ allocationId: id, awardedOre: 1000, overrideReason: null }],
          } as never);
        });
        write('report', () => {
          services.allocations.saveApplications({
            roundId: newRound,
            rows: [
              {
                centreId: c,
                appliedOre: 1000,
                purpose: 'Kontroll',
                expectedParticipants: 5,
                receivedDate: `${LAST_YEAR}-01-20`,
              },
            ],
          });
          const id = one('select max(id) as n from allocations');
          services.allocations.decide({
            roundId: newRound,
            decisionDate: `${LAST_YEAR}-02-15`,
            awards: [{ allocationId: id, awardedOre: 1000, overrideReason: null }],
          } as never);
          services.centreReports.record({
            allocationId: id,
            reportReceivedDate: GEN_TODAY,
            spentOre: 1000,
            participantsReached: 5,
            reportText: 'Kontroll',
            reportStatus: 'godkjent',
          } as never);
        });
        write('movement', () =>
          services.movements.record({
            grantId: hot,
            type: 'own_costs',
            date: GEN_TODAY,
            amountEurCents: null,
            acknowledgeWarnings: false,
            reason: null,
            amountOre: 100,
            voucherRef: 'B-kontroll',
            note: null,
          }),
        );
        throw ROLLBACK;
      })();
    } catch (error) {
      if (error !== ROLLBACK) throw error;
    }
    for (const [kind, rows] of Object.entries(generated)) {
      const real = viaServices[kind];
      if (real !== rows) {
        fail(
          `endringsloggen for «${kind}» skiller seg fra det tjenestene skriver.\nGenerert:\n${rows}\nTjenestene:\n${real ?? '(ingenting)'}`,
        );
      }
    }

    return {
      checkedGrants: sample.size,
      auditRows: one('select count(*) as n from audit_log'),
      ms: performance.now() - started,
    };
  } finally {
    opened.close();
  }
}
