import { createCentresService } from './centres';
import type { ServiceContext } from './context';

/** All services over one database. */
export function createServices(ctx: ServiceContext) {
  return {
    centres: createCentresService(ctx),
  };
}

export type Services = ReturnType<typeof createServices>;
