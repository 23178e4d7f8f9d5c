/**
 * Handlers for member centres, organisations, funders and projects: one line each, calling a service. The return type lists every
 * method this domain owns in the contract, so a method without a handler is a compile error.
 */
import type { DomainHandlers } from '../../src-shared/api/contract';
import type { Services } from '../services';

export function createRegistryHandlers(s: Services): DomainHandlers<'registry'> {
  return {
    'centres.list': (i) => s.centres.list(i),
    'centres.get': (i) => s.centres.get(i),
    'centres.create': (i) => s.centres.create(i),
    'centres.update': (i) => s.centres.update(i),
    'centres.addMembership': (i) => s.centres.addMembership(i),
    'centres.updateMembership': (i) => s.centres.updateMembership(i),
    'centres.deleteMembership': (i) => s.centres.deleteMembership(i),
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
  };
}
