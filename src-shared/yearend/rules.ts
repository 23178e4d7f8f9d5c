/**
 * Year-end close (årsavslutning), the accounting export and the annual report's tables in
 * words and pure functions, shared by services and UI: statuses and decisions, account code
 * keys with their NS 4102 defaults, the «year closed» message, CSV amounts, the project
 * table's size text, the member summary sentence and a Word-friendly HTML table.
 */
import { formatOre, NBSP } from '../kernel/money';
import type { FunderType, MovementType } from '../grants/rules';
import { spreadsheetText } from '../kernel/spreadsheet-text';

export const FISCAL_YEAR_STATUSES = ['open', 'closed'] as const;
export type FiscalYearStatus = (typeof FISCAL_YEAR_STATUSES)[number];

export const FISCAL_YEAR_ACTIONS = ['close', 'reopen'] as const;
export type FiscalYearAction = (typeof FISCAL_YEAR_ACTIONS)[number];

/** What happens to a grant's closing balance ≠ 0 at the end of a fiscal year. */
export const BALANCE_DECISIONS = ['carried_forward', 'to_repay', 'explained'] as const;
export type BalanceDecision = (typeof BALANCE_DECISIONS)[number];

/**
 * Kinds of year-end checklist items. Each item has a stable key `<kind>:<id>` so an
 * exception confirmed for it keeps pointing at the same thing.
 */
export const CHECKLIST_KINDS = [
  /** Closing balance ≠ 0 without a decision, or the balance changed after the decision. */
  'balance',
  /** The funder has paid less than awarded for the year and the years before. */
  'grant_not_received',
  /** A centre's award decided by year end is not (fully) paid out. */
  'allocation_unpaid',
  /** A centre's report was due by year end and has not come in. */
  'report_overdue',
  /** An award without a year split, or a split that does not sum to the award. */
  'year_split',
  /** A report KSS owes a funder was due by year end and is not marked delivered. */
  'deadline_overdue',
  /** A year split that is still the app's suggestion (issue 10.4); confirm it to close. */
  'year_split_unconfirmed',
  /** Plausibility (issue 10.2): received above awarded + transfers in. */
  'received_above_award',
  /** Plausibility: admin share transferred above the grant's rule. */
  'admin_share_above_rule',
  /** Plausibility: paid to a centre above what its round decided. */
  'payout_above_decided',
  /** Plausibility: a closing balance below zero at year end. */
  'negative_balance',
] as const;
export type ChecklistKind = (typeof CHECKLIST_KINDS)[number];

export function checklistKey(kind: ChecklistKind, id: number): string {
  return `${kind}:${id}`;
}

// ---------------------------------------------------------------- the lock

/** The answer when a change would touch a closed fiscal year (invariant 5 of docs/DOMAIN.md). */
export function yearClosedMessage(year: number): string {
  return `Regnskapsåret ${year} er avsluttet. Gjenåpne året med en begrunnelse for å endre det.`;
}

const YEAR_CLOSED = /year closed: (\d{4})/;

/** The year in a database trigger's refusal ('year closed: 2024'), or null. */
export function yearClosedIn(message: string): number | null {
  const m = YEAR_CLOSED.exec(message);
  return m ? Number(m[1]) : null;
}

// ---------------------------------------------------------------- account codes

/** Settings keys for account codes (camelCase, so the input names each field). */
export const ACCOUNT_KEYS = [
  'incomeDepartement',
  'incomeDirektorat',
  'incomeKommune',
  'incomeForskningsrad',
  'incomeInternasjonal',
  'incomeStiftelse',
  'incomeAnnen',
  'adminShare',
  'paidToCentres',
  'ownCosts',
  'transfers',
] as const;
export type AccountKey = (typeof ACCOUNT_KEYS)[number];

export interface AccountSpec {
  label: string;
  /** What is booked on it, in the user's words. */
  usedFor: string;
  /** Default from NS 4102 (Norsk standard kontoplan); the accountant may change it. */
  defaultCode: string;
  defaultName: string;
}

const publicIncome = {
  defaultCode: '3400',
  defaultName: 'Offentlig tilskudd/refusjon',
};
const serviceIncome = {
  defaultCode: '3440',
  defaultName: 'Spesielt offentlig tilskudd for tjeneste',
};
const otherIncome = {
  defaultCode: '3950',
  defaultName: 'Annen driftsrelatert inntekt, avgiftsfri',
};

export const ACCOUNT_SPECS: Record<AccountKey, AccountSpec> = {
  incomeDepartement: {
    label: 'Inntektskonto for tilskudd fra departement',
    usedFor: 'Mottatt fra og tilbakebetalt til et departement',
    ...publicIncome,
  },
  incomeDirektorat: {
    label: 'Inntektskonto for tilskudd fra direktorat',
    usedFor:
      'Mottatt fra og tilbakebetalt til et direktorat (Bufdir, Sekretariatet for konfliktrådene …)',
    ...publicIncome,
  },
  incomeKommune: {
    label: 'Inntektskonto for tilskudd fra kommune',
    usedFor: 'Mottatt fra og tilbakebetalt til en kommune',
    ...publicIncome,
  },
  incomeForskningsrad: {
    label: 'Inntektskonto for tilskudd fra forskningsråd',
    usedFor: 'Mottatt fra og tilbakebetalt til Norges forskningsråd',
    ...serviceIncome,
  },
  incomeInternasjonal: {
    label: 'Inntektskonto for tilskudd fra internasjonal organisasjon',
    usedFor: 'Mottatt fra og tilbakebetalt til en internasjonal organisasjon (CBSS …)',
    ...serviceIncome,
  },
  incomeStiftelse: {
    label: 'Inntektskonto for tilskudd fra stiftelse',
    usedFor:
      'Mottatt fra og tilbakebetalt til en stiftelse (Gjensidigestiftelsen, Sparebankstiftelsen DNB …)',
    ...otherIncome,
  },
  incomeAnnen: {
    label: 'Inntektskonto for tilskudd fra annen tilskuddsyter',
    usedFor: 'Mottatt fra og tilbakebetalt til andre tilskuddsytere',
    ...otherIncome,
  },
  adminShare: {
    label: 'Konto for administrasjonsandel',
    usedFor: 'Administrasjonsandel overført fra tilskuddet til KSS',
    defaultCode: '3900',
    defaultName: 'Annen driftsrelatert inntekt',
  },
  paidToCentres: {
    label: 'Konto for utbetalinger til medlemssentre',
    usedFor: 'Utbetalt til og tilbakebetalt fra medlemssentre',
    defaultCode: '7430',
    defaultName: 'Gaver, ikke fradragsberettiget',
  },
  ownCosts: {
    label: 'Konto for egne kostnader',
    usedFor: 'KSS sine egne kostnader i prosjektet',
    defaultCode: '7790',
    defaultName: 'Annen kostnad',
  },
  transfers: {
    label: 'Konto for overføringer mellom tilskudd',
    usedFor: 'Ubrukte midler overført fra ett tilskudd til et annet',
    defaultCode: '2990',
    defaultName: 'Annen kortsiktig gjeld',
  },
};

export const FUNDER_INCOME_ACCOUNT: Record<FunderType, AccountKey> = {
  departement: 'incomeDepartement',
  direktorat: 'incomeDirektorat',
  kommune: 'incomeKommune',
  forskningsrad: 'incomeForskningsrad',
  internasjonal: 'incomeInternasjonal',
  stiftelse: 'incomeStiftelse',
  annen: 'incomeAnnen',
};

/** Which account a movement is booked on: by its type, and for money from/to a funder by the funder's type. */
export function accountKeyFor(type: MovementType, funderType: FunderType): AccountKey {
  switch (type) {
    case 'received':
    case 'repaid':
      return FUNDER_INCOME_ACCOUNT[funderType];
    case 'admin_share':
      return 'adminShare';
    case 'paid_to_centre':
    case 'returned_by_centre':
      return 'paidToCentres';
    case 'own_costs':
      return 'ownCosts';
    case 'transfer_in':
    case 'transfer_out':
      return 'transfers';
  }
}

export const ACCOUNT_CODE = /^\d{4,6}$/;

// ---------------------------------------------------------------- CSV

/**
 * An amount for the accounting CSV: kroner with a decimal comma and two decimals, a leading
 * '-' when negative, no thousands separator. Exact for every integer øre (no floats).
 */
export function csvAmount(ore: number): string {
  if (!Number.isSafeInteger(ore)) throw new RangeError('amount must be whole øre');
  const abs = Math.abs(ore);
  const text = `${Math.floor(abs / 100)},${String(abs % 100).padStart(2, '0')}`;
  return ore < 0 ? `-${text}` : text;
}

/** Parses what csvAmount wrote back to øre (for tests and for checking an import). */
export function parseCsvAmount(text: string): number {
  const m = /^(-?)(\d+),(\d{2})$/.exec(text);
  if (!m) throw new RangeError(`not a CSV amount: ${text}`);
  const ore = Number(m[2]) * 100 + Number(m[3]);
  return m[1] ? -ore : ore;
}

// ---------------------------------------------------------------- annual report tables

/** «2023 og 2024», «2023, 2024 og 2025». */
export function yearList(years: readonly number[]): string {
  const list = [...years].sort((a, b) => a - b).map(String);
  if (list.length <= 1) return list.join('');
  return `${list.slice(0, -1).join(', ')} og ${list[list.length - 1]}`;
}

/**
 * The project table's «Tilskuddsstørrelse» as the annual report writes it: «Kr 1 945 000»,
 * and for an award that covers several years «Kr 1 120 000 (for 2023 og 2024)». No-break
 * spaces keep the amount on one line in Word.
 */
export function sizeText(ore: number, years: readonly number[] = []): string {
  const amount = `Kr${NBSP}${formatOre(ore, { unit: false })}`;
  return years.length > 1 ? `${amount} (for ${yearList(years)})` : amount;
}

const MONTHS = [
  'januar',
  'februar',
  'mars',
  'april',
  'mai',
  'juni',
  'juli',
  'august',
  'september',
  'oktober',
  'november',
  'desember',
];

/** «A», «A og B», «A, B og C». */
export function nameList(names: readonly string[]): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} og ${names[names.length - 1]}`;
}

export interface MemberChange {
  name: string;
  date: string;
}

export interface MembersYear {
  year: number;
  /** Members on 1 January. */
  startCount: number;
  /** Members on 31 December. */
  endCount: number;
  /** New members during the year (their first day in the year). */
  joined: readonly MemberChange[];
  /** Members whose last day fell in the year before 31 December. */
  left: readonly MemberChange[];
  /** Members on 31 December whose last member day is 31 December (they leave at the turn of the year). */
  leavingAtYearEnd: readonly string[];
  /** Members on 31 December by driftsform. */
  municipalOrIks: number;
  ideell: number;
  stiftelse: number;
}

function monthOf(iso: string): string {
  return MONTHS[Number(iso.slice(5, 7)) - 1] ?? '';
}

function memberWord(n: number): string {
  return n === 1 ? '1 medlem' : `${n} medlemmer`;
}

/**
 * The member paragraph of the annual report, built from the membership history, e.g.
 * «Året startet med 20 medlemmer. I juni meldte Alta Krisesenter seg inn, slik at
 * organisasjonen per 31.12 hadde 21 medlemmer. Av disse er 11 kommunale/IKS, 6 er ideelle
 * organisasjoner og 4 er stiftelser. Ved årsskiftet meldes … ut av organisasjonen.»
 */
export function membersSummary(m: MembersYear): string {
  const parts: string[] = [`Året startet med ${memberWord(m.startCount)}.`];
  const changes: string[] = [];
  if (m.joined.length === 1) {
    const j = m.joined[0] as MemberChange;
    changes.push(`I ${monthOf(j.date)} meldte ${j.name} seg inn`);
  } else if (m.joined.length > 1) {
    changes.push(`I løpet av året meldte ${nameList(m.joined.map((j) => j.name))} seg inn`);
  }
  if (m.left.length > 0) {
    const who = nameList(m.left.map((l) => l.name));
    const when =
      m.left.length === 1 ? `i ${monthOf((m.left[0] as MemberChange).date)}` : 'i løpet av året';
    changes.push(
      changes.length > 0
        ? `${who} meldte seg ut ${when}`
        : `${capitalise(who)} meldte seg ut ${when}`,
    );
  }
  if (changes.length > 0) {
    parts.push(
      `${changes.join(', og ')}, slik at organisasjonen per 31.12 hadde ${memberWord(m.endCount)}.`,
    );
  } else {
    parts.push(`Per 31.12 hadde organisasjonen ${memberWord(m.endCount)}.`);
  }
  const groups: string[] = [];
  if (m.municipalOrIks > 0) {
    groups.push(m.municipalOrIks === 1 ? '1 er kommunal/IKS' : `${m.municipalOrIks} kommunale/IKS`);
  }
  if (m.ideell > 0) {
    groups.push(
      m.ideell === 1 ? '1 er en ideell organisasjon' : `${m.ideell} er ideelle organisasjoner`,
    );
  }
  if (m.stiftelse > 0)
    groups.push(m.stiftelse === 1 ? '1 er en stiftelse' : `${m.stiftelse} er stiftelser`);
  const [first, ...rest] = groups;
  if (first !== undefined && m.endCount > 0) {
    // «Av disse er 11 kommunale/IKS, 6 er …»: a first group without its own «er» takes it here.
    const lead = first.includes(' er ') ? first : `er ${first}`;
    parts.push(`Av disse ${nameList([lead, ...rest])}.`);
  }
  if (m.leavingAtYearEnd.length > 0) {
    parts.push(
      `Ved årsskiftet ${m.year + 1} meldes ${nameList(m.leavingAtYearEnd)} ut av organisasjonen.`,
    );
  }
  return parts.join(' ');
}

function capitalise(text: string): string {
  return text.charAt(0).toLocaleUpperCase('nb-NO') + text.slice(1);
}

// ---------------------------------------------------------------- copy as a table

function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/**
 * A plain <table> that pastes into Word as a table (text/html on the clipboard): a header
 * row, escaped text, thin borders. No scripts, no classes, no external styles. Excel and
 * LibreOffice paste this flavour too, so every cell is neutralised against formulas.
 */
export function htmlTable(
  headers: readonly string[],
  rows: readonly (readonly string[])[],
): string {
  const cell = 'border:1px solid #999;padding:2px 6px;vertical-align:top';
  const text = (v: string) => escapeHtml(spreadsheetText(v));
  const head = headers.map((h) => `<th style="${cell};text-align:left">${text(h)}</th>`);
  const body = rows.map(
    (r) => `<tr>${r.map((v) => `<td style="${cell}">${text(v)}</td>`).join('')}</tr>`,
  );
  return `<table style="border-collapse:collapse"><thead><tr>${head.join('')}</tr></thead><tbody>${body.join('')}</tbody></table>`;
}

/**
 * The same table as tab-separated text (the text/plain fallback on the clipboard): each cell
 * neutralised against formulas, then on one line without tabs.
 */
export function tsvTable(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const clean = (v: string) => spreadsheetText(v).replace(/[\t\r\n]+/g, ' ');
  return [headers, ...rows].map((r) => r.map(clean).join('\t')).join('\r\n');
}
