/**
 * Import from Excel/CSV, the pure part shared by the main process and the import page: what
 * can be imported (member centres, funders, grants, allocations), the fields of each kind with
 * the Norwegian label the contract's schemas use, the header names (Norwegian and English)
 * that suggest a column for a field, and how one cell becomes a value (øre, ISO date, a choice
 * key) — or a Norwegian message saying why it cannot.
 */
import { GRANT_STATUS_LABELS } from '../grants/labels';
import { DRIFTSFORM_LABELS, FUNDER_TYPE_LABELS, REGION_LABELS } from '../registry/labels';
import { isIsoDate, parseNorwegianDate, formatIsoDate, type IsoDate } from '../kernel/dates';
import { MAX_ABS_ORE, parseKroner } from '../kernel/money';

export const IMPORT_KINDS = ['centres', 'funders', 'grants', 'allocations'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

/** The character sets a user can choose for a CSV file whose lines are not all UTF-8. */
export const CSV_ENCODINGS = ['utf-8', 'windows-1252'] as const;
export type CsvEncoding = (typeof CSV_ENCODINGS)[number];
/** The preview's `encoding` for a CSV file with both UTF-8 lines and lines that are not. */
export const MIXED_ENCODING_LABEL = 'Blandet (UTF-8 og Windows-1252)';

/** Files above this size are refused before they are read. */
export const IMPORT_MAX_BYTES = 5 * 1024 * 1024;
/** At most this many data rows (below the header row) in one file. */
export const IMPORT_MAX_ROWS = 5000;
/** Reading the file (CSV or xlsx) may take at most this long. */
export const IMPORT_MAX_PARSE_MS = 15_000;

export const IMPORT_KIND_LABELS: Record<ImportKind, string> = {
  centres: 'Medlemssentre',
  funders: 'Tilskuddsytere',
  grants: 'Tilskudd',
  allocations: 'Tildelinger til sentre',
};

/** «12 medlemssentre», «1 tilskudd». */
export function importCountText(kind: ImportKind, n: number): string {
  const words: Record<ImportKind, [string, string]> = {
    centres: ['medlemssenter', 'medlemssentre'],
    funders: ['tilskuddsyter', 'tilskuddsytere'],
    grants: ['tilskudd', 'tilskudd'],
    allocations: ['tildeling', 'tildelinger'],
  };
  const [one, many] = words[kind];
  return `${new Intl.NumberFormat('nb-NO').format(n)} ${n === 1 ? one : many}`;
}

export type ImportFieldType = 'text' | 'amount' | 'date' | 'integer' | 'percent' | 'choice';

export interface ImportChoice {
  value: string;
  /** How it is shown and named in messages. */
  label: string;
  /** Words in a cell that mean this choice (compared with `headerKey`). */
  words: readonly string[];
}

export interface ImportField {
  key: string;
  /** The Norwegian label, the same as the contract's schema uses in its messages. */
  label: string;
  required: boolean;
  type: ImportFieldType;
  /** Header names that suggest this field (Norwegian and English; compared with `headerKey`). */
  synonyms: readonly string[];
  choices?: readonly ImportChoice[];
  /** A short note shown beside the field when choosing columns. */
  hint?: string;
}

const DRIFTSFORM_CHOICES: readonly ImportChoice[] = [
  {
    value: 'kommunalt',
    label: DRIFTSFORM_LABELS.kommunalt.nb,
    words: ['kommunalt', 'kommunal', 'kommune', 'municipal'],
  },
  {
    value: 'iks',
    // The import keeps the short form; the register writes «Interkommunalt selskap (IKS)».
    label: 'IKS',
    words: ['iks', 'interkommunalt selskap', 'interkommunalt', 'inter-municipal company'],
  },
  {
    value: 'stiftelse',
    label: DRIFTSFORM_LABELS.stiftelse.nb,
    words: ['stiftelse', 'foundation'],
  },
  {
    value: 'ideell',
    label: DRIFTSFORM_LABELS.ideell.nb,
    words: ['ideell', 'ideell organisasjon', 'ideell forening', 'non-profit', 'nonprofit'],
  },
];

const REGION_CHOICES: readonly ImportChoice[] = [
  {
    value: 'sor-ost',
    label: REGION_LABELS['sor-ost'].nb,
    words: ['sør-øst', 'sørøst', 'south-east', 'southeast'],
  },
  { value: 'nord', label: REGION_LABELS.nord.nb, words: ['nord', 'north'] },
  {
    value: 'midt-vest',
    label: REGION_LABELS['midt-vest'].nb,
    words: ['midt-vest', 'midtvest', 'central-west'],
  },
];

const FUNDER_TYPE_CHOICES: readonly ImportChoice[] = [
  {
    value: 'departement',
    label: FUNDER_TYPE_LABELS.departement.nb,
    words: ['departement', 'ministry'],
  },
  {
    value: 'direktorat',
    label: FUNDER_TYPE_LABELS.direktorat.nb,
    words: ['direktorat', 'directorate'],
  },
  {
    value: 'stiftelse',
    label: FUNDER_TYPE_LABELS.stiftelse.nb,
    words: ['stiftelse', 'foundation'],
  },
  {
    value: 'forskningsrad',
    label: FUNDER_TYPE_LABELS.forskningsrad.nb,
    words: ['forskningsråd', 'research council'],
  },
  {
    value: 'internasjonal',
    label: FUNDER_TYPE_LABELS.internasjonal.nb,
    words: ['internasjonal', 'international'],
  },
  {
    value: 'kommune',
    label: FUNDER_TYPE_LABELS.kommune.nb,
    words: ['kommune', 'fylkeskommune', 'municipality'],
  },
  { value: 'annen', label: FUNDER_TYPE_LABELS.annen.nb, words: ['annen', 'annet', 'other'] },
];

const GRANT_STATUS_CHOICES: readonly ImportChoice[] = [
  { value: 'utkast', label: GRANT_STATUS_LABELS.utkast.nb, words: ['utkast', 'draft'] },
  { value: 'sokt', label: GRANT_STATUS_LABELS.sokt.nb, words: ['søkt', 'sendt', 'applied'] },
  {
    value: 'innvilget',
    label: GRANT_STATUS_LABELS.innvilget.nb,
    words: ['innvilget', 'tilsagn', 'awarded', 'granted'],
  },
  {
    value: 'delvis_innvilget',
    label: GRANT_STATUS_LABELS.delvis_innvilget.nb,
    words: ['delvis innvilget', 'delvis', 'partly awarded'],
  },
  {
    value: 'avslatt',
    label: GRANT_STATUS_LABELS.avslatt.nb,
    words: ['avslått', 'avslag', 'rejected'],
  },
  { value: 'trukket', label: GRANT_STATUS_LABELS.trukket.nb, words: ['trukket', 'withdrawn'] },
  {
    value: 'avsluttet',
    label: GRANT_STATUS_LABELS.avsluttet.nb,
    words: ['avsluttet', 'closed'],
  },
];

const NAME = ['navn', 'name', 'navn på senter', 'senter', 'krisesenter', 'organisasjon'];
const ORG_NUMBER = [
  'organisasjonsnummer',
  'org.nr',
  'orgnr',
  'org nr',
  'org.nummer',
  'organisation number',
  'organization number',
  'orgnumber',
];
const NOTES = ['merknad', 'merknader', 'kommentar', 'notat', 'notes', 'note', 'comment'];

export const IMPORT_FIELDS: Record<ImportKind, readonly ImportField[]> = {
  centres: [
    { key: 'name', label: 'Navn', required: true, type: 'text', synonyms: NAME },
    {
      key: 'driftsform',
      label: 'Driftsform',
      required: true,
      type: 'choice',
      choices: DRIFTSFORM_CHOICES,
      synonyms: [
        'driftsform',
        'driftsmodell',
        'eierform',
        'organisasjonsform',
        'form of operation',
      ],
    },
    {
      key: 'region',
      label: 'Region',
      required: true,
      type: 'choice',
      choices: REGION_CHOICES,
      synonyms: ['region', 'landsdel'],
    },
    {
      key: 'dailyLeader',
      label: 'Daglig leder',
      required: false,
      type: 'text',
      synonyms: ['daglig leder', 'leder', 'director', 'manager', 'daily leader'],
    },
    {
      key: 'contactEmail',
      label: 'Kontakt-e-post',
      required: false,
      type: 'text',
      synonyms: ['kontakt-e-post', 'e-post', 'epost', 'e-mail', 'email', 'kontakt', 'contact'],
    },
    {
      key: 'orgNumber',
      label: 'Organisasjonsnummer',
      required: false,
      type: 'text',
      synonyms: ORG_NUMBER,
    },
    {
      key: 'joinedDate',
      label: 'Medlem fra',
      required: false,
      type: 'date',
      synonyms: ['medlem fra', 'medlem siden', 'innmeldt', 'member from', 'member since', 'joined'],
      hint: 'Gir senteret en medlemsperiode fra denne datoen.',
    },
    { key: 'notes', label: 'Merknad', required: false, type: 'text', synonyms: NOTES },
  ],
  funders: [
    {
      key: 'name',
      label: 'Navn',
      required: true,
      type: 'text',
      synonyms: ['navn', 'name', 'tilskuddsyter', 'funder', 'giver'],
    },
    {
      key: 'funderType',
      label: 'Type tilskuddsyter',
      required: true,
      type: 'choice',
      choices: FUNDER_TYPE_CHOICES,
      synonyms: ['type tilskuddsyter', 'type', 'kategori', 'funder type', 'category'],
    },
    {
      key: 'orgNumber',
      label: 'Organisasjonsnummer',
      required: false,
      type: 'text',
      synonyms: ORG_NUMBER,
    },
    {
      key: 'website',
      label: 'Nettside',
      required: false,
      type: 'text',
      synonyms: ['nettside', 'nettsted', 'hjemmeside', 'website', 'web', 'url'],
    },
    { key: 'notes', label: 'Merknad', required: false, type: 'text', synonyms: NOTES },
  ],
  grants: [
    {
      key: 'project',
      label: 'Prosjekt',
      required: true,
      type: 'text',
      synonyms: ['prosjekt', 'tiltak', 'prosjekt/tiltak', 'project'],
      hint: 'Navnet på et registrert prosjekt eller tiltak.',
    },
    {
      key: 'funder',
      label: 'Tilskuddsyter',
      required: true,
      type: 'text',
      synonyms: ['tilskuddsyter', 'giver', 'funder', 'finansiør'],
      hint: 'Navnet på en registrert tilskuddsyter.',
    },
    {
      key: 'title',
      label: 'Tittel',
      required: true,
      type: 'text',
      synonyms: ['tittel', 'navn', 'tilskudd', 'title', 'name', 'grant'],
    },
    {
      key: 'schemeName',
      label: 'Tilskuddsordning',
      required: false,
      type: 'text',
      synonyms: ['tilskuddsordning', 'ordning', 'scheme'],
    },
    {
      key: 'reference',
      label: 'Referanse hos tilskuddsyter',
      required: false,
      type: 'text',
      synonyms: ['referanse', 'referanse hos tilskuddsyter', 'saksnummer', 'ref', 'reference'],
    },
    {
      key: 'editionYear',
      label: 'År (utgave)',
      required: false,
      type: 'integer',
      synonyms: ['år', 'utgave', 'year'],
    },
    {
      key: 'appliedOre',
      label: 'Søkt beløp',
      required: false,
      type: 'amount',
      synonyms: ['søkt beløp', 'søkt', 'søknadsbeløp', 'applied', 'applied amount'],
    },
    {
      key: 'appliedDate',
      label: 'Søknadsdato',
      required: false,
      type: 'date',
      synonyms: ['søknadsdato', 'søkt dato', 'application date'],
    },
    {
      key: 'awardedOre',
      label: 'Innvilget beløp',
      required: false,
      type: 'amount',
      synonyms: ['innvilget beløp', 'innvilget', 'tilsagn', 'beløp', 'awarded', 'amount'],
    },
    {
      key: 'decisionDate',
      label: 'Vedtaksdato',
      required: false,
      type: 'date',
      synonyms: ['vedtaksdato', 'tilsagnsdato', 'vedtak', 'dato', 'decision date', 'date'],
    },
    {
      key: 'status',
      label: 'Status',
      required: false,
      type: 'choice',
      choices: GRANT_STATUS_CHOICES,
      synonyms: ['status'],
      hint: 'Tom: «Innvilget» når innvilget beløp er fylt ut, ellers «Søkt» eller «Utkast».',
    },
    {
      key: 'periodFrom',
      label: 'Tilskuddsperiode fra',
      required: false,
      type: 'date',
      synonyms: ['tilskuddsperiode fra', 'periode fra', 'fra', 'period from', 'from'],
    },
    {
      key: 'periodTo',
      label: 'Tilskuddsperiode til',
      required: false,
      type: 'date',
      synonyms: ['tilskuddsperiode til', 'periode til', 'til', 'period to', 'to'],
    },
    {
      key: 'activityFrom',
      label: 'Aktivitetsperiode fra',
      required: false,
      type: 'date',
      synonyms: ['aktivitetsperiode fra', 'aktivitet fra', 'activity from'],
    },
    {
      key: 'activityTo',
      label: 'Aktivitetsperiode til',
      required: false,
      type: 'date',
      synonyms: ['aktivitetsperiode til', 'aktivitet til', 'activity to'],
    },
    {
      key: 'adminPercent',
      label: 'Administrasjonsandel (%)',
      required: false,
      type: 'percent',
      synonyms: ['administrasjonsandel', 'adm.andel', 'admandel', 'admin share'],
      hint: 'Prosentsats, for eksempel 10 eller 7,5. Tom: ingen administrasjonsandel.',
    },
    { key: 'notes', label: 'Merknad', required: false, type: 'text', synonyms: NOTES },
  ],
  allocations: [
    {
      key: 'round',
      label: 'Tildelingsrunde',
      required: true,
      type: 'text',
      synonyms: ['tildelingsrunde', 'runde', 'round', 'runde-id'],
      hint: 'Navnet eller id-en til en registrert tildelingsrunde.',
    },
    {
      key: 'centre',
      label: 'Senter',
      required: true,
      type: 'text',
      synonyms: ['senter', 'medlemssenter', 'krisesenter', 'navn', 'centre', 'center', 'name'],
      hint: 'Navnet (eller organisasjonsnummeret) til et registrert medlemssenter.',
    },
    {
      key: 'appliedOre',
      label: 'Søkt beløp',
      required: true,
      type: 'amount',
      synonyms: ['søkt beløp', 'søkt', 'søknadsbeløp', 'beløp', 'applied', 'amount'],
    },
    {
      key: 'awardedOre',
      label: 'Tildelt beløp',
      required: false,
      type: 'amount',
      synonyms: ['tildelt beløp', 'tildelt', 'innvilget', 'awarded'],
    },
    {
      key: 'decisionDate',
      label: 'Vedtaksdato',
      required: false,
      type: 'date',
      synonyms: ['vedtaksdato', 'vedtak', 'dato', 'decision date', 'date'],
    },
    {
      key: 'overrideReason',
      label: 'Begrunnelse for unntak',
      required: false,
      type: 'text',
      synonyms: ['begrunnelse for unntak', 'begrunnelse', 'unntak', 'override reason'],
      hint: 'Trengs bare når senteret ikke er medlem på vedtaksdatoen.',
    },
    {
      key: 'purpose',
      label: 'Formål',
      required: false,
      type: 'text',
      synonyms: ['formål', 'purpose', 'beskrivelse'],
    },
    {
      key: 'expectedParticipants',
      label: 'Forventet antall deltakere',
      required: false,
      type: 'integer',
      synonyms: ['forventet antall deltakere', 'antall deltakere', 'deltakere', 'participants'],
    },
    {
      key: 'receivedDate',
      label: 'Mottatt dato',
      required: false,
      type: 'date',
      synonyms: ['mottatt dato', 'mottatt', 'søknad mottatt', 'received'],
    },
  ],
};

export function importField(kind: ImportKind, key: string): ImportField | undefined {
  return IMPORT_FIELDS[kind].find((f) => f.key === key);
}

// ---------------------------------------------------------------- header names

/**
 * What two header names (or choice words) are compared by: lower case, æ/ø/å spelled out,
 * accents, punctuation, spaces and anything in brackets dropped. «Org.nr.» = «orgnr»,
 * «Søkt beløp (kr)» = «Søkt beløp», «E-post» = «epost».
 */
export function headerKey(text: string): string {
  return text
    .normalize('NFC')
    .toLocaleLowerCase('nb-NO')
    .replace(/\([^)]*\)/g, ' ')
    .replace(/æ/g, 'ae')
    .replace(/ø/g, 'o')
    .replace(/å/g, 'a')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]/g, '');
}

export type ImportMapping = Record<string, string | null>;

/**
 * A column for each field whose header is one of the field's names; each column is used for
 * at most one field, the first field that claims it (fields are in order of importance).
 */
export function suggestMapping(kind: ImportKind, columns: readonly string[]): ImportMapping {
  const keys = columns.map(headerKey);
  const used = new Set<number>();
  const mapping: ImportMapping = {};
  for (const field of IMPORT_FIELDS[kind]) {
    const names = [field.label, field.key, ...field.synonyms].map(headerKey);
    // The field's own label and its earlier synonyms win over later, vaguer ones.
    let found = -1;
    for (const name of names) {
      found = keys.findIndex((k, i) => !used.has(i) && k !== '' && k === name);
      if (found >= 0) break;
    }
    if (found >= 0) used.add(found);
    mapping[field.key] = found >= 0 ? (columns[found] ?? null) : null;
  }
  return mapping;
}

// ---------------------------------------------------------------- cells

/**
 * One cell as read from the file: text (CSV, or an xlsx text cell), a number (xlsx), a
 * calendar date (an xlsx date cell, already converted without time zones), a yes/no, an
 * Excel error value such as #N/A, or empty.
 */
export type RawCell = string | number | boolean | { date: IsoDate } | { error: string } | null;

export type CellValue = string | number | null;
export type CellResult = { ok: true; value: CellValue } | { ok: false; message: string };

const DAY_MS = 86_400_000;

/**
 * An Excel serial date as an ISO calendar date, or null when it is not one. The 1900 date
 * system counts 1 = 1 January 1900 and keeps Lotus 1-2-3's error that 1900 was a leap year:
 * serial 60 is the non-existent 29 February 1900, so from 61 on the count is one day ahead.
 * The 1904 system (old Mac workbooks) counts 0 = 1 January 1904. A time of day (the
 * fraction) is ignored; the serial is first rounded to the second so 45 292.999 999 999 (a
 * midnight that lost a little in floating point) is still 1 January 2024.
 */
export function excelSerialToIso(serial: number, date1904 = false): IsoDate | null {
  if (!Number.isFinite(serial)) return null;
  const days = Math.floor(Math.round(serial * 86_400) / 86_400);
  let ms: number;
  if (date1904) {
    if (days < 0) return null;
    ms = Date.UTC(1904, 0, 1) + days * DAY_MS;
  } else {
    if (days < 1 || days === 60) return null;
    ms = Date.UTC(1899, 11, days < 60 ? 31 : 30) + days * DAY_MS;
  }
  const d = new Date(ms);
  const iso = `${String(d.getUTCFullYear()).padStart(4, '0')}-${String(d.getUTCMonth() + 1).padStart(2, '0')}-${String(d.getUTCDate()).padStart(2, '0')}`;
  return isIsoDate(iso) ? iso : null;
}

/** The serial Excel stores for a JS Date as exceljs reads it (UTC midnight = that calendar day). */
export function excelSerialOfDate(date: Date, date1904 = false): number {
  return date.getTime() / DAY_MS + 25_569 - (date1904 ? 1_462 : 0);
}

/** Numbers in a date column are Excel serials only from 1 January 1950 (a year such as 2024 is not a date). */
const FIRST_PLAUSIBLE_SERIAL = 18_264;

/** How a cell is shown in a message: text as it stands, dates as dd.mm.åååå. */
export function cellText(cell: RawCell): string {
  if (cell === null) return '';
  if (typeof cell === 'string') return cell.trim();
  if (typeof cell === 'number') return String(cell).replace('.', ',');
  if (typeof cell === 'boolean') return cell ? 'Ja' : 'Nei';
  if ('date' in cell) return formatIsoDate(cell.date);
  return cell.error;
}

function isBlank(cell: RawCell): boolean {
  return cell === null || (typeof cell === 'string' && cell.trim() === '');
}

/** A whole number of øre from kroner given as a number (an xlsx numeric cell). */
function oreFromNumber(kr: number): number | 'decimals' | 'range' | 'format' {
  if (!Number.isFinite(kr)) return 'format';
  const ore = Math.round(kr * 100);
  if (Math.abs(kr * 100 - ore) > 1e-6 * Math.max(1, Math.abs(kr))) return 'decimals';
  if (Math.abs(ore) > MAX_ABS_ORE) return 'range';
  return ore === 0 ? 0 : ore;
}

const AMOUNT_MESSAGES = {
  format: (raw: string) => `«${raw}» er ikke et gyldig beløp. Skriv for eksempel 1 234,56.`,
  decimals: (raw: string) => `«${raw}» har mer enn to desimaler (øre).`,
  range: (raw: string) => `«${raw}» er for stort.`,
  empty: (raw: string) => `«${raw}» er ikke et gyldig beløp.`,
};

function parseAmount(cell: Exclude<RawCell, null>): CellResult {
  const raw = cellText(cell);
  if (typeof cell === 'number') {
    const ore = oreFromNumber(cell);
    return typeof ore === 'number'
      ? { ok: true, value: ore }
      : { ok: false, message: AMOUNT_MESSAGES[ore](raw) };
  }
  if (typeof cell !== 'string') return { ok: false, message: AMOUNT_MESSAGES.format(raw) };
  const parsed = parseKroner(cell);
  return parsed.ok
    ? { ok: true, value: parsed.value }
    : { ok: false, message: AMOUNT_MESSAGES[parsed.reason](raw) };
}

const DATE_HINT = 'Skriv datoen som dd.mm.åååå.';

function parseDate(cell: Exclude<RawCell, null>, date1904: boolean): CellResult {
  const raw = cellText(cell);
  if (typeof cell === 'object' && 'date' in cell) return { ok: true, value: cell.date };
  let serial: number | null = null;
  if (typeof cell === 'number') serial = cell;
  else if (typeof cell === 'string') {
    const s = cell.trim();
    if (/^\d{5}(?:[.,]\d+)?$/.test(s)) serial = Number(s.replace(',', '.'));
    else {
      // A time after the date ("01.06.2024 00:00", "2024-06-01T00:00:00") is dropped.
      const dateOnly = s.replace(/(?:[T ]\d{1,2}[:.]\d{2}(?:[:.]\d{2}(?:\.\d+)?)?Z?)$/, '');
      const iso = parseNorwegianDate(
        dateOnly.replace(/^(\d{1,2})[/-](\d{1,2})[/-](\d{4})$/, '$1.$2.$3'),
      );
      return iso
        ? { ok: true, value: iso }
        : { ok: false, message: `«${raw}» er ikke en gyldig dato. ${DATE_HINT}` };
    }
  }
  if (serial === null)
    return { ok: false, message: `«${raw}» er ikke en gyldig dato. ${DATE_HINT}` };
  if (serial < FIRST_PLAUSIBLE_SERIAL) {
    return { ok: false, message: `«${raw}» er ikke en dato. ${DATE_HINT}` };
  }
  const iso = excelSerialToIso(serial, date1904);
  return iso
    ? { ok: true, value: iso }
    : { ok: false, message: `«${raw}» er ikke en gyldig dato. ${DATE_HINT}` };
}

function parseInteger(cell: Exclude<RawCell, null>): CellResult {
  const raw = cellText(cell);
  let n: number | null = null;
  if (typeof cell === 'number') n = cell;
  else if (typeof cell === 'string' && /^[-\u2212]?\d[\d\s\u00a0]*$/.test(cell.trim())) {
    n = Number(
      cell
        .trim()
        .replace(/[\s\u00a0]/g, '')
        .replace('\u2212', '-'),
    );
  }
  return n !== null && Number.isSafeInteger(n)
    ? { ok: true, value: n }
    : { ok: false, message: `«${raw}» er ikke et heltall.` };
}

/** A percentage as basis points (10 % = 1 000): «10», «7,5», «7,5 %». */
function parsePercent(cell: Exclude<RawCell, null>): CellResult {
  const raw = cellText(cell);
  const bad = {
    ok: false as const,
    message: `«${raw}» er ikke en gyldig prosentsats. Skriv for eksempel 10 eller 7,5.`,
  };
  if (typeof cell === 'number') {
    const bp = oreFromNumber(cell);
    return typeof bp === 'number' ? { ok: true, value: bp } : bad;
  }
  if (typeof cell !== 'string') return bad;
  const text = cell.trim().replace(/\s*%$/, '');
  if (!/^[-\u2212]?[\d\s.,]+$/.test(text)) return bad;
  // Same grammar as an amount with two decimals: the result in hundredths is basis points.
  const parsed = parseKroner(text);
  return parsed.ok ? { ok: true, value: parsed.value } : bad;
}

function parseChoice(field: ImportField, cell: Exclude<RawCell, null>): CellResult {
  const raw = cellText(cell);
  const key = headerKey(raw);
  const choices = field.choices ?? [];
  const found = choices.find(
    (c) =>
      headerKey(c.value) === key ||
      headerKey(c.label) === key ||
      c.words.some((w) => headerKey(w) === key),
  );
  if (found) return { ok: true, value: found.value };
  const labels = choices.map((c) => c.label);
  const list = `${labels.slice(0, -1).join(', ')} eller ${labels[labels.length - 1] ?? ''}`;
  return {
    ok: false,
    message: `«${raw}» er ikke en gyldig verdi for ${field.label}. Bruk ${list}.`,
  };
}

/**
 * One cell as the value of `field`: øre for amounts, 'YYYY-MM-DD' for dates, basis points for
 * percentages, the choice's key, trimmed text; null for an empty cell. A failure carries a
 * Norwegian message about the cell's content (the caller adds the row and the column).
 */
export function normaliseCell(field: ImportField, cell: RawCell, date1904 = false): CellResult {
  if (isBlank(cell)) return { ok: true, value: null };
  const c = cell as Exclude<RawCell, null>;
  if (typeof c === 'object' && 'error' in c) {
    return { ok: false, message: `cellen inneholder en Excel-feil (${c.error}).` };
  }
  switch (field.type) {
    case 'amount':
      return parseAmount(c);
    case 'date':
      return parseDate(c, date1904);
    case 'integer':
      return parseInteger(c);
    case 'percent':
      return parsePercent(c);
    case 'choice':
      return parseChoice(field, c);
    default:
      return { ok: true, value: cellText(c) };
  }
}

/** The choice's label for a stored key («ideell» → «Ideell organisasjon»). */
export function choiceLabel(field: ImportField, value: string): string {
  return field.choices?.find((c) => c.value === value)?.label ?? value;
}
