import { createCentresService } from './centres';
import type { ServiceContext } from './context';
import { createGrantsService } from './grants';
import { createBalancesService, createMovementsService } from './movements';
import { createFundersService, createOrganisationsService } from './organisations';
import { createProjectsService } from './projects';

/** All services over one database. */
export function createServices(ctx: ServiceContext) {
  return {
    centres: createCentresService(ctx),
    organisations: createOrganisationsService(ctx),
    funders: createFundersService(ctx),
    projects: createProjectsService(ctx),
    grants: createGrantsService(ctx),
    movements: createMovementsService(ctx),
    balances: createBalancesService(ctx),
  };
}

export type Services = ReturnType<typeof createServices>;
