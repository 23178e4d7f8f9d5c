/**
 * Labels for enum values, kept once per domain in `src-shared/<domain>/labels.ts` and used by
 * the services, the exports, the change log and the UI's catalogues. A `Labels<E>` record is
 * typed by the enum, so a missing value is a compile error.
 */
export interface Label {
  /** Norwegian Bokmål: what the UI, exports and messages show. */
  nb: string;
  /** English: the UI's English catalogue. */
  en: string;
}

export type Labels<E extends string> = Readonly<Record<E, Label>>;

/** The Bokmål labels alone, for services and exports. */
export function nbLabels<E extends string>(labels: Labels<E>): Record<E, string> {
  const out = {} as Record<E, string>;
  for (const key of Object.keys(labels) as E[]) out[key] = labels[key].nb;
  return out;
}

/** Catalogue entries `<prefix>.<value>` in one language, for the renderer's i18n tables. */
export function catalogueEntries<P extends string, E extends string>(
  prefix: P,
  labels: Labels<E>,
  lang: keyof Label,
): Record<`${P}.${E}`, string> {
  const out = {} as Record<`${P}.${E}`, string>;
  for (const key of Object.keys(labels) as E[]) out[`${prefix}.${key}`] = labels[key][lang];
  return out;
}

/** The labels of some values only (e.g. the entity types a filter offers). */
export function pickLabels<E extends string, K extends E>(
  labels: Labels<E>,
  keys: readonly K[],
): Labels<K> {
  const out = {} as Record<K, Label>;
  for (const key of keys) out[key] = labels[key];
  return out;
}
