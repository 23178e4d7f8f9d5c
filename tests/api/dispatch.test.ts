import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDispatch } from '../../src-main/transport/dispatch';
import { createHandlers, type Handlers } from '../../src-main/transport/handlers';
import { contract, METHODS } from '../../src-shared/api/contract';
import { ERROR_CODES, type Envelope } from '../../src-shared/api/errors';
import {
  centreInput,
  dumpDatabase,
  makeDispatch,
  makeServices,
  recordingLogger,
  registerCentre,
  TODAY,
  type TestApi,
} from '../helpers/db';

let api: TestApi;
beforeEach(() => {
  api = makeDispatch();
});
afterEach(() => api.cleanup());

/** A dispatch over real services whose handler table the test adjusts. */
function dispatchWith(overrides: Partial<Handlers>) {
  const t = makeServices();
  const logger = recordingLogger();
  const handlers: Handlers = {
    ...createHandlers(t.services, {
      appVersion: '0.0.0-test',
      dataFile: t.file,
      today: () => TODAY,
    }),
    ...overrides,
  };
  return { dispatch: createDispatch(handlers, logger), logger, cleanup: t.cleanup };
}

describe('dispatch', () => {
  it('answers a good call with { ok: true, value }', async () => {
    const envelope = await api.dispatch('system.info', {});
    expect(envelope).toEqual({
      ok: true,
      value: {
        appVersion: '0.0.0-test',
        dataFile: expect.stringContaining('tilskudd.sqlite'),
        today: TODAY,
      },
    });
  });

  it('answers every failure with one of the six codes and a Norwegian message', () => {
    expect(ERROR_CODES).toEqual([
      'BAD_INPUT',
      'NOT_FOUND',
      'CONFLICT',
      'FORBIDDEN',
      'STORAGE',
      'INTERNAL',
    ]);
  });

  describe('BAD_INPUT', () => {
    it('lists each bad field with its path and a message naming it', async () => {
      const envelope = await api.dispatch('centres.create', {
        ...centreInput('alta'),
        contactEmail: 'post-at-altakrise.no',
        region: 'Finnmark',
      });
      expect(envelope).toEqual({
        ok: false,
        error: {
          code: 'BAD_INPUT',
          message: expect.stringMatching(/^(Region|Kontakt-e-post) .*\(og 1 feil til\)$/),
          issues: expect.arrayContaining([
            { path: 'region', message: 'Region har en ugyldig verdi. Velg fra listen.' },
            {
              path: 'contactEmail',
              message: expect.stringMatching(/^Kontakt-e-post må være en gyldig e-postadresse/),
            },
          ]),
        },
      });
    });

    it('gives nested fields a dotted path', async () => {
      const error = await api.fail('centres.get', { id: 1.5 });
      expect(error).toEqual({
        code: 'BAD_INPUT',
        message: 'Senter må være et heltall.',
        issues: [{ path: 'id', message: 'Senter må være et heltall.' }],
      });
    });

    it.each([
      ['a string', 'Alta Krisesenter'],
      ['a number', 42],
      ['null', null],
      ['an array', [centreInput('alta')]],
      ['true', true],
    ])('refuses %s where an object is expected', async (_label, input) => {
      const before = dumpDatabase(api.sqlite);
      const error = await api.fail('centres.create', input);
      expect(error.code).toBe('BAD_INPUT');
      expect(error.issues).toEqual([
        { path: '', message: 'Ugyldig forespørsel: forventet et objekt med felter.' },
      ]);
      expect(error.message).toBe('Ugyldig forespørsel: forventet et objekt med felter.');
      expect(dumpDatabase(api.sqlite)).toEqual(before);
    });

    it('refuses a missing input where fields are required', async () => {
      const error = await api.fail('centres.create', undefined);
      expect(error.code).toBe('BAD_INPUT');
    });

    it('ignores fields the contract does not know', async () => {
      const centre = await api.call('centres.create', {
        ...centreInput('alta'),
        id: 77,
        createdAtMs: 0,
      } as never);
      expect(centre.id).not.toBe(77);
      expect(centre.createdAtMs).not.toBe(0);
    });

    it('never calls the handler', async () => {
      let called = false;
      const t = dispatchWith({
        'centres.create': () => {
          called = true;
          throw new Error('should not run');
        },
      });
      try {
        const envelope = await t.dispatch('centres.create', { name: '' });
        expect(envelope.ok).toBe(false);
        expect(called).toBe(false);
      } finally {
        t.cleanup();
      }
    });
  });

  describe('NOT_FOUND', () => {
    it('for an unknown id', async () => {
      expect(await api.dispatch('centres.get', { id: 31 })).toEqual({
        ok: false,
        error: { code: 'NOT_FOUND', message: 'Fant ikke medlemssenteret (id 31).' },
      });
    });

    it.each([
      'centres.delete',
      'centres',
      '',
      'toString',
      '__proto__',
      'constructor',
      'hasOwnProperty',
    ])('for the unknown method "%s"', async (method) => {
      const envelope = await api.dispatch(method, {});
      expect(envelope).toEqual({
        ok: false,
        error: { code: 'NOT_FOUND', message: `Ukjent funksjon: ${method}.` },
      });
    });
  });

  describe('CONFLICT', () => {
    it('for a duplicate name', async () => {
      await registerCentre(api, 'alta');
      expect(await api.dispatch('centres.create', centreInput('alta'))).toEqual({
        ok: false,
        error: {
          code: 'CONFLICT',
          message: 'Navnet «Alta Krisesenter» er allerede registrert.',
          issues: [{ path: 'name', message: 'Navn: «Alta Krisesenter» finnes allerede.' }],
        },
      });
    });
  });

  describe('FORBIDDEN', () => {
    it('for files.saveAs, which only the desktop shell provides', async () => {
      const envelope = await api.dispatch('files.saveAs', {
        fileName: 'Årsavslutning 2024.xlsx',
        contentBase64: Buffer.from('PK').toString('base64'),
      });
      expect(envelope).toEqual({
        ok: false,
        error: { code: 'FORBIDDEN', message: expect.stringMatching(/skrivebordsprogrammet/) },
      });
    });

    it('lets the shell replace files.saveAs', async () => {
      const shell = makeDispatch({
        overrides: { 'files.saveAs': (i) => ({ saved: true, path: `/tmp/${i.fileName}` }) },
      });
      try {
        expect(await shell.call('files.saveAs', { fileName: 'a.xlsx', contentBase64: '' })).toEqual(
          { saved: true, path: '/tmp/a.xlsx' },
        );
      } finally {
        shell.cleanup();
      }
    });
  });

  describe('INTERNAL', () => {
    it('hides a thrown error behind a Norwegian message and logs it', async () => {
      const boom = new Error('SQLITE_IOERR: disk I/O error at /home/kss/.config/Tilskuddsoversikt');
      const t = dispatchWith({
        'centres.list': () => {
          throw boom;
        },
      });
      try {
        const envelope = await t.dispatch('centres.list', {});
        expect(envelope).toEqual({
          ok: false,
          error: { code: 'INTERNAL', message: expect.stringMatching(/^Noe gikk galt/) },
        });
        const text = JSON.stringify(envelope);
        expect(text).not.toContain('SQLITE_IOERR');
        expect(text).not.toContain('/home/kss');
        expect(text).not.toMatch(/\bat .*\.ts:\d+/);
        expect(text).not.toContain('stack');
        expect(t.logger.calls).toHaveLength(1);
        expect(t.logger.calls[0]?.message).toContain('centres.list');
        expect(t.logger.calls[0]?.detail).toBe(boom);
      } finally {
        t.cleanup();
      }
    });

    it('also for a rejected promise and for things thrown that are not errors', async () => {
      const t = dispatchWith({
        'centres.list': async () => {
          await Promise.resolve();
          throw new TypeError('x is undefined');
        },
        'centres.get': () => {
          throw 'a string';
        },
      });
      try {
        expect((await t.dispatch('centres.list', {})) as Envelope<never>).toMatchObject({
          ok: false,
          error: { code: 'INTERNAL' },
        });
        expect(await t.dispatch('centres.get', { id: 1 })).toMatchObject({
          ok: false,
          error: { code: 'INTERNAL' },
        });
        expect(t.logger.calls).toHaveLength(2);
      } finally {
        t.cleanup();
      }
    });

    it('when a handler answers something the contract does not allow', async () => {
      const t = dispatchWith({
        'system.info': () => ({ appVersion: 1, dataFile: null, today: 'i dag' }) as never,
      });
      try {
        expect(await t.dispatch('system.info', {})).toMatchObject({
          ok: false,
          error: { code: 'INTERNAL' },
        });
        expect(t.logger.calls[0]?.message).toMatch(/does not match the contract/);
      } finally {
        t.cleanup();
      }
    });
  });

  it('answers with plain JSON data (what both transports send)', async () => {
    const alta = await registerCentre(api, 'alta');
    const envelope = await api.dispatch('centres.get', { id: alta.id });
    expect(JSON.parse(JSON.stringify(envelope))).toEqual(envelope);
  });
});

describe('the contract', () => {
  it('has a one-line doc and input and output schemas for every method, keyed domain.verb', () => {
    for (const method of METHODS) {
      expect(method).toMatch(/^[a-z][a-zA-Z]*\.[a-zA-Z]+$/);
      const spec = contract[method];
      expect(spec.doc.length, method).toBeGreaterThan(10);
      expect(spec.doc).not.toContain('\n');
      expect(typeof spec.input.safeParse).toBe('function');
      expect(typeof spec.output.safeParse).toBe('function');
    }
  });

  // The foundation's methods. The grants domains are still placeholders (handlers-grants.ts
  // spreads a Proxy, which yields no own properties); widen this to METHODS once they land.
  const FOUNDATION = METHODS.filter((m) => /^(system|files|centres)\./.test(m));

  it('has a handler for every foundation method', () => {
    expect(FOUNDATION.length).toBeGreaterThanOrEqual(9);
    const t = makeServices();
    try {
      const handlers = createHandlers(t.services, {
        appVersion: 'x',
        dataFile: t.file,
        today: () => TODAY,
      });
      for (const method of FOUNDATION) {
        expect(typeof handlers[method], method).toBe('function');
      }
    } finally {
      t.cleanup();
    }
  });
});
