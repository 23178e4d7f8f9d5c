/**
 * Quick entry of many centres' applications in one table: type an amount, Tab to the next
 * field, Enter saves every row that has an amount. No modal per centre.
 */
import { useState } from 'react';
import { ApplicationsSaveInput, type Round } from '../../../../src-shared/api/contract';
import { useI18n } from '../../i18n/i18n';
import { dateInputToIso, isoToDateInput } from '../../lib/format';
import { oreToInput, parseAmounts } from '../../lib/money-input';
import { useApi, useApiMutation } from '../../lib/query';
import { DateField } from '../../ui/date-field';
import { Badge, ErrorBox } from '../../ui/layout';
import { MoneyField } from '../../ui/money-field';
import { useToast } from '../../ui/toast';
import { Form, FormActions } from '../../ui/form';

const FIELD_OF: Record<string, keyof Row> = {
  appliedOre: 'applied',
  expectedParticipants: 'participants',
  receivedDate: 'received',
};

interface Row {
  applied: string;
  purpose: string;
  participants: string;
  received: string;
}

export function ApplicationsTable({ round, onChange }: { round: Round; onChange(r: Round): void }) {
  const allocationsSaveApplications = useApiMutation('allocations.saveApplications');
  const { t } = useI18n();
  const toast = useToast();
  // Centres that were members at any time in the round's period, not only today's members.
  const centres = useApi('rounds.eligibleCentres', { roundId: round.id });
  const existing = new Map(round.allocations.map((a) => [a.centreId, a]));
  const [rows, setRows] = useState<Record<number, Row>>(() =>
    Object.fromEntries(
      round.allocations.map((a) => [
        a.centreId,
        {
          applied: oreToInput(a.appliedOre),
          purpose: a.purpose ?? '',
          participants: a.expectedParticipants === null ? '' : String(a.expectedParticipants),
          received: isoToDateInput(a.receivedDate),
        },
      ]),
    ),
  );
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);

  const list = (centres.data?.centres ?? []).filter((c) => c.isMember || existing.has(c.id));
  const row = (id: number): Row =>
    rows[id] ?? { applied: '', purpose: '', participants: '', received: '' };
  const set = (id: number, key: keyof Row, value: string) =>
    setRows((r) => ({ ...r, [id]: { ...row(id), [key]: value } }));

  async function save() {
    const entered = list.filter((c) => row(c.id).applied.trim() !== '');
    const amountTexts = Object.fromEntries(entered.map((c) => [String(c.id), row(c.id).applied]));
    const labels = Object.fromEntries(
      entered.map((c) => [String(c.id), `${t('apps.applied')} (${c.name})`]),
    );
    const { amounts, errors: amountErrors } = parseAmounts(amountTexts, labels);
    const nextErrors: Record<string, string> = {};
    for (const [id, message] of Object.entries(amountErrors)) nextErrors[`${id}.applied`] = message;
    const payloadRows = entered.map((c) => {
      const r = row(c.id);
      const participants = r.participants.trim();
      if (participants !== '' && !/^\d+$/.test(participants)) {
        nextErrors[`${c.id}.participants`] =
          `${t('apps.participants')} (${c.name}) må være et heltall.`;
      }
      return {
        centreId: c.id,
        appliedOre: amounts[String(c.id)] ?? 0,
        purpose: r.purpose,
        expectedParticipants: participants === '' ? null : Number(participants),
        receivedDate: dateInputToIso(r.received),
      };
    });
    if (Object.keys(nextErrors).length > 0) {
      setErrors(nextErrors);
      setFormError(Object.values(nextErrors)[0] ?? null);
      return;
    }
    const parsed = ApplicationsSaveInput.safeParse({ roundId: round.id, rows: payloadRows });
    if (!parsed.success) {
      setFormError(parsed.error.issues[0]?.message ?? null);
      return;
    }
    const res = await allocationsSaveApplications(parsed.data);
    if (!res.ok) {
      // Issues come as rows.<index>.<field>; mark that centre's row.
      const mapped: Record<string, string> = {};
      for (const issue of res.error.issues ?? []) {
        const [, index, field] = issue.path.split('.');
        const centreId = payloadRows[Number(index)]?.centreId;
        if (centreId !== undefined)
          mapped[`${centreId}.${FIELD_OF[field ?? ''] ?? field}`] = issue.message;
      }
      setErrors(mapped);
      setFormError(res.error.message);
      return;
    }
    setErrors({});
    setFormError(null);
    toast(t('apps.saved'));
    onChange(res.value);
  }

  const cell = (
    id: number,
    key: keyof Row,
    label: string,
    extra: { inputMode?: 'numeric'; kind?: 'money' | 'date' } = {},
  ) => {
    const Field = extra.kind === 'money' ? MoneyField : extra.kind === 'date' ? DateField : null;
    const err = errors[`${id}.${key}`];
    const props = {
      name: `${key}-${id}`,
      label,
      value: row(id)[key],
      onChange: (v: string) => set(id, key, v),
    };
    return (
      <td>
        {Field ? (
          <Field cell {...props} error={err} />
        ) : (
          <input
            name={props.name}
            aria-label={label}
            aria-invalid={err ? true : undefined}
            title={err}
            inputMode={extra.inputMode}
            className={`cell-input${err ? ' cell-input--error' : ''}`}
            value={props.value}
            onChange={(e) => props.onChange(e.target.value)}
          />
        )}
      </td>
    );
  };

  return (
    <section className="subsection" aria-labelledby="apps-heading">
      <h2 id="apps-heading">{t('apps.heading')}</h2>
      <p className="hint">{t('apps.hint')}</p>
      {centres.data ? (
        <p className="hint" data-testid="apps-period">
          {t('apps.period', {
            from: isoToDateInput(centres.data.from),
            to: isoToDateInput(centres.data.to),
          })}
        </p>
      ) : null}
      <ErrorBox message={formError} />
      <Form onSubmit={save} label={t('apps.heading')}>
        <table className="table table--entry table--sticky-first" aria-label={t('apps.heading')}>
          <thead>
            <tr>
              <th scope="col">{t('apps.centre')}</th>
              <th scope="col" className="num">
                {t('apps.applied')}
              </th>
              <th scope="col">{t('apps.purpose')}</th>
              <th scope="col">{t('apps.participants')}</th>
              <th scope="col">{t('apps.received')}</th>
            </tr>
          </thead>
          <tbody>
            {list.map((c) => (
              <tr key={c.id}>
                <th scope="row">
                  {c.name} {!c.isMember ? <Badge tone="warn">{t('apps.notMember')}</Badge> : null}
                </th>
                {cell(c.id, 'applied', `${t('apps.applied')} ${c.name}`, { kind: 'money' })}
                {cell(c.id, 'purpose', `${t('apps.purpose')} ${c.name}`)}
                {cell(c.id, 'participants', `${t('apps.participants')} ${c.name}`, {
                  inputMode: 'numeric',
                })}
                {cell(c.id, 'received', `${t('apps.received')} ${c.name}`, { kind: 'date' })}
              </tr>
            ))}
          </tbody>
        </table>
        <FormActions submitLabel={t('apps.save')} />
      </Form>
    </section>
  );
}
