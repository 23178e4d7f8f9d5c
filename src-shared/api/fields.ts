/**
 * Field builders for the contract's zod schemas. Each takes the Norwegian field label
 * so every validation message names the field the user has to fix (invariant 7 of docs/DOMAIN.md).
 */
import { z } from 'zod';
import { isIsoDate } from '../kernel/dates';
import { isValidOrgNumber, normaliseOrgNumber } from '../kernel/orgnr';
import { MAX_ABS_ORE } from '../kernel/money';

function typed(label: string, what: string) {
  return {
    error: (iss: { input?: unknown }) =>
      iss.input === undefined || iss.input === null
        ? `${label} må fylles ut.`
        : `${label} må være ${what}.`,
  };
}

/**
 * NUL cannot be typed, and SQLite's text functions stop at it: `length(trim('\0'))` is 0, so a
 * name of only NUL slipped past `min(1)` and failed a CHECK constraint as an internal error.
 */
const hasNoNul = (v: string) => !v.includes('\u0000');
const nulMessage = (label: string) => `${label} inneholder et ugyldig tegn.`;

/**
 * Text must be valid Unicode: an unpaired UTF-16 surrogate cannot be encoded as UTF-8, so SQLite
 * stored it as U+FFFD and the name came back altered («Test���senter»). With the `u` flag a
 * paired surrogate (an emoji) is one code point and does not match; only a lone half does.
 */
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;
const isWellFormedText = (v: string) => hasNoNul(v) && !LONE_SURROGATE.test(v);

/** Required, trimmed text. */
export const requiredText = (label: string, max = 200) =>
  z
    .string(typed(label, 'tekst'))
    .trim()
    .min(1, `${label} må fylles ut.`)
    .max(max, `${label} kan ha høyst ${max} tegn.`)
    .refine(isWellFormedText, nulMessage(label));

/** Optional text: missing, null or blank becomes null. */
export const optionalText = (label: string, max = 2000) =>
  z
    .string(typed(label, 'tekst'))
    .trim()
    .max(max, `${label} kan ha høyst ${max} tegn.`)
    .refine(isWellFormedText, nulMessage(label))
    .nullish()
    .transform((v) => (v ? v : null));

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@.]{2,}$/;

/** Optional e-mail address. */
export const optionalEmail = (label: string) =>
  optionalText(label, 254).refine(
    (v) => v === null || EMAIL.test(v),
    `${label} må være en gyldig e-postadresse (for eksempel post@krisesenter.no).`,
  );

/** Optional organisation number: 9 digits with a valid MOD11 check digit, spaces allowed. */
export const optionalOrgNumber = (label = 'Organisasjonsnummer') =>
  optionalText(label, 20)
    .transform((v) => (v === null ? null : normaliseOrgNumber(v)))
    .refine(
      (v) => v === null || isValidOrgNumber(v),
      `${label} må ha 9 siffer med gyldig kontrollsiffer.`,
    );

/** Required calendar date 'YYYY-MM-DD'. */
export const isoDate = (label: string) =>
  z
    .string(typed(label, 'en dato'))
    .refine(isIsoDate, `${label} må være en gyldig dato (dd.mm.åååå).`);

/** Optional calendar date; blank becomes null. */
export const optionalIsoDate = (label: string) =>
  z
    .string(typed(label, 'en dato'))
    .nullish()
    .transform((v) => (v ? v : null))
    .refine((v) => v === null || isIsoDate(v), `${label} må være en gyldig dato (dd.mm.åååå).`);

/** A record id. */
export const id = (label: string) =>
  z
    .number(typed(label, 'et tall'))
    .int(`${label} må være et heltall.`)
    .positive(`${label} må være et positivt tall.`);

/** A year such as 2024. */
export const year = (label = 'År') =>
  z
    .number(typed(label, 'et årstall'))
    .int(`${label} må være et heltall.`)
    .min(1900, `${label} må være et årstall fra 1900.`)
    .max(2199, `${label} må være et årstall før 2200.`);

/** An amount in whole øre; `min` 0 by default. */
export const amountOre = (label: string, min = 0) =>
  z
    .number(typed(label, 'et beløp'))
    .int(`${label} må være hele øre.`)
    .min(
      min,
      min === 0
        ? `${label} kan ikke være negativt.`
        : min === 1
          ? `${label} må være større enn 0 kr.`
          : `${label} er for lite.`,
    )
    .max(MAX_ABS_ORE, `${label} er for stort.`);

/** «Region» → «region», but «KSS' rolle» stays as written (an abbreviation). */
function choiceName(label: string): string {
  const second = label.charAt(1);
  return second && second === second.toLocaleLowerCase('nb-NO')
    ? label.charAt(0).toLocaleLowerCase('nb-NO') + label.slice(1)
    : label;
}

/** An enum with a Norwegian message listing nothing technical. */
export const oneOf = <const T extends readonly [string, ...string[]]>(label: string, values: T) =>
  z.enum(values, {
    // An empty required select asks for a choice; a value not in the list is refused.
    error: (issue) =>
      issue.input === undefined || issue.input === null || issue.input === ''
        ? `Velg ${choiceName(label)}.`
        : `${label} har en ugyldig verdi. Velg fra listen.`,
  });

/** The page asked for in a server-paged list (1 and up). */
export const pageNumber = () =>
  z
    .number({ error: 'Side må være et tall.' })
    .int('Side må være et heltall.')
    .min(1, 'Side må være 1 eller mer.')
    .max(100000, 'Side er for stor.')
    .default(1);

/** Rows per page in a server-paged list, at most `max`. */
export const pageSize = (max: number, fallback: number) =>
  z
    .number({ error: 'Rader per side må være et tall.' })
    .int('Rader per side må være et heltall.')
    .min(1, 'Rader per side må være 1 eller mer.')
    .max(max, `Rader per side kan være høyst ${max}.`)
    .default(fallback);

/** Sort direction of a server-sorted list; absent means the column's own direction. */
/** What every server-paged list answers besides its rows and sums. */
export const pagedFields = {
  /** How many rows match the filters (all pages). */
  total: z.number().int(),
  /** The page answered (see each list for a page past the end). */
  page: z.number().int(),
  pageSize: z.number().int(),
};

export const sortDir = () => oneOf('Retning', ['asc', 'desc'] as const);
