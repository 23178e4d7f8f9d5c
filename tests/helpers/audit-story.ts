/**
 * A realistic day in the change log: the 2024 example data loaded through the services, then
 * an edit of every kind of record the services log (centres, memberships, funders, contacts,
 * projects, partners, grants, deadlines, year splits, award changes, movements, rounds,
 * allocations, applications, caps, key figures, notes, documents, settings, accounts, an
 * import, and a year closed and reopened). Used by the change-log rendering tests.
 */
import { kroner } from '../../src-shared/kernel/money';
import type { TestApi } from './db';

type Call = TestApi['call'];

/** Finds one row by name or title, or fails the test with a clear message. */
function named<T>(rows: readonly T[], pick: (r: T) => boolean, what: string): T {
  const row = rows.find(pick);
  if (!row) throw new Error(`audit story: ${what} not found`);
  return row;
}

async function registry(call: Call) {
  const centres = (await call('centres.list', { search: null })).rows;
  const halden = named(centres, (c) => c.name === 'Krisesenter Halden', 'Halden');
  const haldenDetail = await call('centres.get', { id: halden.id });
  await call('centres.update', {
    ...haldenDetail,
    contactEmail: 'post@krisesenterhalden.no',
    region: 'sor-ost',
    driftsform: 'iks',
  });
  const alta = named(centres, (c) => c.name === 'Alta Krisesenter', 'Alta');
  const altaDetail = await call('centres.get', { id: alta.id });
  const period = altaDetail.memberships[0]!;
  await call('centres.updateMembership', { ...period, note: 'Innmeldt etter styrevedtak.' });
  const extra = await call('centres.addMembership', {
    centreId: halden.id,
    joinedDate: '2026-01-01',
  });
  const added = named(extra.memberships, (m) => m.joinedDate === '2026-01-01', 'new period');
  await call('centres.deleteMembership', { id: added.id, reason: 'Registrert ved en feil.' });

  const funders = await call('funders.list', {});
  const gjs = named(funders, (f) => f.name === 'Gjensidigestiftelsen', 'Gjensidigestiftelsen');
  const gjsDetail = await call('funders.get', { id: gjs.id });
  await call('funders.update', {
    id: gjs.id,
    name: gjsDetail.name,
    funderType: gjsDetail.funderType,
    orgNumber: gjsDetail.orgNumber,
    website: 'https://www.gjensidigestiftelsen.no',
    notes: gjsDetail.notes,
  });
  const contact = await call('funders.addContact', {
    funderId: gjs.id,
    name: 'Saksbehandler',
    role: 'saksbehandler',
    email: 'post@gjensidigestiftelsen.no',
    phone: null,
  });
  await call('funders.removeContact', { id: contact.id });

  const projects = await call('projects.list', {});
  const jul = named(projects, (p) => p.name === 'Juleaksjonen', 'Juleaksjonen');
  const julDetail = await call('projects.get', { id: jul.id });
  await call('projects.update', {
    ...julDetail,
    description: 'Julegaver til barn og unge på krisesentrene.',
    status: 'aktiv',
  });
  const partner = await call('organisations.create', { name: 'Reform ressurssenter' });
  const link = await call('projects.addPartner', {
    projectId: jul.id,
    organisationId: partner.id,
    role: 'Faglig samarbeid',
  });
  await call('projects.removePartner', { id: link.id });
  return { gjs, jul };
}

/** A new 2025 grant through its whole life: applied, awarded, split, changed, paid, moved. */
async function grantLife(call: Call, ids: { gjs: number; jul: number }) {
  const base = {
    projectId: ids.jul,
    funderId: ids.gjs,
    title: 'Juleaksjonen 2025',
    schemeName: 'Juleaksjonen',
    reference: null,
    editionYear: 2025,
    appliedOre: kroner(1_900_000),
    appliedDate: '2025-01-20',
    periodFrom: '2025-01-01',
    periodTo: '2025-12-31',
    activityFrom: null,
    activityTo: null,
    kssShareOre: null,
    adminRule: 'percent' as const,
    adminBasisPoints: 500,
    adminFixedOre: null,
    notes: null,
    currency: 'NOK' as const,
  };
  const grant = await call('grants.create', base);
  await call('grants.update', { id: grant.id, ...base, appliedOre: kroner(1_950_000) });
  await call('grants.setStatus', { id: grant.id, status: 'sokt' });
  await call('grants.setStatus', {
    id: grant.id,
    status: 'innvilget',
    awardedOre: kroner(1_800_000),
    decisionDate: '2025-02-01',
    reference: 'GJS-2025-1',
  });
  await call('grants.correctAward', {
    id: grant.id,
    awardedOre: kroner(1_850_000),
    decisionDate: '2025-02-02',
    reason: 'Tastefeil: vedtaksbrevet sier 1 850 000 kr.',
  });
  await call('grants.addAwardChange', {
    id: grant.id,
    changeOre: kroner(50_000),
    decisionDate: '2025-02-05',
    reference: 'GJS-2025-2',
  });
  await call('grants.setYearSplit', {
    id: grant.id,
    splits: [{ year: 2025, amountOre: kroner(1_900_000) }],
  });
  const withDeadline = await call('grants.addDeadline', {
    grantId: grant.id,
    dueDate: '2026-03-01',
    description: 'Sluttrapport til Gjensidigestiftelsen',
  });
  await call('grants.completeDeadline', {
    id: withDeadline.deadlines[0]!.id,
    doneDate: '2025-02-09',
  });
  const received = await call('movements.record', {
    grantId: grant.id,
    type: 'received',
    date: '2025-02-06',
    amountOre: kroner(1_900_000),
    voucherRef: 'B-2025-7',
    note: null,
  });
  const own = await call('movements.record', {
    grantId: grant.id,
    type: 'own_costs',
    date: '2025-02-07',
    amountOre: kroner(1_000),
    voucherRef: 'B-2025-8',
    note: 'Porto',
  });
  await call('movements.reverse', { id: own.id, reason: 'Ført på feil tilskudd.' });
  void received;
  const { rows } = await call('grants.list', { search: 'Sommeraksjonen 2024' });
  const summer = named(rows, (g) => g.title === 'Sommeraksjonen 2024', 'Sommeraksjonen 2024');
  await call('movements.transfer', {
    fromGrantId: grant.id,
    toGrantId: summer.id,
    date: '2025-02-08',
    amountOre: kroner(1_000),
    voucherRef: 'B-2025-11',
    note: null,
    approvalRef: 'Gjensidigestiftelsens e-post',
    approvalDate: '2025-02-07',
  });
  return grant;
}

/** A round on the new grant: applications, decision, payout, report, return, kept money. */
async function roundLife(call: Call, grantId: number) {
  const centres = (await call('centres.list', { asOf: '2025-02-10', search: null })).rows.filter(
    (c) => c.isMember,
  );
  const [a, b, c] = centres as [(typeof centres)[0], (typeof centres)[0], (typeof centres)[0]];
  const round = await call('rounds.create', { grantId, name: 'Juleaksjonen 2025' });
  await call('rounds.update', {
    id: round.id,
    name: 'Juleaksjonen 2025',
    applicationDeadline: '2025-02-08',
    activityFrom: '2025-02-01',
    activityTo: '2025-02-28',
    reportDeadline: '2025-03-31',
    notes: null,
  });
  const row = (centreId: number, kr: number) => ({
    centreId,
    appliedOre: kroner(kr),
    purpose: 'Julegaver',
    expectedParticipants: 20,
    receivedDate: '2025-02-03',
  });
  const saved = await call('allocations.saveApplications', {
    roundId: round.id,
    rows: [row(a.id, 100_000), row(b.id, 80_000), row(c.id, 10_000)],
  });
  const alloc = (centreId: number) => saved.allocations.find((x) => x.centreId === centreId)!;
  await call('allocations.removeApplication', {
    id: alloc(c.id).id,
    reason: 'Søknaden ble trukket av senteret.',
  });
  await call('allocations.decide', {
    roundId: round.id,
    decisionDate: '2025-02-08',
    awards: [
      { allocationId: alloc(a.id).id, awardedOre: kroner(90_000) },
      { allocationId: alloc(b.id).id, awardedOre: kroner(80_000) },
    ],
  });
  await call('allocations.markPaid', {
    allocationIds: [alloc(a.id).id, alloc(b.id).id],
    date: '2025-02-09',
    voucherRef: 'B-2025-9',
  });
  await call('centreReports.record', {
    allocationId: alloc(a.id).id,
    reportReceivedDate: '2025-02-10',
    spentOre: kroner(85_000),
    participantsReached: 18,
    reportText: 'Gaver til 18 barn.',
    reportStatus: 'mottatt',
    reportDueDate: '2025-03-31',
  });
  await call('centreReports.recordReturn', {
    allocationId: alloc(a.id).id,
    date: '2025-02-10',
    amountOre: kroner(2_000),
    voucherRef: 'B-2025-10',
    note: null,
  });
  await call('centreReports.keepUnused', {
    allocationId: alloc(a.id).id,
    amountOre: kroner(3_000),
    approvalRef: 'KSS-2025-1',
  });
}

/** The application side: deadline, scenarios, a cap, and next year's edition. */
async function applicationLife(call: Call, grantId: number, funderId: number) {
  await call('applications.setDeadline', { grantId, deadline: '2025-01-15' });
  let app = await call('applications.addScenario', {
    grantId,
    name: 'Kun medlemssentre',
    amountOre: kroner(1_900_000),
    description: '19 medlemssentre',
  });
  app = await call('applications.addScenario', {
    grantId,
    name: 'Alle krisesentre',
    amountOre: kroner(2_400_000),
    description: null,
  });
  const [members, all] = app.scenarios as [(typeof app.scenarios)[0], (typeof app.scenarios)[0]];
  await call('applications.updateScenario', {
    id: all.id,
    name: 'Alle krisesentre',
    amountOre: kroner(2_500_000),
    description: 'Også sentre som ikke er medlemmer',
  });
  await call('applications.chooseScenario', { grantId, scenarioId: members.id });
  await call('applications.removeScenario', { id: all.id });
  const cap = await call('applications.setCap', {
    funderId,
    kind: 'year',
    year: 2025,
    schemeName: null,
    amountOre: kroner(3_000_000),
    note: null,
  });
  void cap;
  const caps = await call('applications.caps', {});
  await call('applications.removeCap', { id: caps[0]!.id });
  await call('applications.createNextYear', { grantId });
}

/** Key figures, notes, documents, settings, account codes and an import. */
async function otherRecords(
  call: Call,
  ids: { grantId: number; projectId: number; funderId: number },
) {
  const figure = await call('keyFigures.add', {
    projectId: ids.projectId,
    year: 2025,
    label: 'Barn som fikk gave',
    value: '1 250',
    unit: 'antall',
    source: null,
    note: null,
  });
  await call('keyFigures.update', {
    id: figure.id,
    year: 2025,
    label: 'Barn som fikk gave',
    value: '1 300',
    unit: 'antall',
    source: 'Rapport fra sentrene',
    note: null,
  });
  await call('keyFigures.remove', { id: figure.id });
  const note = await call('notes.add', {
    grantId: ids.grantId,
    date: '2025-02-01',
    kind: 'call',
    text: 'Saksbehandler ringte om budsjettet.',
  });
  await call('notes.update', { id: note.id, date: '2025-02-02', kind: 'meeting', text: 'Møte.' });
  await call('notes.remove', { id: note.id });
  await call('notes.add', {
    funderId: ids.funderId,
    date: '2025-02-03',
    kind: 'email',
    text: 'Takk.',
  });
  const doc = await call('documents.upload', {
    grantId: ids.grantId,
    fileName: 'Tilsagnsbrev Juleaksjonen 2025.pdf',
    contentBase64: Buffer.from('%PDF-1.4 tilsagn').toString('base64'),
    description: 'Tilsagn fra Gjensidigestiftelsen',
  });
  await call('documents.remove', { id: doc.id, reason: 'Feil tilskudd' });
  await call('settings.setOrganisation', {
    name: 'Krisesentersekretariatet',
    orgNumber: null,
    defaultAdminBasisPoints: 1000,
  });
  await call('accounts.set', { incomeStiftelse: '3920' });
}

/** A CSV file of two new member centres, imported. */
async function importCentres(call: Call) {
  const rows = [
    ['Navn', 'Driftsform', 'Region', 'E-post', 'Medlem fra'],
    ['Nytt krisesenter A', 'Ideell organisasjon', 'Nord', 'post@a.example.no', '01.02.2025'],
    ['Nytt krisesenter B', 'Stiftelse', 'Midt-Vest', '', '01.02.2025'],
  ];
  const text = '\ufeff' + rows.map((r) => r.join(';')).join('\r\n') + '\r\n';
  const input = {
    kind: 'centres' as const,
    fileName: 'nye medlemmer.csv',
    contentBase64: Buffer.from(text).toString('base64'),
  };
  const preview = await call('import.preview', input);
  await call('import.commit', { ...input, fileHash: preview.fileHash, confirmed: true });
}

/** 2024 closed after every open point has a decision or an exception, then reopened. */
async function closeAndReopen(call: Call) {
  const first = await call('yearEnd.overview', { year: 2024 });
  const withBalance = first.grants.find((g) => g.kssRole === 'eier');
  if (!withBalance) throw new Error('audit story: no 2024 grant of KSS’s own');
  await call('movements.record', {
    grantId: withBalance.grantId,
    type: 'received',
    date: '2024-12-20',
    amountOre: kroner(5_000),
    voucherRef: 'B-2024-990',
    note: null,
    acknowledgeWarnings: true,
    reason: 'Etterbetaling fra tilskuddsyter.',
  });
  await call('yearEnd.decideBalance', {
    grantId: withBalance.grantId,
    year: 2024,
    decision: 'explained',
    note: 'Avklart med regnskapsfører.',
  });
  await call('yearEnd.decideBalance', {
    grantId: withBalance.grantId,
    year: 2024,
    decision: 'carried_forward',
    approvalRef: 'Tilskuddsyters e-post',
    approvalDate: '2025-01-20',
    note: null,
  });
  const overview = await call('yearEnd.overview', { year: 2024 });
  for (const item of overview.items) {
    if (item.exception) continue;
    if (item.kind === 'year_split_unconfirmed' && item.grantId !== null) {
      await call('grants.confirmYearSplit', { id: item.grantId });
    } else if (item.kind === 'balance' && item.grantId !== null) {
      await call('yearEnd.decideBalance', {
        grantId: item.grantId,
        year: 2024,
        decision: 'carried_forward',
        approvalRef: 'Tilskuddsyters e-post',
        approvalDate: '2025-01-20',
        note: null,
      });
    } else {
      await call('yearEnd.confirmException', { year: 2024, itemKey: item.key, reason: 'Avklart.' });
    }
  }
  await call('yearEnd.close', { year: 2024, reason: 'Overlevert regnskapsfører.' });
  await call('yearEnd.reopen', { year: 2024, reason: 'Revisor ba om en rettelse.' });
}

/** Runs the whole story; returns nothing, the change log is the result. */
export async function auditStory(api: TestApi): Promise<void> {
  await api.call('exampleData.load', {});
  const call = api.call;
  const { gjs, jul } = await registry(call);
  const grant = await grantLife(call, { gjs: gjs.id, jul: jul.id });
  await roundLife(call, grant.id);
  await applicationLife(call, grant.id, gjs.id);
  await otherRecords(call, { grantId: grant.id, projectId: jul.id, funderId: gjs.id });
  await importCentres(call);
  await closeAndReopen(call);
}
