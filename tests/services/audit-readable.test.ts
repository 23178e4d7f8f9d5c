/**
 * The change log reads like the forms (issue 13.5): the 2024 example data loaded through the
 * services on real SQLite, then an edit of every kind of record (tests/helpers/audit-story.ts);
 * every entry the services wrote is rendered as the Endringslogg page, the record panels and
 * the auditor's export render it, and no field shows its code name, no reference a bare id,
 * no computed total, count or hash is a change, and time reads `02.12.2026 kl. 02:17`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../src-shared/api/contract';
import {
  AUDIT_BOOKKEEPING_FIELDS,
  AUDIT_COMPUTED_FIELDS,
  AUDIT_FINGERPRINT_FIELDS,
  auditFieldDef,
} from '../../src-shared/safety/audit-fields';
import {
  auditRecordName,
  describeChanges,
  formatDateTime,
  summariseChanges,
  type AuditLang,
} from '../../src-shared/safety/audit';
import { AUDIT_ENTITIES } from '../../src-shared/safety/labels';
import { auditStory } from '../helpers/audit-story';
import { makeDispatch, type TestApi } from '../helpers/db';

let api: TestApi;
let entries: AuditEntry[];

beforeAll(async () => {
  api = makeDispatch({ today: '2025-02-10' });
  await auditStory(api);
  entries = [];
  for (let offset = 0; ; offset += 500) {
    const page = await api.call('audit.list', { limit: 500, offset });
    entries.push(...page.rows);
    if (entries.length >= page.total) break;
  }
}, 120_000);
afterAll(() => api.cleanup());

/** What a reader sees of one entry: the record's name and each change, in one language. */
function rendered(e: AuditEntry, lang: AuditLang): string {
  return `${auditRecordName(e, lang)} | ${summariseChanges(describeChanges(e, lang))}`;
}

/** camelCase or snake_case words: code names, never words a reader uses. */
const CODE_NAME =
  /(?<![\p{L}\d.@/-])[a-z]+(?:[A-Z][a-z0-9]*)+(?![\p{L}\d])|(?<![\p{L}\d.@/-])[a-z]+(?:_[a-z0-9]+)+(?![\p{L}\d])/gu;

const fieldsOf = (e: AuditEntry) =>
  [e.before, e.after].flatMap((r) => (r && typeof r === 'object' ? Object.keys(r) : []));

describe('the change log of a realistic sequence, rendered', () => {
  it('covers every kind of record the services log', () => {
    const logged = new Set(entries.map((e) => e.entity));
    expect([...logged].sort()).toEqual([...AUDIT_ENTITIES].sort());
    expect(entries.length).toBeGreaterThan(400);
  });

  it('has a label and a kind for every field the services write, per kind of record', () => {
    const unknown = new Set<string>();
    for (const e of entries) {
      for (const field of fieldsOf(e)) {
        if (AUDIT_BOOKKEEPING_FIELDS.has(field)) continue;
        if (AUDIT_COMPUTED_FIELDS[e.entity]?.includes(field)) continue;
        if (AUDIT_FINGERPRINT_FIELDS[e.entity]?.includes(field)) continue;
        if (!auditFieldDef(e.entity, field)) unknown.add(`${e.entity}.${field}`);
      }
    }
    expect([...unknown]).toEqual([]);
  });

  it('shows no code name, in Norwegian or English', () => {
    for (const lang of ['nb', 'en'] as const) {
      const found = new Map<string, string>();
      for (const e of entries) {
        for (const word of rendered(e, lang).match(CODE_NAME) ?? []) {
          found.set(word, `${e.entity} #${e.entityId}: ${rendered(e, lang)}`);
        }
      }
      expect(Object.fromEntries(found)).toEqual({});
    }
  });

  it('names every reference; only a record that is gone keeps «#id (slettet)»', () => {
    for (const e of entries) {
      for (const c of describeChanges(e)) {
        const kind = auditFieldDef(e.entity, c.field)?.kind.t;
        for (const shown of [c.before, c.after]) {
          if (shown === null || shown === '—') continue;
          if (kind === 'ref' || kind === 'checklistKey') {
            expect(shown, `${e.entity}.${c.field}`).not.toMatch(/^#?\d+$|: #?\d+$/);
          }
          if (/#\d+/.test(shown)) expect(shown).toMatch(/#\d+ \(slettet\)$/);
        }
      }
      expect(auditRecordName(e), `${e.entity} #${e.entityId}`).not.toMatch(/^#\d+$/);
    }
    const removed = entries.find((e) => e.entity === 'allocation' && e.action === 'delete');
    expect(auditRecordName(removed!)).toMatch(/^#\d+ \(slettet\)$/);
    expect(auditRecordName(removed!, 'en')).toMatch(/^#\d+ \(deleted\)$/);
  });

  it('reads like the forms: names, status labels, kroner with øre and Norwegian dates', () => {
    const texts = entries.map((e) => rendered(e, 'nb'));
    const grantOf = (title: string) =>
      entries.filter((e) => e.entity === 'grant' && auditRecordName(e) === title);
    const jul2025 = grantOf('Juleaksjonen 2025').map((e) => rendered(e, 'nb'));
    expect(jul2025).toContainEqual(expect.stringContaining('Prosjekt: Juleaksjonen;'));
    expect(jul2025).toContainEqual(expect.stringContaining('Tilskuddsyter: Gjensidigestiftelsen'));
    expect(jul2025).toContainEqual(expect.stringContaining('Status: Utkast → Søkt'));
    expect(jul2025).toContainEqual(expect.stringContaining('Status: Søkt → Innvilget'));
    expect(jul2025).toContainEqual(
      expect.stringContaining(
        'Søkt beløp: 1\u00a0900\u00a0000,00\u00a0kr → 1\u00a0950\u00a0000,00\u00a0kr',
      ),
    );
    expect(jul2025).toContainEqual(expect.stringContaining('Søknadsdato: 20.01.2025'));
    expect(texts).toContainEqual(expect.stringMatching(/^Krisesenter Halden \| .*Region: Sør-Øst/));
    expect(texts).toContainEqual(
      expect.stringContaining('Driftsform: Stiftelse → Interkommunalt selskap (IKS)'),
    );
    expect(texts).toContainEqual(
      expect.stringMatching(/Korrigerer: Egne kostnader 07\.02\.2025, 1\u00a0000,00\u00a0kr/),
    );
    expect(texts).toContainEqual(expect.stringContaining('Årlig gjentakende: Ja'));
    expect(texts).toContainEqual(
      expect.stringContaining(
        'Punkt i sjekklisten: Rapport fra senter mangler: Krisesenteret i Trondheim (Sommeraksjonen 2024)',
      ),
    );
  });

  it('never shows totals, counts or hashes as changes, and no longer logs totals', () => {
    const logged = (key: string) =>
      (
        api.sqlite
          .prepare(
            `select count(*) n from audit_log
              where instr(coalesce(before_json, '') || coalesce(after_json, ''), ?) > 0`,
          )
          .get(`"${key}"`) as { n: number }
      ).n;
    for (const key of ['grantCount', 'awardedTotalOre', 'nameKey', 'schemeKey', 'isCentre']) {
      expect(logged(key), key).toBe(0);
    }
    // A file's checksum stays in the log as evidence of which bytes, but is not a change.
    expect(logged('fileHash')).toBe(1);
    expect(logged('sha256')).toBe(2);
    const shownFields = entries.flatMap((e) => describeChanges(e).map((c) => c.field));
    expect(shownFields.filter((f) => ['fileHash', 'sha256'].includes(f))).toEqual([]);
    // An entry written before totals were left out still shows only what was changed.
    const old: AuditEntry = {
      ...entries.find((e) => e.entity === 'funder' && e.action === 'update')!,
    };
    old.before = { ...(old.before as object), grantCount: 1, awardedTotalOre: 100 };
    old.after = { ...(old.after as object), grantCount: 2, awardedTotalOre: 200 };
    expect(describeChanges(old).map((c) => c.label)).toEqual(['Nettside']);
  });
});

describe('one date-time format', () => {
  it('writes `02.12.2026 kl. 02:17` in local time, with leading zeros', () => {
    expect(formatDateTime(new Date(2026, 11, 2, 2, 17, 59).getTime())).toBe('02.12.2026 kl. 02:17');
    expect(formatDateTime(new Date(2025, 0, 9, 23, 5).getTime())).toBe('09.01.2025 kl. 23:05');
    expect(formatDateTime(new Date(2025, 0, 9, 23, 5).getTime(), 'en')).toBe('09.01.2025 at 23:05');
  });

  it('is how a closed year’s closing time reads in the log', () => {
    const closed = entries.find((e) => e.entity === 'fiscal_year' && e.action === 'update');
    const at = describeChanges(closed!).find((c) => c.field === 'closedAtMs');
    // The fixed clock of makeDispatch: 10.02.2025 at noon, local time.
    const when = formatDateTime(new Date(2025, 1, 10, 12).getTime());
    expect([at?.before, at?.after]).toContain(when);
  });
});
