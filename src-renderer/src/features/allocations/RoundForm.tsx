/** Create or edit an allocation round (name, deadlines, activity period). */
import {
  RoundCreateInput,
  RoundUpdateInput,
  type Round,
} from '../../../../src-shared/api/contract';
import { useI18n } from '../../i18n/i18n';
import { useApiMutation } from '../../lib/query';
import { dateInputToIso, isoToDateInput } from '../../lib/format';
import { useForm } from '../../lib/form';
import { navigate } from '../../lib/router';
import { DateField } from '../../ui/date-field';
import { TextAreaField, TextField } from '../../ui/fields';
import { ErrorBox } from '../../ui/layout';
import { useToast } from '../../ui/toast';
import { Form, FormActions } from '../../ui/form';

type Values = {
  name: string;
  applicationDeadline: string;
  activityFrom: string;
  activityTo: string;
  reportDeadline: string;
  notes: string;
};

export function RoundForm({
  grantId,
  round,
  defaults,
  onDone,
}: {
  grantId: number;
  round?: Round;
  defaults?: Partial<Values>;
  onDone?(r: Round): void;
}) {
  const roundsUpdate = useApiMutation('rounds.update');
  const roundsCreate = useApiMutation('rounds.create');
  const { t } = useI18n();
  const toast = useToast();
  const form = useForm<Values>({
    name: round?.name ?? defaults?.name ?? '',
    applicationDeadline:
      isoToDateInput(round?.applicationDeadline) || (defaults?.applicationDeadline ?? ''),
    activityFrom: isoToDateInput(round?.activityFrom) || (defaults?.activityFrom ?? ''),
    activityTo: isoToDateInput(round?.activityTo) || (defaults?.activityTo ?? ''),
    reportDeadline: isoToDateInput(round?.reportDeadline) || (defaults?.reportDeadline ?? ''),
    notes: round?.notes ?? '',
  });
  async function submit() {
    const v = form.values;
    const body = {
      name: v.name,
      applicationDeadline: dateInputToIso(v.applicationDeadline),
      activityFrom: dateInputToIso(v.activityFrom),
      activityTo: dateInputToIso(v.activityTo),
      reportDeadline: dateInputToIso(v.reportDeadline),
      notes: v.notes,
    };
    const res = round
      ? await (async () => {
          const input = form.validate(RoundUpdateInput, { id: round.id, ...body });
          return input ? roundsUpdate(input) : null;
        })()
      : await (async () => {
          const input = form.validate(RoundCreateInput, { grantId, ...body });
          return input ? roundsCreate(input) : null;
        })();
    if (!res) return;
    if (!res.ok) return form.showApiError(res.error);
    toast(t('rounds.saved'));
    if (onDone) onDone(res.value);
    else navigate(`/rounds/${res.value.id}`, { force: true });
  }
  const date = (name: keyof Values, label: string) => (
    <DateField
      name={name}
      label={label}
      value={form.values[name]}
      onChange={(v) => form.set(name, v)}
      error={form.errors[name]}
    />
  );
  return (
    <Form
      onSubmit={submit}
      className="form form--inline"
      label={round ? t('rounds.edit') : t('rounds.new')}
    >
      <h3>{round ? t('rounds.edit') : t('rounds.new')}</h3>
      <ErrorBox message={form.formError} />
      <TextField
        name="roundName"
        label={t('rounds.name')}
        required
        value={form.values.name}
        onChange={(v) => form.set('name', v)}
        error={form.errors.name}
      />
      <div className="form__row">
        {date('applicationDeadline', t('rounds.applicationDeadline'))}
        {date('reportDeadline', t('rounds.reportDeadline'))}
      </div>
      <div className="form__row">
        {date('activityFrom', t('grants.activityFrom'))}
        {date('activityTo', t('grants.activityTo'))}
      </div>
      <TextAreaField
        name="roundNotes"
        label={t('common.notes')}
        value={form.values.notes}
        onChange={(v) => form.set('notes', v)}
        error={form.errors.notes}
      />
      <FormActions submitLabel={round ? t('common.save') : t('rounds.new')} />
    </Form>
  );
}
