import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { kroner } from '../../src-shared/kernel/money';
import { foldSearchText, toMatchQuery } from '../../src-shared/search/fold';
import { openDatabase } from '../../src-main/platform/database';
import { SEARCH_SQL } from '../../src-main/search/search';
import {
  MIGRATIONS_DIR,
  makeDispatch,
  registerCentre,
  registerCentres,
  tempDir,
  type TestApi,
} from '../helpers/db';
import { grantInput, seed2024, type Seed2024 } from '../helpers/grants';

const titles = (rs: { title: string }[]) => rs.map((r) => r.title);

describe('search.query', () => {
  let api: TestApi;
  beforeEach(() => {
    api = makeDispatch();
  });
  afterEach(() => api.cleanup());

  it('finds a centre by the beginning of a word, whatever the case, with its route', async () => {
    const halden = await registerCentre(api, 'halden');
    for (const text of ['hald', 'HALDEN', 'krisesenter hal', '  halden!  ']) {
      const results = await api.call('search.query', { text });
      expect(results, text).toContainEqual({
        entity: 'centre',
        id: halden.id,
        title: 'Krisesenter Halden',
        subtitle: 'Medlemssenter',
        route: `/centres/${halden.id}`,
      });
    }
    expect(await api.call('search.query', { text: 'haldenx' })).toEqual([]);
  });

  it('folds ø and æ like the index does, and accents and å by the tokenizer', async () => {
    await registerCentres(api, ['gjovik', 'sorHelgeland']);
    await api.call('organisations.create', { name: 'Særtilskudd Café Åsane' });
    for (const text of ['gjovik', 'GJØV', 'gjöv']) {
      expect(titles(await api.call('search.query', { text })), text).toEqual([
        'Gjøvik Krisesenter IKS',
      ]);
    }
    for (const text of ['sor-helg', 'SØR helgeland']) {
      expect(titles(await api.call('search.query', { text })), text).toEqual([
        'Sør-Helgeland Krisesenter',
      ]);
    }
    for (const text of ['sær', 'saer', 'cafe', 'CAFÉ', 'asane', 'åsa']) {
      expect(titles(await api.call('search.query', { text })), text).toEqual([
        'Særtilskudd Café Åsane',
      ]);
    }
    expect(foldSearchText('Tromsø ÆRE')).toBe('Tromso aeRE');
  });

  it('reads FTS syntax in the text as words, and answers nothing for no words', async () => {
    await registerCentre(api, 'halden');
    expect(toMatchQuery('hal* OR "x" NEAR(')).toBe('"hal"* "OR"* "x"* "NEAR"*');
    for (const text of ['', '   ', '*', '"', '-:^()', 'AND', 'NOT halden', 'halden"']) {
      await api.call('search.query', { text });
    }
    expect(await api.call('search.query', { text: '"*' })).toEqual([]);
  });

  it('shows funders, partners, projects, grants and rounds with subtitles and routes', async () => {
    const seed = await seed2024(api);
    const partner = await api.call('organisations.create', { name: 'Reform ressurssenter' });
    await api.call('projects.addPartner', {
      projectId: seed.projects.juleaksjonen.id,
      organisationId: partner.id,
    });
    const grant = await api.call(
      'grants.create',
      grantInput(seed.projects.juleaksjonen.id, seed.funders.gjensidige.id, 'Juleaksjonen 2024'),
    );
    const round = await api.call('rounds.create', { grantId: grant.id, name: 'Juleaksjonen 2024' });

    const jul = await api.call('search.query', { text: 'juleaksjonen' });
    expect(jul).toEqual(
      expect.arrayContaining([
        {
          entity: 'project',
          id: seed.projects.juleaksjonen.id,
          title: 'Juleaksjonen',
          subtitle: 'Prosjekt',
          route: `/projects/${seed.projects.juleaksjonen.id}`,
        },
        {
          entity: 'grant',
          id: grant.id,
          title: 'Juleaksjonen 2024',
          subtitle: 'Tilskudd · Juleaksjonen · Gjensidigestiftelsen',
          route: `/grants/${grant.id}`,
        },
        {
          entity: 'round',
          id: round.id,
          title: 'Juleaksjonen 2024',
          subtitle: 'Tildelingsrunde · Juleaksjonen 2024',
          route: `/rounds/${round.id}`,
        },
      ]),
    );
    expect(await api.call('search.query', { text: 'gjensidige' })).toContainEqual({
      entity: 'funder',
      id: seed.funders.gjensidige.id,
      title: 'Gjensidigestiftelsen',
      subtitle: 'Tilskuddsyter',
      route: `/funders/${seed.funders.gjensidige.id}`,
    });
    expect(await api.call('search.query', { text: 'reform' })).toEqual([
      {
        entity: 'partner',
        id: partner.id,
        title: 'Reform ressurssenter',
        subtitle: 'Samarbeidspartner',
        route: `/projects/${seed.projects.juleaksjonen.id}`,
      },
    ]);
  });

  it('ranks a match in the title before a match in the other text, and honours the limit', async () => {
    const seed: Seed2024 = await seed2024(api);
    const halden = await registerCentre(api, 'halden');
    await api.call(
      'grants.create',
      grantInput(seed.projects.juleaksjonen.id, seed.funders.gjensidige.id, 'Sommeraksjonen', {
        notes: 'Gjelder også Halden og Sarpsborg, og flere andre sentre i regionen.',
      }),
    );
    const results = await api.call('search.query', { text: 'halden' });
    expect(results.map((r) => [r.entity, r.title])).toEqual([
      ['centre', halden.name],
      ['grant', 'Sommeraksjonen'],
    ]);
    expect(await api.call('search.query', { text: 'halden', limit: 1 })).toHaveLength(1);
    expect((await api.fail('search.query', { text: 'x', limit: 51 })).code).toBe('BAD_INPUT');
  });

  it('keeps the index in step: insert, update (rename, centre fields) and delete', async () => {
    const seed = await seed2024(api);
    const alta = await registerCentre(api, 'alta');
    expect(titles(await api.call('search.query', { text: 'alta' }))).toEqual(['Alta Krisesenter']);

    await api.call('centres.update', {
      ...(await api.call('centres.get', { id: alta.id })),
      id: alta.id,
      name: 'Alta Krise- og incestsenter',
      dailyLeader: 'Daglig leder Vestbyen',
    } as never);
    expect(titles(await api.call('search.query', { text: 'alta incest' }))).toEqual([
      'Alta Krise- og incestsenter',
    ]);
    expect(await api.call('search.query', { text: 'krisesenter' })).toEqual([]);
    // A field of the member-centre row (daily leader) is searchable text of the organisation.
    expect(titles(await api.call('search.query', { text: 'vestbyen' }))).toEqual([
      'Alta Krise- og incestsenter',
    ]);

    const g = await api.call(
      'grants.create',
      grantInput(seed.projects.juleaksjonen.id, seed.funders.gjensidige.id, 'Midlertidig søknad'),
    );
    await api.call('grants.update', {
      ...grantInput(seed.projects.juleaksjonen.id, seed.funders.gjensidige.id, 'Endelig søknad'),
      id: g.id,
    });
    expect(await api.call('search.query', { text: 'midlertidig' })).toEqual([]);
    expect(titles(await api.call('search.query', { text: 'endelig' }))).toEqual(['Endelig søknad']);

    // The app has no delete for these; any program that writes the file keeps the index right.
    api.sqlite.prepare('DELETE FROM grants WHERE id = ?').run(g.id);
    expect(await api.call('search.query', { text: 'endelig' })).toEqual([]);
    const org = await api.call('organisations.create', { name: 'Slettes AS' });
    api.sqlite.prepare('DELETE FROM organisations WHERE id = ?').run(org.id);
    expect(await api.call('search.query', { text: 'slettes' })).toEqual([]);
    const rows = api.sqlite.prepare('SELECT count(*) FROM search_index').pluck().get();
    const sources = api.sqlite
      .prepare(
        `SELECT (SELECT count(*) FROM organisations) + (SELECT count(*) FROM projects)
              + (SELECT count(*) FROM grants) + (SELECT count(*) FROM allocation_rounds)`,
      )
      .pluck()
      .get();
    expect(rows).toBe(sources);
  });

  it('a change refused by a lock trigger leaves the index as it was', async () => {
    const seed = await seed2024(api);
    const g = await api.call(
      'grants.create',
      grantInput(seed.projects.juleaksjonen.id, seed.funders.gjensidige.id, 'Uendret tittel'),
    );
    api.sqlite.exec(`CREATE TEMP TRIGGER refuse BEFORE UPDATE ON grants
      BEGIN SELECT RAISE(ABORT, 'year closed: 2024'); END`);
    expect(() =>
      api.sqlite.prepare('UPDATE grants SET title = ? WHERE id = ?').run('Ny tittel', g.id),
    ).toThrow(/year closed/);
    expect(titles(await api.call('search.query', { text: 'uendret' }))).toEqual(['Uendret tittel']);
    expect(await api.call('search.query', { text: 'ny tittel' })).toEqual([]);
  });
});

describe('search index migration', () => {
  it('indexes the rows a file already had, and the file opens again (schema check)', () => {
    const tmp = tempDir();
    try {
      // The migrations up to the one before the search index, as an older app had them.
      const older = path.join(tmp.dir, 'migrations');
      fs.mkdirSync(path.join(older, 'meta'), { recursive: true });
      const journal = JSON.parse(
        fs.readFileSync(path.join(MIGRATIONS_DIR, 'meta', '_journal.json'), 'utf8'),
      ) as { entries: { tag: string }[] };
      const at = journal.entries.findIndex((e) => e.tag.endsWith('_search_index'));
      expect(at).toBeGreaterThan(0);
      journal.entries = journal.entries.slice(0, at);
      fs.writeFileSync(path.join(older, 'meta', '_journal.json'), JSON.stringify(journal));
      for (const e of journal.entries) {
        fs.copyFileSync(
          path.join(MIGRATIONS_DIR, `${e.tag}.sql`),
          path.join(older, `${e.tag}.sql`),
        );
      }
      const file = path.join(tmp.dir, 'old.sqlite');
      const old = openDatabase(file, older);
      old.sqlite
        .prepare(
          `INSERT INTO organisations (name, name_key, created_at_ms, updated_at_ms)
           VALUES ('Krisesenteret i Tromsø', 'krisesenteret i tromsø', 1, 1)`,
        )
        .run();
      old.close();

      const migrated = openDatabase(file, MIGRATIONS_DIR);
      const hit = migrated.sqlite
        .prepare(`SELECT title FROM search_index WHERE search_index MATCH ?`)
        .pluck()
        .all(toMatchQuery('tromso'));
      expect(hit).toEqual(['Krisesenteret i Tromsø']);
      migrated.close();
      // Opening again checks the schema (FTS5 shadow tables included) against the migrations.
      openDatabase(file, MIGRATIONS_DIR).close();
    } finally {
      tmp.cleanup();
    }
  });

  it('uses the FTS index at 100 × the data (2 500 centres, 2 000 grants)', async () => {
    const api = makeDispatch();
    try {
      const seed = await seed2024(api);
      const { sqlite } = api;
      const org = sqlite.prepare(
        `INSERT INTO organisations (name, name_key, notes, created_at_ms, updated_at_ms)
         VALUES (?, ?, ?, 1, 1)`,
      );
      const centre = sqlite.prepare(
        `INSERT INTO member_centres (organisation_id, driftsform, region) VALUES (?, 'ideell', 'nord')`,
      );
      const grant = sqlite.prepare(
        `INSERT INTO grants (project_id, funder_id, title, notes, status, admin_rule, created_at_ms, updated_at_ms)
         VALUES (?, ?, ?, ?, 'utkast', 'none', 1, 1)`,
      );
      sqlite.transaction(() => {
        for (let i = 0; i < 2500; i++) {
          const name = `Krisesenter nummer ${i} i Østfold`;
          const id = org.run(name, name.toLowerCase(), `Merknad ${i}`).lastInsertRowid;
          centre.run(id);
        }
        for (let i = 0; i < 2000; i++) {
          grant.run(
            seed.projects.juleaksjonen.id,
            seed.funders.gjensidige.id,
            `Tilskudd ${i} Juleaksjonen`,
            `Søknad om ${kroner(i)} øre`,
          );
        }
      })();
      const plan = sqlite.prepare(`EXPLAIN QUERY PLAN ${SEARCH_SQL}`).all('"ostfold"*', 20) as {
        detail: string;
      }[];
      expect(plan.map((p) => p.detail).join('\n')).toMatch(/VIRTUAL TABLE INDEX \d+:M/);
      const results = await api.call('search.query', { text: 'østfold 249', limit: 50 });
      expect(results.map((r) => r.title)).toContain('Krisesenter nummer 2490 i Østfold');
    } finally {
      api.cleanup();
    }
  });
});
