/**
 * The year-end checklist: each open point with its amount and what to do about it (an
 * exception with a reason, or a link to confirm a suggested split). A long checklist (more
 * than WINDOW_FROM points) is windowed (windowing.tsx).
 */
import { memo, useRef } from 'react';
import type { YearEndOverview } from '../../../../src-shared/api/contract';
import { useI18n } from '../../i18n/i18n';
import { kr } from '../../lib/money-input';
import { Link } from '../../lib/router';
import { Badge, Button } from '../../ui/layout';
import { SpacerRow, useRowWindow, WINDOW_FROM } from '../../ui/row-window';

type Item = YearEndOverview['items'][number];

interface Props {
  items: readonly Item[];
  closed: boolean;
  onException(key: string): void;
}

/** A two-line point's height in px (measured rows replace the estimate). */
const ROW_ESTIMATE = 62;
const COLUMNS = 3;

export function ChecklistTable(props: Props) {
  const { t } = useI18n();
  if (props.items.length > WINDOW_FROM) return <WindowedChecklist {...props} />;
  return (
    <table className="table" aria-label={t('ye.checklist')}>
      <tbody>
        {props.items.map((item) => (
          <ItemRow
            key={item.key}
            item={item}
            closed={props.closed}
            onException={props.onException}
          />
        ))}
      </tbody>
    </table>
  );
}

function WindowedChecklist({ items, closed, onException }: Props) {
  const { t } = useI18n();
  const scroller = useRef<HTMLDivElement>(null);
  const w = useRowWindow(items.length, (i) => items[i]?.key ?? i, scroller, ROW_ESTIMATE);
  return (
    <div
      ref={scroller}
      className="ye-scroll"
      role="region"
      aria-label={t('ye.checklistScroll', { n: items.length })}
      // The box scrolls; keyboard users reach it with Tab and scroll with the arrows.
      tabIndex={0}
      data-testid="ye-checklist-scroll"
    >
      <table className="table" aria-label={t('ye.checklist')} aria-rowcount={items.length}>
        <tbody>
          <SpacerRow height={w.top} columns={COLUMNS} />
          {w.items.map((v) => {
            const item = items[v.index];
            return item ? (
              <ItemRow
                key={v.key}
                item={item}
                closed={closed}
                onException={onException}
                index={v.index}
                measure={w.measure}
              />
            ) : null;
          })}
          <SpacerRow height={w.bottom} columns={COLUMNS} />
        </tbody>
      </table>
    </div>
  );
}

const ItemRow = memo(function ItemRow({
  item,
  closed,
  onException,
  index,
  measure,
}: {
  item: Item;
  closed: boolean;
  onException(key: string): void;
  /** Windowed: the point's place in the whole list, and the virtualizer's measuring ref. */
  index?: number;
  measure?: (el: HTMLTableRowElement | null) => void;
}) {
  const { t } = useI18n();
  return (
    <tr
      ref={measure}
      data-index={index}
      aria-rowindex={index === undefined ? undefined : index + 1}
    >
      <td>
        <strong>{item.title}</strong>
        <div className="hint">{item.detail}</div>
      </td>
      <td className="num">{item.amountOre === null ? '' : kr(item.amountOre)}</td>
      <td className="table__actions">
        {item.exception ? (
          <Badge tone="muted">
            {t('ye.exception')}: {item.exception.reason}
          </Badge>
        ) : closed ? null : item.kind === 'year_split_unconfirmed' && item.grantId !== null ? (
          // A suggested split is confirmed on the grant's page, not excepted.
          <Link to={`/grants/${item.grantId}`}>{t('split.confirm')}</Link>
        ) : (
          <Button variant="link" onClick={() => onException(item.key)}>
            {t('ye.exception')}
          </Button>
        )}
      </td>
    </tr>
  );
});
