/**
 * The year-end table of grants with money in the year (issue 10.7): every column the
 * balance needs, so each row visibly sums — opening + received + transfers in − transfers
 * out − admin share − paid to centres + returns − own costs − repaid = closing. It scrolls
 * inside its own container with the grant column sticky, so it fits 1366 px; a year with more
 * than WINDOW_FROM grants also scrolls down inside it, windowed (windowing.tsx).
 */
import { memo, useRef, type ReactNode } from 'react';
import type { YearEndGrant, YearEndOverview } from '../../../../src-shared/api/contract';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/messages';
import { kr } from '../../lib/money-input';
import { Link } from '../../lib/router';
import { Badge, Button } from '../../ui/layout';
import { SpacerRow, useRowWindow, WINDOW_FROM } from '../../ui/row-window';

type MoneyKey = keyof YearEndOverview['totals'];

/** The columns in the order of the sum, with the sign each enters it with. */
const COLUMNS: readonly { key: MoneyKey; label: MessageKey; sign: '' | '+' | '−' }[] = [
  { key: 'openingOre', label: 'balance.opening', sign: '' },
  { key: 'receivedOre', label: 'balance.received', sign: '+' },
  { key: 'transferInOre', label: 'balance.transferIn', sign: '+' },
  { key: 'transferOutOre', label: 'balance.transferOut', sign: '−' },
  { key: 'adminShareOre', label: 'balance.adminShare', sign: '−' },
  { key: 'paidToCentresOre', label: 'balance.paidToCentres', sign: '−' },
  { key: 'returnedOre', label: 'balance.returned', sign: '+' },
  { key: 'ownCostsOre', label: 'balance.ownCosts', sign: '−' },
  { key: 'repaidOre', label: 'balance.repaid', sign: '−' },
  { key: 'closingOre', label: 'balance.closing', sign: '' },
];

/** A row's height in px with its hint lines (measured rows replace the estimate). */
const ROW_ESTIMATE = 64;
const COLUMN_COUNT = COLUMNS.length + 2;

interface Props {
  overview: YearEndOverview;
  onDecide(g: YearEndGrant): void;
}

export function GrantsYearTable({ overview: o, onDecide }: Props) {
  if (o.grants.length > WINDOW_FROM) return <WindowedGrants overview={o} onDecide={onDecide} />;
  return (
    <div className="table-scroll table-scroll--sticky" data-testid="ye-grants-scroll">
      <Table overview={o}>
        {o.grants.map((g) => (
          <GrantRow
            key={g.grantId}
            g={g}
            year={o.year}
            closed={o.status === 'closed'}
            onDecide={onDecide}
          />
        ))}
      </Table>
    </div>
  );
}

function WindowedGrants({ overview: o, onDecide }: Props) {
  const { t } = useI18n();
  const scroller = useRef<HTMLDivElement>(null);
  const grants = o.grants;
  const w = useRowWindow(grants.length, (i) => grants[i]?.grantId ?? i, scroller, ROW_ESTIMATE);
  return (
    <div
      ref={scroller}
      className="ye-scroll table-scroll--sticky"
      role="region"
      aria-label={t('ye.grantsScroll', { n: grants.length })}
      // The box scrolls; keyboard users reach it with Tab and scroll with the arrows.
      tabIndex={0}
      data-testid="ye-grants-scroll"
    >
      <Table overview={o} rowCount={grants.length + 2}>
        <SpacerRow height={w.top} columns={COLUMN_COUNT} />
        {w.items.map((v) => {
          const g = grants[v.index];
          return g ? (
            <GrantRow
              key={v.key}
              g={g}
              year={o.year}
              closed={o.status === 'closed'}
              onDecide={onDecide}
              index={v.index}
              measure={w.measure}
            />
          ) : null;
        })}
        <SpacerRow height={w.bottom} columns={COLUMN_COUNT} />
      </Table>
    </div>
  );
}

/** The table with its header and totals; the rows are the children. */
function Table({
  overview: o,
  rowCount,
  children,
}: {
  overview: YearEndOverview;
  rowCount?: number;
  children: ReactNode;
}) {
  const { t } = useI18n();
  return (
    <table
      className="table table--sticky-first"
      aria-label={t('ye.grants')}
      aria-rowcount={rowCount}
    >
      <thead>
        <tr aria-rowindex={rowCount === undefined ? undefined : 1}>
          <th scope="col">{t('grants.title')}</th>
          {COLUMNS.map((c) => (
            <th key={c.key} scope="col" className="num">
              {c.sign ? <span aria-hidden="true">{c.sign} </span> : null}
              {t(c.label)}
            </th>
          ))}
          <th scope="col">{t('ye.decision')}</th>
        </tr>
      </thead>
      <tbody>{children}</tbody>
      <tfoot>
        <tr aria-rowindex={rowCount}>
          <th scope="row">{t('common.total')}</th>
          {COLUMNS.map((c) => (
            <td key={c.key} className="num">
              {kr(o.totals[c.key])}
            </td>
          ))}
          <td />
        </tr>
      </tfoot>
    </table>
  );
}

const GrantRow = memo(function GrantRow({
  g,
  year,
  closed,
  onDecide,
  index,
  measure,
}: {
  g: YearEndGrant;
  year: number;
  closed: boolean;
  onDecide(g: YearEndGrant): void;
  /** Windowed: the grant's place in the whole table, and the virtualizer's measuring ref. */
  index?: number;
  measure?: (el: HTMLTableRowElement | null) => void;
}) {
  const { t } = useI18n();
  return (
    <tr
      ref={measure}
      data-index={index}
      aria-rowindex={index === undefined ? undefined : index + 2}
    >
      <th scope="row">
        <Link to={`/grants/${g.grantId}`}>{g.title}</Link>
        <div className="hint">{g.funderName}</div>
      </th>
      {COLUMNS.map((c) => (
        <td key={c.key} className="num">
          {kr(g.balance[c.key])}
          {c.key === 'closingOre' ? (
            <div className="hint">
              {t('ye.nextOpening', { year: year + 1 })}: {kr(g.nextOpeningOre)}
            </div>
          ) : null}
        </td>
      ))}
      <td>
        {g.decision ? (
          <>
            {t(`decision.${g.decision.decision}`)}
            {g.decision.approvalRef ? <div className="hint">{g.decision.approvalRef}</div> : null}
            {g.decision.stale ? <Badge tone="warn">{t('ye.stale')}</Badge> : null}
          </>
        ) : g.needsDecision ? (
          <Badge tone="warn">{t('ye.needsDecision')}</Badge>
        ) : null}
        {!closed && g.balance.closingOre !== 0 ? (
          <div>
            <Button variant="link" onClick={() => onDecide(g)}>
              {t('ye.decide')}
            </Button>
          </div>
        ) : null}
      </td>
    </tr>
  );
});
