import { useState } from 'react';
import {
  MembershipAddInput,
  MembershipDeleteInput,
  MembershipUpdateInput,
  type Centre,
  type Membership,
} from '../../../../../src-shared/api/contract';
import { formatOrgNumber } from '../../../../../src-shared/kernel/orgnr';
import { useI18n } from '../../../i18n/i18n';
import { dateInputToIso, formatIsoDate, isoToDateInput } from '../../../lib/format';
import { useForm } from '../../../lib/form';
import { Link, navigate } from '../../../lib/router';
import { useApi, useApiMutation } from '../../../lib/query';
import { DateField } from '../../../ui/date-field';
import { Dialog } from '../../../ui/dialog';
import { TextField } from '../../../ui/fields';
import { Badge, Button, EmptyState, ErrorBox, Loading, PageHeader } from '../../../ui/layout';
import { useToast } from '../../../ui/toast';
import { CentreAllocations } from '../../allocations/CentreAllocations';
import { HistoryPanel } from '../../safety/HistoryPanel';
import { Form, FormActions } from '../../../ui/form';
import { NotFound } from '../../../ui/not-found';
import { SortableTable } from '../../../ui/sortable-table';

export function CentreDetailPage({ id }: { id: number }) {
  const { t } = useI18n();
  const { data: centre, error, notFound, setData } = useApi('centres.get', { id });
  if (notFound) return <NotFound back="/centres" />;
  if (error) {
    return (
      <section>
        <ErrorBox message={error} />
        <Link to="/centres">{t('common.back')}</Link>
      </section>
    );
  }
  if (!centre) return <Loading text={t('common.loading')} />;
  return (
    <section>
      <PageHeader
        title={centre.name}
        actions={
          <>
            <Button onClick={() => navigate('/centres')}>{t('common.back')}</Button>
            <Button variant="primary" onClick={() => navigate(`/centres/${id}/edit`)}>
              {t('common.edit')}
            </Button>
          </>
        }
      />
      <dl className="details">
        <dt>{t('centres.driftsform')}</dt>
        <dd>{t(`driftsform.${centre.driftsform}`)}</dd>
        <dt>{t('centres.region')}</dt>
        <dd>{t(`region.${centre.region}`)}</dd>
        <dt>{t('centres.dailyLeader')}</dt>
        <dd>{centre.dailyLeader ?? '—'}</dd>
        <dt>{t('centres.contactEmail')}</dt>
        <dd>
          {centre.contactEmail ? (
            <a href={`mailto:${centre.contactEmail}`}>{centre.contactEmail}</a>
          ) : (
            '—'
          )}
        </dd>
        <dt>{t('centres.orgNumber')}</dt>
        <dd>{centre.orgNumber ? formatOrgNumber(centre.orgNumber) : '—'}</dd>
        <dt>{t('centres.memberStatus')}</dt>
        <dd>
          {centre.isMember ? (
            <Badge tone="ok">{t('centres.member')}</Badge>
          ) : (
            <Badge tone="muted">{t('centres.notMember')}</Badge>
          )}
        </dd>
        {centre.notes ? (
          <>
            <dt>{t('common.notes')}</dt>
            <dd className="pre">{centre.notes}</dd>
          </>
        ) : null}
      </dl>
      <Memberships centre={centre} onChange={setData} />
      <CentreAllocations centreId={centre.id} />
      <HistoryPanel entity="centre" entityId={centre.id} />
    </section>
  );
}

const EMPTY_PERIOD = { joinedDate: '', leftDate: '', note: '' };

function Memberships({ centre, onChange }: { centre: Centre; onChange(c: Centre): void }) {
  const centresUpdateMembership = useApiMutation('centres.updateMembership');
  const centresAddMembership = useApiMutation('centres.addMembership');
  const { t } = useI18n();
  const toast = useToast();
  const form = useForm(EMPTY_PERIOD);
  const [editing, setEditing] = useState<Membership | null>(null);
  const [deleting, setDeleting] = useState<Membership | null>(null);

  function startEdit(m: Membership) {
    setEditing(m);
    form.setValues({
      joinedDate: isoToDateInput(m.joinedDate),
      leftDate: isoToDateInput(m.leftDate),
      note: m.note ?? '',
    });
    form.setErrors({});
    form.setFormError(null);
  }

  function reset() {
    setEditing(null);
    form.setValues(EMPTY_PERIOD);
    form.setErrors({});
    form.setFormError(null);
  }

  async function submit() {
    const base = {
      joinedDate: dateInputToIso(form.values.joinedDate),
      leftDate: dateInputToIso(form.values.leftDate),
      note: form.values.note,
    };
    form.setBusy(true);
    try {
      const res = editing
        ? await (async () => {
            const input = form.validate(MembershipUpdateInput, { id: editing.id, ...base });
            return input ? centresUpdateMembership(input) : null;
          })()
        : await (async () => {
            const input = form.validate(MembershipAddInput, { centreId: centre.id, ...base });
            return input ? centresAddMembership(input) : null;
          })();
      if (!res) return;
      if (!res.ok) return form.showApiError(res.error);
      onChange(res.value);
      toast(t('memberships.saved'));
      reset();
    } finally {
      form.setBusy(false);
    }
  }

  return (
    <section className="subsection" aria-labelledby="memberships-heading">
      <h2 id="memberships-heading">{t('memberships.heading')}</h2>
      {centre.memberships.length === 0 ? (
        <EmptyState>{t('memberships.empty')}</EmptyState>
      ) : (
        <SortableTable
          rows={centre.memberships}
          rowKey={(m) => m.id}
          label={t('memberships.heading')}
          columns={[
            {
              key: 'joined',
              label: t('memberships.joined'),
              kind: 'date',
              value: (m) => m.joinedDate,
            },
            {
              key: 'left',
              label: t('memberships.left'),
              kind: 'date',
              value: (m) => m.leftDate,
              cell: (m) => (m.leftDate ? formatIsoDate(m.leftDate) : t('memberships.ongoing')),
            },
            { key: 'note', label: t('memberships.note'), value: (m) => m.note },
            {
              key: 'actions',
              label: t('common.edit'),
              hideLabel: true,
              className: 'table__actions',
              value: () => null,
              cell: (m) => (
                <>
                  <Button variant="link" onClick={() => startEdit(m)}>
                    {t('memberships.endEdit')}
                  </Button>
                  <Button variant="link" onClick={() => setDeleting(m)}>
                    {t('common.delete')}
                  </Button>
                </>
              ),
            },
          ]}
        />
      )}

      <Form
        onSubmit={submit}
        className="form form--inline"
        label={editing ? t('memberships.endEdit') : t('memberships.add')}
      >
        <h3>{editing ? t('memberships.endEdit') : t('memberships.add')}</h3>
        <ErrorBox message={form.formError} />
        <div className="form__row">
          <DateField label={t('memberships.joined')} required {...form.bind('joinedDate')} />
          <DateField
            label={t('memberships.left')}
            hint={t('memberships.leftHint')}
            {...form.bind('leftDate')}
          />
          <TextField label={t('memberships.note')} {...form.bind('note')} />
        </div>
        <div className="form__actions">
          <Button variant="primary" type="submit" disabled={form.busy}>
            {form.busy ? t('common.saving') : t('common.save')}
          </Button>
          {editing ? <Button onClick={reset}>{t('common.cancel')}</Button> : null}
        </div>
      </Form>

      <DeleteMembershipDialog
        membership={deleting}
        onClose={() => setDeleting(null)}
        onDeleted={(c) => {
          setDeleting(null);
          onChange(c);
          toast(t('memberships.deleted'));
        }}
      />
    </section>
  );
}

function DeleteMembershipDialog({
  membership,
  onClose,
  onDeleted,
}: {
  membership: Membership | null;
  onClose(): void;
  onDeleted(c: Centre): void;
}) {
  const centresDeleteMembership = useApiMutation('centres.deleteMembership');
  const { t } = useI18n();
  const form = useForm({ reason: '' });
  const period = membership
    ? `${formatIsoDate(membership.joinedDate)}–${membership.leftDate ? formatIsoDate(membership.leftDate) : ''}`
    : '';
  async function confirm() {
    if (!membership) return;
    const input = form.validate(MembershipDeleteInput, {
      id: membership.id,
      reason: form.values.reason,
    });
    if (!input) return;
    const res = await centresDeleteMembership(input);
    if (!res.ok) return form.showApiError(res.error);
    form.setValues({ reason: '' });
    onDeleted(res.value);
  }
  return (
    <Dialog
      open={membership !== null}
      title={t('memberships.deleteConfirm', { period })}
      onClose={onClose}
    >
      <Form onSubmit={confirm}>
        <TextField
          label={t('memberships.deleteReason')}
          required
          autoFocus
          {...form.bind('reason')}
        />
        <FormActions danger submitLabel={t('common.delete')} onCancel={onClose} />
      </Form>
    </Dialog>
  );
}
