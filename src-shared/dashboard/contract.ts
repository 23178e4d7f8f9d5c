/**
 * Contract slice: The overview page (Oversikt).
 * Assembled with the other slices in src-shared/api/contract.ts.
 */
import { z } from 'zod';
import { isoDateOut, method } from '../api/shapes';
import { DashboardChartsInput, DashboardChartsSchema } from './charts-contract';

export type { DashboardCharts } from './charts-contract';

export const DashboardSchema = z.object({
  today: isoDateOut,
  membersToday: z.number().int(),
  /** Per fiscal year: awarded (by year split), received, admin share transferred, paid to centres. */
  perYear: z.array(
    z.object({
      year: z.number().int(),
      awardedOre: z.number().int(),
      /** The part of awardedOre that is an unconfirmed suggested split («(forslag)»). */
      awardedUnconfirmedOre: z.number().int(),
      receivedOre: z.number().int(),
      adminShareOre: z.number().int(),
      paidToCentresOre: z.number().int(),
    }),
  ),
  overdueReports: z.number().int(),
  /** Deadlines from today and the next 60 days: funder reports and centre reports. */
  upcoming: z.array(
    z.object({
      date: isoDateOut,
      kind: z.enum(['grant', 'centre']),
      title: z.string(),
      what: z.string(),
      link: z.string(),
    }),
  ),
});
export type Dashboard = z.infer<typeof DashboardSchema>;

export const dashboardMethods = {
  'dashboard.summary': method(
    'The overview page: members today, money per year, overdue reports and upcoming deadlines.',
    z.object({}).default({}),
    DashboardSchema,
  ),
  'dashboard.charts': method(
    "The overview's charts for a year: awarded per funder (five years), admin share per year, paid per region, pipeline by status, headline figures.",
    DashboardChartsInput,
    DashboardChartsSchema,
  ),
} as const;
