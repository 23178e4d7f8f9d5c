/**
 * Handlers for organisations, funders, projects, grants, movements and balances: one line
 * each, calling a service. Typed as `Pick<Handlers, GrantMethods>`, so a contract method
 * in these domains without a handler is a compile error.
 */
import type { Services } from '../services';
import type { Handlers } from '../transport/handlers';

export type GrantMethods = Extract<
  keyof Handlers,
  | `organisations.${string}`
  | `funders.${string}`
  | `projects.${string}`
  | `grants.${string}`
  | `movements.${string}`
  | `balances.${string}`
>;

export function createGrantHandlers(s: Services): Pick<Handlers, GrantMethods> {
  return {
    'organisations.list': (i) => s.organisations.list(i),
    'organisations.create': (i) => s.organisations.create(i),
    'funders.list': (i) => s.funders.list(i),
    'funders.get': (i) => s.funders.get(i),
    'funders.create': (i) => s.funders.create(i),
    'funders.update': (i) => s.funders.update(i),
    'funders.addContact': (i) => s.funders.addContact(i),
    'funders.removeContact': (i) => s.funders.removeContact(i),
    'projects.list': (i) => s.projects.list(i),
    'projects.get': (i) => s.projects.get(i),
    'projects.create': (i) => s.projects.create(i),
    'projects.update': (i) => s.projects.update(i),
    'projects.addPartner': (i) => s.projects.addPartner(i),
    'projects.removePartner': (i) => s.projects.removePartner(i),
    'grants.list': (i) => s.grants.list(i),
    'grants.get': (i) => s.grants.get(i),
    'grants.create': (i) => s.grants.create(i),
    'grants.update': (i) => s.grants.update(i),
    'grants.setStatus': (i) => s.grants.setStatus(i),
    'grants.setYearSplit': (i) => s.grants.setYearSplit(i),
    'grants.addDeadline': (i) => s.grants.addDeadline(i),
    'grants.completeDeadline': (i) => s.grants.completeDeadline(i),
    'movements.list': (i) => s.movements.list(i),
    'movements.record': (i) => s.movements.record(i),
    'movements.transfer': (i) => s.movements.transfer(i),
    'movements.reverse': (i) => s.movements.reverse(i),
    'balances.forGrant': (i) => s.balances.forGrant(i),
  };
}
