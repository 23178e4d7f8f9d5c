/**
 * The global search over notes (migration …_search_notes): a note on a grant or a funder is
 * found by its words, folded like the rest of the index, and opens the record it belongs to
 * with a snippet of its text; triggers keep the index in step on insert, update and delete.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { toMatchQuery } from '../../src-shared/search/fold';
import { openDatabase } from '../../src-main/platform/database';
import { snippetAround } from '../../src-main/search/snippet';
import { MIGRATIONS_DIR, makeDispatch, tempDir, type TestApi } from '../helpers/db';
import { grantInput, seed2024, type Seed2024 } from '../helpers/grants';

const TEXT =
  'Telefon med saksbehandler: søknaden for Sommeraksjonen må ha nøkkeltall fra Tromsø og ' +
  'Særtilskudd-ordningen, og budsjettet skal vise administrasjonsandelen.';

const notes = <T extends { entity: string }>(rs: T[]) => rs.filter((r) => r.entity === 'note');

describe('search.query over notes', () => {
  let api: TestApi;
  let seed: Seed2024;
  let grantId: number;
  beforeEach(async () => {
    api = makeDispatch();
    seed = await seed2024(api);
    const grant = await api.call(
      'grants.create',
      grantInput(seed.projects.juleaksjonen.id, seed.funders.gjensidige.id, 'Juleaksjonen 2024'),
    );
    grantId = grant.id;
  });
  afterEach(() => api.cleanup());

  it('finds a grant note by folded words and prefixes, and opens the grant with a snippet', async () => {
    const note = await api.call('notes.add', {
      grantId,
      date: '2024-03-12',
      kind: 'call',
      text: TEXT,
    });
    for (const text of ['tromso', 'TROMSØ', 'saer', 'særtil', 'sok', 'SØKNADEN', 'nokkel']) {
      expect(notes(await api.call('search.query', { text })), text).toEqual([
        {
          entity: 'note',
          id: note.id,
          title: 'Juleaksjonen 2024',
          subtitle: 'Notat 12.03.2024 · Telefonsamtale · Tilskudd',
          route: `/grants/${grantId}`,
          snippet: expect.any(String),
        },
      ]);
    }
    const [hit] = notes(await api.call('search.query', { text: 'tromso' })) as {
      snippet: string;
    }[];
    expect(hit!.snippet).toContain('Tromsø');
    expect(hit!.snippet?.startsWith('… ')).toBe(true);
    // The grant's own hit stays first on its title; the note does not carry the grant's name.
    const jul = await api.call('search.query', { text: 'juleaksjonen' });
    expect(notes(jul)).toEqual([]);
    expect(await api.call('search.query', { text: 'tromsøx' })).toEqual([]);
  });

  it('finds a funder note and opens the funder', async () => {
    const note = await api.call('notes.add', {
      funderId: seed.funders.gjensidige.id,
      date: '2024-11-02',
      kind: 'meeting',
      text: 'Årsmøte: øvre beløpsgrense drøftet.',
    });
    expect(notes(await api.call('search.query', { text: 'arsmote ovre belop' }))).toEqual([
      {
        entity: 'note',
        id: note.id,
        title: 'Gjensidigestiftelsen',
        subtitle: 'Notat 02.11.2024 · Møte · Tilskuddsyter',
        route: `/funders/${seed.funders.gjensidige.id}`,
        snippet: 'Årsmøte: øvre beløpsgrense drøftet.',
      },
    ]);
  });

  it('keeps the index in step when a note is changed and removed', async () => {
    const note = await api.call('notes.add', {
      grantId,
      date: '2024-03-12',
      kind: 'email',
      text: 'Første utkast sendt.',
    });
    expect(notes(await api.call('search.query', { text: 'utkast' }))).toHaveLength(1);
    await api.call('notes.update', {
      id: note.id,
      date: '2024-03-13',
      kind: 'email',
      text: 'Endelig versjon sendt.',
    });
    expect(notes(await api.call('search.query', { text: 'utkast' }))).toEqual([]);
    const [changed] = notes(await api.call('search.query', { text: 'endelig vers' }));
    expect(changed).toMatchObject({
      id: note.id,
      subtitle: 'Notat 13.03.2024 · E-post · Tilskudd',
    });
    // A renamed grant shows its new name on the note's hit (the title is read when searching).
    api.sqlite
      .prepare('UPDATE grants SET title = ? WHERE id = ?')
      .run('Juleaksjonen 2024 (ny)', grantId);
    expect(notes(await api.call('search.query', { text: 'endelig' }))[0]!.title).toBe(
      'Juleaksjonen 2024 (ny)',
    );

    await api.call('notes.remove', { id: note.id });
    expect(await api.call('search.query', { text: 'endelig' })).toEqual([]);
    const indexed = api.sqlite
      .prepare(`SELECT count(*) FROM search_index WHERE entity = 'note'`)
      .pluck()
      .get();
    expect(indexed).toBe(0);
  });
});

describe('snippetAround', () => {
  it('cuts a long text around the first matching word, at word boundaries', () => {
    const long = `${'innledning '.repeat(20)}her står Møtereferatet ${'og mer tekst '.repeat(20)}`;
    const s = snippetAround(long, 'mote');
    expect(s).toMatch(/^… innledning .*Møtereferatet .* …$/);
    expect(s.length).toBeLessThanOrEqual(150);
    expect(snippetAround('Kort tekst.', 'kort')).toBe('Kort tekst.');
    // No word matched (a hit on a word the snippet cannot see): the beginning of the text.
    expect(snippetAround(long, 'zzz').startsWith('innledning')).toBe(true);
  });
});

describe('search notes migration', () => {
  it('indexes the notes a file already had', () => {
    const tmp = tempDir();
    try {
      const older = path.join(tmp.dir, 'migrations');
      fs.mkdirSync(path.join(older, 'meta'), { recursive: true });
      const journal = JSON.parse(
        fs.readFileSync(path.join(MIGRATIONS_DIR, 'meta', '_journal.json'), 'utf8'),
      ) as { entries: { tag: string }[] };
      const at = journal.entries.findIndex((e) => e.tag.endsWith('_search_notes'));
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
      const orgId = old.sqlite
        .prepare(
          `INSERT INTO organisations (name, name_key, created_at_ms, updated_at_ms)
           VALUES ('Stiftelsen Dam', 'stiftelsen dam', 1, 1)`,
        )
        .run().lastInsertRowid;
      old.sqlite
        .prepare(`INSERT INTO funders (organisation_id, funder_type) VALUES (?, 'stiftelse')`)
        .run(orgId);
      old.sqlite
        .prepare(
          `INSERT INTO record_notes (funder_id, note_date, kind, body, created_at_ms, updated_at_ms)
           VALUES (?, '2024-05-01', 'other', 'Søknadsfrist i Bodø flyttet.', 1, 1)`,
        )
        .run(orgId);
      old.close();

      const migrated = openDatabase(file, MIGRATIONS_DIR);
      const hit = migrated.sqlite
        .prepare(`SELECT entity, title FROM search_index WHERE search_index MATCH ?`)
        .all(toMatchQuery('bodo flytt'));
      expect(hit).toEqual([{ entity: 'note', title: 'Søknadsfrist i Bodø flyttet.' }]);
      migrated.close();
      openDatabase(file, MIGRATIONS_DIR).close();
    } finally {
      tmp.cleanup();
    }
  });
});
