/**
 * Import from Excel/CSV, the pure part shared by the main process and the import page: what
 * can be imported (member centres, funders, grants, allocations), the fields of each kind with
 * the Norwegian label the contract's schemas use, the header names (Norwegian and English)
 * that suggest a column for a field, and how one cell becomes a value (øre, ISO date, a choice
 * key) — or a Norwegian message saying why it cannot.
 *
 * The field table is in fields.ts and the cell rules in cells.ts; both are re-exported here.
 */
import { IMPORT_FIELDS, headerKey, type ImportKind } from './fields';

export * from './fields';
export * from './cells';

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
