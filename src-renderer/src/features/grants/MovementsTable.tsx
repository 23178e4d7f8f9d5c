/**
 * The grant's ledger as a table. A short ledger is a plain table, as it always was; a long one
 * (more than WINDOW_FROM rows) scrolls inside its own container with a sticky header and only
 * the rows in view (plus a few) are in the DOM (`@tanstack/react-virtual`), so a grant with
 * 10 000 movements paints as fast as one with 30 (issue 14).
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useRef } from 'react';
import { formatEurCents, impliedRate } from '../../../../src-shared/kernel/euro';
import type { Movement } from '../../../../src-shared/api/contract';
import { useI18n } from '../../i18n/i18n';
import { formatIsoDate } from '../../lib/format';
import { kr } from '../../lib/money-input';
import { Link } from '../../lib/router';
import { Button } from '../../ui/layout';
import { ScrollRegion } from './ScrollRegion';

/** Above this many movements the table is windowed. */
export const WINDOW_FROM = 200;
/** A one-line row's height in px (measured rows replace the estimate). */
const ROW_ESTIMATE = 41;
const COLUMNS = 7;

interface Props {
  movements: readonly Movement[];
  onReverse(m: Movement): void;
}

export function MovementsTable({ movements, onReverse }: Props) {
  const { t } = useI18n();
  return movements.length > WINDOW_FROM ? (
    <WindowedTable movements={movements} onReverse={onReverse} />
  ) : (
    <ScrollRegion label={t('movements.heading')}>
      <table className="table movements-table" aria-label={t('movements.heading')}>
        <Head />
        <tbody>
          {movements.map((m) => (
            <Row key={m.id} m={m} onReverse={onReverse} />
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}

function WindowedTable({ movements, onReverse }: Props) {
  const { t } = useI18n();
  const scroller = useRef<HTMLDivElement>(null);
  // The virtualizer re-renders this component itself on scroll; nothing here is memoised
  // by the compiler, so its non-memoisable API is fine (Row is memo'd by hand).
  // eslint-disable-next-line react-hooks/incompatible-library
  const v = useVirtualizer({
    count: movements.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_ESTIMATE,
    getItemKey: (i) => movements[i]?.id ?? i,
    overscan: 10,
  });
  const items = v.getVirtualItems();
  const top = items[0]?.start ?? 0;
  const bottom = v.getTotalSize() - (items[items.length - 1]?.end ?? 0);
  return (
    <div
      ref={scroller}
      className="movements-scroll"
      role="region"
      aria-label={t('grantPage.movementsScroll', { n: movements.length })}
      // The container scrolls; keyboard users reach it with Tab and scroll with the arrows.
      tabIndex={0}
      data-testid="movements-scroll"
    >
      <table
        className="table movements-table movements-table--windowed"
        aria-label={t('movements.heading')}
        aria-rowcount={movements.length + 1}
      >
        <Head windowed />
        <tbody>
          {top > 0 ? <Spacer height={top} /> : null}
          {items.map((item) => {
            const m = movements[item.index];
            return m ? (
              <Row
                key={item.key}
                m={m}
                onReverse={onReverse}
                index={item.index}
                measure={v.measureElement}
              />
            ) : null;
          })}
          {bottom > 0 ? <Spacer height={bottom} /> : null}
        </tbody>
      </table>
    </div>
  );
}

function Spacer({ height }: { height: number }) {
  return (
    <tr aria-hidden="true" className="movements-spacer" style={{ height }}>
      <td colSpan={COLUMNS} />
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
  m: Movement;
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
