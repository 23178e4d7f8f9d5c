/**
 * Deciding a round: a distribution helper previews an exact split of the pot (the same
 * pure function the tests prove), every award can be adjusted, and the sum is checked
 * against the pot before anything is saved. Non-members need a reason for the exception.
 */
import { useState } from 'react';
import { DecisionInput, type Round } from '../../../../src-shared/api/contract';
import {
  DISTRIBUTION_MODES,
  distribute,
  type DistributionMode,
} from '../../../../src-shared/allocations/rules';
import { sumOre } from '../../../../src-shared/kernel/money';
import { useI18n } from '../../i18n/i18n';
import { useApiMutation } from '../../lib/query';
import { dateInputToIso, isoToDateInput, todayIso } from '../../lib/format';
import { kr, oreToInput, parseAmounts } from '../../lib/money-input';
import { DateField } from '../../ui/date-field';
import { MoneyField } from '../../ui/money-field';
import { SelectField } from '../../ui/fields';
import { Badge, Button, ErrorBox } from '../../ui/layout';
import { useToast } from '../../ui/toast';
import { Form, FormActions } from '../../ui/form';

export function DecisionSection({ round, onChange }: { round: Round; onChange(r: Round): void }) {
  const allocationsDecide = useApiMutation('allocations.decide');
  const { t } = useI18n();
  const toast = useToast();
  const rows = round.allocations;
  const [mode, setMode] = useState<DistributionMode>('capped');
  const [awards, setAwards] = useState<Record<number, string>>(() =>
    Object.fromEntries(rows.map((a) => [a.id, oreToInput(a.awardedOre)])),
  );
  const [reasons, setReasons] = useState<Record<number, string>>(() =>
    Object.fromEntries(rows.map((a) => [a.id, a.overrideReason ?? ''])),
  );
  const firstDecision = rows.find((a) => a.decisionDate)?.decisionDate;
  const [decisionDate, setDecisionDate] = useState(isoToDateInput(firstDecision ?? todayIso()));
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});

  const labels = Object.fromEntries(
    rows.map((a) => [String(a.id), `${t('decide.award')} (${a.centreName})`]),
  );
  const parsed = parseAmounts(
    Object.fromEntries(rows.map((a) => [String(a.id), awards[a.id] ?? ''])),
    labels,
  );
  const total = sumOre(Object.values(parsed.amounts).map((v) => v ?? 0));
  const diff = round.potOre - total;

  function preview() {
    const parts = distribute(
      round.potOre,
      rows.map((a) => a.appliedOre),
      mode,
    );
    setAwards(Object.fromEntries(rows.map((a, i) => [a.id, oreToInput(parts[i] ?? 0)])));
  }

  async function save() {
    if (Object.keys(parsed.errors).length > 0) {
      setFieldErrors(parsed.errors);
      setError(Object.values(parsed.errors)[0] ?? null);
      return;
    }
    const input = DecisionInput.safeParse({
      roundId: round.id,
      decisionDate: dateInputToIso(decisionDate),
      awards: rows
        .filter((a) => parsed.amounts[String(a.id)] !== null)
        .map((a) => ({
          allocationId: a.id,
          awardedOre: parsed.amounts[String(a.id)] ?? 0,
          overrideReason: reasons[a.id] ?? '',
        })),
    });
    if (!input.success) {
      setError(input.error.issues[0]?.message ?? null);
      return;
    }
    const res = await allocationsDecide(input.data);
    if (!res.ok) {
      setError(res.error.message);
      return;
    }
    setError(null);
    setFieldErrors({});
    toast(t('decide.saved'));
    onChange(res.value);
  }

  return (
    <section className="subsection" aria-labelledby="decide-heading">
      <h2 id="decide-heading">{t('decide.heading')}</h2>
      <div className="form form--inline">
        <div className="form__row">
          <SelectField
            name="mode"
            label={t('decide.mode')}
            value={mode}
            onChange={(v) => setMode(v as DistributionMode)}
            options={DISTRIBUTION_MODES.map((m) => ({ value: m, label: t(`mode.${m}`) }))}
            hint={t('decide.previewHint')}
          />
          <div className="field field--button">
            <Button onClick={preview}>{t('decide.preview')}</Button>
          </div>
        </div>
      </div>
      <ErrorBox message={error} />
      <Form onSubmit={save} label={t('decide.heading')}>
        <table className="table table--entry" aria-label={t('decide.heading')}>
          <thead>
            <tr>
              <th scope="col">{t('apps.centre')}</th>
              <th scope="col" className="num">
                {t('apps.applied')}
              </th>
              <th scope="col" className="num">
                {t('decide.award')}
              </th>
              <th scope="col">{t('decide.override')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((a) => {
              // Membership as the service saw it (decision date, or today before a decision);
              // the service checks the date being saved again.
              const member = a.isMember;
              const err = fieldErrors[String(a.id)];
              return (
                <tr key={a.id}>
                  <th scope="row">
                    {a.centreName}{' '}
                    {a.leavingDate ? (
                      <Badge tone="warn">
                        {t('centres.leaving', { date: isoToDateInput(a.leavingDate) })}
                      </Badge>
                    ) : null}
                    {!member ? <Badge tone="warn">{t('apps.notMember')}</Badge> : null}
                  </th>
                  <td className="num">{kr(a.appliedOre)}</td>
                  <td>
                    <MoneyField
                      cell
                      name={`award-${a.id}`}
                      label={`${t('decide.award')} ${a.centreName}`}
                      error={err}
                      value={awards[a.id] ?? ''}
                      onChange={(v) => setAwards((s) => ({ ...s, [a.id]: v }))}
                    />
                  </td>
                  <td>
                    {!member || a.overrideReason ? (
                      <input
                        name={`override-${a.id}`}
                        aria-label={`${t('decide.override')} ${a.centreName}`}
                        placeholder={t('decide.overrideHint')}
                        className="cell-input"
                        value={reasons[a.id] ?? ''}
                        onChange={(e) => setReasons((s) => ({ ...s, [a.id]: e.target.value }))}
                      />
                    ) : null}
                  </td>
                </tr>
              );
            })}
          </tbody>
          <tfoot>
            <tr>
              <td>{t('decide.sum')}</td>
              <td className="num">{kr(round.appliedTotalOre)}</td>
              <td className="num">{kr(total)}</td>
              <td className={diff < 0 ? 'over' : undefined} role="status">
                {diff < 0
                  ? t('decide.over', { amount: kr(-diff) })
                  : t('decide.left', { amount: kr(diff) })}
              </td>
            </tr>
          </tfoot>
        </table>
        <div className="form__row">
          <DateField
            name="decisionDate"
            label={t('decide.decisionDate')}
            required
            value={decisionDate}
            onChange={setDecisionDate}
          />
        </div>
        <FormActions submitLabel={t('decide.save')} />
      </Form>
    </section>
  );
}
