/** Grant enums in words (Bokmål and English), the one source for services, exports and UI. */
import type { Labels } from '../kernel/labels';
import type { AdminRule, GrantStatus, MovementType } from './rules';

export const GRANT_STATUS_LABELS: Labels<GrantStatus> = {
  utkast: { nb: 'Utkast', en: 'Draft' },
  sokt: { nb: 'Søkt', en: 'Applied' },
  innvilget: { nb: 'Innvilget', en: 'Awarded' },
  delvis_innvilget: { nb: 'Delvis innvilget', en: 'Partly awarded' },
  avslatt: { nb: 'Avslått', en: 'Rejected' },
  trukket: { nb: 'Trukket', en: 'Withdrawn' },
  avsluttet: { nb: 'Avsluttet', en: 'Closed' },
};

export const MOVEMENT_TYPE_LABELS: Labels<MovementType> = {
  received: { nb: 'Mottatt fra tilskuddsyter', en: 'Received from funder' },
  admin_share: { nb: 'Administrasjonsandel overført', en: 'Admin share transferred' },
  own_costs: { nb: 'Egne kostnader', en: 'Own costs' },
  repaid: { nb: 'Tilbakebetalt til tilskuddsyter', en: 'Repaid to funder' },
  transfer_in: { nb: 'Overført fra annet tilskudd', en: 'Transferred from another grant' },
  transfer_out: { nb: 'Overført til annet tilskudd', en: 'Transferred to another grant' },
  paid_to_centre: { nb: 'Utbetalt til senter', en: 'Paid to centre' },
  returned_by_centre: { nb: 'Tilbakeført fra senter', en: 'Returned by centre' },
};

export const ADMIN_RULE_LABELS: Labels<AdminRule> = {
  none: { nb: 'Ingen', en: 'None' },
  percent: { nb: 'Prosent av tilskuddet', en: 'Percentage of the grant' },
  fixed: { nb: 'Fast beløp', en: 'Fixed amount' },
};
