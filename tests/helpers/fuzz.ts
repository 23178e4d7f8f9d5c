/**
 * Random API inputs for the hardening fuzz (fast-check). Two kinds:
 *
 * - shaped: an object with the method's real keys (read from its zod input schema, nested
 *   objects and arrays included), whose values come from pools chosen by the key's name and
 *   type: often valid (existing ids, real dates, amounts, enum values), often just wrong
 *   (NaN, -0, 1e308, impossible dates, huge or hostile text), sometimes a key left out, and
 *   sometimes extra keys such as "__proto__" or "constructor";
 * - garbage: anything at all (fast-check's `anything` with Maps, Sets, BigInts, typed and sparse
 *   arrays, null-prototype objects), huge strings, odd numbers and very deep nesting.
 *
 * Values are what the transports can carry: structured-clone values (Electron IPC) as they are,
 * and a share of them sent through JSON text first, as the HTTP transport would parse them
 * (that is how an own "__proto__" key arrives).
 */
import fc from 'fast-check';
import type { z } from 'zod';
import { MAX_ABS_ORE } from '../../src-shared/kernel/money';

export interface FuzzPools {
  /** Ids up to this exist in the seeded database (a few above it are tried too). */
  maxId: number;
  /** Names of records that exist, to provoke "already exists" and similar conflicts. */
  names: readonly string[];
  /** File names of backups that exist. */
  backupFiles: readonly string[];
  /** Absolute folders the fuzz may create and write to (backup settings). */
  folders: readonly string[];
}

/** Keys that pollute prototypes when an object is merged carelessly. */
export const POLLUTION_KEYS = [
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'valueOf',
  'hasOwnProperty',
  '__defineGetter__',
  'then',
] as const;

/** What a polluting key carries; if it ever lands on Object.prototype, `({}).polluted` shows it. */
const POLLUTION_VALUES: readonly object[] = [
  { polluted: 'ja' },
  { prototype: { polluted: 'ja' } },
  { constructor: { prototype: { polluted: 'ja' } } },
];

export const ODD_NUMBERS: readonly unknown[] = [
  Number.NaN,
  Number.POSITIVE_INFINITY,
  Number.NEGATIVE_INFINITY,
  -0,
  0.5,
  -1,
  -0.000001,
  1e308,
  -1e308,
  5e-324,
  2 ** 31,
  2 ** 53,
  2 ** 53 + 2,
  Number.MIN_SAFE_INTEGER - 2,
  MAX_ABS_ORE + 1,
  -MAX_ABS_ORE - 1,
];

export const HUGE_STRINGS: readonly string[] = [
  'x'.repeat(100_001),
  'ø'.repeat(10_001),
  '\u0000'.repeat(2_000),
  '9'.repeat(400),
  ' '.repeat(5_000),
  '😀'.repeat(3_000),
];

function deepArray(depth: number): unknown {
  let v: unknown = 1;
  for (let i = 0; i < depth; i++) v = [v];
  return v;
}

function deepObject(depth: number, key: string): unknown {
  let v: unknown = { id: 1 };
  for (let i = 0; i < depth; i++) v = { [key]: v };
  return v;
}

const DEEP_VALUES: readonly unknown[] = [
  deepArray(1_000),
  deepObject(1_000, 'a'),
  deepObject(500, 'rows'),
  deepObject(500, '__proto__'),
];

/** Sets an own, enumerable property, as JSON.parse does (plain assignment of "__proto__" would not). */
function setOwn(target: object, key: string, value: unknown): void {
  Object.defineProperty(target, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
}

const HOSTILE_TEXT: readonly string[] = [
  '',
  ' ',
  '\t\r\n',
  "'; drop table movements; --",
  'Robert"); DELETE FROM audit_log; --',
  "' or 1=1 --",
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '=HYPERLINK("http://evil.example","klikk")',
  '+47 22 00 00 00',
  '-1+1',
  '@SUM(A1)',
  '\u202Eevil.exe',
  '\uD800',
  '\uDFFF\uD800',
  'Test\uD800senter',
  'Test\uDC00\uD83D\uDE00senter',
  'å\u030A',
  '\u0000',
  '%s%n%x',
  '${process.exit()}',
  '{{constructor.constructor("return process")()}}',
  '__proto__',
  'constructor',
  '../../etc/passwd',
  'C:\\Windows\\system32',
  'null',
  'undefined',
  'NaN',
  '1e999',
  'true',
  'a'.repeat(121),
  'a'.repeat(201),
  'b'.repeat(4_001),
  'c'.repeat(8_001),
];

const REALISTIC_TEXT: readonly string[] = [
  'Alta Krisesenter',
  ' alta krisesenter ',
  'ALTA KRISESENTER',
  'Krisesenter Halden',
  'Gjensidigestiftelsen',
  'Juleaksjonen',
  'Juleaksjonen 2024',
  'Ørland og Bjugn krisesenter',
  'Sommeraksjonen 2025',
  'Rapport levert',
  'Feilført, korrigeres',
  'B-2024-390',
  'GJS-2024-JUL',
  'Daglig leder',
];

const VALID_DATES = [
  '2024-06-15',
  '2024-01-01',
  '2024-12-31',
  '2023-10-20',
  '2025-03-09',
  '2024-02-29',
  '1900-01-01',
  '2199-12-31',
];

const INVALID_DATES = [
  '2023-02-29',
  '2024-13-01',
  '2024-00-10',
  '2024-06-31',
  '15.06.2024',
  '2024-6-15',
  '2024/06/15',
  '20240615',
  '2024-06-15T12:00:00Z',
  ' 2024-06-15',
  '2024-06-15 ',
  '0000-01-01',
  '9999-12-31',
  '-001-01-01',
  '+02024-01-01',
  '2024-06-15\u0000',
];

const DAY_MS = 24 * 60 * 60 * 1000;

/** A calendar date between 1880 and 2220 (valid or not for the field). */
const randomDate = fc
  .integer({ min: Date.UTC(1880, 0, 1) / DAY_MS, max: Date.UTC(2220, 0, 1) / DAY_MS })
  .map((day) => new Date(day * DAY_MS).toISOString().slice(0, 10));

const EMAILS = [
  'post@krisesenter.no',
  'krisesenteret@bergen.kommune.no',
  'ikke-en-adresse',
  'a@b',
  'a@b.c',
  '@krisesenter.no',
  'post@krisesenter.no\n',
  `${'x'.repeat(250)}@a.no`,
  'post@@krisesenter.no',
  'post @krisesenter.no',
];

const ORG_NUMBERS = [
  '991000003',
  '991 000 003',
  ' 991000011 ',
  '991000004',
  '12345678',
  '1234567890',
  'abcdefghi',
  '000000000',
  '９９１０００００３',
];

const BASE64 = ['', 'aGVp', 'aGVp\n', '!!!!', '====', 'a', 'A'.repeat(100_000), '😀'];

const SAVE_NAMES = [
  'rapport.xlsx',
  'Utbetalingsliste Juleaksjonen 2024.xlsx',
  'rapport',
  '.',
  '..',
  'a/b/c.xlsx',
  '..\\..\\x.xlsx',
  '../../../etc/cron.d/x',
  'con.xlsx',
  'x\u0000.xlsx',
  '.xlsx',
  'rapport.XLSX',
];

const BACKUP_NAMES = [
  'tilskudd.sqlite',
  'tilskudd.lock',
  'innstillinger.json',
  '..',
  '.',
  '../tilskudd.sqlite',
  '..\\tilskudd.sqlite',
  '/etc/passwd',
  'C:\\x',
  '-rf',
  'x.sqlite.json',
  'a'.repeat(201),
];

/** Short plausible text: a new name now and then, so creates can succeed. */
const plausibleText = fc.oneof(
  fc.constantFrom(...REALISTIC_TEXT),
  fc.stringMatching(/^[A-ZÆØÅ][a-zæøå]{2,12}( [a-zæøå]{2,10}){0,2}$/),
);

/** Text of any kind: realistic, hostile, existing names, random. */
function textArb(pools: FuzzPools): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...REALISTIC_TEXT) },
    { weight: 3, arbitrary: fc.constantFrom(...HOSTILE_TEXT) },
    ...(pools.names.length ? [{ weight: 2, arbitrary: fc.constantFrom(...pools.names) }] : []),
    { weight: 2, arbitrary: fc.string({ maxLength: 60 }) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
    { weight: 1, arbitrary: fc.string({ minLength: 100, maxLength: 300 }) },
  );
}

/** Real calendar dates around the seeded data. */
const validDate = fc.oneof(
  fc.constantFrom(...VALID_DATES),
  fc
    .integer({ min: Date.UTC(2022, 0, 1) / DAY_MS, max: Date.UTC(2026, 11, 31) / DAY_MS })
    .map((day) => new Date(day * DAY_MS).toISOString().slice(0, 10)),
);

const dateArb = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...VALID_DATES) },
  { weight: 3, arbitrary: fc.constantFrom(...INVALID_DATES) },
  { weight: 3, arbitrary: randomDate },
);

/** Strings chosen by the key's name; `valid` keeps to values that could pass validation. */
function stringFor(key: string, pools: FuzzPools, valid: boolean): fc.Arbitrary<unknown> {
  const k = key.toLowerCase();
  if (valid) return validStringFor(k, pools);
  if (/date$|^date$|from$|to$|^asof$|deadline$/.test(k)) return dateArb;
  if (k.includes('email')) return fc.oneof(fc.constantFrom(...EMAILS), textArb(pools));
  if (k === 'orgnumber') return fc.oneof(fc.constantFrom(...ORG_NUMBERS), textArb(pools));
  if (k === 'contentbase64') return fc.oneof(fc.constantFrom(...BASE64), fc.base64String());
  if (k === 'filename') {
    return fc.oneof(
      ...(pools.backupFiles.length
        ? [{ weight: 3, arbitrary: fc.constantFrom(...pools.backupFiles) }]
        : []),
      { weight: 2, arbitrary: fc.constantFrom(...BACKUP_NAMES, ...SAVE_NAMES) },
      { weight: 1, arbitrary: textArb(pools) },
    );
  }
  if (k === 'folder') {
    return fc.oneof(
      { weight: 3, arbitrary: fc.constantFrom(...pools.folders) },
      { weight: 1, arbitrary: fc.constantFrom('sikkerhetskopier', '.', '..', '~/kopier') },
      { weight: 1, arbitrary: textArb(pools) },
    );
  }
  return textArb(pools);
}

function validStringFor(k: string, pools: FuzzPools): fc.Arbitrary<unknown> {
  if (/date$|^date$|from$|to$|^asof$|deadline$/.test(k)) return validDate;
  if (k.includes('email')) return fc.constantFrom(EMAILS[0], EMAILS[1], null);
  if (k === 'orgnumber') return fc.constantFrom(ORG_NUMBERS[0], ORG_NUMBERS[1], null);
  if (k === 'contentbase64') return fc.base64String({ maxLength: 200 });
  if (k === 'filename') {
    return pools.backupFiles.length
      ? fc.oneof(fc.constantFrom(...pools.backupFiles), fc.constantFrom(...SAVE_NAMES))
      : fc.constantFrom(...SAVE_NAMES);
  }
  if (k === 'folder') return fc.constantFrom(...pools.folders, null);
  return pools.names.length
    ? fc.oneof(
        { weight: 3, arbitrary: plausibleText },
        { weight: 1, arbitrary: fc.constantFrom(...pools.names) },
      )
    : plausibleText;
}

function validNumberFor(k: string, pools: FuzzPools): fc.Arbitrary<unknown> {
  if (k === 'id' || k.endsWith('id') || k.endsWith('ids')) {
    return fc.integer({ min: 1, max: pools.maxId });
  }
  if (k.endsWith('ore')) {
    return fc.oneof(fc.integer({ min: 1, max: 500_000 }), fc.integer({ min: 0, max: 500_000_00 }));
  }
  if (k.includes('year')) return fc.integer({ min: 2022, max: 2026 });
  return fc.integer({ min: 0, max: 60 });
}

/** Numbers chosen by the key's name; `valid` keeps to values that could pass validation. */
function numberFor(key: string, pools: FuzzPools, valid: boolean): fc.Arbitrary<unknown> {
  const odd = fc.constantFrom(...ODD_NUMBERS);
  const k = key.toLowerCase();
  if (valid) return validNumberFor(k, pools);
  if (k === 'id' || k.endsWith('id') || k.endsWith('ids')) {
    return fc.oneof(
      { weight: 6, arbitrary: fc.integer({ min: 1, max: pools.maxId + 3 }) },
      { weight: 1, arbitrary: fc.constantFrom(0, -1, pools.maxId + 1_000, 2 ** 31, 1.5) },
      { weight: 1, arbitrary: odd },
    );
  }
  if (k.endsWith('ore')) {
    return fc.oneof(
      { weight: 3, arbitrary: fc.integer({ min: 0, max: 5_000_000_00 }) },
      { weight: 2, arbitrary: fc.integer({ min: 1, max: 100_000 }) },
      { weight: 1, arbitrary: fc.constantFrom(0, 1, MAX_ABS_ORE, MAX_ABS_ORE + 1, -1, -100) },
      { weight: 1, arbitrary: fc.double({ min: -1e6, max: 1e6, noNaN: true }) },
      { weight: 1, arbitrary: odd },
    );
  }
  if (k.includes('year')) {
    return fc.oneof(
      { weight: 3, arbitrary: fc.integer({ min: 1880, max: 2220 }) },
      { weight: 2, arbitrary: fc.constantFrom(2023, 2024, 2025, 1899, 1900, 2199, 2200) },
      { weight: 1, arbitrary: odd },
    );
  }
  return fc.oneof(
    { weight: 3, arbitrary: fc.integer({ min: -10, max: 20_000 }) },
    {
      weight: 2,
      arbitrary: fc.constantFrom(
        0,
        1,
        50,
        52,
        60,
        61,
        100,
        101,
        120,
        121,
        500,
        501,
        10_000,
        10_001,
      ),
    },
    { weight: 1, arbitrary: odd },
  );
}

/** A value of the wrong kind for almost any field. */
function wrongKind(pools: FuzzPools): fc.Arbitrary<unknown> {
  return fc.oneof(
    fc.constantFrom(null, undefined, '', 0, true, false, [], {}, '1', ['1'], { id: 1 }),
    fc.constantFrom(...ODD_NUMBERS),
    fc.anything({ maxDepth: 1, maxKeys: 3 }),
    textArb(pools),
  );
}

/** Zod's internal definition; the fuzz reads only `type` and the child schemas. */
interface Def {
  type: string;
  shape?: Record<string, z.ZodType>;
  innerType?: z.ZodType;
  in?: z.ZodType;
  element?: z.ZodType;
  entries?: Record<string, string | number>;
  values?: unknown[];
  options?: z.ZodType[];
}

function defOf(schema: z.ZodType): Def {
  return (schema as unknown as { _zod: { def: Def } })._zod.def;
}

/** The real keys of a schema's object (through default/prefault/pipe wrappers), or []. */
export function keysOf(schema: z.ZodType): string[] {
  const def = defOf(schema);
  if (def.type === 'object') return Object.keys(def.shape ?? {});
  const inner = def.innerType ?? def.in;
  return inner ? keysOf(inner) : [];
}

function typed(
  schema: z.ZodType,
  key: string,
  pools: FuzzPools,
  valid: boolean,
): fc.Arbitrary<unknown> {
  const def = defOf(schema);
  switch (def.type) {
    case 'object':
      return shapedObject(def.shape ?? {}, pools, valid);
    case 'default':
    case 'prefault':
    case 'optional':
    case 'nullable':
    case 'nonoptional':
    case 'readonly':
    case 'catch':
      return fc.oneof(
        { weight: 1, arbitrary: fc.constantFrom(undefined, null) },
        { weight: 5, arbitrary: typed(def.innerType as z.ZodType, key, pools, valid) },
      );
    case 'pipe':
      return typed(def.in as z.ZodType, key, pools, valid);
    case 'array': {
      const element = typed(def.element as z.ZodType, key, pools, valid);
      if (valid) return fc.array(element, { minLength: 1, maxLength: 4 });
      return fc.oneof(
        { weight: 8, arbitrary: fc.array(element, { maxLength: 6 }) },
        // Around the 500-row limits of the bulk calls.
        { weight: 1, arbitrary: fc.array(element, { minLength: 495, maxLength: 505 }) },
      );
    }
    case 'enum': {
      const options = Object.values(def.entries ?? {});
      if (valid) return fc.constantFrom(...options);
      return fc.oneof(
        { weight: 6, arbitrary: fc.constantFrom(...options) },
        {
          weight: 1,
          arbitrary: fc.constantFrom(...options.map((o) => String(o).toUpperCase()), ' nord'),
        },
      );
    }
    case 'literal':
      return fc.constantFrom(...(def.values ?? [null]));
    case 'string':
      return stringFor(key, pools, valid);
    case 'number':
      return numberFor(key, pools, valid);
    case 'boolean':
      return fc.boolean();
    case 'union':
      return fc.oneof(...(def.options ?? []).map((o) => typed(o, key, pools, valid)));
    default:
      return fc.anything({ maxDepth: 2 });
  }
}

/** A field: usually its own kind of value, sometimes (unless `valid`) the wrong kind. */
function field(
  schema: z.ZodType,
  key: string,
  pools: FuzzPools,
  valid: boolean,
): fc.Arbitrary<unknown> {
  if (valid) return typed(schema, key, pools, true);
  return fc.oneof(
    { weight: 9, arbitrary: typed(schema, key, pools, false) },
    { weight: 1, arbitrary: wrongKind(pools) },
  );
}

const extraKey = (realKeys: readonly string[]) =>
  fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...POLLUTION_KEYS) },
    { weight: 1, arbitrary: fc.string({ maxLength: 10 }) },
    ...(realKeys.length
      ? [{ weight: 1, arbitrary: fc.constantFrom(...realKeys.map((k) => k.toUpperCase())) }]
      : []),
  );

const extraValue = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...POLLUTION_VALUES) },
  { weight: 1, arbitrary: fc.anything({ maxDepth: 2 }) },
);

function shapedObject(
  shape: Record<string, z.ZodType>,
  pools: FuzzPools,
  valid: boolean,
): fc.Arbitrary<unknown> {
  const keys = Object.keys(shape);
  const fields = Object.fromEntries(
    keys.map((k) => [k, field(shape[k] as z.ZodType, k, pools, valid)]),
  );
  if (valid) return fc.record(fields);
  return fc
    .tuple(
      fc.record(fields),
      // Mostly every key present; now and then one or two left out.
      keys.length
        ? fc.oneof(
            { weight: 6, arbitrary: fc.constant([] as string[]) },
            { weight: 1, arbitrary: fc.subarray(keys, { maxLength: Math.min(2, keys.length) }) },
          )
        : fc.constant([] as string[]),
      fc.oneof(
        { weight: 5, arbitrary: fc.constant([] as [string, unknown][]) },
        {
          weight: 1,
          arbitrary: fc.array(fc.tuple(extraKey(keys), extraValue), { minLength: 1, maxLength: 3 }),
        },
      ),
    )
    .map(([record, dropped, extras]) => {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(record)) if (!dropped.includes(k)) setOwn(out, k, v);
      for (const [k, v] of extras) setOwn(out, k, v);
      return out;
    });
}

/** Anything at all: no relation to the method's schema. */
export function garbage(realKeys: readonly string[]): fc.Arbitrary<unknown> {
  const key = fc.oneof(
    { weight: 3, arbitrary: fc.string({ maxLength: 8 }) },
    { weight: 1, arbitrary: fc.constantFrom(...POLLUTION_KEYS) },
    ...(realKeys.length ? [{ weight: 2, arbitrary: fc.constantFrom(...realKeys) }] : []),
  );
  return fc.oneof(
    {
      weight: 6,
      arbitrary: fc.anything({
        maxDepth: 3,
        maxKeys: 6,
        key,
        withBigInt: true,
        withBoxedValues: true,
        withDate: true,
        withMap: true,
        withSet: true,
        withNullPrototype: true,
        withObjectString: true,
        withSparseArray: true,
        withTypedArray: true,
        withUnicodeString: true,
      }),
    },
    { weight: 2, arbitrary: fc.constantFrom(...ODD_NUMBERS, ...HUGE_STRINGS) },
    { weight: 1, arbitrary: fc.constantFrom(...DEEP_VALUES) },
    {
      weight: 1,
      arbitrary: fc.constantFrom(...POLLUTION_KEYS).map((k) => {
        const o: Record<string, unknown> = {};
        setOwn(o, k, { polluted: 'ja' });
        return o;
      }),
    },
  );
}

/** JSON text and back, as the HTTP transport parses a body; values JSON cannot carry stay as they are. */
function viaJson(value: unknown): unknown {
  try {
    const text = JSON.stringify(value);
    return text === undefined ? value : (JSON.parse(text) as unknown);
  } catch {
    return value;
  }
}

/** Random inputs for one method's input schema. */
export function inputsFor(schema: z.ZodType, pools: FuzzPools): fc.Arbitrary<unknown> {
  const keys = keysOf(schema);
  const raw = fc.oneof(
    // Plausible: every field from the valid pools, so the call reaches the services.
    { weight: 3, arbitrary: typed(schema, '', pools, true) },
    { weight: 4, arbitrary: typed(schema, '', pools, false) },
    { weight: 3, arbitrary: garbage(keys) },
  );
  return fc
    .tuple(raw, fc.integer({ min: 0, max: 3 }))
    .map(([value, transport]) => (transport === 0 ? viaJson(value) : value));
}
