/**
 * Issue 10.4: a year split the app suggested stays a suggestion until confirmed. Shows the
 * notice, the confirm button, and the two suggestions to fill the split form with.
 */
import type { Grant } from '../../../../src-shared/api/contract';
import type { SplitMethod } from '../../../../src-shared/grants/year-split';
import { useI18n } from '../../i18n/i18n';
import { call } from '../../lib/api';
import { useApiMutation } from '../../lib/query';
import { Button, ErrorBox } from '../../ui/layout';
import { useToast } from '../../ui/toast';
import { useState } from 'react';

export function SplitConfirmation({
  grant,
  onChange,
  onSuggest,
}: {
  grant: Grant;
  onChange(g: Grant): void;
  onSuggest(parts: { year: number; amountOre: number }[]): void;
}) {
  const { t } = useI18n();
  const confirmYearSplit = useApiMutation('grants.confirmYearSplit');
  const toast = useToast();
  const [error, setError] = useState<string | null>(null);
  async function confirm() {
    const res = await confirmYearSplit({ id: grant.id });
    if (!res.ok) return setError(res.error.message);
    setError(null);
    toast(t('split.confirmed'));
    onChange(res.value);
  }
  async function suggest(method: SplitMethod) {
    const res = await call('grants.suggestYearSplit', { id: grant.id, method });
    if (!res.ok) return setError(res.error.message);
    setError(null);
    onSuggest(res.value);
  }
  return (
    <>
      <ErrorBox message={error} />
      {grant.yearSplitConfirmed ? null : (
        <div className="notice" role="status" data-testid="split-unconfirmed">
          <p>{t('split.unconfirmed')}</p>
          <Button variant="primary" onClick={() => void confirm()}>
            {t('split.confirm')}
          </Button>
        </div>
      )}
      <div className="form__actions">
        <Button onClick={() => void suggest('activity_days')}>{t('split.byDays')}</Button>
        <Button onClick={() => void suggest('decision_year')}>{t('split.decisionYear')}</Button>
      </div>
    </>
  );
}
