/**
 * Hardening: every method of the contract gets many random inputs (fast-check) through the real
 * dispatch, on a real migrated SQLite seeded with the 2024 report's data (21 member centres,
 * six funders, the report's projects, Juleaksjonen 2023 and 2024 awarded with movements and a
 * transfer, a round with applications, awards and payouts, a centre report, deadlines, backups).
 *
 * For every input the answer must be an envelope: `{ ok: true, value }` when the input happens
 * to be valid, else `{ ok: false, error }` with a known code other than INTERNAL and a
 * non-empty Norwegian message without stack traces or source paths. Every refused call must
 * leave the database exactly as it was (the logical dump is taken at the start of each method's
 * run and again after each accepted call, and compared after each refused one). Nothing may
 * land on Object.prototype.
 *
 * `files.saveAs` runs with the desktop handler and a stand-in save dialog that answers with a
 * file in the temp folder. `backups.setSettings` may create folders: an absolute folder outside
 * the test's temp folder is moved inside it before the call, so the fuzz never writes elsewhere.
 */
import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contract, METHODS, type Method } from '../../src-shared/api/contract';
import { ERROR_CODES, type Envelope } from '../../src-shared/api/errors';
import { kroner } from '../../src-shared/kernel/money';
import { createSaveAsHandler } from '../../src-main/electron/save-file';
import { decideProportionally, juleaksjonenCase } from '../helpers/allocations';
import {
  dumpDatabase,
  makeDispatch,
  REPO_ROOT,
  tempDir,
  type TempDir,
  type TestApi,
} from '../helpers/db';
import { inputsFor, type FuzzPools } from '../helpers/fuzz';

/**
 * Random inputs per method. A call plus a dump takes 2–4 ms here, so 80 per method keeps the
 * file near 20 s alone and under a minute next to the e2e tests on two cores. FUZZ_RUNS=<n>
 * runs n per method for a longer soak (the fixed counts below are then ignored).
 */
const DEFAULT_RUNS = 80;
/** Methods whose accepted calls copy, check or write whole files or workbooks. */
const RUNS: Partial<Record<string, number>> = {
  'backups.create': 30,
  'backups.restore': 40,
  'backups.inspect': 40,
  'backups.list': 40,
  'backups.download': 40,
  'backups.status': 40,
  'audit.exportXlsx': 40,
  'allocations.payoutXlsx': 40,
  'rounds.funderReportXlsx': 40,
};
const runsFor = (method: string) =>
  Number(process.env.FUZZ_RUNS ?? '') || (RUNS[method] ?? DEFAULT_RUNS);
/** A soak with FUZZ_RUNS needs more than vitest's 30 s per test. */
const PER_METHOD_TIMEOUT_MS = Math.max(30_000, Math.max(...METHODS.map(runsFor)) * 50);

let api: TestApi;
let scratch: TempDir;
let pools: FuzzPools;
/** Where the stand-in save dialog puts files, and what it was asked to suggest. */
let saveDir: string;
let documentsDir: string;
const suggestedPaths: string[] = [];

interface Tally {
  runs: number;
  accepted: number;
  codes: Partial<Record<string, number>>;
}
const tally = new Map<Method, Tally>();

const PROTOTYPES = [Object.prototype, Array.prototype, Function.prototype, String.prototype];
const prototypeKeys = PROTOTYPES.map((p) => Reflect.ownKeys(p).map(String).sort());

// ---------------------------------------------------------------- the envelope rules

/** A letter or a common word a Norwegian sentence practically always has. */
const NORWEGIAN = new RegExp(
  '[æøåÆØÅ«»]|\\b(' +
    [
      'ikke|må|kan|er|har|var|blir|ble|være|skal|bare|kun|også|allerede|ingen|ingenting|noe',
      'og|eller|men|av|til|fra|for|med|på|om|ved|etter|før|enn|som|den|det|de|en|et|ett',
      'fant|finnes|mangler|ugyldig|gyldig|ukjent|feil|forventet|fikk|høyst|minst|velg|fylles',
      'felt|tall|dato|beløp|tekst|navn|senter|tilskudd|runde|søknad|kopi|mappe|fil|år',
    ].join('|') +
    ')\\b',
  'i',
);
/** What library and runtime errors say in English; none of it may reach the user. */
const FOREIGN =
  /Invalid input|Expected |Required|Unrecognized key|Too (big|small)|SQLITE_|SqliteError|TypeError|RangeError|ReferenceError|SyntaxError|Cannot read prop|is not a function|is not defined|is not iterable|constraint failed|Maximum call stack|\[object Object\]/;
/** Stack frames and source locations. */
const STACK =
  /^\s*at\s|\bat\s+\S+\s+\(|\.(?:[cm]?js|tsx?):\d+|node_modules|src-main|src-shared|file:\/\//m;

function describeInput(input: unknown): string {
  try {
    const text = JSON.stringify(input);
    return text === undefined ? String(input) : text.slice(0, 300);
  } catch {
    return Object.prototype.toString.call(input);
  }
}

function checkMessage(where: string, message: unknown): string | null {
  if (typeof message !== 'string' || message.trim() === '') return `${where}: empty or not text`;
  if (!NORWEGIAN.test(message)) return `${where}: not Norwegian: ${message}`;
  if (FOREIGN.test(message)) return `${where}: technical or English text: ${message}`;
  if (STACK.test(message) || message.includes(REPO_ROOT))
    return `${where}: stack trace: ${message}`;
  return null;
}

/** Null when the envelope follows the rules, else what is wrong. */
function envelopeProblem(envelope: unknown): string | null {
  if (typeof envelope !== 'object' || envelope === null) return 'not an object';
  const e = envelope as Record<string, unknown>;
  try {
    JSON.stringify(e);
  } catch (error) {
    return `not serialisable: ${String(error)}`;
  }
  if (e.ok === true) {
    return Object.keys(e).sort().join() === 'ok,value' ? null : `odd keys ${Object.keys(e).join()}`;
  }
  if (e.ok !== false) return `ok is ${String(e.ok)}`;
  const error = e.error as Record<string, unknown> | undefined;
  if (!error || typeof error !== 'object') return 'no error object';
  if (!(ERROR_CODES as readonly unknown[]).includes(error.code))
    return `code ${String(error.code)}`;
  if (error.code === 'INTERNAL') return `INTERNAL: ${String(error.message)}`;
  const problem = checkMessage('message', error.message);
  if (problem) return problem;
  if (error.issues !== undefined) {
    if (!Array.isArray(error.issues)) return 'issues is not a list';
    for (const issue of error.issues as { path?: unknown; message?: unknown }[]) {
      if (typeof issue.path !== 'string') return `issue path ${String(issue.path)}`;
      const p = checkMessage(`issue ${issue.path}`, issue.message);
      if (p) return p;
    }
  }
  return null;
}

// ---------------------------------------------------------------- keeping the fuzz in its folder

/** An absolute backup folder outside the temp folder is moved inside it (see the file comment). */
function confine(method: Method, input: unknown): unknown {
  if (method !== 'backups.setSettings' || typeof input !== 'object' || input === null) return input;
  const folder = (input as { folder?: unknown }).folder;
  if (typeof folder !== 'string' || !path.isAbsolute(folder.trim())) return input;
  const resolved = path.resolve(folder.trim());
  if (resolved === scratch.dir || resolved.startsWith(scratch.dir + path.sep)) return input;
  const inside = path.join(scratch.dir, 'flyttet', resolved.replace(/[^A-Za-z0-9._-]/g, '_'));
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(input)) {
    Object.defineProperty(copy, key, {
      value: (input as Record<string, unknown>)[key],
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  copy.folder = inside;
  return copy;
}

let snapshotMs = 0;
let snapshots = 0;
/** Prepared per connection (a restore opens a new one): every user table in rowid order, as arrays. */
const dumpers = new WeakMap<Database.Database, { name: string; rows: Database.Statement }[]>();

/**
 * The logical dump as one string: the same tables and order as helpers/db's `dumpDatabase`,
 * but rows as arrays through prepared statements, which is several times faster, and the fuzz
 * takes one after every call.
 */
function snapshot(): string {
  const t0 = performance.now();
  const sqlite = api.core.database.sqlite;
  let tables = dumpers.get(sqlite);
  if (!tables) {
    tables = Object.keys(dumpDatabase(sqlite)).map((name) => ({
      name,
      rows: sqlite.prepare(`select * from "${name}" order by rowid`).raw(true),
    }));
    dumpers.set(sqlite, tables);
  }
  const text = JSON.stringify(tables.map((t) => [t.name, t.rows.all()]));
  snapshotMs += performance.now() - t0;
  snapshots++;
  return text;
}

/** Names of the tables whose rows differ, for the failure message. */
function changedTables(before: string, after: string): string[] {
  const a = new Map(JSON.parse(before) as [string, unknown][]);
  const b = new Map(JSON.parse(after) as [string, unknown][]);
  return [...new Set([...a.keys(), ...b.keys()])].filter(
    (t) => JSON.stringify(a.get(t)) !== JSON.stringify(b.get(t)),
  );
}

// ---------------------------------------------------------------- seed

beforeAll(async () => {
  scratch = tempDir('tilskudd-fuzz-');
  saveDir = path.join(scratch.dir, 'lagret');
  documentsDir = path.join(scratch.dir, 'Dokumenter');
  fs.mkdirSync(saveDir, { recursive: true });
  const saveAs = createSaveAsHandler(
    async (options) => {
      suggestedPaths.push(options.defaultPath ?? '');
      return { canceled: false, filePath: path.join(saveDir, 'lagret.bin') };
    },
    () => documentsDir,
  );
  api = makeDispatch({ overrides: { 'files.saveAs': saveAs } });

  const { grant, centres, round } = await juleaksjonenCase(api);
  const decided = await decideProportionally(api, round);
  const [first, second] = decided.allocations;
  if (!first || !second) throw new Error('the round has no allocations');
  await api.call('allocations.markPaid', {
    allocationIds: [first.id, second.id],
    date: '2024-11-05',
    voucherRef: 'B-2024-400',
  });
  await api.call('centreReports.record', {
    allocationId: first.id,
    reportReceivedDate: '2025-04-20',
    spentOre: (first.awardedOre ?? 0) - kroner(1_000),
    participantsReached: 31,
    reportText: 'Juleverksted og aking for barna.',
    reportStatus: 'mottatt',
  });
  await api.call('centreReports.recordReturn', {
    allocationId: first.id,
    date: '2025-04-25',
    amountOre: kroner(1_000),
  });
  await api.call('grants.addDeadline', {
    grantId: grant.id,
    dueDate: '2025-05-31',
    description: 'Sluttrapport til Gjensidigestiftelsen',
  });
  await api.call('funders.addContact', {
    funderId: grant.funderId,
    name: 'Kontaktperson hos stiftelsen',
    email: 'post@gjensidigestiftelsen.no',
  });
  await api.call('projects.addPartner', {
    projectId: grant.projectId,
    organisationId: centres.bergen.id,
    role: 'Arrangør',
  });
  // Key figures, notes and documents, so their update, remove and download paths see records.
  await api.call('keyFigures.add', {
    projectId: grant.projectId,
    year: 2024,
    label: 'Barn som fikk julegave',
    value: '1 250',
    unit: 'antall',
  });
  await api.call('notes.add', {
    grantId: grant.id,
    date: '2024-11-01',
    kind: 'decision',
    text: 'Tilsagn mottatt.',
  });
  await api.call('notes.add', {
    funderId: grant.funderId,
    date: '2024-09-15',
    kind: 'call',
    text: 'Samtale om søknaden.',
  });
  await api.call('documents.upload', {
    grantId: grant.id,
    fileName: 'tilsagnsbrev.pdf',
    contentBase64: Buffer.from('%PDF-1.7 tilsagn').toString('base64'),
  });
  const backups = [await api.call('backups.create', {}), await api.call('backups.create', {})];

  const sqlite = api.core.database.sqlite;
  // The ids of the records the methods address (the change log's ids run much higher).
  const maxId = Math.max(
    ...['organisations', 'projects', 'grants', 'movements', 'allocations', 'memberships'].map(
      (t) => (sqlite.prepare(`select max(rowid) as m from "${t}"`).get() as { m: number }).m,
    ),
  );
  const names = (
    sqlite.prepare('select name from organisations limit 8').all() as { name: string }[]
  )
    .map((r) => r.name)
    .concat(['Juleaksjonen 2024', 'Juleaksjonen', 'Juleaksjonen 2024 – JuleVinter']);
  pools = {
    maxId,
    names,
    backupFiles: backups.map((b) => b.fileName),
    folders: [1, 2, 3].map((i) => path.join(scratch.dir, `kopier-${i}`)),
  };
}, 120_000);

afterAll(() => {
  const total = [...tally.values()].reduce((s, t) => s + t.runs, 0);
  const accepted = [...tally.values()].reduce((s, t) => s + t.accepted, 0);
  const perMethod = [...tally.entries()].map(([m, t]) => `${m} ${t.runs}`).join(', ');
  process.stdout.write(
    `api-fuzz: ${tally.size} methods, ${total} random inputs (${accepted} accepted, ${total - accepted} refused): ${perMethod}\n`,
  );
  if (process.env.FUZZ_VERBOSE) {
    process.stdout.write(`  ${snapshots} dumps, ${Math.round(snapshotMs)} ms\n`);
    for (const [m, t] of tally) {
      process.stdout.write(
        `  ${m}: ${t.runs} inputs, ${t.accepted} accepted, ${JSON.stringify(t.codes)}\n`,
      );
    }
  }
  api?.cleanup();
  scratch?.cleanup();
});

// ---------------------------------------------------------------- the properties

describe('every API method under random input', () => {
  it('covers every method of the contract', () => {
    expect(METHODS.length).toBeGreaterThan(50);
    expect(new Set(METHODS).size).toBe(METHODS.length);
  });

  it.each(METHODS)(
    '%s answers only envelopes, and a refusal changes nothing',
    async (method) => {
      const t: Tally = { runs: 0, accepted: 0, codes: {} };
      tally.set(method, t);
      const logged = api.logger.calls.length;
      let baseline = snapshot();
      await fc.assert(
        fc.asyncProperty(inputsFor(contract[method].input, pools), async (input) => {
          t.runs++;
          const envelope: Envelope<unknown> = await api.dispatch(method, confine(method, input));
          const problem = envelopeProblem(envelope);
          if (problem) {
            const log = api.logger.calls.slice(logged).at(-1);
            const cause = log ? ` [logged: ${log.message}: ${String(log.detail)}]` : '';
            throw new Error(`${method}(${describeInput(input)}): ${problem}${cause}`);
          }
          if (envelope.ok) {
            t.accepted++;
            baseline = snapshot();
            return;
          }
          t.codes[envelope.error.code] = (t.codes[envelope.error.code] ?? 0) + 1;
          const now = snapshot();
          if (now !== baseline) {
            throw new Error(
              `${method}(${describeInput(input)}) was refused (${envelope.error.code}: ${envelope.error.message}) but changed ${changedTables(baseline, now).join(', ')}`,
            );
          }
        }),
        { numRuns: runsFor(method), endOnFailure: true },
      );
      expect(api.logger.calls.slice(logged)).toEqual([]);
    },
    PER_METHOD_TIMEOUT_MS,
  );

  it('refuses text with NUL in it (a name of only NUL used to be an internal error)', async () => {
    const before = snapshot();
    for (const method of ['organisations.create', 'centres.create', 'funders.create'] as const) {
      const error = await api.fail(method, {
        name: '\u0000',
        driftsform: 'ideell',
        region: 'nord',
        funderType: 'stiftelse',
      });
      expect(error, method).toMatchObject({
        code: 'BAD_INPUT',
        message: 'Navn inneholder et ugyldig tegn.',
      });
    }
    expect(snapshot()).toBe(before);
  });

  it('refuses text that is not valid Unicode (a lone surrogate was stored as «Test���senter»)', async () => {
    const before = snapshot();
    for (const name of ['Test\uD800senter', 'Test\uDFFF\uD800\uDC00senter', '\uDC00']) {
      for (const method of ['organisations.create', 'centres.create', 'funders.create'] as const) {
        const error = await api.fail(method, {
          name,
          driftsform: 'ideell',
          region: 'nord',
          funderType: 'stiftelse',
        });
        expect(error, `${method} ${JSON.stringify(name)}`).toMatchObject({
          code: 'BAD_INPUT',
          message: 'Navn inneholder et ugyldig tegn.',
        });
      }
    }
    const notes = await api.fail('organisations.create', { name: 'Testsenter', notes: 'a\uD83Db' });
    expect(notes).toMatchObject({
      code: 'BAD_INPUT',
      message: expect.stringContaining('ugyldig tegn'),
    });
    expect(snapshot()).toBe(before);
  });

  it('left the prototypes alone', () => {
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(PROTOTYPES.map((p) => Reflect.ownKeys(p).map(String).sort())).toEqual(prototypeKeys);
  });

  it('let the save dialog suggest only a file in the documents folder', () => {
    expect(tally.get('files.saveAs')?.runs ?? 0).toBeGreaterThan(0);
    for (const suggested of suggestedPaths) {
      expect(path.dirname(suggested), suggested).toBe(documentsDir);
    }
  });
});
