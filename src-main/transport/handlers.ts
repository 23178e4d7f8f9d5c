/**
 * The handler table: each domain's handlers merged into one. Written with
 * `satisfies Handlers`, so a method in the contract without a handler is a compile error.
 */
import type { Handler, Handlers } from '../../src-shared/api/contract';
import { createAllocationsHandlers } from '../allocations/handlers';
import { createApplicationsHandlers } from '../applications/handlers';
import { createDashboardHandlers } from '../dashboard/handlers';
import { createDeadlinesHandlers } from '../deadlines/handlers';
import { createDocumentsHandlers } from '../documents/handlers';
import { createGrantsHandlers } from '../grants/handlers';
import { createImportHandlers } from '../import/handlers';
import { createKeyFiguresHandlers } from '../keyfigures/handlers';
import { createRegistryHandlers } from '../registry/handlers';
import { createSafetyHandlers } from '../safety/handlers';
import { createSearchHandlers } from '../search/handlers';
import { createSetupHandlers } from '../setup/handlers';
import type { Services } from '../services';
import { createSystemHandlers, type SystemInfo } from '../system/handlers';
import { createYearEndHandlers } from '../yearend/handlers';

export type { Handler, Handlers, SystemInfo };

export function createHandlers(s: Services, info: SystemInfo): Handlers {
  return {
    ...createSystemHandlers(info),
    ...createDashboardHandlers(s),
    ...createRegistryHandlers(s),
    ...createGrantsHandlers(s),
    ...createSafetyHandlers(s),
    ...createAllocationsHandlers(s),
    ...createApplicationsHandlers(s),
    ...createYearEndHandlers(s),
    ...createImportHandlers(s),
    ...createSetupHandlers(s),
    ...createKeyFiguresHandlers(s),
    ...createDocumentsHandlers(s),
    ...createSearchHandlers(s),
    ...createDeadlinesHandlers(s),
  } satisfies Handlers;
}
