/**
 * Handlers for grants, the movement ledger and balances: one line each, calling a service. The return type lists every
 * method this domain owns in the contract, so a method without a handler is a compile error.
 */
import type { DomainHandlers } from '../../src-shared/api/contract';
import type { Services } from '../services';

export function createGrantsHandlers(s: Services): DomainHandlers<'grants'> {
  return {
    'grants.list': (i) => s.grants.list(i),
    'grants.get': (i) => s.grants.get(i),
    'grants.create': (i) => s.grants.create(i),
    'grants.update': (i) => s.grants.update(i),
    'grants.setStatus': (i) => s.grants.setStatus(i),
    'grants.setYearSplit': (i) => s.grants.setYearSplit(i),
    'grants.correctAward': (i) => s.awards.correctAward(i),
    'grants.addAwardChange': (i) => s.awards.addAwardChange(i),
    'grants.suggestYearSplit': (i) => s.awards.suggestYearSplit(i),
    'grants.confirmYearSplit': (i) => s.awards.confirmYearSplit(i),
    'grants.addDeadline': (i) => s.grants.addDeadline(i),
    'grants.completeDeadline': (i) => s.grants.completeDeadline(i),
    'movements.list': (i) => s.movements.list(i),
    'movements.record': (i) => s.movements.record(i),
    'movements.transfer': (i) => s.movements.transfer(i),
    'movements.reverse': (i) => s.movements.reverse(i),
    'movements.check': (i) => s.movements.check(i),
    'movements.correctionRule': (i) => s.movements.correctionRule(i),
    'movements.transferTargets': (i) => s.movements.transferTargets(i),
    'balances.forGrant': (i) => s.balances.forGrant(i),
  };
}
