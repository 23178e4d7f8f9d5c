import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { kroner } from '../../src-shared/kernel/money';
import { VALID_ORG_NUMBERS, auditRows, makeDispatch, type TestApi } from '../helpers/db';
import { seed2024 } from '../helpers/grants';

describe('settings.getOrganisation / settings.setOrganisation', () => {
  let api: TestApi;
  beforeEach(() => {
    api = makeDispatch();
  });
  afterEach(() => api.cleanup());

  it('starts empty, saves name, organisation number and default share, and logs the change', async () => {
    expect(await api.call('settings.getOrganisation', {})).toEqual({
      name: null,
      orgNumber: null,
      defaultAdminBasisPoints: null,
      updatedAtMs: null,
    });
    const orgNumber = VALID_ORG_NUMBERS[3]!;
    const spaced = `${orgNumber.slice(0, 3)} ${orgNumber.slice(3, 6)} ${orgNumber.slice(6)}`;
    const saved = await api.call('settings.setOrganisation', {
      name: 'Krisesentersekretariatet',
      orgNumber: spaced,
      defaultAdminBasisPoints: 1000,
    });
    expect(saved).toMatchObject({
      name: 'Krisesentersekretariatet',
      orgNumber,
      defaultAdminBasisPoints: 1000,
    });
    expect(saved.updatedAtMs).toEqual(expect.any(Number));
    expect(await api.call('settings.getOrganisation', {})).toEqual(saved);

    await api.call('settings.setOrganisation', {
      name: 'Krisesentersekretariatet',
      orgNumber,
      defaultAdminBasisPoints: 1250,
    });
    // Saving the same values again is not a change.
    await api.call('settings.setOrganisation', {
      name: 'Krisesentersekretariatet',
      orgNumber,
      defaultAdminBasisPoints: 1250,
    });
    const log = auditRows(api.sqlite).filter((r) => r.entity === 'settings');
    expect(log.map((r) => r.action)).toEqual(['create', 'update']);
    expect(JSON.parse(log[1]!.before_json!)).toEqual({
      name: 'Krisesentersekretariatet',
      orgNumber,
      defaultAdminBasisPoints: 1000,
    });
    expect(JSON.parse(log[1]!.after_json!)).toMatchObject({ defaultAdminBasisPoints: 1250 });
  });

  it('refuses an organisation number with a wrong check digit, and a share over 100 %', async () => {
    const orgNumber = VALID_ORG_NUMBERS[3]!;
    const wrong = orgNumber.slice(0, 8) + String((Number(orgNumber[8]) + 1) % 10);
    const error = await api.fail('settings.setOrganisation', { orgNumber: wrong });
    expect(error.code).toBe('BAD_INPUT');
    expect(error.message).toContain(
      'Organisasjonsnummer må ha 9 siffer med gyldig kontrollsiffer.',
    );
    const share = await api.fail('settings.setOrganisation', { defaultAdminBasisPoints: 10001 });
    expect(share.message).toContain('Standard administrasjonsandel (%) kan ikke være over 100 %.');
    expect(await api.call('settings.getOrganisation', {})).toMatchObject({ updatedAtMs: null });
    expect(auditRows(api.sqlite).filter((r) => r.entity === 'settings')).toEqual([]);
  });
});

describe('setup.firstRunStatus / setup.dismissWelcome', () => {
  let api: TestApi;
  beforeEach(() => {
    api = makeDispatch();
  });
  afterEach(() => api.cleanup());

  it('shows the welcome screen on a new, empty file only', async () => {
    expect(await api.call('setup.firstRunStatus', {})).toEqual({
      showWelcome: true,
      databaseHasData: false,
      settingsSaved: false,
      dismissed: false,
    });
    await api.call('organisations.create', { name: 'Reform ressurssenter' });
    expect(await api.call('setup.firstRunStatus', {})).toMatchObject({
      showWelcome: false,
      databaseHasData: true,
    });
  });

  it('is hidden once settings are saved, or once dismissed (which is not logged)', async () => {
    const other = makeDispatch();
    try {
      await other.call('settings.setOrganisation', { name: 'Krisesentersekretariatet' });
      expect(await other.call('setup.firstRunStatus', {})).toMatchObject({
        showWelcome: false,
        settingsSaved: true,
      });
    } finally {
      other.cleanup();
    }
    const after = await api.call('setup.dismissWelcome', {});
    expect(after).toEqual({
      showWelcome: false,
      databaseHasData: false,
      settingsSaved: false,
      dismissed: true,
    });
    expect(await api.call('settings.getOrganisation', {})).toMatchObject({ updatedAtMs: null });
    expect(auditRows(api.sqlite).filter((r) => r.entity === 'settings')).toEqual([]);
    // Settings saved after dismissing keep the dismissal.
    await api.call('settings.setOrganisation', { name: 'Krisesentersekretariatet' });
    expect(await api.call('setup.firstRunStatus', {})).toMatchObject({ dismissed: true });
  });
});

describe('default admin share on new grants', () => {
  let api: TestApi;
  beforeEach(() => {
    api = makeDispatch();
  });
  afterEach(() => api.cleanup());

  it('applies the default share when the admin rule is left out, never over a given rule', async () => {
    const seed = await seed2024(api);
    const base = {
      projectId: seed.projects.juleaksjonen.id,
      funderId: seed.funders.gjensidige.id,
      appliedOre: kroner(100_000),
    };
    const none = await api.call('grants.create', { ...base, title: 'Uten standard' });
    expect(none).toMatchObject({ adminRule: 'none', adminBasisPoints: null });

    await api.call('settings.setOrganisation', { defaultAdminBasisPoints: 1000 });
    const defaulted = await api.call('grants.create', { ...base, title: 'Med standard' });
    expect(defaulted).toMatchObject({ adminRule: 'percent', adminBasisPoints: 1000 });
    const own = await api.call('grants.create', {
      ...base,
      title: 'Egen sats',
      adminBasisPoints: 500,
    });
    expect(own).toMatchObject({ adminRule: 'percent', adminBasisPoints: 500 });
    const explicit = await api.call('grants.create', {
      ...base,
      title: 'Uttrykkelig ingen',
      adminRule: 'none',
    });
    expect(explicit).toMatchObject({ adminRule: 'none', adminBasisPoints: null });
  });

  it('gives a støttepartner project no admin share even with a default', async () => {
    const seed = await seed2024(api);
    await api.call('settings.setOrganisation', { defaultAdminBasisPoints: 1000 });
    const support = Object.values(seed.projects).find((p) => p.kssRole === 'stottepartner');
    expect(support).toBeDefined();
    const g = await api.call('grants.create', {
      projectId: support!.id,
      funderId: seed.funders.forskningsradet.id,
      title: 'Støtte uten beløp',
    });
    expect(g).toMatchObject({ adminRule: 'none', adminBasisPoints: null });
  });
});
