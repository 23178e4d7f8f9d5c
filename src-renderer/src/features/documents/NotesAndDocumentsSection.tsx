/**
 * «Notater og dokumenter» on a grant or a funder: the dated note timeline (newest first) with
 * a form to add a note, and the attached documents with upload, open (desktop: the system's
 * default program) or download, and delete after a confirmation with a reason for the
 * change log.
 */
import { useRef, useState } from 'react';
import {
  NoteCreateInput,
  type DocumentSummary,
  type Note,
} from '../../../../src-shared/api/contract';
import { NOTE_KIND_LABELS, NOTE_KINDS } from '../../../../src-shared/documents/labels';
import {
  fileNameProblem,
  formatBytes,
  MAX_DOCUMENT_BYTES,
} from '../../../../src-shared/documents/rules';
import { useI18n } from '../../i18n/i18n';
import { call } from '../../lib/api';
import { saveFile } from '../../lib/files';
import { dateInputToIso, formatIsoDate, todayIso, isoToDateInput } from '../../lib/format';
import { useForm } from '../../lib/form';
import { useApi, useWrite } from '../../lib/query';
import { Dialog } from '../../ui/dialog';
import { DateField } from '../../ui/date-field';
import { SelectField, TextAreaField, TextField } from '../../ui/fields';
import { Form, FormActions } from '../../ui/form';
import { Button, EmptyState, ErrorBox } from '../../ui/layout';
import { useToast } from '../../ui/toast';

export type NotesOwner = { grantId: number } | { funderId: number };

export function NotesAndDocumentsSection({ owner }: { owner: NotesOwner }) {
  const { t } = useI18n();
  const notes = useApi('notes.list', owner);
  const docs = useApi('documents.list', owner);
  return (
    <section className="subsection" aria-labelledby="notes-docs-heading">
      <h2 id="notes-docs-heading">{t('docs.heading')}</h2>
      <NotesPart
        owner={owner}
        notes={notes.data ?? []}
        error={notes.error}
        onChange={notes.reload}
      />
      <DocumentsPart
        owner={owner}
        docs={docs.data ?? []}
        error={docs.error}
        onChange={docs.reload}
      />
    </section>
  );
}

function NotesPart({
  owner,
  notes,
  error,
  onChange,
}: {
  owner: NotesOwner;
  notes: readonly Note[];
  error: string | null;
  onChange(): void;
}) {
  const write = useWrite();
  const { t } = useI18n();
  const toast = useToast();
  const form = useForm({ date: isoToDateInput(todayIso()), kind: 'call', text: '' });

  async function add() {
    const input = form.validate(NoteCreateInput, {
      ...owner,
      date: dateInputToIso(form.values.date),
      kind: form.values.kind,
      text: form.values.text,
    });
    if (!input) return;
    const res = await write('notes.add', input);
    if (!res.ok) return form.showApiError(res.error);
    form.setValues((v) => ({ ...v, text: '' }));
    toast(t('docs.noteSaved'));
    onChange();
  }

  async function remove(n: Note) {
    if (!window.confirm(t('docs.removeNoteConfirm', { date: formatIsoDate(n.date) }))) return;
    const res = await write('notes.remove', { id: n.id });
    if (!res.ok) return form.setFormError(res.error.message);
    onChange();
  }

  return (
    <>
      <h3>{t('docs.notes')}</h3>
      <ErrorBox message={error} />
      {notes.length === 0 ? (
        <EmptyState>{t('docs.noNotes')}</EmptyState>
      ) : (
        <ol className="timeline" aria-label={t('docs.notes')}>
          {notes.map((n) => (
            <li key={n.id}>
              <strong>{formatIsoDate(n.date)}</strong> · {NOTE_KIND_LABELS[n.kind]}
              <div className="pre">{n.text}</div>
              <Button variant="link" onClick={() => void remove(n)}>
                {t('common.delete')}
              </Button>
            </li>
          ))}
        </ol>
      )}
      <Form onSubmit={add} className="form form--inline" label={t('docs.addNote')}>
        <ErrorBox message={form.formError} />
        <div className="form__row">
          <DateField label={t('docs.noteDate')} required {...form.bind('date')} />
          <SelectField
            label={t('docs.noteKind')}
            options={NOTE_KINDS.map((k) => ({ value: k, label: NOTE_KIND_LABELS[k] }))}
            {...form.bind('kind')}
          />
        </div>
        <TextAreaField label={t('docs.noteText')} {...form.bind('text')} />
        <FormActions submitLabel={t('docs.addNote')} />
      </Form>
    </>
  );
}

/** The file's bytes as base64 (without the data-URL prefix). */
function readBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const url = String(reader.result);
      resolve(url.slice(url.indexOf(',') + 1));
    };
    reader.onerror = () => reject(new Error('read'));
    reader.readAsDataURL(file);
  });
}

function DocumentsPart({
  owner,
  docs,
  error,
  onChange,
}: {
  owner: NotesOwner;
  docs: readonly DocumentSummary[];
  error: string | null;
  onChange(): void;
}) {
  const write = useWrite();
  const { t } = useI18n();
  const toast = useToast();
  const fileRef = useRef<HTMLInputElement>(null);
  const form = useForm({ description: '' });
  const [file, setFile] = useState<File | null>(null);
  const [deleting, setDeleting] = useState<DocumentSummary | null>(null);

  async function upload() {
    if (!file) return form.setErrors({ file: t('docs.chooseFile') });
    const problem =
      fileNameProblem(file.name) ??
      (file.size > MAX_DOCUMENT_BYTES
        ? 'Filen er for stor. Et dokument kan være høyst 10 MB.'
        : null);
    if (problem) return form.setErrors({ file: problem });
    form.setBusy(true);
    try {
      const res = await write('documents.upload', {
        ...owner,
        fileName: file.name,
        contentBase64: await readBase64(file),
        description: form.values.description || null,
      });
      if (!res.ok) {
        const { fileName, contentBase64, ...rest } = Object.fromEntries(
          (res.error.issues ?? []).map((i) => [i.path, i.message]),
        );
        form.setErrors({
          ...rest,
          ...(fileName || contentBase64 ? { file: fileName ?? contentBase64 ?? '' } : {}),
        });
        return form.setFormError(res.error.message);
      }
      toast(t('docs.uploaded.toast', { name: res.value.fileName }));
      form.setValues({ description: '' });
      setFile(null);
      if (fileRef.current) fileRef.current.value = '';
      onChange();
    } finally {
      form.setBusy(false);
    }
  }

  async function download(d: DocumentSummary) {
    const res = await call('documents.download', { id: d.id });
    if (!res.ok) return toast(res.error.message, 'error');
    const saved = await saveFile(res.value.fileName, res.value.contentBase64);
    if (saved.error) toast(saved.error, 'error');
  }

  async function open(d: DocumentSummary) {
    const res = await call('documents.open', { id: d.id });
    if (!res.ok) toast(res.error.message, 'error');
  }

  return (
    <>
      <h3>{t('docs.documents')}</h3>
      <ErrorBox message={error} />
      {docs.length === 0 ? (
        <EmptyState>{t('docs.noDocuments')}</EmptyState>
      ) : (
        <table className="table" aria-label={t('docs.documents')}>
          <thead>
            <tr>
              <th scope="col">{t('docs.fileName')}</th>
              <th scope="col">{t('docs.description')}</th>
              <th scope="col" className="num">
                {t('docs.size')}
              </th>
              <th scope="col">{t('docs.uploaded')}</th>
              <th scope="col">
                <span className="sr-only">{t('docs.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {docs.map((d) => (
              <tr key={d.id}>
                <td>{d.fileName}</td>
                <td>{d.description ?? ''}</td>
                <td className="num">{formatBytes(d.sizeBytes)}</td>
                <td>{new Date(d.uploadedAtMs).toLocaleDateString('nb-NO')}</td>
                <td className="table__actions">
                  {window.tilskudd ? (
                    <Button variant="link" onClick={() => void open(d)}>
                      {t('docs.open')}
                    </Button>
                  ) : null}
                  <Button variant="link" onClick={() => void download(d)}>
                    {t('docs.download')}
                  </Button>
                  <Button variant="link" onClick={() => setDeleting(d)}>
                    {t('docs.delete')}
                  </Button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Form onSubmit={upload} className="form form--inline" label={t('docs.upload')}>
        <ErrorBox message={form.formError} />
        <div className="form__row">
          <div className={`field${form.errors.file ? ' field--error' : ''}`}>
            <label htmlFor="document-file">{t('docs.file')}</label>
            <input
              id="document-file"
              ref={fileRef}
              type="file"
              aria-describedby="document-file-hint"
              onChange={(e) => {
                setFile(e.target.files?.[0] ?? null);
                form.setErrors({});
              }}
            />
            {form.errors.file ? (
              <div className="field__error" role="alert">
                {form.errors.file}
              </div>
            ) : (
              <div className="field__hint" id="document-file-hint">
                {t('docs.limitHint')}
              </div>
            )}
          </div>
          <TextField label={t('docs.description')} {...form.bind('description')} />
        </div>
        <FormActions submitLabel={t('docs.upload')} busy={form.busy} />
      </Form>
      <DeleteDocumentDialog
        doc={deleting}
        onClose={() => setDeleting(null)}
        onDeleted={() => {
          setDeleting(null);
          toast(t('docs.deleted'));
          onChange();
        }}
      />
    </>
  );
}

function DeleteDocumentDialog({
  doc,
  onClose,
  onDeleted,
}: {
  doc: DocumentSummary | null;
  onClose(): void;
  onDeleted(): void;
}) {
  const write = useWrite();
  const { t } = useI18n();
  const form = useForm({ reason: '' });
  async function confirm() {
    if (!doc) return;
    const res = await write('documents.remove', { id: doc.id, reason: form.values.reason || null });
    if (!res.ok) return form.showApiError(res.error);
    form.setValues({ reason: '' });
    onDeleted();
  }
  return (
    <Dialog
      open={doc !== null}
      title={t('docs.deleteTitle', { name: doc?.fileName ?? '' })}
      onClose={onClose}
    >
      <Form onSubmit={confirm}>
        <ErrorBox message={form.formError} />
        <TextField label={t('docs.deleteReason')} autoFocus {...form.bind('reason')} />
        <FormActions danger submitLabel={t('docs.delete')} onCancel={onClose} />
      </Form>
    </Dialog>
  );
}
