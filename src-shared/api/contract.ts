/**
 * The one typed contract: every call the UI can make, keyed `domain.verb`, with a zod
 * input schema (validated in the main process before any handler runs), a zod output
 * schema, and a one-line doc. Both transports (Electron IPC and localhost HTTP) serve
 * exactly this table.
 *
 * Each domain keeps its slice in `src-shared/<domain>/contract.ts`; this file only
 * assembles them. `DOMAIN_PREFIXES` says which method prefixes each domain owns, and a test
 * checks that every method's domain folder in src-main has its handler (docs/ARCHITECTURE.md).
 */
import type { z } from 'zod';
import { allocationsMethods } from '../allocations/contract';
import { applicationsMethods } from '../applications/contract';
import { dashboardMethods } from '../dashboard/contract';
import { deadlinesMethods } from '../deadlines/contract';
import { documentsMethods } from '../documents/contract';
import { grantsMethods } from '../grants/contract';
import { importMethods } from '../import/contract';
import { keyfiguresMethods } from '../keyfigures/contract';
import { registryMethods } from '../registry/contract';
import { safetyMethods } from '../safety/contract';
import { searchMethods } from '../search/contract';
import { setupMethods } from '../setup/contract';
import { systemMethods } from '../system/contract';
import { yearendMethods } from '../yearend/contract';

export * from './shapes';
export * from '../allocations/contract';
export * from '../applications/contract';
export * from '../dashboard/contract';
export * from '../deadlines/contract';
export * from '../documents/contract';
export * from '../grants/contract';
export * from '../import/contract';
export * from '../keyfigures/contract';
export * from '../registry/contract';
export * from '../safety/contract';
export * from '../search/contract';
export * from '../setup/contract';
export * from '../system/contract';
export * from '../yearend/contract';

/** Domain folder → the method prefixes it owns (the same names in src-shared and src-main). */
export const DOMAIN_PREFIXES = {
  system: ['system', 'files'],
  dashboard: ['dashboard'],
  registry: ['centres', 'organisations', 'funders', 'projects'],
  grants: ['grants', 'movements', 'balances'],
  allocations: ['rounds', 'allocations', 'centreReports'],
  applications: ['applications'],
  yearend: ['yearEnd', 'annualReport', 'accounts'],
  safety: ['audit', 'backups'],
  import: ['import'],
  setup: ['exampleData', 'settings', 'setup'],
  keyfigures: ['keyFigures'],
  documents: ['notes', 'documents'],
  search: ['search'],
  deadlines: ['deadlines'],
} as const;

export const contract = {
  ...systemMethods,
  ...dashboardMethods,
  ...registryMethods,
  ...grantsMethods,
  ...safetyMethods,
  ...allocationsMethods,
  ...applicationsMethods,
  ...yearendMethods,
  ...importMethods,
  ...setupMethods,
  ...keyfiguresMethods,
  ...documentsMethods,
  ...searchMethods,
  ...deadlinesMethods,
} as const;

export type Contract = typeof contract;
export type Method = keyof Contract;
/** What a caller sends (before defaults and transforms). */
export type Input<M extends Method> = z.input<Contract[M]['input']>;
/** What a handler receives (after validation). */
export type ParsedInput<M extends Method> = z.output<Contract[M]['input']>;
export type Output<M extends Method> = z.output<Contract[M]['output']>;

export const METHODS = Object.keys(contract) as Method[];

export function isMethod(name: string): name is Method {
  return Object.prototype.hasOwnProperty.call(contract, name);
}

/** What implements one method: takes the validated input, returns the output (or a promise). */
export type Handler<M extends Method> = (input: ParsedInput<M>) => Output<M> | Promise<Output<M>>;
/** The whole handler table: one handler per contract method. */
export type Handlers = { [M in Method]: Handler<M> };
export type Domain = keyof typeof DOMAIN_PREFIXES;
/** The methods a domain owns: those whose prefix is listed for it in `DOMAIN_PREFIXES`. */
export type DomainMethod<D extends Domain> = Extract<
  Method,
  `${(typeof DOMAIN_PREFIXES)[D][number]}.${string}`
>;
/** A domain's handler table, as `src-main/<domain>/handlers.ts` returns it. */
export type DomainHandlers<D extends Domain> = { [M in DomainMethod<D>]: Handler<M> };
