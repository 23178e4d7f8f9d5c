import { createAuditService } from './safety/audit';
import { unavailableBackups } from './platform/backup-controller';
import { createRoundReportsService } from './allocations/funder-report';
import { overdueReportCount } from './allocations/bulk';
import { createAllocationsService } from './allocations/allocations';
import { createCentreReportsService } from './allocations/centre-reports';
import { createRoundsService } from './allocations/rounds';
import { createApplicationsService } from './applications/applications';
import { createPackViewService } from './applications/pack-view';
import { createCentresService } from './registry/centres';
import { createDashboardService } from './dashboard/dashboard';
import { createDeadlinesService } from './deadlines/deadlines';
import { createDashboardChartsService } from './dashboard/charts';
import { createDocumentsService } from './documents/documents';
import { createNotesService } from './documents/notes';
import type { ServiceContext } from './platform/context';
import { createGrantsService } from './grants/grants';
import { createAwardsService } from './grants/awards';
import { createImportService } from './import/import';
import { createKeyFiguresService } from './keyfigures/keyfigures';
import { createBalancesService, createMovementsService } from './grants/movements';
import { createFundersService } from './registry/funders';
import { createOrganisationsService } from './registry/organisations';
import { createProjectsService } from './registry/projects';
import { createAccountSettingsService } from './yearend/accounts';
import { createAnnualReportService } from './yearend/annual-report';
import { createExampleDataService } from './setup/example-data';
import { createSettingsService } from './setup/settings';
import { createSearchService } from './search/search';
import { createYearEndService } from './yearend/close';
import { createYearExportsService } from './yearend/exports';

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
    awards: createAwardsService(ctx),
    movements: createMovementsService(ctx),
    balances: createBalancesService(ctx),
    rounds: createRoundsService(ctx),
    allocations: createAllocationsService(ctx),
    centreReports,
    applications: createApplicationsService(ctx),
    packView: createPackViewService(ctx),
    dashboard: createDashboardService(ctx, {
      overdueCount: () => overdueReportCount(ctx.db, ctx.clock.today()),
    }),
    dashboardCharts: createDashboardChartsService(ctx),
    roundReports: createRoundReportsService(ctx),
    import: createImportService(ctx),
    yearEnd: createYearEndService(ctx),
    yearExports: createYearExportsService(ctx),
    annualReport: createAnnualReportService(ctx),
    accountSettings: createAccountSettingsService(ctx),
    exampleData: createExampleDataService(ctx),
    keyFigures: createKeyFiguresService(ctx),
    notes: createNotesService(ctx),
    documents: createDocumentsService(ctx),
    settings: createSettingsService(ctx),
    search: createSearchService(ctx),
    deadlines: createDeadlinesService(ctx),
  };
}

export type Services = ReturnType<typeof createServices>;
