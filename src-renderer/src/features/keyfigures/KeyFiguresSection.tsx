/**
 * Key figures (nøkkeltall) on the project page: one table with the years as columns and the
 * figures as rows, so they compare across years; a form below adds one, and a click on a
 * value puts it in the form to change or delete it.
 */
import { useId, useState } from 'react';
import {
  KeyFigureCreateInput,
  KeyFigureUpdateInput,
  type KeyFigure,
} from '../../../../src-shared/api/contract';
import { KEY_FIGURE_UNIT_SUGGESTIONS } from '../../../../src-shared/keyfigures/labels';
import { formatDecimal } from '../../../../src-shared/keyfigures/rules';
import { useI18n } from '../../i18n/i18n';
import { useForm } from '../../lib/form';
import { useApi, useWrite } from '../../lib/query';
import { TextField } from '../../ui/fields';
import { Form, FormActions } from '../../ui/form';
import { Button, EmptyState, ErrorBox } from '../../ui/layout';
import { useToast } from '../../ui/toast';

const EMPTY = { year: '', label: '', value: '', unit: 'antall', source: '', note: '' };

export function KeyFiguresSection({ projectId }: { projectId: number }) {
  const write = useWrite();
  const { t } = useI18n();
  const toast = useToast();
  const labelsId = useId();
  const unitsId = useId();
  const { data, error, reload } = useApi('keyFigures.list', { projectId });
  const [editing, setEditing] = useState<KeyFigure | null>(null);
  const form = useForm({ ...EMPTY, year: String(new Date().getFullYear() - 1) });

  function edit(f: KeyFigure) {
    setEditing(f);
    form.setValues({
      year: String(f.year),
      label: f.label,
      value: formatDecimal(f.value),
      unit: f.unit,
      source: f.source ?? '',
      note: f.note ?? '',
    });
  }

  function reset() {
    setEditing(null);
    form.setValues({ ...EMPTY, year: form.values.year });
  }

  async function save() {
    const fields = { ...form.values, year: Number(form.values.year) || form.values.year };
    const res = editing
      ? await (async () => {
          const input = form.validate(KeyFigureUpdateInput, { ...fields, id: editing.id });
          return input ? write('keyFigures.update', input) : null;
        })()
      : await (async () => {
          const input = form.validate(KeyFigureCreateInput, { ...fields, projectId });
          return input ? write('keyFigures.add', input) : null;
        })();
    if (!res) return;
    if (!res.ok) return form.showApiError(res.error);
    toast(t('kf.saved'));
    reset();
    reload();
  }

  async function remove() {
    if (!editing) return;
    if (!window.confirm(t('kf.removeConfirm', { label: editing.label, year: editing.year }))) {
      return;
    }
    const res = await write('keyFigures.remove', { id: editing.id });
    if (!res.ok) return form.setFormError(res.error.message);
    toast(t('kf.removed'));
    reset();
    reload();
  }

  return (
    <section className="subsection" aria-labelledby="key-figures-heading">
      <h2 id="key-figures-heading">{t('kf.heading')}</h2>
      <ErrorBox message={error} />
      {data && data.rows.length === 0 ? <EmptyState>{t('kf.empty')}</EmptyState> : null}
      {data && data.rows.length > 0 ? (
        <table className="table" aria-label={t('kf.heading')}>
          <thead>
            <tr>
              <th scope="col">{t('kf.label')}</th>
              {data.years.map((y) => (
                <th scope="col" key={y} className="num">
                  {y}
                </th>
              ))}
              <th scope="col">{t('kf.unit')}</th>
            </tr>
          </thead>
          <tbody>
            {data.rows.map((row) => (
              <tr key={row.label}>
                <th scope="row">{row.label}</th>
                {row.cells.map((cell, i) => (
                  <td key={data.years[i]} className="num">
                    {cell ? (
                      <Button
                        variant="link"
                        onClick={() => edit(cell)}
                        aria-label={t('kf.editCell', { label: cell.label, year: cell.year })}
                        title={[cell.source, cell.note].filter(Boolean).join(' – ') || undefined}
                      >
                        {formatDecimal(cell.value)}
                      </Button>
                    ) : (
                      '–'
                    )}
                  </td>
                ))}
                <td>{row.unit}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <Form
        onSubmit={save}
        className="form form--inline"
        label={editing ? t('kf.edit') : t('kf.add')}
      >
        <h3>{editing ? t('kf.edit') : t('kf.add')}</h3>
        <ErrorBox message={form.formError} />
        <div className="form__row">
          <TextField label={t('kf.year')} required inputMode="numeric" {...form.bind('year')} />
          <TextField label={t('kf.label')} required list={labelsId} {...form.bind('label')} />
          <datalist id={labelsId}>
            {(data?.rows ?? []).map((r) => (
              <option key={r.label} value={r.label} />
            ))}
          </datalist>
          <TextField label={t('kf.value')} required inputMode="decimal" {...form.bind('value')} />
          <TextField label={t('kf.unit')} required list={unitsId} {...form.bind('unit')} />
          <datalist id={unitsId}>
            {KEY_FIGURE_UNIT_SUGGESTIONS.map((u) => (
              <option key={u} value={u} />
            ))}
          </datalist>
        </div>
        <div className="form__row">
          <TextField label={t('kf.source')} {...form.bind('source')} />
          <TextField label={t('kf.note')} {...form.bind('note')} />
        </div>
        <FormActions
          submitLabel={editing ? t('common.save') : t('kf.add')}
          {...(editing ? { onCancel: reset } : {})}
        >
          {editing ? (
            <Button variant="danger" onClick={() => void remove()}>
              {t('common.delete')}
            </Button>
          ) : null}
        </FormActions>
      </Form>
    </section>
  );
}
