/**
 * The application pack as a print-friendly page (#/applications/:id/print): the same parts as
 * the .docx (applications.packView reads them with the same query), budget lines typed here
 * (not stored), «Skriv ut» calls window.print(). Print CSS (applications.css) hides the menu
 * and the controls, sets A4 margins and starts each part on a new page.
 */
import { useState } from 'react';
import type { PackView } from '../../../../src-shared/applications/contract';
import { GRANT_STATUS_LABELS } from '../../../../src-shared/grants/labels';
import { formatIsoDate } from '../../../../src-shared/kernel/dates';
import { sumOre } from '../../../../src-shared/kernel/money';
import { KSS_ROLE_LABELS, REGION_LABELS } from '../../../../src-shared/registry/labels';
import { useI18n } from '../../i18n/i18n';
import { kr } from '../../lib/money-input';
import { useApi } from '../../lib/query';
import { navigate } from '../../lib/router';
import { MoneyField } from '../../ui/money-field';
import { TextField } from '../../ui/fields';
import { Button, ErrorBox, Loading, PageHeader } from '../../ui/layout';
import { parseLines, type Line } from './PackDialog';
import './pack-print.css';

type T = ReturnType<typeof useI18n>['t'];
type Lang = ReturnType<typeof useI18n>['lang'];
type RegionRow = NonNullable<PackView['lastYear']>[number];

/** A key figure's exact decimal as Norwegian text: «5137.5» → «5 137,5». */
const decimal = (v: string) => v.replace('.', ',').replace(/\B(?=(\d{3})+(?!\d))/g, '\u00a0');

function Table({
  label,
  head,
  rows,
  numeric,
}: {
  label: string;
  head: string[];
  rows: string[][];
  numeric: number[];
}) {
  const cls = (i: number) => (numeric.includes(i) ? 'num' : undefined);
  return (
    <table className="table pack-print__table" aria-label={label}>
      <thead>
        <tr>
          {head.map((h, i) => (
            <th key={h} scope="col" className={cls(i)}>
              {h}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((r, j) => (
          <tr key={j}>
            {r.map((c, i) => (
              <td key={i} className={cls(i)}>
                {c}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function ProjectPart({ v, t, lang }: { v: PackView; t: T; lang: Lang }) {
  const role = KSS_ROLE_LABELS[v.project.kssRole][lang].toLowerCase();
  return (
    <section className="pack-print__section">
      <h2>{t('packPrint.project')}</h2>
      <p>{v.project.description ?? t('packPrint.noDescription')}</p>
      <h2>{t('packPrint.role')}</h2>
      <p>{t('packPrint.roleText', { role, project: v.project.name })}</p>
      {v.partners.length > 0 ? (
        <Table
          label={t('packPrint.partners')}
          head={[t('packPrint.partner'), t('packPrint.partnerRole')]}
          rows={v.partners.map((p) => [p.name, p.role ?? ''])}
          numeric={[]}
        />
      ) : (
        <p>{t('packPrint.noPartners')}</p>
      )}
    </section>
  );
}

function HistoryPart({ v, t, lang }: { v: PackView; t: T; lang: Lang }) {
  const a = v.application;
  const title = t('packPrint.history', {
    funder: a.funderName,
    project: a.projectName,
    from: v.year - 3,
    to: v.year - 1,
  });
  const kf = v.keyFigures;
  return (
    <section className="pack-print__section">
      <h2>{title}</h2>
      {v.history.length === 0 ? (
        <p>{t('packPrint.noHistory')}</p>
      ) : (
        <Table
          label={title}
          head={[
            t('packPrint.year'),
            t('packPrint.grant'),
            t('packPrint.status'),
            t('packPrint.applied'),
            t('packPrint.awarded'),
          ]}
          rows={v.history.map((h) => [
            String(h.year),
            h.title,
            GRANT_STATUS_LABELS[h.status][lang],
            kr(h.appliedOre),
            kr(h.awardedOre),
          ])}
          numeric={[3, 4]}
        />
      )}
      <h2>{t('packPrint.keyFigures')}</h2>
      {kf.rows.length === 0 ? (
        <p>{t('packPrint.noKeyFigures')}</p>
      ) : (
        <Table
          label={t('packPrint.keyFigures')}
          head={[t('packPrint.keyFigure'), ...kf.years.map(String), t('packPrint.unit')]}
          rows={kf.rows.map((r) => [
            r.label,
            ...r.cells.map((c) => (c ? decimal(c.value) : '—')),
            r.unit,
          ])}
          numeric={kf.years.map((_, i) => i + 1)}
        />
      )}
    </section>
  );
}

function LastYearPart({ v, t, lang }: { v: PackView; t: T; lang: Lang }) {
  const rows = v.lastYear;
  if (rows === null) return null;
  const title = t('packPrint.lastYear', { year: v.year - 1 });
  const sum = (f: (r: RegionRow) => number) => rows.reduce((s, r) => s + f(r), 0);
  const line = (name: string, c: number, aw: number, rep: number, sp: number, p: number) => [
    name,
    String(c),
    kr(aw),
    t('packPrint.reportsOf', { reports: rep, centres: c }),
    kr(sp),
    String(p),
  ];
  return (
    <section className="pack-print__section">
      <h2>{title}</h2>
      {rows.length === 0 ? (
        <p>{t('packPrint.noLastYear')}</p>
      ) : (
        <Table
          label={title}
          head={[
            t('packPrint.region'),
            t('packPrint.centres'),
            t('packPrint.awarded'),
            t('packPrint.reports'),
            t('packPrint.spent'),
            t('packPrint.participants'),
          ]}
          rows={[
            ...rows.map((r) =>
              line(
                REGION_LABELS[r.region][lang],
                r.centres,
                r.awardedOre,
                r.reports,
                r.spentOre,
                r.participants,
              ),
            ),
            line(
              t('packPrint.sum'),
              sum((r) => r.centres),
              sum((r) => r.awardedOre),
              sum((r) => r.reports),
              sum((r) => r.spentOre),
              sum((r) => r.participants),
            ),
          ]}
          numeric={[1, 2, 4, 5]}
        />
      )}
    </section>
  );
}

function BudgetPart({ v, t }: { v: PackView; t: T }) {
  const [lines, setLines] = useState<Line[]>([{ label: '', amount: '' }]);
  const parsed = parseLines(lines, t);
  const setLine = (i: number, patch: Partial<Line>) =>
    setLines((prev) => prev.map((l, j) => (j === i ? { ...l, ...patch } : l)));
  const scenarios = v.application.scenarios;
  return (
    <section className="pack-print__section">
      <h2>{t('packPrint.scenarios')}</h2>
      {scenarios.length === 0 ? (
        <p>{t('packPrint.noScenarios')}</p>
      ) : (
        <Table
          label={t('packPrint.scenarios')}
          head={[t('packPrint.scenario'), t('packPrint.amount'), t('packPrint.description')]}
          rows={scenarios.map((s) => [s.name, kr(s.amountOre), s.description ?? ''])}
          numeric={[1]}
        />
      )}
      <h2>{t('packPrint.budget')}</h2>
      <fieldset className="no-print pack-print__editor">
        <legend>{t('pack.budget')}</legend>
        <p className="hint">{t('packPrint.budgetHint')}</p>
        {lines.map((l, i) => (
          <div className="form__row" key={i}>
            <TextField
              label={t('pack.lineLabel', { n: i + 1 })}
              name={`label${i}`}
              value={l.label}
              onChange={(val) => setLine(i, { label: val })}
              error={parsed.errors[`label${i}`]}
            />
            <MoneyField
              label={t('pack.lineAmount', { n: i + 1 })}
              name={`amount${i}`}
              value={l.amount}
              onChange={(val) => setLine(i, { amount: val })}
              error={parsed.errors[`amount${i}`]}
            />
          </div>
        ))}
        <Button variant="link" onClick={() => setLines((p) => [...p, { label: '', amount: '' }])}>
          {t('pack.addLine')}
        </Button>
      </fieldset>
      {parsed.lines.length === 0 ? (
        <p>{t('packPrint.noBudget')}</p>
      ) : (
        <Table
          label={t('packPrint.budget')}
          head={[t('packPrint.budgetItem'), t('packPrint.amount')]}
          rows={[
            ...parsed.lines.map((b) => [b.label, kr(b.amountOre)]),
            [t('packPrint.sum'), kr(sumOre(parsed.lines.map((b) => b.amountOre)))],
          ]}
          numeric={[1]}
        />
      )}
    </section>
  );
}

export function PackPrintPage({ grantId }: { grantId: number }) {
  const { t, lang } = useI18n();
  const { data: v, error } = useApi('applications.packView', { grantId });
  if (error) return <ErrorBox message={error} />;
  if (!v) return <Loading text={t('common.loading')} />;
  const a = v.application;
  const intro = [
    t('packPrint.introFunder', {
      funder: a.schemeName ? `${a.funderName} (${a.schemeName})` : a.funderName,
    }),
    a.deadline ? t('packPrint.introDeadline', { date: formatIsoDate(a.deadline) }) : null,
    a.appliedOre !== null ? t('packPrint.introApplied', { amount: kr(a.appliedOre) }) : null,
  ].filter(Boolean);
  return (
    <article className="pack-print">
      <PageHeader
        title={t('packPrint.title', { title: a.title })}
        actions={
          <span className="no-print actions-row">
            <Button onClick={() => navigate(`/grants/${grantId}`)}>{t('common.back')}</Button>
            <Button variant="primary" onClick={() => window.print()}>
              {t('packPrint.print')}
            </Button>
          </span>
        }
      />
      <p>{intro.join(' ')}</p>
      <p className="hint">{t('packPrint.made', { date: formatIsoDate(v.today) })}</p>
      <ProjectPart v={v} t={t} lang={lang} />
      <HistoryPart v={v} t={t} lang={lang} />
      <LastYearPart v={v} t={t} lang={lang} />
      <BudgetPart v={v} t={t} />
    </article>
  );
}
