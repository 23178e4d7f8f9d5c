/** Paying out awards, one or many at once; each payout becomes a movement on the grant. */
import { useState } from 'react';
import { PayoutInput, type Round } from '../../../../src-shared/api/contract';
import { useI18n } from '../../i18n/i18n';
import { call } from '../../lib/api';
import { useApiMutation } from '../../lib/query';
import { dateInputToIso, formatIsoDate, isoToDateInput, todayIso } from '../../lib/format';
import { saveFile } from '../../lib/files';
import { kr } from '../../lib/money-input';
import { DateField } from '../../ui/date-field';
import { TextField } from '../../ui/fields';
import { Button, EmptyState, ErrorBox } from '../../ui/layout';
import { useToast } from '../../ui/toast';
import { Form } from '../../ui/form';

export function PayoutSection({ round, onChange }: { round: Round; onChange(r: Round): void }) {
  const allocationsMarkPaid = useApiMutation('allocations.markPaid');
  const { t } = useI18n();
  const toast = useToast();
  const awarded = round.allocations.filter((a) => (a.awardedOre ?? 0) > 0);
  const outstanding = awarded.filter((a) => (a.awardedOre ?? 0) > a.paidOre);
  const [selected, setSelected] = useState<Set<number>>(
    () => new Set(outstanding.map((a) => a.id)),
  );
  const [date, setDate] = useState(isoToDateInput(todayIso()));
  const [voucher, setVoucher] = useState('');
  const [error, setError] = useState<string | null>(null);

  async function pay() {
    const input = PayoutInput.safeParse({
      allocationIds: [...selected],
      date: dateInputToIso(date),
      voucherRef: voucher,
    });
    if (!input.success) {
      setError(input.error.issues[0]?.message ?? null);
      return;
    }
    const res = await allocationsMarkPaid(input.data);
    if (!res.ok) {
      setError(res.error.message);
      return;
    }
    setError(null);
    setSelected(new Set());
    toast(t('pay.done'));
    onChange(res.value);
  }

  async function download() {
    const res = await call('allocations.payoutXlsx', { roundId: round.id });
    if (!res.ok) {
      setError(res.error.message);
      return;
    }
    await saveFile(res.value.fileName, res.value.contentBase64);
  }

  return (
    <section className="subsection" aria-labelledby="pay-heading">
      <h2 id="pay-heading">{t('pay.heading')}</h2>
      <ErrorBox message={error} />
      {awarded.length === 0 ? (
        <EmptyState>{t('pay.nothing')}</EmptyState>
      ) : (
        <Form onSubmit={pay} label={t('pay.heading')}>
          <table className="table" aria-label={t('pay.heading')}>
            <thead>
              <tr>
                <th scope="col">{t('pay.select')}</th>
                <th scope="col">{t('apps.centre')}</th>
                <th scope="col" className="num">
                  {t('rounds.awarded')}
                </th>
                <th scope="col" className="num">
                  {t('rounds.paid')}
                </th>
                <th scope="col">{t('pay.date')}</th>
              </tr>
            </thead>
            <tbody>
              {awarded.map((a) => {
                const open = (a.awardedOre ?? 0) > a.paidOre;
                return (
                  <tr key={a.id}>
                    <td>
                      {open ? (
                        <input
                          type="checkbox"
                          aria-label={`${t('pay.select')} ${a.centreName}`}
                          checked={selected.has(a.id)}
                          onChange={(e) =>
                            setSelected((s) => {
                              const next = new Set(s);
                              if (e.target.checked) next.add(a.id);
                              else next.delete(a.id);
                              return next;
                            })
                          }
                        />
                      ) : null}
                    </td>
                    <td>{a.centreName}</td>
                    <td className="num">{kr(a.awardedOre)}</td>
                    <td className="num">{kr(a.paidOre)}</td>
                    <td>{a.lastPaidDate ? formatIsoDate(a.lastPaidDate) : t('pay.outstanding')}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          {outstanding.length > 0 ? (
            <div className="form__row">
              <DateField
                name="payDate"
                label={t('pay.date')}
                required
                value={date}
                onChange={setDate}
              />
              <TextField
                name="payVoucher"
                label={t('pay.voucher')}
                value={voucher}
                onChange={setVoucher}
              />
            </div>
          ) : null}
          <div className="form__actions">
            {outstanding.length > 0 ? (
              <Button variant="primary" type="submit" disabled={selected.size === 0}>
                {t('pay.submit')}
              </Button>
            ) : null}
            <Button onClick={() => void download()}>{t('pay.list')}</Button>
          </div>
        </Form>
      )}
    </section>
  );
}
