import { createAuditService } from './audit';
import { unavailableBackups } from './backups';
import { createRoundReportsService } from './allocation-reports';
import {
  createAllocationsService,
  createCentreReportsService,
  createRoundsService,
} from './allocations';
import { createCentresService } from './centres';
import { createDashboardService } from './dashboard';
import { createExampleDataService } from './example-data';
import type { ServiceContext } from './context';
import { createGrantsService } from './grants';
import { createImportService } from './import';
import { createBalancesService, createMovementsService } from './movements';
import { createFundersService, createOrganisationsService } from './organisations';
import { createProjectsService } from './projects';
import { createAccountSettingsService } from './account-settings';
import { createAnnualReportService } from './annual-report';
import { createYearEndService } from './yearend';
import { createYearExportsService } from './yearend-exports';

/** All services over one database. */
export function createServices(ctx: ServiceContext) {
  const centreReports = createCentreReportsService(ctx);
  return {
    centres: createCentresService(ctx),
    audit: createAuditService(ctx),
    backups: ctx.backups ?? unavailableBackups(),
    organisations: createOrganisationsService(ctx),
    funders: createFundersService(ctx),
    projects: createProjectsService(ctx),
    grants: createGrantsService(ctx),
    movements: createMovementsService(ctx),
    balances: createBalancesService(ctx),
    rounds: createRoundsService(ctx),
    allocations: createAllocationsService(ctx),
    centreReports,
    dashboard: createDashboardService(ctx, {
      overdueCount: () => centreReports.overdue({ asOf: null }).length,
    }),
    roundReports: createRoundReportsService(ctx),
    imports: createImportService(ctx),
    yearEnd: createYearEndService(ctx),
    yearExports: createYearExportsService(ctx),
    annualReport: createAnnualReportService(ctx),
    accountSettings: createAccountSettingsService(ctx),
    exampleData: createExampleDataService(ctx),
  };
}

export type Services = ReturnType<typeof createServices>;
