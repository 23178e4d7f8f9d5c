/**
 * The grant's ledger as a table, one server page (≤ 200 movements) at a time (issue 14). A
 * ledger that fits in one page is a plain table, as it always was; a longer one scrolls
 * inside its own container with a sticky header, only the rows in view (plus a few) are in
 * the DOM (`@tanstack/react-virtual`), and the pages under the rows in view are fetched by
 * their number as the window reaches them (the first page is already there). So dragging the
 * scrollbar to the end — where the newest movements are — loads the last page only, not the
 * pages before it or those it flew past. A row not fetched yet says «Laster …». Each row
 * shows the balance after it, computed by the server over the whole ledger.
 */
import { useQueries } from '@tanstack/react-query';
import { memo, useRef } from 'react';
import { formatEurCents, impliedRate } from '../../../../src-shared/kernel/euro';
import {
  MOVEMENT_PAGE_SIZE,
  type LedgerRow,
  type Movement,
  type Output,
} from '../../../../src-shared/api/contract';
import { useI18n } from '../../i18n/i18n';
import { callOrThrow } from '../../lib/api';
import { formatCount, formatIsoDate } from '../../lib/format';
import { kr } from '../../lib/money-input';
import { apiKey } from '../../lib/query-client';
import { Link } from '../../lib/router';
import { Button } from '../../ui/layout';
import { SpacerRow, useRowWindow } from '../../ui/row-window';
import { ScrollRegion } from './ScrollRegion';

/** Above this many movements (one server page) the table is windowed and paged. */
export const WINDOW_FROM = MOVEMENT_PAGE_SIZE;
/** A one-line row's height in px (measured rows replace the estimate). */
const ROW_ESTIMATE = 41;
const COLUMNS = 8;

type Page = Output<'movements.list'>;

interface Props {
  grantId: number;
  /** The first page, with the count and sums over the whole ledger. */
  first: Page;
  onReverse(m: Movement): void;
}

export function MovementsTable({ grantId, first, onReverse }: Props) {
  const { t } = useI18n();
  return first.total > WINDOW_FROM || first.total > first.rows.length ? (
    <WindowedTable grantId={grantId} first={first} onReverse={onReverse} />
  ) : (
    <ScrollRegion label={t('movements.heading')}>
      <table className="table movements-table" aria-label={t('movements.heading')}>
        <Head />
        <tbody>
          {first.rows.map((m) => (
            <Row key={m.id} m={m} onReverse={onReverse} />
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}

const pageOf = (index: number) => Math.floor(index / MOVEMENT_PAGE_SIZE) + 1;

/**
 * The pages under the rows from `from` to `to` (without page 1, which the section has),
 * fetched through the one cache: the same query key as `useApi`, so a write refetches them.
 * While the box is scrolling only pages already fetched show; the rest are fetched where it
 * stops, so a fling from the top to the end does not load every page it passes.
 */
function usePages(
  grantId: number,
  from: number,
  to: number,
  scrolling: boolean,
): Map<number, LedgerRow[]> {
  const numbers: number[] = [];
  for (let p = Math.max(2, pageOf(from)); p <= pageOf(to); p++) numbers.push(p);
  const results = useQueries({
    queries: numbers.map((page) => {
      const input = { grantId, page, pageSize: MOVEMENT_PAGE_SIZE };
      return {
        queryKey: apiKey('movements.list', input),
        queryFn: () => callOrThrow('movements.list', input),
        enabled: !scrolling,
      };
    }),
  });
  const pages = new Map<number, LedgerRow[]>();
  for (const r of results) if (r.data) pages.set(r.data.page, r.data.rows);
  return pages;
}

function WindowedTable({ grantId, first, onReverse }: Props) {
  const { t } = useI18n();
  const scroller = useRef<HTMLDivElement>(null);
  const w = useRowWindow(first.total, undefined, scroller, ROW_ESTIMATE, 10);
  const { items } = w;
  const pages = usePages(
    grantId,
    items[0]?.index ?? 0,
    items[items.length - 1]?.index ?? 0,
    w.scrolling,
  );
  pages.set(1, first.rows);
  return (
    <div
      ref={scroller}
      className="movements-scroll"
      role="region"
      aria-label={t('grantPage.movementsScroll', { n: formatCount(first.total) })}
      // The container scrolls; keyboard users reach it with Tab and scroll with the arrows.
      tabIndex={0}
      data-testid="movements-scroll"
    >
      <table
        className="table movements-table movements-table--windowed"
        aria-label={t('movements.heading')}
        aria-rowcount={first.total + 1}
      >
        <Head windowed />
        <tbody>
          <SpacerRow height={w.top} columns={COLUMNS} />
          {items.map((item) => {
            const m = pages.get(pageOf(item.index))?.[item.index % MOVEMENT_PAGE_SIZE];
            return m ? (
              <Row
                key={item.key}
                m={m}
                onReverse={onReverse}
                index={item.index}
                measure={w.measure}
              />
            ) : (
              <LoadingRow key={item.key} index={item.index} measure={w.measure} />
            );
          })}
          <SpacerRow height={w.bottom} columns={COLUMNS} />
        </tbody>
      </table>
    </div>
  );
}

/** A row whose page is on its way. */
function LoadingRow({
  index,
  measure,
}: {
  index: number;
  measure: (el: HTMLTableRowElement | null) => void;
}) {
  const { t } = useI18n();
  return (
    <tr
      ref={measure}
      data-index={index}
      aria-rowindex={index + 2}
      aria-busy="true"
      className="movements-loading"
    >
      <td colSpan={COLUMNS}>{t('common.loading')}</td>
    </tr>
  );
}

function Head({ windowed = false }: { windowed?: boolean }) {
  const { t } = useI18n();
  return (
    <thead>
      <tr aria-rowindex={windowed ? 1 : undefined}>
        <th scope="col">#</th>
        <th scope="col">{t('movements.date')}</th>
        <th scope="col">{t('movements.type')}</th>
        <th scope="col" className="num">
          {t('movements.amount')}
        </th>
        <th scope="col" className="num">
          {t('movements.balanceAfter')}
        </th>
        <th scope="col">{t('movements.voucher')}</th>
        <th scope="col">{t('movements.note')}</th>
        <th scope="col">
          <span className="sr-only">{t('movements.reverse')}</span>
        </th>
      </tr>
    </thead>
  );
}

const Row = memo(function Row({
  m,
  onReverse,
  index,
  measure,
}: {
  m: LedgerRow;
  onReverse(m: Movement): void;
  /** Windowed: the row's place in the whole ledger, and the virtualizer's measuring ref. */
  index?: number;
  measure?: (el: HTMLTableRowElement | null) => void;
}) {
  const { t } = useI18n();
  return (
    <tr
      ref={measure}
      data-index={index}
      aria-rowindex={index === undefined ? undefined : index + 2}
      className={m.reversedById ? 'reversed' : m.reversesId ? 'reversal' : undefined}
    >
      <td>{m.id}</td>
      <td>{formatIsoDate(m.date)}</td>
      <td>
        {t(`movementType.${m.type}`)}
        {m.counterpartGrantId ? (
          <div className="hint">
            <Link to={`/grants/${m.counterpartGrantId}`}>
              {t('movements.counterpart', { title: m.counterpartGrantTitle ?? '' })}
            </Link>
          </div>
        ) : null}
        {m.approvalRef ? (
          <div className="hint">
            {m.approvalRef}
            {m.approvalDate ? ` (${formatIsoDate(m.approvalDate)})` : ''}
          </div>
        ) : null}
      </td>
      <td className="num">
        {kr(m.amountOre)}
        {m.amountEurCents !== null ? (
          <div className="hint">
            {formatEurCents(m.amountEurCents)} ·{' '}
            {t('eur.rate', { rate: impliedRate(m.amountOre, m.amountEurCents) ?? '' })}
          </div>
        ) : null}
      </td>
      <td className="num">{kr(m.balanceOre)}</td>
      <td>{m.voucherRef ?? ''}</td>
      <td>
        {m.note ?? ''}
        {m.reversedById ? (
          <div className="hint">{t('movements.reversed', { id: m.reversedById })}</div>
        ) : null}
        {m.reversesId ? (
          <div className="hint">{t('movements.reverses', { id: m.reversesId })}</div>
        ) : null}
        {m.correctsId ? (
          <div className="hint">{t('corr.corrects', { id: m.correctsId })}</div>
        ) : null}
      </td>
      <td className="table__actions">
        {!m.reversedById && !m.reversesId && m.type !== 'transfer_in' ? (
          <Button variant="link" onClick={() => onReverse(m)}>
            {t('movements.reverse')}
          </Button>
        ) : null}
      </td>
    </tr>
  );
});
