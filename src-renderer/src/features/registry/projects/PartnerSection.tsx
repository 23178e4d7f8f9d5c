/**
 * Partners on a project. The organisation is picked by name from every organisation KSS
 * knows (member centres included), so Oslo Krisesenter is linked, not registered twice;
 * a name nobody has yet creates a new organisation.
 */
import { useId } from 'react';
import type { ProjectPartner } from '../../../../../src-shared/api/contract';
import { useI18n } from '../../../i18n/i18n';
import { useForm } from '../../../lib/form';
import { useApi, useApiMutation } from '../../../lib/query';
import { TextField } from '../../../ui/fields';
import { Badge, Button, EmptyState, ErrorBox } from '../../../ui/layout';
import { Form, FormActions } from '../../../ui/form';
import { SortableTable } from '../../../ui/sortable-table';

const norm = (s: string) => s.trim().replace(/\s+/g, ' ').toLocaleLowerCase('nb-NO');

export function PartnerSection({
  projectId,
  partners,
}: {
  projectId: number;
  partners: readonly ProjectPartner[];
}) {
  const organisationsCreate = useApiMutation('organisations.create');
  const projectsAddPartner = useApiMutation('projects.addPartner');
  const projectsRemovePartner = useApiMutation('projects.removePartner');
  const { t } = useI18n();
  const listId = useId();
  const orgs = useApi('organisations.list', {});
  const form = useForm({ name: '', role: '' });
  const existing = (orgs.data ?? []).find((o) => norm(o.name) === norm(form.values.name));

  async function add() {
    if (form.values.name.trim() === '') {
      form.setErrors({ name: 'Organisasjon må fylles ut.' });
      return;
    }
    let organisationId = existing?.id;
    if (organisationId === undefined) {
      const created = await organisationsCreate({
        name: form.values.name,
        orgNumber: null,
        website: null,
        notes: null,
      });
      if (!created.ok) return form.showApiError(created.error);
      organisationId = created.value.id;
    }
    const res = await projectsAddPartner({
      projectId,
      organisationId,
      role: form.values.role,
    });
    if (!res.ok) return form.showApiError(res.error);
    form.setValues({ name: '', role: '' });
  }

  async function remove(p: ProjectPartner) {
    if (!window.confirm(`${t('common.remove')} ${p.name}?`)) return;
    const res = await projectsRemovePartner({ id: p.id });
    if (!res.ok) form.setFormError(res.error.message);
  }

  return (
    <section className="subsection">
      <h2>{t('projects.partners')}</h2>
      {partners.length === 0 ? (
        <EmptyState>{t('projects.noPartners')}</EmptyState>
      ) : (
        <SortableTable
          rows={partners}
          rowKey={(p) => p.id}
          label={t('projects.partners')}
          columns={[
            {
              key: 'name',
              label: t('projects.partner'),
              value: (p) => p.name,
              cell: (p) => (
                <>
                  {p.name} {p.isCentre ? <Badge tone="muted">{t('centres.member')}</Badge> : null}
                </>
              ),
            },
            { key: 'role', label: t('projects.partnerRole'), value: (p) => p.role },
            {
              key: 'remove',
              label: t('common.remove'),
              hideLabel: true,
              className: 'table__actions',
              value: () => null,
              cell: (p) => (
                <Button variant="link" onClick={() => void remove(p)}>
                  {t('common.remove')}
                </Button>
              ),
            },
          ]}
        />
      )}
      <Form onSubmit={add} className="form form--inline" label={t('projects.addPartner')}>
        <h3>{t('projects.addPartner')}</h3>
        <ErrorBox message={form.formError} />
        <div className="form__row">
          <TextField
            name="partnerName"
            label={t('projects.partner')}
            required
            list={listId}
            value={form.values.name}
            onChange={(v) => form.set('name', v)}
            hint={
              form.values.name.trim() && !existing
                ? t('projects.newOrganisation', { name: form.values.name.trim() })
                : undefined
            }
            error={form.errors.name}
          />
          <datalist id={listId}>
            {(orgs.data ?? []).map((o) => (
              <option key={o.id} value={o.name} />
            ))}
          </datalist>
          <TextField
            name="partnerRole"
            label={t('projects.partnerRole')}
            value={form.values.role}
            onChange={(v) => form.set('role', v)}
            error={form.errors.role}
          />
        </div>
        <FormActions submitLabel={t('common.add')} />
      </Form>
    </section>
  );
}
