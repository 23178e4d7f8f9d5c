/** Allocation enums in words (Bokmål and English), the one source for services, exports and UI. */
import type { Labels } from '../kernel/labels';
import type { ReportStatus } from './rules';

export const REPORT_STATUS_LABELS: Labels<ReportStatus> = {
  venter: { nb: 'Venter', en: 'Waiting' },
  mottatt: { nb: 'Mottatt', en: 'Received' },
  godkjent: { nb: 'Godkjent', en: 'Approved' },
  purret: { nb: 'Purret', en: 'Reminded' },
};
