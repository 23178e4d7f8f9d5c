/** On a grant KSS administers: its allocation rounds, and opening a new one. */
import type { Grant } from '../../../../src-shared/api/contract';
import { useI18n } from '../../i18n/i18n';
import { isoToDateInput } from '../../lib/format';
import { useApi } from '../../lib/query';
import { RoundForm } from './RoundForm';
import { RoundsTable } from './RoundsListPage';

export function GrantRoundsSection({ grant }: { grant: Grant }) {
  const { t } = useI18n();
  const { data } = useApi('rounds.list', { grantId: grant.id });
  return (
    <section className="subsection" aria-labelledby="rounds-heading">
      <h2 id="rounds-heading">{t('rounds.forGrant')}</h2>
      {data && data.length > 0 ? <RoundsTable rows={data} /> : null}
      <RoundForm
        grantId={grant.id}
        defaults={{
          name: grant.title,
          activityFrom: isoToDateInput(grant.activityFrom),
          activityTo: isoToDateInput(grant.activityTo),
        }}
      />
    </section>
  );
}
