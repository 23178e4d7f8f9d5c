/**
 * The «Bevegelser» tab: the grant's ledger with every movement and its voucher, corrections
 * as linked reversals (never edits), and «Registrer bevegelse» / «Overfør til et annet
 * tilskudd» opening their forms in a dialog (Escape closes; focus returns to the button).
 * The ledger comes a page at a time from the server (MovementsTable fetches the rest as
 * they scroll into view); the count and the sums over the whole ledger come with page 1.
 */
import {
  MOVEMENT_PAGE_SIZE,
  type Grant,
  type Movement,
  type Output,
} from '../../../../src-shared/api/contract';
import { useI18n } from '../../i18n/i18n';
import { formatCount } from '../../lib/format';
import { kr } from '../../lib/money-input';
import { useApi } from '../../lib/query';
import { Button, EmptyState, Loading } from '../../ui/layout';
import { RecordDialog, TransferDialog } from './MovementForms';
import { MovementsTable } from './MovementsTable';
import { ReverseDialog } from './ReverseDialog';
import { useOpener } from './use-opener';

export function MovementsSection({ grant }: { grant: Grant }) {
  const { t } = useI18n();
  const { data: first } = useApi('movements.list', {
    grantId: grant.id,
    page: 1,
    pageSize: MOVEMENT_PAGE_SIZE,
  });
  const reversing = useOpener<Movement>();
  const form = useOpener<'record' | 'transfer'>();
  const canRecord = grant.status === 'innvilget' || grant.status === 'delvis_innvilget';
  return (
    <section className="subsection" aria-labelledby="movements-heading">
      <div className="grant-section-head">
        <h2 id="movements-heading">{t('movements.heading')}</h2>
        {canRecord ? (
          <div className="actions-row">
            <Button variant="primary" onClick={() => form.open('record')}>
              {t('movements.record')}
            </Button>
            <Button onClick={() => form.open('transfer')}>{t('movements.transfer')}</Button>
          </div>
        ) : null}
      </div>
      {!first ? (
        <Loading text={t('common.loading')} />
      ) : first.total === 0 ? (
        <EmptyState>{t('movements.empty')}</EmptyState>
      ) : (
        <>
          <Totals first={first} />
          <MovementsTable grantId={grant.id} first={first} onReverse={reversing.open} />
        </>
      )}
      {form.value === 'record' ? <RecordDialog grant={grant} onClose={form.close} /> : null}
      {form.value === 'transfer' ? <TransferDialog grant={grant} onClose={form.close} /> : null}
      {reversing.value ? (
        <ReverseDialog
          movement={reversing.value}
          onClose={reversing.close}
          onDone={reversing.close}
        />
      ) : null}
    </section>
  );
}

/** The count and sums over the whole ledger (from the server, with the first page). */
function Totals({ first }: { first: Output<'movements.list'> }) {
  const { t } = useI18n();
  const { total, totals } = first;
  return (
    <p className="movements-totals" data-testid="movements-totals">
      <span>
        {t(total === 1 ? 'movements.countOne' : 'movements.count', { n: formatCount(total) })}
      </span>
      <span>{t('movements.totalIn', { amount: kr(totals.inOre) })}</span>
      <span>{t('movements.totalOut', { amount: kr(totals.outOre) })}</span>
      <span>{t('movements.totalBalance', { amount: kr(totals.balanceOre) })}</span>
    </p>
  );
}
