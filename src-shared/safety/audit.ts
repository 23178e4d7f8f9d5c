/**
 * The change log (Endringslogg) in words: entity and action names, field labels, values as
 * the forms show them («1 832 639,00 kr», «02.12.2026», «Søkt → Innvilget»), references by
 * name («Prosjekt: Juleaksjonen»), and one date-time format (`02.12.2026 kl. 02:17`). Pure, so
 * the history page, the record panels and the xlsx export for the auditor say the same.
 */
import { formatIsoDate, isIsoDate } from '../kernel/dates';
import { formatEurCents } from '../kernel/euro';
import { formatOre } from '../kernel/money';
import { nbLabels, type Label } from '../kernel/labels';
import { formatBasisPoints } from '../kernel/percent';
import { formatBytes } from '../documents/rules';
import { formatDecimal } from '../keyfigures/rules';
import { MOVEMENT_TYPE_LABELS } from '../grants/labels';
import { ACCOUNT_SPECS, type AccountKey, type ChecklistKind } from '../yearend/rules';
import { CHECKLIST_KIND_LABELS } from '../yearend/labels';
import {
  AUDIT_BOOKKEEPING_FIELDS,
  AUDIT_COMPUTED_FIELDS,
  AUDIT_CONTEXT_FIELDS,
  AUDIT_FIELDS,
  AUDIT_FINGERPRINT_FIELDS,
  AUDIT_OWN_REF,
  auditFieldDef,
  type AuditRefKind,
  type FieldDef,
} from './audit-fields';
import {
  AUDIT_ACTION_LABELS as AUDIT_ACTION_LABEL_SET,
  AUDIT_ENTITY_LABELS,
  type AuditAction,
} from './labels';

export { AUDIT_ACTIONS, type AuditAction } from './labels';

/** Action names in Norwegian. */
export const AUDIT_ACTION_LABELS: Record<AuditAction, string> = nbLabels(AUDIT_ACTION_LABEL_SET);

/** Entity names used by recordChange, in Norwegian. Unknown names are shown as they are. */
export const AUDIT_ENTITY_NB: Readonly<Record<string, string>> = nbLabels(AUDIT_ENTITY_LABELS);

export function auditEntityLabel(entity: string, lang: AuditLang = 'nb'): string {
  const label = (AUDIT_ENTITY_LABELS as Record<string, Label>)[entity];
  return label ? label[lang] : entity;
}

export type AuditLang = 'nb' | 'en';

/**
 * What the server found for the records an entry refers to: `<kind>:<id>` → a JSON array of
 * the record's words (its name; for a movement its type, date and amount …), or null when the
 * record no longer exists.
 */
export type AuditNames = Readonly<Record<string, string | null>>;

/** The parts of a log entry its text is made from. */
export interface DescribableEntry {
  entity: string;
  entityId: number;
  before: unknown;
  after: unknown;
  names?: AuditNames;
}

export interface AuditRef {
  kind: AuditRefKind;
  id: number;
}

export function auditRefKey(ref: AuditRef): string {
  return `${ref.kind}:${ref.id}`;
}

const WORDS = {
  yes: { nb: 'Ja', en: 'Yes' },
  no: { nb: 'Nei', en: 'No' },
  deleted: { nb: 'slettet', en: 'deleted' },
  at: { nb: 'kl.', en: 'at' },
} satisfies Record<string, Label>;

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** An instant as local 'dd.mm.åååå hh:mm:ss' (backups and imports; the log uses formatDateTime). */
export function formatInstant(ms: number): string {
  const d = new Date(ms);
  return (
    `${pad(d.getDate())}.${pad(d.getMonth() + 1)}.${d.getFullYear()} ` +
    `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`
  );
}

/** The change log's one date-time format, local time: `02.12.2026 kl. 02:17`. */
export function formatDateTime(ms: number, lang: AuditLang = 'nb'): string {
  const d = new Date(ms);
  return (
    `${pad(d.getDate())}.${pad(d.getMonth() + 1)}.${d.getFullYear()} ` +
    `${WORDS.at[lang]} ${pad(d.getHours())}:${pad(d.getMinutes())}`
  );
}

/** The checklist kinds whose key ends in an allocation's or a deadline's id (else a grant's). */
const CHECKLIST_REF: Partial<Record<ChecklistKind, AuditRefKind>> = {
  allocation_unpaid: 'allocation',
  report_overdue: 'allocation',
  payout_above_decided: 'allocation',
  deadline_overdue: 'deadline',
};

function checklistRef(key: string): { kind: ChecklistKind; ref: AuditRef } | null {
  const m = /^([a-z_]+):(\d+)$/.exec(key);
  if (!m || !(m[1]! in CHECKLIST_KIND_LABELS)) return null;
  const kind = m[1] as ChecklistKind;
  return { kind, ref: { kind: CHECKLIST_REF[kind] ?? 'grant', id: Number(m[2]) } };
}

function asRecord(value: unknown): Record<string, unknown> | null {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : null;
}

function refOf(def: FieldDef | null, value: unknown): AuditRef | null {
  if (!def) return null;
  if (def.kind.t === 'ref' && typeof value === 'number') return { kind: def.kind.ref, id: value };
  if (def.kind.t === 'checklistKey' && typeof value === 'string') {
    return checklistRef(value)?.ref ?? null;
  }
  return null;
}

/** Every record an entry's text names: the record itself and each reference in its fields. */
export function auditRefs(
  entry: Pick<DescribableEntry, 'entity' | 'entityId' | 'before' | 'after'>,
): AuditRef[] {
  const out = new Map<string, AuditRef>();
  const own = AUDIT_OWN_REF[entry.entity];
  if (own)
    out.set(auditRefKey({ kind: own, id: entry.entityId }), { kind: own, id: entry.entityId });
  for (const rec of [asRecord(entry.before), asRecord(entry.after)]) {
    for (const [field, value] of Object.entries(rec ?? {})) {
      const ref = refOf(auditFieldDef(entry.entity, field), value);
      if (ref) out.set(auditRefKey(ref), ref);
    }
  }
  return [...out.values()];
}

function parseWords(raw: string): unknown[] {
  try {
    const parsed = JSON.parse(raw) as unknown;
    return Array.isArray(parsed) ? parsed : [raw];
  } catch {
    return [raw];
  }
}

/** The words of a found record, by kind (see src-main/safety/audit-names.ts for the parts). */
function refWords(kind: AuditRefKind, parts: unknown[], lang: AuditLang): string {
  const [a, b, c] = parts;
  if (kind === 'movement') {
    const type = (MOVEMENT_TYPE_LABELS as Record<string, Label>)[String(a)]?.[lang] ?? String(a);
    const when = typeof b === 'string' ? formatIsoDate(b) : '';
    const amount = typeof c === 'number' ? formatOre(c, { decimals: 'always' }) : '';
    return `${type} ${when}, ${amount}`;
  }
  if ((kind === 'allocation' || kind === 'deadline') && b !== null && b !== undefined) {
    return `${String(a)} (${String(b)})`;
  }
  return String(a);
}

/** A referenced record by name; «#12 (slettet)» when it is gone, «#12» when not looked up. */
export function formatRef(
  ref: AuditRef,
  names: AuditNames | undefined,
  lang: AuditLang = 'nb',
): string {
  const key = auditRefKey(ref);
  if (!names || !(key in names)) return `#${ref.id}`;
  const raw = names[key];
  if (raw === null || raw === undefined) return `#${ref.id} (${WORDS.deleted[lang]})`;
  return refWords(ref.kind, parseWords(raw), lang);
}

function formatByKind(
  def: FieldDef,
  value: unknown,
  names: AuditNames | undefined,
  lang: AuditLang,
): string | null {
  const k = def.kind;
  if (typeof value === 'number') {
    if (k.t === 'money') return formatOre(value, { decimals: 'always' });
    if (k.t === 'eur') return formatEurCents(value);
    if (k.t === 'instant') return formatDateTime(value, lang);
    if (k.t === 'basisPoints') return formatBasisPoints(value);
    if (k.t === 'bytes') return formatBytes(value);
    if (k.t === 'ref') return formatRef({ kind: k.ref, id: value }, names, lang);
    if (k.t === 'bool') return value ? WORDS.yes[lang] : WORDS.no[lang];
  }
  if (typeof value === 'string') {
    if (k.t === 'enum') return k.labels[value]?.[lang] ?? value;
    if (k.t === 'date') return isIsoDate(value) ? formatIsoDate(value) : value;
    if (k.t === 'decimal') return formatDecimal(value);
    if (k.t === 'accountKey') return ACCOUNT_SPECS[value as AccountKey]?.label ?? value;
    if (k.t === 'checklistKey') {
      const point = checklistRef(value);
      if (!point) return value;
      return `${CHECKLIST_KIND_LABELS[point.kind][lang]}: ${formatRef(point.ref, names, lang)}`;
    }
  }
  return null;
}

/** The first table that knows a field, for a value whose entity is not given. */
function anyFieldDef(field: string, value: unknown): FieldDef | null {
  for (const table of Object.values(AUDIT_FIELDS) as Readonly<Record<string, FieldDef>>[]) {
    const def = table[field];
    if (!def) continue;
    if (def.kind.t !== 'enum' || (typeof value === 'string' && value in def.kind.labels))
      return def;
  }
  return null;
}

/**
 * One logged value as a reader wants to see it: kroner with øre, dd.mm.åååå, labels for
 * codes, Ja/Nei, names for references, '—' for nothing.
 */
export function formatAuditValue(
  field: string,
  value: unknown,
  options: { entity?: string; names?: AuditNames; lang?: AuditLang } = {},
): string {
  const lang = options.lang ?? 'nb';
  if (value === null || value === undefined || value === '') return '—';
  const def =
    (options.entity ? auditFieldDef(options.entity, field) : null) ?? anyFieldDef(field, value);
  const shown = def ? formatByKind(def, value, options.names, lang) : null;
  if (shown !== null) return shown;
  if (typeof value === 'boolean') return value ? WORDS.yes[lang] : WORDS.no[lang];
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return isIsoDate(value) ? formatIsoDate(value) : value;
  return JSON.stringify(value);
}

/** A field's label for an entity; a field no table knows keeps its name (a test forbids that). */
export function auditFieldLabel(entity: string, field: string, lang: AuditLang = 'nb'): string {
  return (auditFieldDef(entity, field) ?? anyFieldDef(field, null))?.label[lang] ?? field;
}

export interface FieldChange {
  field: string;
  label: string;
  before: string | null;
  after: string | null;
}

function shownField(entity: string, field: string): boolean {
  return (
    !AUDIT_BOOKKEEPING_FIELDS.has(field) &&
    !AUDIT_COMPUTED_FIELDS[entity]?.includes(field) &&
    !AUDIT_FINGERPRINT_FIELDS[entity]?.includes(field)
  );
}

const blank = (v: unknown) => v === null || v === undefined || v === '';

/**
 * The fields an entry touched: for an update those whose value differs, for a create every
 * filled-in field, for a delete every field the record had. Values are formatted; ids,
 * timestamps and computed fields (totals, counts, hashes) are never shown as changes.
 */
export function describeChanges(entry: DescribableEntry, lang: AuditLang = 'nb'): FieldChange[] {
  const b = asRecord(entry.before);
  const a = asRecord(entry.after);
  const keys: string[] = [];
  for (const k of [...Object.keys(a ?? {}), ...Object.keys(b ?? {})]) {
    if (!keys.includes(k) && shownField(entry.entity, k)) keys.push(k);
  }
  const opts = { entity: entry.entity, names: entry.names, lang };
  const out: FieldChange[] = [];
  for (const field of keys) {
    const bv = b ? b[field] : undefined;
    const av = a ? a[field] : undefined;
    if (b && a && JSON.stringify(bv ?? null) === JSON.stringify(av ?? null)) continue;
    if (!b && blank(av)) continue;
    if (!a && blank(bv)) continue;
    out.push({
      field,
      label: auditFieldLabel(entry.entity, field, lang),
      before: b ? formatAuditValue(field, bv, opts) : null,
      after: a ? formatAuditValue(field, av, opts) : null,
    });
  }
  return out;
}

/** One line for a list of changes: "Navn: A → B; Region: …". */
export function summariseChanges(changes: readonly FieldChange[]): string {
  return changes
    .map((c) =>
      c.before !== null && c.after !== null
        ? `${c.label}: ${c.before} → ${c.after}`
        : `${c.label}: ${c.after ?? c.before ?? ''}`,
    )
    .join('; ');
}

/**
 * Which record an entry is about, in words: its name («Juleaksjonen 2025»), or for a record
 * without one whose it is («Alta Krisesenter», «2024»); «#12 (slettet)» when it is gone.
 */
export function auditRecordName(entry: DescribableEntry, lang: AuditLang = 'nb'): string {
  const own = AUDIT_OWN_REF[entry.entity];
  if (own) return formatRef({ kind: own, id: entry.entityId }, entry.names, lang);
  const rec = asRecord(entry.after) ?? asRecord(entry.before) ?? {};
  const parts = (AUDIT_CONTEXT_FIELDS[entry.entity] ?? [])
    .filter((f) => !blank(rec[f]))
    .map((f) => formatAuditValue(f, rec[f], { entity: entry.entity, names: entry.names, lang }));
  return parts.length > 0
    ? parts.join(', ')
    : entry.entity === 'settings'
      ? ''
      : `#${entry.entityId}`;
}
