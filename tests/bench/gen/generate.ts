/**
 * Deterministic data generator for benchmarks and scale tests (issue 14).
 *
 * Scale 1 is about KSS's real size spread over ten fiscal years (2016–2025): 25 member
 * centres, 20 grants, 160 allocations, 2 000 movements. Scale 100: 2 500 centres, 2 000
 * grants, 16 000 allocations, 200 000 movements, about 265 000 change-log rows, one «hot»
 * grant holding 5 % of the movements and one centre in every allocation round.
 *
 * The file is created and migrated by the app's own `openDatabase`. Registry records and
 * grants (a few thousand) go through the real services, so their change-log rows are exactly
 * what the app writes. Allocations and movements (the bulk) are written with prepared
 * INSERTs; their change-log rows use the services' own audit views and the same row shapes
 * (`verifyGenerated` compares them with rows the services write, in a rolled-back
 * transaction). Everything runs in one transaction; years 2016–2023 are closed (after their
 * data is in, as the triggers of migration 0006 demand), 2024 is open in year-end, 2025 is
 * the current year.
 */
import fs from 'node:fs';
import path from 'node:path';
import { getTableColumns } from 'drizzle-orm';
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';
import { allocationRounds, allocations, grants, movements } from '../../../db/schema';
import type { Input, Method } from '../../../src-shared/api/contract';
import { createDispatch, type Dispatch } from '../../../src-main/transport/dispatch';
import { createHandlers } from '../../../src-main/transport/handlers';
import { DATA_FILE_NAME } from '../../../src-main/core';
import { openDatabase, type OpenedDatabase } from '../../../src-main/platform/database';
import { createServices, type Services } from '../../../src-main/services';
import { allocationAuditView, roundAuditView } from '../../../src-main/allocations/queries';
import { grantAuditView } from '../../../src-main/grants/queries';
import { nameKey } from '../../../src-main/platform/context';
import type { Clock, ServiceContext } from '../../../src-main/platform/context';
import { isoDateFromMs, type IsoDate } from '../../../src-shared/kernel/dates';

export const FIRST_YEAR = 2016;
export const LAST_YEAR = 2025;
/** Years up to and including this one are closed. */
export const LAST_CLOSED_YEAR = 2023;
/** The date the generated data «is» on (and the date the bench runs the app on). */
export const GEN_TODAY = '2025-11-15';
export const ACTOR = 'administrasjonsleder';

export interface GenOptions {
  scale: number;
  /** Data folder; `tilskudd.sqlite` is written into it (an existing one is replaced). */
  out: string;
  seed?: number;
  /** Progress lines on stdout. */
  log?: (line: string) => void;
}

export interface GenResult {
  file: string;
  ms: number;
  counts: Record<string, number>;
  hotGrantId: number;
  hotCentreId: number;
  /** Change-log rows the generator wrote or caused (checked against the table). */
  auditRows: number;
}

/** mulberry32: small, fast, good enough for test data. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A clock the generator moves forward as it writes the years. */
export interface MovableClock extends Clock {
  set(iso: IsoDate, seq?: number): void;
}

export function msOf(iso: string, seq = 0): number {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return new Date(y, m - 1, d, 12).getTime() + seq;
}

function movableClock(start: IsoDate): MovableClock {
  let ms = msOf(start);
  return {
    nowMs: () => ms,
    today: () => isoDateFromMs(ms) as IsoDate,
    set: (iso, seq = 0) => {
      ms = msOf(iso, seq);
    },
  };
}

type Row = Record<string, unknown>;
const pad = (n: number) => String(n).padStart(2, '0');
const dateOf = (year: number, month: number, day: number) => `${year}-${pad(month)}-${pad(day)}`;

/** Column keys (camelCase, schema order) and SQL names of a table. */
function columnsOf(table: SQLiteTable): { keys: string[]; names: string[] } {
  const cols = Object.entries(getTableColumns(table));
  return { keys: cols.map(([k]) => k), names: cols.map(([, c]) => c.name) };
}

const FUNDER_NAMES: readonly [string, Input<'funders.create'>['funderType']][] = [
  ['Gjensidigestiftelsen', 'stiftelse'],
  ['Sparebankstiftelsen DNB', 'stiftelse'],
  ['Bufdir', 'direktorat'],
  ['Sekretariatet for konfliktrådene', 'direktorat'],
  ['Justis- og beredskapsdepartementet', 'departement'],
  ['Kriminalomsorgsdirektoratet', 'direktorat'],
  ['Council of the Baltic Sea States', 'internasjonal'],
];
const PROJECT_NAMES: readonly string[] = [
  'Sommeraksjonen',
  'Juleaksjonen',
  'KjøkkenKultur – Mat for Mestring',
  'Taushet tar liv',
  'Se sammenhengen',
  'Vold avler vold',
  'VO-linjen',
  'ROSA',
];
const DRIFT = ['kommunalt', 'iks', 'stiftelse', 'ideell'] as const;
const REGIONS = ['sor-ost', 'nord', 'midt-vest'] as const;

/** Sizes at a scale (at least a handful of each so small scales stay meaningful). */
export function sizesFor(scale: number) {
  const grants = Math.max(10, Math.round(20 * scale));
  return {
    centres: Math.max(21, Math.round(25 * scale)),
    funders: Math.max(FUNDER_NAMES.length, Math.round(7 * Math.sqrt(scale) * 1.5)),
    projects: Math.max(PROJECT_NAMES.length, Math.round(grants / 10)),
    grants,
    /** 40 % of the grants pass money on to centres in one round each. */
    roundGrants: Math.max(3, Math.round(grants * 0.4)),
    allocations: Math.max(40, Math.round(160 * scale)),
    movements: Math.max(400, Math.round(2000 * scale)),
  };
}

interface PlannedGrant {
  index: number;
  year: number;
  projectIndex: number;
  funderIndex: number;
  awardedOre: number;
  forvalter: boolean;
  hot: boolean;
  ownCosts: number;
}

async function must<M extends Method>(dispatch: Dispatch, method: M, input: Input<M>) {
  const r = await dispatch(method, input);
  if (!r.ok) throw new Error(`${method} feilet under generering: ${r.error.message}`);
  return r.value as { id: number };
}

/**
 * Writes a generated data folder. Throws when anything fails; call `verifyGenerated` after.
 */
export async function generate(options: GenOptions): Promise<GenResult> {
  const started = performance.now();
  const logLine = options.log ?? (() => {});
  const log = (line: string) => logLine(`${line} (${Math.round(performance.now() - started)} ms)`);
  const rand = prng(options.seed ?? 14);
  const int = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
  const size = sizesFor(options.scale);
  fs.mkdirSync(options.out, { recursive: true });
  const file = path.join(options.out, DATA_FILE_NAME);
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(file + suffix, { force: true });

  const opened = openDatabase(file, path.resolve('db/migrations'));
  const { sqlite } = opened;
  // Generation only: one big transaction, no fsync per page. The bench reopens the file
  // with the app's own settings.
  sqlite.pragma('synchronous = OFF');
  sqlite.pragma('cache_size = -200000');
  const clock = movableClock(`${FIRST_YEAR - 1}-12-01`);
  const ctx: ServiceContext = { db: opened.db, sqlite, clock, actor: ACTOR };
  const services = createServices(ctx);
  const dispatch = createDispatch(
    createHandlers(services, { appVersion: 'gen', dataFile: file, today: () => clock.today() }),
    { error: (m, d) => console.error(m, d) },
  );

  const auditInsert = sqlite.prepare(
    `insert into audit_log (at_ms, actor, entity, entity_id, action, before_json, after_json, reason)
     values (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  let rawAudit = 0;
  const audit = (
    atMs: number,
    entity: string,
    id: number,
    action: 'create' | 'update',
    before: unknown,
    after: unknown,
    reason: string | null = null,
  ) => {
    auditInsert.run(
      atMs,
      ACTOR,
      entity,
      id,
      action,
      before === undefined ? null : JSON.stringify(before),
      after === undefined ? null : JSON.stringify(after),
      reason,
    );
    rawAudit += 1;
  };

  const movCols = columnsOf(movements);
  const movInsert = sqlite.prepare(
    `insert into movements (${movCols.names.slice(1).join(', ')}) values (${movCols.names
      .slice(1)
      .map(() => '?')
      .join(', ')})`,
  );
  const allocCols = columnsOf(allocations);
  const allocInsert = sqlite.prepare(
    `insert into allocations (${allocCols.names.slice(1).join(', ')}) values (${allocCols.names
      .slice(1)
      .map(() => '?')
      .join(', ')})`,
  );
  const insertFor = (table: SQLiteTable, name: string) => {
    const cols = columnsOf(table);
    return {
      cols,
      stmt: sqlite.prepare(
        `insert into ${name} (${cols.names.slice(1).join(', ')}) values (${cols.names
          .slice(1)
          .map(() => '?')
          .join(', ')})`,
      ),
    };
  };
  const { cols: grantCols, stmt: grantInsert } = insertFor(grants, 'grants');
  const { cols: roundCols, stmt: roundInsert } = insertFor(allocationRounds, 'allocation_rounds');
  const splitInsert = sqlite.prepare(
    'insert into grant_year_splits (grant_id, year, amount_ore, confirmed) values (?, ?, ?, 1)',
  );
  const full = (keys: string[], values: Record<string, unknown>) => {
    const row: Record<string, unknown> = {};
    for (const k of keys) row[k] = values[k] ?? null;
    return row;
  };

  let movementCount = 0;
  const voucher = new Map<number, number>();
  const move = (
    grantId: number,
    date: string,
    type: (typeof movements.$inferSelect)['type'],
    amountOre: number,
    extra: { centreId?: number; allocationId?: number; note?: string } = {},
  ) => {
    const year = Number(date.slice(0, 4));
    const v = (voucher.get(year) ?? 0) + 1;
    voucher.set(year, v);
    const createdAtMs = msOf(date, v);
    const values = full(movCols.keys, {
      grantId,
      date,
      type,
      amountOre,
      voucherRef: `B-${year}-${v}`,
      note: extra.note ?? null,
      centreId: extra.centreId ?? null,
      allocationId: extra.allocationId ?? null,
      createdAtMs,
      actor: ACTOR,
    });
    const id = Number(
      movInsert.run(...movCols.keys.slice(1).map((k) => values[k])).lastInsertRowid,
    );
    values.id = id;
    audit(createdAtMs, 'movement', id, 'create', undefined, values);
    movementCount += 1;
    return id;
  };

  const result = await (async () => {
    sqlite.exec('begin');
    try {
      // ------------------------------------------------------------ registry (services)
      clock.set(`${FIRST_YEAR - 1}-12-01`);
      // Centres: organisation, centre role and first membership, logged as centres.create does.
      const orgInsert = sqlite.prepare(
        `insert into organisations (name, name_key, org_number, website, notes, created_at_ms, updated_at_ms)
         values (?, ?, null, null, null, ?, ?)`,
      );
      const centreInsert = sqlite.prepare(
        `insert into member_centres (organisation_id, driftsform, region, daily_leader, contact_email)
         values (?, ?, ?, null, ?)`,
      );
      const membershipInsert = sqlite.prepare(
        `insert into memberships (centre_id, joined_date, left_date, note, created_at_ms)
         values (?, '2010-01-01', null, null, ?)`,
      );
      const centreIds: number[] = [];
      for (let i = 1; i <= size.centres; i++) {
        const at = msOf(`${FIRST_YEAR - 1}-12-01`, i);
        const name = `Krisesenter nr. ${i}`;
        const driftsform = DRIFT[i % DRIFT.length]!;
        const region = REGIONS[i % REGIONS.length]!;
        const contactEmail = `post@senter${i}.no`;
        const id = Number(orgInsert.run(name, nameKey(name), at, at).lastInsertRowid);
        centreInsert.run(id, driftsform, region, contactEmail);
        const m = Number(membershipInsert.run(id, at).lastInsertRowid);
        audit(at, 'membership', m, 'create', undefined, {
          id: m,
          centreId: id,
          joinedDate: '2010-01-01',
          leftDate: null,
          note: null,
          createdAtMs: at,
        });
        audit(at, 'centre', id, 'create', undefined, {
          id,
          name,
          orgNumber: null,
          notes: null,
          driftsform,
          region,
          dailyLeader: null,
          contactEmail,
        });
        centreIds.push(id);
      }
      log(`  ${centreIds.length} sentre`);
      const funderIds: number[] = [];
      for (let i = 0; i < size.funders; i++) {
        const [name, funderType] = FUNDER_NAMES[i] ?? [`Stiftelse nr. ${i + 1}`, 'stiftelse'];
        const f = await must(dispatch, 'funders.create', {
          name,
          funderType,
          orgNumber: null,
          website: null,
          notes: null,
        });
        funderIds.push(f.id);
      }
      const projectIds: number[] = [];
      const projectForvalter: boolean[] = [];
      for (let i = 0; i < size.projects; i++) {
        // A third of the projects pass money on to centres (Sommeraksjonen, Juleaksjonen, …).
        const forvalter = i % 3 !== 2;
        const p = await must(dispatch, 'projects.create', {
          name: PROJECT_NAMES[i] ?? `Prosjekt nr. ${i + 1}`,
          kind: i % 5 === 4 ? 'tiltak' : 'prosjekt',
          parentId: null,
          kssRole: forvalter ? 'forvalter' : 'eier',
          projectNumber: `P-${1000 + i}`,
          startDate: null,
          endDate: null,
          status: 'aktiv',
          recurring: true,
          recurringSinceYear: FIRST_YEAR,
          description: null,
        });
        projectIds.push(p.id);
        projectForvalter.push(forvalter);
      }
      log(`  ${funderIds.length} tilskuddsytere, ${projectIds.length} prosjekter`);

      // ------------------------------------------------------------ plan the grants
      const years = LAST_YEAR - FIRST_YEAR + 1;
      const planned: PlannedGrant[] = [];
      const forvalterProjects = projectIds.map((_, i) => i).filter((i) => projectForvalter[i]);
      const eierProjects = projectIds.map((_, i) => i).filter((i) => !projectForvalter[i]);
      for (let g = 0; g < size.grants; g++) {
        const year = FIRST_YEAR + (g % years);
        // Exactly `roundGrants` of them, spread evenly over the list (and so over the years).
        const forvalter =
          Math.floor(((g + 1) * size.roundGrants) / size.grants) >
          Math.floor((g * size.roundGrants) / size.grants);
        planned.push({
          index: g,
          year,
          projectIndex: forvalter
            ? forvalterProjects[g % forvalterProjects.length]!
            : eierProjects[g % eierProjects.length]!,
          funderIndex: g % funderIds.length,
          awardedOre: int(20_000, 500_000) * 1_000,
          forvalter,
          hot: false,
          ownCosts: 0,
        });
      }
      // The hot grant: a current-year grant KSS owns, with 5 % of all movements.
      let hot = planned.find((p) => p.year === LAST_YEAR && !p.forvalter);
      if (!hot) {
        // Small scales: swap roles with an earlier grant so the round count stays the same.
        hot = planned.find((p) => p.year === LAST_YEAR)!;
        const other = planned.find((p) => !p.forvalter)!;
        other.forvalter = true;
        other.projectIndex = forvalterProjects[other.index % forvalterProjects.length]!;
        hot.forvalter = false;
        hot.projectIndex = eierProjects[hot.index % eierProjects.length]!;
      }
      hot.hot = true;
      hot.awardedOre = 2_000_000_000;
      const perRound = Math.max(1, Math.round(size.allocations / size.roundGrants));
      const returnsPerRound = Math.round(perRound / 10);
      const hotMovements = Math.round(size.movements * 0.05);
      const fixedPerGrant = 2; // received + admin share
      const fixed =
        size.grants * fixedPerGrant +
        size.roundGrants * (perRound + returnsPerRound) +
        hotMovements;
      const ownLeft = Math.max(size.grants, size.movements - fixed);
      for (const p of planned) p.ownCosts = p.hot ? hotMovements - fixedPerGrant : 0;
      for (let i = 0, others = planned.filter((p) => !p.hot); i < ownLeft; i++) {
        others[i % others.length]!.ownCosts += 1;
      }

      let hotGrantId = 0;
      let hotRoundId = 0;
      let allocationSeq = 0;
      const hotCentreId = centreIds[0]!;
      const closeInsertEvent = sqlite.prepare(
        `insert into fiscal_year_events (year, action, at_ms, actor, reason) values (?, 'close', ?, ?, null)`,
      );
      const closeInsertYear = sqlite.prepare(
        `insert into fiscal_years (year, status, closed_at_ms, closed_by, close_reason, updated_at_ms)
         values (?, 'closed', ?, ?, null, ?)`,
      );
      /** Report updates of the previous year's allocations, written at the next spring. */
      let pendingReports: {
        id: number;
        before: Record<string, unknown>;
        after: Record<string, unknown>;
      }[] = [];

      for (let year = FIRST_YEAR; year <= LAST_YEAR; year++) {
        // Spring: last year's centre reports come in, then last year is closed.
        if (pendingReports.length > 0) {
          pendingReports.forEach((r, i) => {
            audit(
              msOf(`${year}-03-01`, i),
              'allocation',
              r.id,
              'update',
              allocationAuditView(r.before as never),
              allocationAuditView(r.after as never),
            );
          });
          pendingReports = [];
        }
        const closing = year - 1;
        if (closing >= FIRST_YEAR && closing <= LAST_CLOSED_YEAR) {
          const at = msOf(`${year}-03-15`);
          closeInsertEvent.run(closing, at, ACTOR);
          closeInsertYear.run(closing, at, ACTOR, at);
          audit(
            at,
            'fiscal_year',
            closing,
            'create',
            undefined,
            { year: closing, status: 'closed', closedAtMs: at, closedBy: ACTOR, closeReason: null },
            `Regnskapsåret ${closing} avsluttet.`,
          );
        }

        const ofYear = planned.filter((p) => p.year === year);
        for (const p of ofYear) {
          // The grant as grants.create writes it, then «søkt», then «innvilget» (setStatus).
          const createdAt = msOf(`${year}-01-05`, p.index);
          const draft = full(grantCols.keys, {
            projectId: projectIds[p.projectIndex]!,
            funderId: funderIds[p.funderIndex]!,
            title: `${PROJECT_NAMES[p.projectIndex] ?? `Prosjekt nr. ${p.projectIndex + 1}`} ${year} (${p.index + 1})`,
            editionYear: year,
            status: 'utkast',
            appliedOre: p.awardedOre,
            appliedDate: `${year - 1}-10-01`,
            periodFrom: `${year}-01-01`,
            periodTo: `${year}-12-31`,
            adminRule: 'percent',
            adminBasisPoints: 500,
            currency: 'NOK',
            createdAtMs: createdAt,
            updatedAtMs: createdAt,
          });
          const applied: Row = { ...draft, status: 'sokt', updatedAtMs: createdAt + 1 };
          const awarded: Row = {
            ...applied,
            status: 'innvilget',
            awardedOre: p.awardedOre,
            decisionDate: `${year}-01-05`,
            reference: `REF-${year}-${p.index + 1}`,
            updatedAtMs: createdAt + 2,
          };
          const grantId = Number(
            grantInsert.run(...grantCols.keys.slice(1).map((k) => awarded[k])).lastInsertRowid,
          );
          for (const r of [draft, applied, awarded]) r.id = grantId;
          audit(createdAt, 'grant', grantId, 'create', undefined, grantAuditView(draft as never));
          audit(
            createdAt + 1,
            'grant',
            grantId,
            'update',
            grantAuditView(draft as never),
            grantAuditView(applied as never),
          );
          // Awarding writes the default year split (ensureSplit) before the grant's own row.
          const splitId = Number(splitInsert.run(grantId, year, p.awardedOre).lastInsertRowid);
          audit(createdAt + 2, 'grant_year_split', splitId, 'create', undefined, {
            id: splitId,
            grantId,
            year,
            amountOre: p.awardedOre,
            // A one-year period goes to its decision year, which counts as confirmed.
            confirmed: true,
          });
          audit(
            createdAt + 2,
            'grant',
            grantId,
            'update',
            grantAuditView(applied as never),
            grantAuditView(awarded as never),
          );

          if (p.hot) hotGrantId = grantId;

          // Money in, admin share out.
          move(grantId, `${year}-01-15`, 'received', p.awardedOre);
          const admin = Math.round((p.awardedOre * 500) / 10_000);
          move(grantId, `${year}-01-25`, 'admin_share', admin);
          let balance = p.awardedOre - admin;

          if (p.forvalter) {
            const roundAt = msOf(`${year}-01-10`, p.index);
            const roundRow = full(roundCols.keys, {
              grantId,
              name: `Runde ${year} (${p.index + 1})`,
              applicationDeadline: `${year}-02-01`,
              activityFrom: `${year}-03-01`,
              activityTo: `${year}-12-31`,
              reportDeadline: `${year + 1}-04-30`,
              createdAtMs: roundAt,
              updatedAtMs: roundAt,
            });
            roundRow.id = Number(
              roundInsert.run(...roundCols.keys.slice(1).map((k) => roundRow[k])).lastInsertRowid,
            );
            audit(
              roundAt,
              'allocation_round',
              roundRow.id as number,
              'create',
              undefined,
              roundAuditView(roundRow as never),
            );
            const round = { id: roundRow.id as number };
            hotRoundId = round.id;
            // Centres: the hot centre in every round, the rest drawn without repeats.
            const picked = new Set<number>([hotCentreId]);
            while (picked.size < Math.min(perRound, centreIds.length)) {
              picked.add(centreIds[int(0, centreIds.length - 1)]!);
            }
            const pot = Math.floor(p.awardedOre * 0.7);
            const weights = [...picked].map(() => 1 + rand());
            const wsum = weights.reduce((s, w) => s + w, 0);
            const amounts = weights.map((w) => Math.floor((pot * w) / wsum / 100) * 100);
            let i = 0;
            for (const centreId of picked) {
              const awardedOre = amounts[i]!;
              const appliedOre = Math.round(awardedOre * 1.2);
              const createdAt = msOf(`${year}-01-20`, i);
              const decidedAt = msOf(`${year}-02-15`, i);
              const reportAt = msOf(`${year + 1}-03-01`, i);
              const created = full(allocCols.keys, {
                roundId: round.id,
                centreId,
                appliedOre,
                purpose: 'Aktiviteter for beboere',
                expectedParticipants: int(5, 60),
                receivedDate: `${year}-01-20`,
                reportDueDate: `${year + 1}-04-30`,
                reportStatus: 'venter',
                createdAtMs: createdAt,
                updatedAtMs: createdAt,
              });
              const decided: Row = {
                ...created,
                awardedOre,
                decisionDate: `${year}-02-15`,
                updatedAtMs: decidedAt,
              };
              // Reports of earlier years are in (a few still missing: overdue); this year's wait.
              // Every 10th of last year's and every 50th of older ones still missing, so the
              // overdue list grows in step with the data.
              allocationSeq += 1;
              const reported =
                year < LAST_YEAR && allocationSeq % (year === LAST_YEAR - 1 ? 10 : 50) !== 0;
              const final: Row = reported
                ? {
                    ...decided,
                    reportReceivedDate: `${year + 1}-03-01`,
                    spentOre: awardedOre,
                    participantsReached: int(5, 60),
                    reportText: 'Rapport mottatt.',
                    reportStatus: 'godkjent',
                    updatedAtMs: reportAt,
                  }
                : decided;
              const id = Number(
                allocInsert.run(...allocCols.keys.slice(1).map((k) => final[k])).lastInsertRowid,
              );
              audit(
                createdAt,
                'allocation',
                id,
                'create',
                undefined,
                allocationAuditView({ ...created, id } as never),
              );
              audit(
                decidedAt,
                'allocation',
                id,
                'update',
                allocationAuditView({ ...created, id } as never),
                allocationAuditView({ ...decided, id } as never),
              );
              if (reported) {
                pendingReports.push({ id, before: { ...decided, id }, after: { ...final, id } });
              }
              move(grantId, dateOf(year, 3, 1 + (i % 28)), 'paid_to_centre', awardedOre, {
                centreId,
                allocationId: id,
              });
              balance -= awardedOre;
              if (i < returnsPerRound) {
                const back = Math.max(100, Math.floor(awardedOre / 20 / 100) * 100);
                move(grantId, dateOf(year, 11, 1 + (i % 28)), 'returned_by_centre', back, {
                  centreId,
                  allocationId: id,
                });
                balance += back;
              }
              i += 1;
            }
          }

          // Own costs: closed years end at zero, open years keep about a tenth.
          const n = Math.max(1, p.ownCosts);
          const spend = year <= LAST_CLOSED_YEAR ? balance : Math.floor(balance * 0.9);
          const lastDay = year === LAST_YEAR ? 10 : 12;
          let left = spend;
          for (let k = 0; k < n; k++) {
            const amount =
              k === n - 1 ? left : Math.max(1, Math.floor((spend / n) * (0.5 + rand())));
            const take = Math.min(amount, left - (n - 1 - k));
            if (take <= 0) break;
            const month = 2 + Math.floor(rand() * (lastDay - 1));
            move(grantId, dateOf(year, month, 1 + int(0, 27)), 'own_costs', take);
            left -= take;
          }
        }
        log(`  ${year}: ${ofYear.length} tilskudd, ${movementCount} bevegelser så langt`);
      }
      sqlite.exec('commit');
      const hotRow = sqlite
        .prepare('select funder_id as f, project_id as p from grants where id = ?')
        .get(hotGrantId) as { f: number; p: number };
      return { hotGrantId, hotCentreId, hotRoundId, hotFunderId: hotRow.f, hotProjectId: hotRow.p };
    } catch (error) {
      if (sqlite.inTransaction) sqlite.exec('rollback');
      throw error;
    }
  })();

  sqlite.pragma('synchronous = FULL');
  // No ANALYZE: the app never runs it, and its statistics change query plans (with them,
  // the nearly all-NULL movements.counterpart_id index looks useless and movements.list
  // scans the whole ledger once per movement).
  sqlite.pragma('wal_checkpoint(TRUNCATE)');
  const counts = countRows(opened);
  opened.close();
  const out: GenResult = {
    file,
    ms: performance.now() - started,
    counts,
    hotGrantId: result.hotGrantId,
    hotCentreId: result.hotCentreId,
    auditRows: rawAudit,
  };
  const info: GenInfo = {
    scale: options.scale,
    seed: options.seed ?? 14,
    today: GEN_TODAY,
    hotGrantId: out.hotGrantId,
    hotCentreId: out.hotCentreId,
    hotRoundId: result.hotRoundId,
    hotFunderId: result.hotFunderId,
    hotProjectId: result.hotProjectId,
    counts,
  };
  fs.writeFileSync(path.join(options.out, GEN_INFO_FILE), `${JSON.stringify(info, null, 2)}\n`);
  return out;
}

/** Beside the data file: what was generated, for the verifier and the bench. */
export const GEN_INFO_FILE = 'gen.json';
export interface GenInfo {
  scale: number;
  seed: number;
  today: string;
  hotGrantId: number;
  hotCentreId: number;
  /** The newest round (the hot centre is in it, as in every round). */
  hotRoundId: number;
  /** Funder and project of the hot grant. */
  hotFunderId: number;
  hotProjectId: number;
  counts: Record<string, number>;
}

export function readGenInfo(dir: string): GenInfo {
  return JSON.parse(fs.readFileSync(path.join(dir, GEN_INFO_FILE), 'utf8')) as GenInfo;
}

const COUNTED = [
  'organisations',
  'member_centres',
  'funders',
  'projects',
  'grants',
  'allocation_rounds',
  'allocations',
  'movements',
  'audit_log',
  'fiscal_years',
] as const;

export function countRows(opened: Pick<OpenedDatabase, 'sqlite'>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const t of COUNTED) {
    out[t] = (opened.sqlite.prepare(`select count(*) as n from ${t}`).get() as { n: number }).n;
  }
  return out;
}

export type { Services };
