/**
 * Frister on real SQLite through the real dispatch with a fixed clock (2025-03-20):
 * application deadlines, reports owed to funders, centre reports owed to KSS and the
 * year-end handover, judged overdue / upcoming / done at the window's edges; «levert»
 * through grants.completeDeadline and centreReports.record; and the .ics export read back
 * with a real iCalendar parser (ical.js), not by string comparison.
 */
import ICAL from 'ical.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { kroner } from '../../src-shared/kernel/money';
import { deadlinesIcs, foldLine } from '../../src-main/deadlines/ics';
import { makeDispatch, type TestApi } from '../helpers/db';
import { awardedGrant, grantInput, seed2024, type Seed2024 } from '../helpers/grants';
import { decideProportionally, juleaksjonenCase } from '../helpers/allocations';

const TODAY = '2025-03-20';
let api: TestApi;
beforeEach(() => {
  api = makeDispatch({ today: TODAY });
});
afterEach(() => api.cleanup());

async function application(seed: Seed2024, title: string, deadline: string, apply = false) {
  const g = await api.call(
    'grants.create',
    grantInput(seed.projects.juleaksjonen.id, seed.funders.gjensidige.id, title, {
      appliedOre: kroner(100_000),
      appliedDate: apply ? deadline : null,
    }),
  );
  await api.call('applications.setDeadline', { grantId: g.id, deadline });
  if (apply) await api.call('grants.setStatus', { id: g.id, status: 'sokt' });
  return g;
}

function parse(base64: string) {
  const text = Buffer.from(base64, 'base64').toString('utf8');
  const comp = new ICAL.Component(ICAL.parse(text));
  const events = comp.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
  return { text, comp, events };
}

describe('deadlines.list', () => {
  it('judges each source overdue, upcoming or done at the window’s edges', async () => {
    const seed = await seed2024(api);
    const late = await application(seed, 'Sommeraksjonen 2025', '2025-03-19');
    const soon = await application(seed, 'Juleaksjonen 2025', '2025-03-20');
    const applied = await application(seed, 'VO-linjen 2025', '2025-03-10', true);
    await application(seed, 'Utenfor vinduet', '2025-05-20');
    const grant = await awardedGrant(
      api,
      grantInput(seed.projects.juleaksjonen.id, seed.funders.gjensidige.id, 'Juleaksjonen 2024', {
        appliedOre: kroner(1_000_000),
      }),
      { awardedOre: kroner(1_000_000), decisionDate: '2024-10-10' },
    );
    const withDeadlines = await api.call('grants.addDeadline', {
      grantId: grant.id,
      dueDate: '2025-05-19',
      description: 'Sluttrapport',
    });
    await api.call('grants.addDeadline', {
      grantId: grant.id,
      dueDate: '2025-03-01',
      description: 'Regnskapsrapport',
    });
    const all = (await api.call('grants.get', { id: withDeadlines.id })).deadlines;
    const last = all.find((d) => d.description === 'Sluttrapport');

    const list = await api.call('deadlines.list', {});
    expect(list).toMatchObject({ from: TODAY, to: '2025-05-19' });
    const view = list.items.map((i) => [i.kind, i.date, i.status, i.daysLeft]);
    expect(view).toEqual([
      ['year_end', '2025-02-15', 'overdue', -33],
      ['funder_report', '2025-03-01', 'overdue', -19],
      ['application', '2025-03-19', 'overdue', -1],
      ['application', '2025-03-20', 'upcoming', 0],
      ['funder_report', '2025-05-19', 'upcoming', 60],
      ['application', '2025-03-10', 'done', -10],
    ]);
    const byId = (uid: string) => list.items.find((i) => i.uid === uid);
    expect(byId(`grant-application-${late.id}@tilskuddsoversikt`)).toMatchObject({
      title: 'Søknadsfrist: Sommeraksjonen 2025',
      route: `/grants/${late.id}`,
      detail: expect.stringContaining('Gjensidigestiftelsen'),
    });
    expect(byId(`grant-application-${soon.id}@tilskuddsoversikt`)?.status).toBe('upcoming');
    expect(byId(`grant-application-${applied.id}@tilskuddsoversikt`)?.doneDate).toBe('2025-03-10');
    expect(byId('year-end-2024@tilskuddsoversikt')).toMatchObject({ route: '/year-end' });

    // «Levert» on the funder report moves it to done.
    await api.call('grants.completeDeadline', { id: last!.id, doneDate: '2025-03-20' });
    const after = await api.call('deadlines.list', {});
    expect(
      after.items.find((i) => i.uid === `grant-deadline-${last!.id}@tilskuddsoversikt`),
    ).toMatchObject({ status: 'done', doneDate: '2025-03-20', route: `/grants/${grant.id}` });

    // A narrower window from another day.
    const week = await api.call('deadlines.list', { from: '2025-03-01', days: 7 });
    expect(week.items.filter((i) => i.status === 'upcoming').map((i) => i.date)).toEqual([
      '2025-03-01',
    ]);
  });

  it('lists centre reports owed to KSS and takes «levert» from centreReports.record', async () => {
    const { round } = await juleaksjonenCase(api);
    const decided = await decideProportionally(api, round);
    const list = await api.call('deadlines.list', { from: '2025-04-01', days: 60 });
    const reports = list.items.filter((i) => i.kind === 'centre_report');
    const awarded = decided.allocations.filter((a) => (a.awardedOre ?? 0) > 0);
    expect(reports).toHaveLength(awarded.length);
    expect(reports.every((r) => r.status === 'upcoming' && r.date === '2025-04-30')).toBe(true);
    expect(reports[0]).toMatchObject({ route: `/rounds/${round.id}`, detail: round.name });

    const first = reports[0]!;
    await api.call('centreReports.record', {
      allocationId: first.recordId,
      reportReceivedDate: '2025-04-02',
      spentOre: kroner(10_000),
      participantsReached: 12,
      reportText: null,
      reportStatus: 'mottatt',
      reportDueDate: first.date,
    });
    const later = await api.call('deadlines.list', { from: '2025-05-05', days: 60 });
    const mine = later.items.filter((i) => i.kind === 'centre_report');
    expect(mine.filter((i) => i.status === 'overdue')).toHaveLength(awarded.length - 1);
    expect(mine.find((i) => i.recordId === first.recordId)).toMatchObject({
      status: 'done',
      doneDate: '2025-04-02',
      centreReport: { spentOre: kroner(10_000), participantsReached: 12 },
    });
  });

  it('counts the previous year’s handover as done once the year is closed', async () => {
    const before = await api.call('deadlines.list', { from: '2025-02-01', days: 60 });
    expect(before.items.find((i) => i.kind === 'year_end')).toMatchObject({ status: 'upcoming' });
    await api.call('yearEnd.close', { year: 2024, reason: null });
    const list = await api.call('deadlines.list', { from: '2025-02-01', days: 60 });
    expect(list.items.find((i) => i.uid === 'year-end-2024@tilskuddsoversikt')).toMatchObject({
      status: 'done',
      doneDate: TODAY,
    });
  });

  it('refuses a window that is not a number of days, in Norwegian', async () => {
    const err = await api.fail('deadlines.list', { days: 0 });
    expect(err.message).toContain('Antall dager må være minst 1.');
    const bad = await api.fail('deadlines.list', { from: '2025-02-30' });
    expect(bad.message).toContain('Fra dato må være en gyldig dato');
  });
});

describe('deadlines.ics', () => {
  it('exports all-day events that a real parser reads, with UIDs stable across exports', async () => {
    const seed = await seed2024(api);
    const g = await application(seed, 'Sommeraksjonen 2025', '2025-04-01');
    await api.call('grants.addDeadline', {
      grantId: g.id,
      dueDate: '2025-12-31',
      description: 'Rapport; regnskap, og «sluttrapport» \\ vedlegg',
    });
    const one = await api.call('deadlines.ics', {});
    expect(one.fileName).toBe(`frister-${TODAY}.ics`);
    const { text, comp, events } = parse(one.contentBase64);
    expect(comp.getFirstPropertyValue('version')).toBe('2.0');
    expect(comp.getFirstPropertyValue('prodid')).toContain('Tilskuddsoversikt');
    expect(
      text
        .split('\r\n')
        .slice(0, -1)
        .every((l) => !l.includes('\n')),
    ).toBe(true);
    expect(text.endsWith('\r\n')).toBe(true);

    const app = events.find((e) => e.uid === `grant-application-${g.id}@tilskuddsoversikt`)!;
    expect(app.summary).toBe('Søknadsfrist: Sommeraksjonen 2025');
    expect(app.startDate.isDate).toBe(true);
    expect(app.startDate.toString()).toBe('2025-04-01');
    expect(app.endDate.toString()).toBe('2025-04-02');
    const report = events.find((e) => e.startDate.toString() === '2025-12-31')!;
    expect(report.summary).toBe(
      'Rapport; regnskap, og «sluttrapport» \\ vedlegg: Sommeraksjonen 2025',
    );
    expect(events.map((e) => e.uid)).toContain('year-end-2024@tilskuddsoversikt');
    for (const e of events) {
      expect(e.component.getFirstPropertyValue('dtstamp')?.toString()).toBe('2025-03-20T12:00:00Z');
    }

    const two = parse((await api.call('deadlines.ics', {})).contentBase64);
    expect(two.events.map((e) => e.uid)).toEqual(events.map((e) => e.uid));
    expect(new Set(events.map((e) => e.uid)).size).toBe(events.length);
  });

  it('folds a long Norwegian title at 75 octets without splitting a character', () => {
    const title =
      'Sluttrapport til Gjensidigestiftelsen for Juleaksjonen – «Alle krisesentre», ' +
      'æøå ÆØÅ é ü – søknad, rapport; regnskap\nog budsjett for 2025 med vedlegg fra sentrene 🎄🎄';
    const text = deadlinesIcs(
      [
        {
          uid: 'grant-deadline-12@tilskuddsoversikt',
          kind: 'funder_report',
          recordId: 12,
          date: '2025-06-30',
          title,
          detail: 'Til Gjensidigestiftelsen',
          route: '/grants/3',
          doneDate: null,
          centreReport: null,
        },
      ],
      Date.UTC(2025, 2, 20, 8, 30, 5),
    );
    const lines = text.split('\r\n');
    const summaryLines = lines.slice(lines.findIndex((l) => l.startsWith('SUMMARY:')));
    expect(summaryLines[1]?.startsWith(' ')).toBe(true);
    for (const line of lines) {
      expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
      expect(line).not.toContain('\uFFFD');
      // Each physical line is valid UTF-8 on its own: no multi-byte character split.
      expect(Buffer.from(Buffer.from(line, 'utf8').toString('utf8'), 'utf8').toString()).toBe(line);
    }
    const event = new ICAL.Event(
      new ICAL.Component(ICAL.parse(text)).getFirstSubcomponent('vevent')!,
    );
    expect(event.summary).toBe(title);
    expect(event.uid).toBe('grant-deadline-12@tilskuddsoversikt');
    expect(event.component.getFirstPropertyValue('dtstamp')?.toString()).toBe(
      '2025-03-20T08:30:05Z',
    );
  });

  it('folds by octets: a line of two-byte letters breaks before 75 bytes, never inside one', () => {
    const folded = foldLine(`SUMMARY:${'ø'.repeat(100)}`);
    const parts = folded.split('\r\n');
    expect(parts.map((p) => Buffer.byteLength(p, 'utf8'))).toEqual([74, 75, 61]);
    expect(parts.map((p, i) => (i === 0 ? p : p.slice(1))).join('')).toBe(
      `SUMMARY:${'ø'.repeat(100)}`,
    );
  });
});
