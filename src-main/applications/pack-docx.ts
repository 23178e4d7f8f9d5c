/**
 * The application pack as a Word document (docx package): headings, short paragraphs and
 * plain tables, so it opens in Word and LibreOffice and reads as a draft she can edit.
 */
import {
  AlignmentType,
  Document,
  HeadingLevel,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import { GRANT_STATUS_LABELS } from '../../src-shared/grants/labels';
import { formatIsoDate } from '../../src-shared/kernel/dates';
import { formatOre, sumOre } from '../../src-shared/kernel/money';
import { KSS_ROLE_LABELS, REGION_LABELS } from '../../src-shared/registry/labels';
import type { PackData, PackRegionRow } from './pack-data';

export interface BudgetLine {
  label: string;
  amountOre: number;
}

const kr = (ore: number | null) => (ore === null ? '—' : formatOre(ore));

function heading(text: string): Paragraph {
  return new Paragraph({ text, heading: HeadingLevel.HEADING_2, spacing: { before: 240 } });
}

function para(text: string): Paragraph {
  return new Paragraph({ children: [new TextRun(text)], spacing: { after: 120 } });
}

/** A table with a bold header row; columns after the first listed in `numeric` align right. */
function table(header: string[], rows: string[][], numeric: number[] = []): Table {
  const cell = (text: string, col: number, bold = false) =>
    new TableCell({
      children: [
        new Paragraph({
          alignment: numeric.includes(col) ? AlignmentType.RIGHT : AlignmentType.LEFT,
          children: [new TextRun({ text, bold })],
        }),
      ],
    });
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({ tableHeader: true, children: header.map((h, i) => cell(h, i, true)) }),
      ...rows.map((r) => new TableRow({ children: r.map((t, i) => cell(t, i)) })),
    ],
  });
}

function projectPart(d: PackData): (Paragraph | Table)[] {
  const role = KSS_ROLE_LABELS[d.project.kssRole].nb.toLowerCase();
  const out: (Paragraph | Table)[] = [
    heading('Prosjektet'),
    para(d.project.description ?? 'Prosjektbeskrivelse er ikke registrert.'),
    heading('KSS’ rolle og partnere'),
    para(`Krisesentersekretariatet er ${role} for ${d.project.name}.`),
  ];
  if (d.partners.length > 0) {
    out.push(
      table(
        ['Partner', 'Rolle'],
        d.partners.map((p) => [p.name, p.role ?? '']),
      ),
    );
  } else out.push(para('Ingen partnere registrert.'));
  return out;
}

function historyPart(d: PackData): (Paragraph | Table)[] {
  const a = d.application;
  const title = `Tilskudd fra ${a.funderName} til ${a.projectName} ${d.year - 3}–${d.year - 1}`;
  if (d.history.length === 0) return [heading(title), para('Ingen tilskudd de siste tre årene.')];
  return [
    heading(title),
    table(
      ['År', 'Tilskudd', 'Status', 'Søkt', 'Innvilget'],
      d.history.map((h) => [
        String(h.year),
        h.title,
        GRANT_STATUS_LABELS[h.status as keyof typeof GRANT_STATUS_LABELS]?.nb ?? h.status,
        kr(h.appliedOre),
        kr(h.awardedOre),
      ]),
      [3, 4],
    ),
  ];
}

function keyFiguresPart(d: PackData): (Paragraph | Table)[] {
  const kf = d.keyFigures;
  if (kf.rows.length === 0) return [heading('Nøkkeltall'), para('Ingen nøkkeltall registrert.')];
  const nb = (v: string) => v.replace('.', ',').replace(/\B(?=(\d{3})+(?!\d))/g, '\u00a0');
  return [
    heading('Nøkkeltall'),
    table(
      ['Nøkkeltall', ...kf.years.map(String), 'Enhet'],
      kf.rows.map((r) => [r.label, ...r.cells.map((c) => (c ? nb(c.value) : '—')), r.unit]),
      kf.years.map((_, i) => i + 1),
    ),
  ];
}

function lastYearPart(d: PackData): (Paragraph | Table)[] {
  if (d.lastYear === null) return [];
  const title = `Resultat ${d.year - 1}: tildelt til sentrene og rapportert`;
  if (d.lastYear.length === 0) return [heading(title), para('Ingen tildelinger til sentre.')];
  const rows = d.lastYear.map((r) => [
    REGION_LABELS[r.region].nb,
    String(r.centres),
    kr(r.awardedOre),
    `${r.reports} av ${r.centres}`,
    kr(r.spentOre),
    String(r.participants),
  ]);
  const sum = (f: (r: PackRegionRow) => number) => d.lastYear!.reduce((s, r) => s + f(r), 0);
  rows.push([
    'Sum',
    String(sum((r) => r.centres)),
    kr(sum((r) => r.awardedOre)),
    `${sum((r) => r.reports)} av ${sum((r) => r.centres)}`,
    kr(sum((r) => r.spentOre)),
    String(sum((r) => r.participants)),
  ]);
  return [
    heading(title),
    table(['Region', 'Sentre', 'Tildelt', 'Rapporter', 'Brukt', 'Deltakere'], rows, [1, 2, 4, 5]),
  ];
}

function scenariosAndBudget(d: PackData, budget: BudgetLine[]): (Paragraph | Table)[] {
  const out: (Paragraph | Table)[] = [heading('Scenarioer')];
  if (d.application.scenarios.length === 0) out.push(para('Ingen scenarioer registrert.'));
  else {
    out.push(
      table(
        ['Scenario', 'Beløp', 'Beskrivelse'],
        d.application.scenarios.map((s) => [s.name, kr(s.amountOre), s.description ?? '']),
        [1],
      ),
    );
  }
  out.push(heading('Budsjett'));
  if (budget.length === 0) out.push(para('Ingen budsjettlinjer lagt inn.'));
  else {
    out.push(
      table(
        ['Budsjettpost', 'Beløp'],
        [
          ...budget.map((b) => [b.label, kr(b.amountOre)]),
          ['Sum', kr(sumOre(budget.map((b) => b.amountOre)))],
        ],
        [1],
      ),
    );
  }
  return out;
}

/** The pack's bytes. */
export async function packDocx(d: PackData, budget: BudgetLine[], today: string): Promise<Buffer> {
  const a = d.application;
  const intro = [
    `Søknad til ${a.funderName}${a.schemeName ? ` (${a.schemeName})` : ''}.`,
    a.deadline ? `Søknadsfrist ${formatIsoDate(a.deadline)}.` : null,
    a.appliedOre !== null ? `Søkt beløp ${kr(a.appliedOre)}.` : null,
  ]
    .filter(Boolean)
    .join(' ');
  const doc = new Document({
    creator: 'Krisesentersekretariatet',
    title: `Søknadspakke – ${a.title}`,
    description: 'Laget med Tilskuddsoversikt',
    sections: [
      {
        children: [
          new Paragraph({ text: `Søknadspakke: ${a.title}`, heading: HeadingLevel.TITLE }),
          para(intro),
          para(`Laget ${formatIsoDate(today)}.`),
          ...projectPart(d),
          ...historyPart(d),
          ...keyFiguresPart(d),
          ...lastYearPart(d),
          ...scenariosAndBudget(d, budget),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}
