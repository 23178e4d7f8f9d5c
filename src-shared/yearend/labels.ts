/** Year-end enums in words (Bokmål and English), the one source for services, exports and UI. */
import type { Labels } from '../kernel/labels';
import type { BalanceDecision, ChecklistKind, FiscalYearAction, FiscalYearStatus } from './rules';

export const FISCAL_YEAR_STATUS_LABELS: Labels<FiscalYearStatus> = {
  open: { nb: 'Åpent', en: 'Open' },
  closed: { nb: 'Avsluttet', en: 'Closed' },
};

export const FISCAL_YEAR_ACTION_LABELS: Labels<FiscalYearAction> = {
  close: { nb: 'Avsluttet', en: 'Closed' },
  reopen: { nb: 'Gjenåpnet', en: 'Reopened' },
};

/** The short form the year-end page shows in its choices and table. */
export const BALANCE_DECISION_LABELS: Labels<BalanceDecision> = {
  carried_forward: { nb: 'Overføres til neste år', en: 'Carried forward' },
  to_repay: { nb: 'Skal tilbakebetales', en: 'To be repaid' },
  explained: { nb: 'Forklart på annen måte', en: 'Explained otherwise' },
};

/** The full form written in the change log, the accountant's workbook and the close reason. */
export const BALANCE_DECISION_FULL_LABELS: Readonly<Record<BalanceDecision, string>> = {
  carried_forward: 'Overføres til neste år (godkjent av tilskuddsyter)',
  to_repay: 'Skal tilbakebetales til tilskuddsyter',
  explained: 'Forklart på annen måte',
};

export const CHECKLIST_KIND_LABELS: Labels<ChecklistKind> = {
  balance: { nb: 'Saldo uten beslutning', en: 'Balance without a decision' },
  grant_not_received: { nb: 'Tilskudd ikke mottatt', en: 'Grant not received' },
  allocation_unpaid: { nb: 'Tildeling ikke utbetalt', en: 'Allocation not paid out' },
  report_overdue: { nb: 'Rapport fra senter mangler', en: 'Report from centre missing' },
  year_split: { nb: 'Fordeling per år mangler', en: 'Split by year missing' },
  year_split_unconfirmed: {
    nb: 'Fordeling per år ikke bekreftet',
    en: 'Split by year not confirmed',
  },
  received_above_award: { nb: 'Mottatt mer enn innvilget', en: 'Received more than awarded' },
  admin_share_above_rule: {
    nb: 'Administrasjonsandel over regelen',
    en: 'Admin share above the rule',
  },
  payout_above_decided: { nb: 'Utbetalt mer enn vedtatt', en: 'Paid out more than decided' },
  negative_balance: { nb: 'Negativ saldo ved årsslutt', en: 'Negative balance at year end' },
  deadline_overdue: {
    nb: 'Rapport til tilskuddsyter ikke levert',
    en: 'Report to funder not delivered',
  },
};
