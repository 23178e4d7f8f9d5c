/**
 * On a grant KSS administers («Tildelinger» tab): its allocation rounds, and «Ny
 * tildelingsrunde» opening the round form in a dialog (the allocations feature's form).
 */
import type { Grant } from '../../../../src-shared/api/contract';
import { useI18n } from '../../i18n/i18n';
import { isoToDateInput } from '../../lib/format';
import { useApi } from '../../lib/query';
import { Dialog } from '../../ui/dialog';
import { Button, EmptyState } from '../../ui/layout';
import { RoundForm } from '../allocations/RoundForm';
import { RoundsTable } from '../allocations/RoundsListPage';
import { useOpener } from './use-opener';

export function GrantRoundsPanel({ grant }: { grant: Grant }) {
  const { t } = useI18n();
  // A grant has a few rounds: the largest page holds them all.
  const { data } = useApi('rounds.list', { grantId: grant.id, pageSize: 200 });
  const form = useOpener<true>();
  return (
    <section className="subsection" aria-labelledby="rounds-heading">
      <div className="grant-section-head">
        <h2 id="rounds-heading">{t('rounds.forGrant')}</h2>
        <Button onClick={() => form.open(true)}>{t('rounds.new')}</Button>
      </div>
      {data && data.rows.length > 0 ? (
        <RoundsTable rows={data.rows} />
      ) : (
        <EmptyState>{t('grantPage.noRounds')}</EmptyState>
      )}
      {form.value ? (
        <Dialog open title={t('rounds.new')} onClose={form.close}>
          <RoundForm
            grantId={grant.id}
            defaults={{
              name: grant.title,
              activityFrom: isoToDateInput(grant.activityFrom),
              activityTo: isoToDateInput(grant.activityTo),
            }}
          />
          <div className="form__actions">
            <Button onClick={form.close}>{t('common.cancel')}</Button>
          </div>
        </Dialog>
      ) : null}
    </section>
  );
}
