import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Centre, CentreSummary, Input } from '../../src-shared/api/contract';
import {
  ACTOR,
  auditRows,
  centreInput,
  CENTRES,
  countRows,
  dumpDatabase,
  makeDispatch,
  registerCentre,
  registerCentres,
  TODAY,
  VALID_ORG_NUMBERS,
  type TestApi,
} from '../helpers/db';

let api: TestApi;
beforeEach(() => {
  api = makeDispatch();
});
afterEach(() => api.cleanup());

/** Runs a call that must be refused and proves the database is exactly as before. */
async function refusedWithoutChange(method: string, input: unknown) {
  const before = dumpDatabase(api.sqlite);
  const error = await api.fail(method, input);
  expect(dumpDatabase(api.sqlite)).toEqual(before);
  return error;
}

function byName(list: CentreSummary[], name: string): CentreSummary {
  const found = list.find((c) => c.name === name);
  if (!found) throw new Error(`${name} is not in the list`);
  return found;
}

function onlyMembership(centre: Centre) {
  const [m, ...rest] = centre.memberships;
  expect(rest).toEqual([]);
  if (!m) throw new Error(`${centre.name} has no membership`);
  return m;
}

describe('centres.create', () => {
  it('registers a member centre with all its details', async () => {
    const created = await api.call(
      'centres.create',
      centreInput('alta', {
        dailyLeader: 'Daglig leder',
        notes: 'Meldte seg inn på forsommeren 2024.',
        joinedDate: '2024-06-01',
      }),
    );
    expect(created).toMatchObject({
      name: 'Alta Krisesenter',
      driftsform: 'ideell',
      region: 'nord',
      dailyLeader: 'Daglig leder',
      contactEmail: 'post@altakrise.no',
      orgNumber: VALID_ORG_NUMBERS[0],
      notes: 'Meldte seg inn på forsommeren 2024.',
      isMember: true,
    });
    expect(created.id).toBeGreaterThan(0);
    expect(created.memberships).toEqual([
      {
        id: expect.any(Number),
        centreId: created.id,
        joinedDate: '2024-06-01',
        leftDate: null,
        note: null,
      },
    ]);
    expect(created.createdAtMs).toBe(new Date(2024, 5, 15, 12).getTime());
    expect(created.updatedAtMs).toBe(created.createdAtMs);
  });

  it('can be read back with centres.get', async () => {
    const created = await api.call('centres.create', centreInput('halden'));
    expect(await api.call('centres.get', { id: created.id })).toEqual(created);
  });

  it('registers a centre without a membership period', async () => {
    const created = await api.call('centres.create', centreInput('sorHelgeland'));
    expect(created.memberships).toEqual([]);
    expect(created.isMember).toBe(false);
  });

  it('trims text, turns blank optional fields into null and drops spaces in the org number', async () => {
    const created = await api.call('centres.create', {
      name: '  Krisesenteret for Tromsø og omegn  ',
      driftsform: 'kommunalt',
      region: 'nord',
      dailyLeader: '   ',
      contactEmail: '',
      orgNumber: '991 000 038',
      notes: null,
    });
    expect(created).toMatchObject({
      name: 'Krisesenteret for Tromsø og omegn',
      dailyLeader: null,
      contactEmail: null,
      orgNumber: '991000038',
      notes: null,
    });
  });

  it('refuses a duplicate name regardless of case', async () => {
    await api.call('centres.create', centreInput('alta'));
    const error = await refusedWithoutChange(
      'centres.create',
      centreInput('gjovik', { name: 'ALTA KRISESENTER' }),
    );
    expect(error.code).toBe('CONFLICT');
    expect(error.message).toContain('Alta Krisesenter');
    expect(error.issues).toEqual([{ path: 'name', message: expect.stringMatching(/^Navn: /) }]);
  });

  it('treats æ, ø and å in either case as the same letter', async () => {
    await api.call('centres.create', centreInput('tromso', { name: 'Krisesenter Øst' }));
    const error = await refusedWithoutChange(
      'centres.create',
      centreInput('gjovik', { name: 'krisesenter øst' }),
    );
    expect(error.code).toBe('CONFLICT');

    await api.call('centres.create', centreInput('bergen', { name: 'Senter Æ og Å' }));
    expect(
      (await api.fail('centres.create', centreInput('alta', { name: 'SENTER æ OG å' }))).code,
    ).toBe('CONFLICT');
  });

  it('treats extra spaces inside the name as the same name', async () => {
    await api.call('centres.create', centreInput('nordmore'));
    const error = await api.fail(
      'centres.create',
      centreInput('alta', { name: 'Nordmøre  Krisesenter   IKS' }),
    );
    expect(error.code).toBe('CONFLICT');
  });

  it('treats a decomposed å (as pasted from some systems) as the same letter', async () => {
    await api.call('centres.create', centreInput('alta', { name: 'Krisesenteret i Åsane' }));
    const decomposed = 'Krisesenteret i A\u030asane';
    expect(decomposed).not.toBe('Krisesenteret i Åsane');
    const error = await api.fail('centres.create', centreInput('bergen', { name: decomposed }));
    expect(error.code).toBe('CONFLICT');
  });

  describe('refuses bad input with a Norwegian message naming the field, and changes nothing', () => {
    beforeEach(async () => {
      await registerCentre(api, 'halden');
    });

    const cases: [string, Record<string, unknown>, string, RegExp][] = [
      [
        'a bad e-mail',
        { contactEmail: 'post@altakrise' },
        'contactEmail',
        /^Kontakt-e-post må være en gyldig e-postadresse/,
      ],
      [
        'an e-mail with a space',
        { contactEmail: 'post @altakrise.no' },
        'contactEmail',
        /Kontakt-e-post/,
      ],
      [
        'a wrong check digit',
        { orgNumber: '991000004' },
        'orgNumber',
        /^Organisasjonsnummer må ha 9 siffer/,
      ],
      ['a check digit of 10', { orgNumber: '991000020' }, 'orgNumber', /^Organisasjonsnummer/],
      ['eight digits', { orgNumber: '99100000' }, 'orgNumber', /^Organisasjonsnummer/],
      ['a blank name', { name: '   ' }, 'name', /^Navn må fylles ut\.$/],
      ['a missing name', { name: undefined }, 'name', /^Navn må fylles ut\.$/],
      ['a name that is not text', { name: 42 }, 'name', /^Navn må være tekst\.$/],
      [
        'a name longer than 120 characters',
        { name: 'K'.repeat(121) },
        'name',
        /^Navn kan ha høyst 120 tegn\.$/,
      ],
      [
        'an unknown driftsform',
        { driftsform: 'privat' },
        'driftsform',
        /^Driftsform har en ugyldig verdi/,
      ],
      ['an unknown region', { region: 'Vest' }, 'region', /^Region har en ugyldig verdi/],
      [
        'an impossible join date',
        { joinedDate: '2024-02-30' },
        'joinedDate',
        /^Medlem fra må være en gyldig dato/,
      ],
      ['a Norwegian-format join date', { joinedDate: '01.06.2024' }, 'joinedDate', /^Medlem fra/],
    ];

    it.each(cases)('%s', async (_label, change, path, message) => {
      const input = { ...centreInput('alta'), ...change };
      const error = await refusedWithoutChange('centres.create', input);
      expect(error.code).toBe('BAD_INPUT');
      expect(error.issues).toEqual([{ path, message: expect.stringMatching(message) }]);
      expect(error.message).toMatch(message);
    });

    it('lists every bad field at once', async () => {
      const error = await refusedWithoutChange('centres.create', {
        ...centreInput('alta'),
        name: '',
        contactEmail: 'nei',
        orgNumber: '123',
      });
      expect(error.code).toBe('BAD_INPUT');
      expect(error.issues?.map((i) => i.path).sort()).toEqual([
        'contactEmail',
        'name',
        'orgNumber',
      ]);
      expect(error.message).toMatch(/\(og 2 feil til\)$/);
    });
  });
});

describe('centres.get', () => {
  it('answers NOT_FOUND for an unknown id', async () => {
    const error = await api.fail('centres.get', { id: 4242 });
    expect(error).toEqual({ code: 'NOT_FOUND', message: 'Fant ikke medlemssenteret (id 4242).' });
  });

  it('tells whether the centre is a member today', async () => {
    const { alta, halden } = await registerCentres(api, ['alta', 'halden']);
    expect(alta.isMember).toBe(true); // joined 2024-06-01, today is 2024-06-15
    expect(halden.isMember).toBe(true);
  });

  it('shows the membership history oldest first', async () => {
    const created = await api.call('centres.create', centreInput('fredrikstad'));
    await api.call('centres.addMembership', {
      centreId: created.id,
      joinedDate: '2026-01-01',
      note: 'Meldt inn igjen',
    });
    await api.call('centres.addMembership', {
      centreId: created.id,
      joinedDate: '2010-01-01',
      leftDate: '2024-12-31',
    });
    const centre = await api.call('centres.get', { id: created.id });
    expect(centre.memberships.map((m) => [m.joinedDate, m.leftDate])).toEqual([
      ['2010-01-01', '2024-12-31'],
      ['2026-01-01', null],
    ]);
  });
});

describe('centres.update', () => {
  it('changes the details and keeps the membership history', async () => {
    const alta = await registerCentre(api, 'alta');
    const updated = await api.call('centres.update', {
      id: alta.id,
      ...centreInput('alta'),
      dailyLeader: 'Konstituert daglig leder',
      contactEmail: 'kontakt@altakrise.no',
      orgNumber: null,
    });
    expect(updated).toMatchObject({
      id: alta.id,
      name: 'Alta Krisesenter',
      dailyLeader: 'Konstituert daglig leder',
      contactEmail: 'kontakt@altakrise.no',
      orgNumber: null,
    });
    expect(updated.memberships).toEqual(alta.memberships);
    expect(await api.call('centres.get', { id: alta.id })).toEqual(updated);
  });

  it('lets a centre change the case of its own name', async () => {
    const alta = await registerCentre(api, 'alta');
    const updated = await api.call('centres.update', {
      id: alta.id,
      ...centreInput('alta'),
      name: 'ALTA KRISESENTER',
    });
    expect(updated.name).toBe('ALTA KRISESENTER');
  });

  it('refuses to take another centre’s name', async () => {
    const { alta } = await registerCentres(api, ['alta', 'halden']);
    const error = await refusedWithoutChange('centres.update', {
      id: alta.id,
      ...centreInput('alta'),
      name: 'krisesenter halden',
    });
    expect(error.code).toBe('CONFLICT');
  });

  it('answers NOT_FOUND for an unknown centre and changes nothing', async () => {
    await registerCentre(api, 'alta');
    const error = await refusedWithoutChange('centres.update', { id: 999, ...centreInput('alta') });
    expect(error.code).toBe('NOT_FOUND');
  });

  it('refuses a bad e-mail and changes nothing', async () => {
    const alta = await registerCentre(api, 'alta');
    const error = await refusedWithoutChange('centres.update', {
      id: alta.id,
      ...centreInput('alta'),
      contactEmail: 'post(at)altakrise.no',
    });
    expect(error.code).toBe('BAD_INPUT');
    expect(error.issues?.[0]?.path).toBe('contactEmail');
    expect(error.message).toMatch(/Kontakt-e-post/);
  });
});

describe('membership periods', () => {
  let alta: Centre;
  beforeEach(async () => {
    alta = await api.call('centres.create', centreInput('alta'));
  });

  it('adds a period', async () => {
    const centre = await api.call('centres.addMembership', {
      centreId: alta.id,
      joinedDate: '2024-06-01',
      note: 'Innmeldt på forsommeren',
    });
    expect(onlyMembership(centre)).toMatchObject({
      centreId: alta.id,
      joinedDate: '2024-06-01',
      leftDate: null,
      note: 'Innmeldt på forsommeren',
    });
    expect(centre.isMember).toBe(true);
  });

  it('refuses a period that overlaps another, and changes nothing', async () => {
    await api.call('centres.addMembership', { centreId: alta.id, joinedDate: '2024-06-01' });
    const error = await refusedWithoutChange('centres.addMembership', {
      centreId: alta.id,
      joinedDate: '2025-01-01',
    });
    expect(error.code).toBe('CONFLICT');
    expect(error.message).toContain('overlapper');
    expect(error.message).toContain('01.06.2024');
    expect(error.issues?.[0]?.path).toBe('joinedDate');
  });

  it('refuses a period that shares just one day with another', async () => {
    await api.call('centres.addMembership', {
      centreId: alta.id,
      joinedDate: '2024-06-01',
      leftDate: '2024-12-31',
    });
    expect(
      (await api.fail('centres.addMembership', { centreId: alta.id, joinedDate: '2024-12-31' }))
        .code,
    ).toBe('CONFLICT');
    // The next day is fine.
    const centre = await api.call('centres.addMembership', {
      centreId: alta.id,
      joinedDate: '2025-01-01',
    });
    expect(centre.memberships).toHaveLength(2);
  });

  it('refuses a period that ends before it starts, and changes nothing', async () => {
    const error = await refusedWithoutChange('centres.addMembership', {
      centreId: alta.id,
      joinedDate: '2024-06-01',
      leftDate: '2024-05-31',
    });
    expect(error.code).toBe('BAD_INPUT');
    expect(error.issues).toEqual([
      { path: 'leftDate', message: 'Medlem til kan ikke være før Medlem fra.' },
    ]);
  });

  it('accepts a period of a single day', async () => {
    const centre = await api.call('centres.addMembership', {
      centreId: alta.id,
      joinedDate: '2024-06-01',
      leftDate: '2024-06-01',
    });
    expect(onlyMembership(centre).leftDate).toBe('2024-06-01');
  });

  it('refuses a period for an unknown centre', async () => {
    const error = await refusedWithoutChange('centres.addMembership', {
      centreId: 999,
      joinedDate: '2024-06-01',
    });
    expect(error.code).toBe('NOT_FOUND');
  });

  it('records the day a centre leaves (Halden, 31.12.2024)', async () => {
    const halden = await api.call(
      'centres.create',
      centreInput('halden', { joinedDate: '2010-01-01' }),
    );
    const period = onlyMembership(halden);
    const updated = await api.call('centres.updateMembership', {
      id: period.id,
      joinedDate: '2010-01-01',
      leftDate: '2024-12-31',
      note: 'Senteret legges ned; meldt ut ved årsskiftet 2025.',
    });
    expect(onlyMembership(updated)).toEqual({
      id: period.id,
      centreId: halden.id,
      joinedDate: '2010-01-01',
      leftDate: '2024-12-31',
      note: 'Senteret legges ned; meldt ut ved årsskiftet 2025.',
    });
  });

  it('refuses a correction that would overlap another period', async () => {
    await api.call('centres.addMembership', {
      centreId: alta.id,
      joinedDate: '2020-01-01',
      leftDate: '2021-12-31',
    });
    const centre = await api.call('centres.addMembership', {
      centreId: alta.id,
      joinedDate: '2024-06-01',
    });
    const later = centre.memberships[1];
    if (!later) throw new Error('missing period');
    const error = await refusedWithoutChange('centres.updateMembership', {
      id: later.id,
      joinedDate: '2021-06-01',
      leftDate: null,
    });
    expect(error.code).toBe('CONFLICT');
  });

  it('lets a period be corrected without clashing with itself', async () => {
    const centre = await api.call('centres.addMembership', {
      centreId: alta.id,
      joinedDate: '2024-06-01',
    });
    const period = onlyMembership(centre);
    const updated = await api.call('centres.updateMembership', {
      id: period.id,
      joinedDate: '2024-05-27',
      leftDate: null,
    });
    expect(onlyMembership(updated).joinedDate).toBe('2024-05-27');
  });

  it('refuses a correction that ends before it starts', async () => {
    const centre = await api.call('centres.addMembership', {
      centreId: alta.id,
      joinedDate: '2024-06-01',
    });
    const error = await refusedWithoutChange('centres.updateMembership', {
      id: onlyMembership(centre).id,
      joinedDate: '2024-06-01',
      leftDate: '2024-01-01',
    });
    expect(error.code).toBe('BAD_INPUT');
    expect(error.issues?.[0]?.path).toBe('leftDate');
  });

  it('answers NOT_FOUND when correcting or deleting an unknown period', async () => {
    expect(
      (
        await refusedWithoutChange('centres.updateMembership', {
          id: 999,
          joinedDate: '2024-06-01',
        })
      ).code,
    ).toBe('NOT_FOUND');
    expect(
      (await refusedWithoutChange('centres.deleteMembership', { id: 999, reason: 'Feil' })).code,
    ).toBe('NOT_FOUND');
  });

  it('deletes a period entered by mistake, with a reason', async () => {
    const centre = await api.call('centres.addMembership', {
      centreId: alta.id,
      joinedDate: '2023-06-01',
    });
    const after = await api.call('centres.deleteMembership', {
      id: onlyMembership(centre).id,
      reason: 'Registrert med feil år.',
    });
    expect(after.memberships).toEqual([]);
    expect(after.isMember).toBe(false);
  });

  it('refuses to delete a period without a reason, and changes nothing', async () => {
    const centre = await api.call('centres.addMembership', {
      centreId: alta.id,
      joinedDate: '2023-06-01',
    });
    const error = await refusedWithoutChange('centres.deleteMembership', {
      id: onlyMembership(centre).id,
      reason: '  ',
    });
    expect(error.code).toBe('BAD_INPUT');
    expect(error.issues).toEqual([{ path: 'reason', message: 'Begrunnelse må fylles ut.' }]);
  });
});

describe('centres.list', () => {
  beforeEach(async () => {
    await registerCentres(api, [
      'alta',
      'halden',
      'fredrikstad',
      'sorHelgeland',
      'gjovik',
      'bergen',
      'nordmore',
      'tromso',
    ]);
  });

  const names = (list: CentreSummary[]) => list.map((c) => c.name);

  it('lists every centre in Norwegian alphabetical order', async () => {
    const list = (await api.call('centres.list', {})).rows;
    expect(names(list)).toEqual([
      'Alta Krisesenter',
      'Gjøvik Krisesenter IKS',
      'Krise- og incestsenteret i Fredrikstad',
      'Krisesenter for Bergen og omegn',
      'Krisesenter Halden',
      'Krisesenteret for Tromsø og omegn',
      'Nordmøre Krisesenter IKS',
      'Sør-Helgeland Krisesenter',
    ]);
  });

  it('sorts Æ, Ø and Å after Z, in that order', async () => {
    for (const name of [
      'Åsane krisesenter',
      'Ørland krisesenter',
      'Ærøy krisesenter',
      'Zeta senter',
    ]) {
      await api.call('centres.create', centreInput('alta', { name, orgNumber: null }));
    }
    const tail = names((await api.call('centres.list', {})).rows).slice(-4);
    expect(tail).toEqual([
      'Zeta senter',
      'Ærøy krisesenter',
      'Ørland krisesenter',
      'Åsane krisesenter',
    ]);
  });

  it('also answers without any input', async () => {
    const envelope = await api.dispatch('centres.list', undefined);
    expect(envelope.ok && (envelope.value as { rows: CentreSummary[] }).rows.length).toBe(8);
  });

  it('summarises each centre with its latest membership period', async () => {
    const list = (await api.call('centres.list', {})).rows;
    expect(byName(list, 'Krisesenter Halden')).toEqual({
      id: expect.any(Number),
      name: 'Krisesenter Halden',
      driftsform: 'stiftelse',
      region: 'sor-ost',
      dailyLeader: null,
      contactEmail: CENTRES.halden.contactEmail,
      orgNumber: CENTRES.halden.orgNumber,
      isMember: true,
      joinedDate: '2010-01-01',
      leftDate: '2024-12-31',
    });
  });

  it('filters by region', async () => {
    const list = (await api.call('centres.list', { region: 'nord' })).rows;
    expect(names(list)).toEqual([
      'Alta Krisesenter',
      'Krisesenteret for Tromsø og omegn',
      'Sør-Helgeland Krisesenter',
    ]);
  });

  it('filters by driftsform', async () => {
    expect(names((await api.call('centres.list', { driftsform: 'iks' })).rows)).toEqual([
      'Gjøvik Krisesenter IKS',
      'Nordmøre Krisesenter IKS',
    ]);
    expect(
      names((await api.call('centres.list', { driftsform: 'stiftelse', region: 'sor-ost' })).rows),
    ).toEqual(['Krise- og incestsenteret i Fredrikstad', 'Krisesenter Halden']);
  });

  it('filters by membership in a year', async () => {
    const in2023 = names((await api.call('centres.list', { memberInYear: 2023 })).rows);
    expect(in2023).not.toContain('Alta Krisesenter');
    expect(in2023).toContain('Krisesenter Halden');
    expect(in2023).toHaveLength(7);

    const in2024 = names((await api.call('centres.list', { memberInYear: 2024 })).rows);
    expect(in2024).toHaveLength(8);

    const in2025 = names((await api.call('centres.list', { memberInYear: 2025 })).rows);
    expect(in2025).toEqual([
      'Alta Krisesenter',
      'Gjøvik Krisesenter IKS',
      'Krisesenter for Bergen og omegn',
      'Krisesenteret for Tromsø og omegn',
      'Nordmøre Krisesenter IKS',
    ]);
  });

  it('searches by part of the name, ignoring case and extra spaces', async () => {
    expect(names((await api.call('centres.list', { search: 'krisesenter  iks' })).rows)).toEqual([
      'Gjøvik Krisesenter IKS',
      'Nordmøre Krisesenter IKS',
    ]);
    expect(names((await api.call('centres.list', { search: 'TROMSØ' })).rows)).toEqual([
      'Krisesenteret for Tromsø og omegn',
    ]);
    expect(names((await api.call('centres.list', { search: 'sør-helgeland' })).rows)).toEqual([
      'Sør-Helgeland Krisesenter',
    ]);
    expect((await api.call('centres.list', { search: 'Lillehammer' })).rows).toEqual([]);
  });

  it('combines filters', async () => {
    const list = (
      await api.call('centres.list', {
        region: 'nord',
        memberInYear: 2025,
        search: 'krisesenter',
      })
    ).rows;
    expect(names(list)).toEqual(['Alta Krisesenter', 'Krisesenteret for Tromsø og omegn']);
  });

  it('refuses an unknown region in the filter', async () => {
    const error = await api.fail('centres.list', { region: 'vest' });
    expect(error.code).toBe('BAD_INPUT');
    expect(error.issues?.[0]?.path).toBe('region');
  });

  it('refuses a year that is not a year', async () => {
    const error = await api.fail('centres.list', { memberInYear: 24 });
    expect(error.code).toBe('BAD_INPUT');
    expect(error.issues?.[0]).toMatchObject({ path: 'memberInYear' });
    expect(error.message).toMatch(/^Medlem i år/);
  });
});

describe('membership on a date', () => {
  beforeEach(async () => {
    await registerCentres(api, ['alta', 'halden', 'gjovik']);
  });

  async function memberOn(name: string, asOf: string) {
    return byName((await api.call('centres.list', { asOf })).rows, name).isMember;
  }

  it('Alta Krisesenter joined in early summer 2024', async () => {
    expect(await memberOn('Alta Krisesenter', '2024-01-01')).toBe(false);
    expect(await memberOn('Alta Krisesenter', '2024-05-31')).toBe(false);
    expect(await memberOn('Alta Krisesenter', '2024-06-01')).toBe(true);
    expect(await memberOn('Alta Krisesenter', '2024-12-31')).toBe(true);
    expect(await memberOn('Alta Krisesenter', '2025-01-02')).toBe(true);
  });

  it('Halden is a member on its last day, 31.12.2024, and not after the turn of the year', async () => {
    expect(await memberOn('Krisesenter Halden', '2024-12-31')).toBe(true);
    expect(await memberOn('Krisesenter Halden', '2025-01-01')).toBe(false);
    expect(await memberOn('Krisesenter Halden', '2025-01-02')).toBe(false);
  });

  it('counts 20 + Alta − leavers the way the report does, on a small scale', async () => {
    const count = async (asOf: string) =>
      (await api.call('centres.list', { asOf })).rows.filter((c) => c.isMember).length;
    expect(await count('2024-01-01')).toBe(2); // Halden, Gjøvik
    expect(await count('2024-12-31')).toBe(3); // + Alta
    expect(await count('2025-01-02')).toBe(2); // − Halden
  });

  it('centres.get answers for the clock’s today', async () => {
    const later = makeDispatch({ today: '2025-01-02' });
    try {
      const halden = await registerCentre(later, 'halden');
      expect(halden.isMember).toBe(false);
      expect(halden.memberships[0]?.leftDate).toBe('2024-12-31');
    } finally {
      later.cleanup();
    }
  });
});

describe('the change log', () => {
  it('records who created a centre, when, and what it looked like', async () => {
    const alta = await api.call('centres.create', centreInput('alta'));
    const rows = auditRows(api.sqlite);
    expect(rows).toHaveLength(1);
    const [row] = rows;
    expect(row).toMatchObject({
      actor: ACTOR,
      at_ms: new Date(2024, 5, 15, 12).getTime(),
      entity: 'centre',
      entity_id: alta.id,
      action: 'create',
      before_json: null,
      reason: null,
    });
    expect(JSON.parse(row?.after_json ?? 'null')).toEqual({
      id: alta.id,
      name: 'Alta Krisesenter',
      driftsform: 'ideell',
      region: 'nord',
      dailyLeader: null,
      contactEmail: 'post@altakrise.no',
      orgNumber: VALID_ORG_NUMBERS[0],
      notes: null,
    });
  });

  it('records the first membership period created with the centre', async () => {
    const alta = await api.call(
      'centres.create',
      centreInput('alta', { joinedDate: '2024-06-01' }),
    );
    const rows = auditRows(api.sqlite);
    expect(rows.map((r) => [r.entity, r.action])).toEqual([
      ['membership', 'create'],
      ['centre', 'create'],
    ]);
    expect(JSON.parse(rows[0]?.after_json ?? 'null')).toMatchObject({
      centreId: alta.id,
      joinedDate: '2024-06-01',
      leftDate: null,
    });
  });

  it('records a change with the centre before and after', async () => {
    const alta = await api.call('centres.create', centreInput('alta'));
    await api.call('centres.update', {
      id: alta.id,
      ...centreInput('alta'),
      contactEmail: 'kontakt@altakrise.no',
    });
    const row = auditRows(api.sqlite).at(-1);
    expect(row).toMatchObject({ entity: 'centre', entity_id: alta.id, action: 'update' });
    expect(JSON.parse(row?.before_json ?? 'null')).toMatchObject({
      contactEmail: 'post@altakrise.no',
    });
    expect(JSON.parse(row?.after_json ?? 'null')).toMatchObject({
      contactEmail: 'kontakt@altakrise.no',
    });
  });

  it('records every membership change, and the reason for a deletion', async () => {
    const alta = await api.call('centres.create', centreInput('alta'));
    const added = await api.call('centres.addMembership', {
      centreId: alta.id,
      joinedDate: '2024-06-01',
    });
    const periodId = onlyMembership(added).id;
    await api.call('centres.updateMembership', {
      id: periodId,
      joinedDate: '2024-06-03',
      leftDate: null,
    });
    await api.call('centres.deleteMembership', { id: periodId, reason: 'Dobbeltregistrert.' });

    const rows = auditRows(api.sqlite).filter((r) => r.entity === 'membership');
    expect(rows.map((r) => r.action)).toEqual(['create', 'update', 'delete']);
    expect(rows.every((r) => r.entity_id === periodId)).toBe(true);

    const [create, update, del] = rows;
    expect(create?.before_json).toBeNull();
    expect(JSON.parse(create?.after_json ?? 'null')).toMatchObject({ joinedDate: '2024-06-01' });
    expect(JSON.parse(update?.before_json ?? 'null')).toMatchObject({ joinedDate: '2024-06-01' });
    expect(JSON.parse(update?.after_json ?? 'null')).toMatchObject({ joinedDate: '2024-06-03' });
    expect(JSON.parse(del?.before_json ?? 'null')).toMatchObject({ joinedDate: '2024-06-03' });
    expect(del?.after_json).toBeNull();
    expect(del?.reason).toBe('Dobbeltregistrert.');
  });

  it('writes nothing for a refused change', async () => {
    await api.call('centres.create', centreInput('alta'));
    const before = countRows(api.sqlite, 'audit_log');
    await api.fail('centres.create', centreInput('alta'));
    await api.fail('centres.create', { ...centreInput('halden'), contactEmail: 'feil' });
    expect(countRows(api.sqlite, 'audit_log')).toBe(before);
  });

  it('cannot be edited or deleted, even with raw SQL', async () => {
    await api.call('centres.create', centreInput('alta'));
    const before = auditRows(api.sqlite);
    expect(() => api.sqlite.prepare(`update audit_log set actor = 'noen andre'`).run()).toThrow(
      /append-only/,
    );
    expect(() => api.sqlite.prepare('delete from audit_log').run()).toThrow(/append-only/);
    expect(auditRows(api.sqlite)).toEqual(before);
  });

  it('cannot be overwritten with INSERT OR REPLACE either', async () => {
    await api.call('centres.create', centreInput('alta'));
    const before = auditRows(api.sqlite);
    const id = before[0]?.id;
    expect(() =>
      api.sqlite
        .prepare(
          `insert or replace into audit_log (id, at_ms, actor, entity, entity_id, action)
           values (?, 0, 'noen andre', 'centre', 1, 'create')`,
        )
        .run(id),
    ).toThrow(/append-only/);
    expect(() =>
      api.sqlite
        .prepare(
          `insert into audit_log (id, at_ms, actor, entity, entity_id, action)
           values (?, 0, 'noen andre', 'centre', 1, 'create')
           on conflict (id) do update set actor = excluded.actor`,
        )
        .run(id),
    ).toThrow(/append-only/);
    expect(auditRows(api.sqlite)).toEqual(before);
  });
});

describe('the services without dispatch', () => {
  it('work directly against a fresh database with the fixed clock', async () => {
    const { makeServices } = await import('../helpers/db');
    const t = makeServices();
    try {
      const input: Input<'centres.create'> = centreInput('bergen');
      const created = t.services.centres.create({
        ...input,
        dailyLeader: null,
        contactEmail: input.contactEmail ?? null,
        orgNumber: input.orgNumber ?? null,
        notes: null,
        joinedDate: '2010-01-01',
      });
      expect(created.isMember).toBe(true);
      expect(t.clock.today()).toBe(TODAY);
      expect(
        t.services.centres.list({ search: null, asOf: null, sort: 'name', page: 1, pageSize: 100 })
          .rows,
      ).toHaveLength(1);
    } finally {
      t.cleanup();
    }
  });
});
