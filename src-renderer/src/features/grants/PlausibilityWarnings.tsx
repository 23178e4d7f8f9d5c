/**
 * The movement dialog's warnings before saving (issue 10.2): what `movements.check` found,
 * with a reason field and «Lagre likevel». The reason is kept with the movement.
 */
import type { PlausibilityWarning } from '../../../../src-shared/api/contract';
import { useI18n } from '../../i18n/i18n';
import { TextField } from '../../ui/fields';
import { Button } from '../../ui/layout';

export function PlausibilityWarnings({
  warnings,
  reason,
  reasonError,
  onReason,
  onSaveAnyway,
}: {
  warnings: readonly PlausibilityWarning[];
  reason: string;
  reasonError: string | undefined;
  onReason(v: string): void;
  onSaveAnyway(): void;
}) {
  const { t } = useI18n();
  return (
    <div className="error-box" role="alert" aria-label={t('plaus.heading')}>
      <strong>{t('plaus.heading')}</strong>
      <ul>
        {warnings.map((w) => (
          <li key={`${w.kind}:${w.message}`}>{w.message}</li>
        ))}
      </ul>
      <p>{t('plaus.intro')}</p>
      <TextField
        name="warningReason"
        label={t('plaus.reason')}
        required
        value={reason}
        onChange={onReason}
        error={reasonError}
      />
      <Button variant="danger" onClick={onSaveAnyway}>
        {t('plaus.saveAnyway')}
      </Button>
    </div>
  );
}
