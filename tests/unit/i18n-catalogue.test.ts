/**
 * The message catalogue is assembled from one part per area; a key that two parts define
 * would make one of them show the other's text (it happened: `apps.heading` of the rounds
 * page was shadowed by the applications pipeline). Every key lives in exactly one part.
 */
import { describe, expect, it } from 'vitest';
import { catalogues, nbParts } from '../../src-renderer/src/i18n/messages';

describe('the message catalogue', () => {
  it('defines every key in exactly one part', () => {
    const owner = new Map<string, string>();
    const clashes: string[] = [];
    for (const [part, messages] of Object.entries(nbParts)) {
      for (const key of Object.keys(messages)) {
        const first = owner.get(key);
        if (first) clashes.push(`${key} (${first}, ${part})`);
        else owner.set(key, part);
      }
    }
    expect(clashes).toEqual([]);
    expect(owner.size).toBeGreaterThan(300);
    // The parts listed here are all the catalogue is made of.
    expect([...owner.keys()].sort()).toEqual(Object.keys(catalogues.nb).sort());
  });
});
