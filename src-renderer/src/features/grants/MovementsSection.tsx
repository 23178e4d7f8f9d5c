/**
 * The «Bevegelser» tab: the grant's ledger with every movement and its voucher, corrections
 * as linked reversals (never edits), and «Registrer bevegelse» / «Overfør til et annet
 * tilskudd» opening their forms in a dialog (Escape closes; focus returns to the button).
 */
import type { Grant, Movement } from '../../../../src-shared/api/contract';
import { useI18n } from '../../i18n/i18n';
import { useApi } from '../../lib/query';
import { Button, EmptyState, Loading } from '../../ui/layout';
import { RecordDialog, TransferDialog } from './MovementForms';
import { MovementsTable } from './MovementsTable';
import { ReverseDialog } from './ReverseDialog';
import { useOpener } from './use-opener';

export function MovementsSection({ grant }: { grant: Grant }) {
  const { t } = useI18n();
  const { data: movements } = useApi('movements.list', { grantId: grant.id });
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
      {!movements ? (
        <Loading text={t('common.loading')} />
      ) : movements.length === 0 ? (
        <EmptyState>{t('movements.empty')}</EmptyState>
      ) : (
        <MovementsTable movements={movements} onReverse={reversing.open} />
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
