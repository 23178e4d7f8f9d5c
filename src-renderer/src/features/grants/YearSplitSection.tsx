/** Spreads a (multi-year) award over fiscal years; the parts must sum exactly to the award. */
import { useState } from 'react';
import type { Grant } from '../../../../src-shared/api/contract';
import { splitAcrossYears, yearsOfPeriod } from '../../../../src-shared/grants/rules';
import { sumOre } from '../../../../src-shared/kernel/money';
import { useI18n } from '../../i18n/i18n';
import { useApiMutation } from '../../lib/query';
import { kr, oreToInput, parseAmounts } from '../../lib/money-input';
import { MoneyField } from '../../ui/money-field';
import { Button, ErrorBox } from '../../ui/layout';
import { useToast } from '../../ui/toast';
import { Form } from '../../ui/form';
import { SplitConfirmation } from './SplitConfirmation';

export function YearSplitSection({ grant, onChange }: { grant: Grant; onChange(g: Grant): void }) {
  const grantsSetYearSplit = useApiMutation('grants.setYearSplit');
  const { t } = useI18n();
  const toast = useToast();
  const years = (() => {
    const fromPeriod = yearsOfPeriod(grant.periodFrom, grant.periodTo);
    const fromSplit = grant.yearSplits.map((s) => s.year);
    const all = [...new Set([...fromPeriod, ...fromSplit])].sort();
    return all.length > 0
      ? all
      : [grant.editionYear ?? Number((grant.decisionDate ?? '').slice(0, 4))];
  })();
  const initial = Object.fromEntries(
    years.map((y) => [
      String(y),
      oreToInput(grant.yearSplits.find((s) => s.year === y)?.amountOre ?? null),
    ]),
  );
  const [values, setValues] = useState<Record<string, string>>(initial);
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});

  const labels = Object.fromEntries(years.map((y) => [String(y), `${t('common.year')} ${y}`]));
  const parsed = parseAmounts(values, labels);
  const total = sumOre(Object.values(parsed.amounts).map((v) => v ?? 0));

  async function save() {
    if (Object.keys(parsed.errors).length > 0) {
      setFieldErrors(parsed.errors);
      return;
    }
    const splits = years
      .map((y) => ({ year: y, amountOre: parsed.amounts[String(y)] ?? 0 }))
      .filter((s) => s.amountOre > 0);
    const res = await grantsSetYearSplit({ id: grant.id, splits });
    if (!res.ok) {
      setError(res.error.message);
      return;
    }
    setError(null);
    setFieldErrors({});
    toast(t('grants.splitSaved'));
    onChange(res.value);
  }

  function even() {
    const parts = splitAcrossYears(grant.awardedOre ?? 0, years);
    setValues(Object.fromEntries(parts.map((p) => [String(p.year), oreToInput(p.amountOre)])));
  }

  return (
    <section className="subsection" aria-labelledby="split-heading">
      <h2 id="split-heading">{t('grants.yearSplit')}</h2>
      <p className="hint">{t('grants.yearSplitHint')}</p>
      <ErrorBox message={error} />
      <SplitConfirmation
        grant={grant}
        onChange={onChange}
        onSuggest={(parts) =>
          setValues(
            Object.fromEntries(
              years.map((y) => [
                String(y),
                oreToInput(parts.find((p) => p.year === y)?.amountOre ?? 0),
              ]),
            ),
          )
        }
      />
      <Form
        onSubmit={save}
        className="form form--inline grant-split-form"
        label={t('grants.yearSplit')}
      >
        <div className="form__row">
          {years.map((y) => (
            <MoneyField
              key={y}
              name={`split-${y}`}
              label={`${labels[String(y)] ?? String(y)}${
                grant.yearSplits.find((s) => s.year === y)?.confirmed === false
                  ? ` ${t('split.suggestion')}`
                  : ''
              }`}
              value={values[String(y)] ?? ''}
              onChange={(v) => setValues((s) => ({ ...s, [String(y)]: v }))}
              error={fieldErrors[String(y)]}
            />
          ))}
        </div>
        <p>
          {t('grants.yearSplitSum')}: <strong>{kr(total)}</strong> / {kr(grant.awardedOre)}
        </p>
        <div className="form__actions">
          <Button variant="primary" type="submit">
            {t('grants.saveSplit')}
          </Button>
          {years.length > 1 ? <Button onClick={even}>{t('grants.evenSplit')}</Button> : null}
        </div>
      </Form>
    </section>
  );
}
