/** Schemas of `dashboard.charts`: the overview's chart read model for one year. */
import { z } from 'zod';
import { year } from '../api/fields';

export const DashboardChartsInput = z.object({ year: year('År') });

const money = z.number().int();

export const DashboardChartsSchema = z.object({
  year: z.number().int(),
  /** The five years shown in the awarded-per-funder chart, oldest first, ending at `year`. */
  years: z.array(z.number().int()),
  /** Awarded per funder per year (the year split if any, else the decision year); øre. */
  awardedByFunder: z.array(
    z.object({
      funderId: z.number().int(),
      funderName: z.string(),
      year: z.number().int(),
      amountOre: money,
    }),
  ),
  /** KSS's admin-share income per year (net of reversals), the same five years. */
  adminShareByYear: z.array(z.object({ year: z.number().int(), amountOre: money })),
  /** Paid to centres in `year` (paid minus returned), per region of the centre. */
  paidByRegion: z.array(
    z.object({
      region: z.enum(['sor-ost', 'nord', 'midt-vest']),
      label: z.string(),
      amountOre: money,
    }),
  ),
  /** Grants not yet decided (utkast, søkt): the applied amount per status. */
  pipelineByStatus: z.array(
    z.object({
      status: z.enum(['utkast', 'sokt']),
      label: z.string(),
      count: z.number().int(),
      amountOre: money,
    }),
  ),
  headline: z.object({
    awardedOre: money,
    passedOnOre: money,
    adminShareOre: money,
    /** Sum of every grant's balance at 31 December of `year`. */
    openBalanceOre: money,
  }),
});
export type DashboardCharts = z.infer<typeof DashboardChartsSchema>;
