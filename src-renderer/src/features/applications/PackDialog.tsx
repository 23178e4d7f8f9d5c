/**
 * «Søknadspakke (Word)»: budget lines typed in a dialog (not stored), then the pack made by
 * applications.pack and saved (a save dialog in the desktop app, a download in a browser).
 */
import { useState } from 'react';
import { parseKroner } from '../../../../src-shared/kernel/money';
import { useI18n } from '../../i18n/i18n';
import { call } from '../../lib/api';
import { saveFile } from '../../lib/files';
import { amountMessage } from '../../lib/money-input';
import { Dialog } from '../../ui/dialog';
import { MoneyField } from '../../ui/money-field';
import { TextField } from '../../ui/fields';
import { Button, ErrorBox } from '../../ui/layout';
import { useToast } from '../../ui/toast';

export interface Line {
  label: string;
  amount: string;
}

type Parsed = { lines: { label: string; amountOre: number }[]; errors: Record<string, string> };

export function parseLines(
  lines: Line[],
  t: (k: 'pack.lineAmount' | 'pack.needsLabel', v: { n: number }) => string,
): Parsed {
  const out: Parsed = { lines: [], errors: {} };
  lines.forEach((l, i) => {
    const n = i + 1;
    if (l.label.trim() === '' && l.amount.trim() === '') return;
    const parsed = parseKroner(l.amount.trim() === '' ? '0' : l.amount);
    if (!parsed.ok)
      out.errors[`amount${i}`] = amountMessage(t('pack.lineAmount', { n }), parsed.reason);
    else if (l.label.trim() === '') out.errors[`label${i}`] = t('pack.needsLabel', { n });
    else out.lines.push({ label: l.label.trim(), amountOre: parsed.value });
  });
  return out;
}

export function PackButton({ grantId }: { grantId: number }) {
  const { t } = useI18n();
  const toast = useToast();
  const [open, setOpen] = useState(false);
  const [lines, setLines] = useState<Line[]>([{ label: '', amount: '' }]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const setLine = (i: number, patch: Partial<Line>) =>
    setLines((prev) => prev.map((l, j) => (j === i ? { ...l, ...patch } : l)));

  async function make() {
    setFailure(null);
    const parsed = parseLines(lines, t);
    setErrors(parsed.errors);
    if (Object.keys(parsed.errors).length > 0) return;
    setBusy(true);
    const res = await call('applications.pack', { grantId, budgetLines: parsed.lines });
    setBusy(false);
    if (!res.ok) return setFailure(res.error.message);
    const saved = await saveFile(res.value.fileName, res.value.contentBase64);
    if (saved.error) return setFailure(saved.error);
    if (saved.saved) {
      toast(t('pack.saved'));
      setOpen(false);
    }
  }

  return (
    <>
      <Button onClick={() => setOpen(true)}>{t('pack.button')}</Button>
      <Dialog open={open} title={t('pack.title')} onClose={() => setOpen(false)}>
        <h2>{t('pack.title')}</h2>
        <p className="hint">{t('pack.intro')}</p>
        <ErrorBox message={failure} />
        <fieldset>
          <legend>{t('pack.budget')}</legend>
          {lines.map((l, i) => (
            <div className="form__row" key={i}>
              <TextField
                label={t('pack.lineLabel', { n: i + 1 })}
                name={`label${i}`}
                value={l.label}
                onChange={(v) => setLine(i, { label: v })}
                error={errors[`label${i}`]}
              />
              <MoneyField
                label={t('pack.lineAmount', { n: i + 1 })}
                name={`amount${i}`}
                value={l.amount}
                onChange={(v) => setLine(i, { amount: v })}
                error={errors[`amount${i}`]}
              />
            </div>
          ))}
          <Button variant="link" onClick={() => setLines((p) => [...p, { label: '', amount: '' }])}>
            {t('pack.addLine')}
          </Button>
        </fieldset>
        <div className="form__actions">
          <Button variant="primary" onClick={() => void make()} disabled={busy}>
            {busy ? t('pack.making') : t('pack.make')}
          </Button>
          <Button onClick={() => setOpen(false)}>{t('pack.cancel')}</Button>
        </div>
      </Dialog>
    </>
  );
}
