/**
 * The application pack (.docx) for next year's Sommeraksjonen, made from the 2024 example
 * dataset on real SQLite, opened by a real reader: LibreOffice headless converts it to text,
 * and the text carries the project, history with the funder (1 484 475 kr applied and
 * awarded in 2024), key figures, last year's awards per region, the scenarios and the budget.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { formatOre, kroner } from '../../src-shared/kernel/money';
import { packFileName } from '../../src-main/applications/pack';
import { makeDispatch, type TestApi } from '../helpers/db';

let api: TestApi;
let scratch: string;
beforeEach(() => {
  api = makeDispatch({ today: '2025-03-01' });
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'tilskudd-pack-'));
});
afterEach(() => {
  api.cleanup();
  fs.rmSync(scratch, { recursive: true, force: true });
});

/** LibreOffice's own reading of the file, as plain text (NBSP shown as a space). */
function docxText(base64: string): string {
  const file = path.join(scratch, 'pack.docx');
  fs.writeFileSync(file, Buffer.from(base64, 'base64'));
  const profile = `file://${path.join(scratch, `lo-${process.pid}-${Date.now()}`)}`;
  execFileSync(
    '/usr/bin/soffice',
    [
      `-env:UserInstallation=${profile}`,
      '--headless',
      '--convert-to',
      'txt:Text',
      '--outdir',
      scratch,
      file,
    ],
    { timeout: 90_000, stdio: 'pipe' },
  );
  return fs.readFileSync(path.join(scratch, 'pack.txt'), 'utf8').replace(/\u00a0/g, ' ');
}

const nb = (ore: number) => formatOre(ore).replace(/\u00a0/g, ' ');

describe('applications.pack', () => {
  it('writes a Word pack LibreOffice reads, with the history, results, scenarios and budget', async () => {
    await api.call('exampleData.load', {});
    const last = api.sqlite
      .prepare(`select id, project_id as projectId from grants where title = 'Sommeraksjonen 2024'`)
      .get() as { id: number; projectId: number };
    const next = await api.call('applications.createNextYear', { grantId: last.id });
    const grantId = next.application.grantId;
    await api.call('applications.addScenario', {
      grantId,
      name: 'Kun medlemssentre',
      amountOre: kroner(1_550_000),
      description: '19 medlemssentre',
    });
    await api.call('applications.addScenario', {
      grantId,
      name: 'Alle krisesentre',
      amountOre: kroner(1_900_000),
      description: null,
    });
    await api.call('keyFigures.add', {
      projectId: last.projectId,
      year: 2024,
      label: 'Barn og unge som deltok',
      value: '1 250',
      unit: 'antall',
      source: 'Rapporter fra sentrene',
      note: null,
    });
    const awardedToCentres = (
      api.sqlite
        .prepare(
          `select sum(a.awarded_ore) as s from allocations a
             join allocation_rounds r on r.id = a.round_id where r.grant_id = ?`,
        )
        .get(last.id) as { s: number }
    ).s;
    expect(awardedToCentres).toBeGreaterThan(0);

    const pack = await api.call('applications.pack', {
      grantId,
      budgetLines: [
        { label: 'Aktiviteter ved sentrene', amountOre: kroner(1_400_000) },
        { label: 'Administrasjon, koordinering; rapportering', amountOre: kroner(75_000) },
      ],
    });
    expect(pack.fileName).toBe(`Søknadspakke ${next.application.title}.docx`);
    const bytes = Buffer.from(pack.contentBase64, 'base64');
    expect(bytes.subarray(0, 2).toString()).toBe('PK');

    const text = docxText(pack.contentBase64);
    expect(text).toContain(`Søknadspakke: ${next.application.title}`);
    expect(text).toContain('Noe å glede seg til i sommer');
    expect(text).toContain('Krisesentersekretariatet er forvalter for Sommeraksjonen.');
    expect(text).toContain('Tilskudd fra Gjensidigestiftelsen til Sommeraksjonen 2022–2024');
    expect(text).toContain('Sommeraksjonen 2024');
    expect(text.match(/1 484 475 kr/g)?.length).toBe(2); // applied and awarded
    expect(text).toContain('Barn og unge som deltok');
    expect(text).toContain('1 250');
    expect(text).toContain('Resultat 2024: tildelt til sentrene og rapportert');
    for (const region of ['Sør-Øst', 'Nord', 'Midt-Vest']) expect(text).toContain(region);
    expect(text).toContain(nb(awardedToCentres));
    expect(text).toContain('Kun medlemssentre');
    expect(text).toContain('1 550 000 kr');
    expect(text).toContain('Alle krisesentre');
    expect(text).toContain('1 900 000 kr');
    expect(text).toContain('Administrasjon, koordinering; rapportering');
    expect(text).toContain('1 475 000 kr');
  }, 120_000);

  it('refuses an unknown application and bad budget lines in Norwegian', async () => {
    const missing = await api.fail('applications.pack', { grantId: 999, budgetLines: [] });
    expect(missing.code).toBe('NOT_FOUND');
    const bad = await api.fail('applications.pack', {
      grantId: 1,
      budgetLines: [{ label: '', amountOre: -5 }],
    });
    const messages = (bad.issues ?? []).map((i) => i.message);
    expect(messages).toContain('Budsjettpost må fylles ut.');
    expect(messages.some((m) => m.startsWith('Beløp'))).toBe(true);
  });

  it('makes a file name Windows accepts', () => {
    expect(packFileName('Juleaksjonen: 2025/«alle»?')).toBe(
      'Søknadspakke Juleaksjonen 2025 «alle».docx',
    );
  });
});
