/**
 * Import from Excel/CSV: choose what to import and a file, check the columns the app
 * suggests (or choose others), see every row with its problems in Norwegian, and only then
 * import, after an explicit confirmation. Nothing is saved before that; the main process
 * takes a backup first and saves all rows in one transaction, or none.
 */
import { useRef, useState, type ReactNode } from 'react';
import type { ImportPreview, ImportResult } from '../../../../src-shared/api/contract';
import {
  IMPORT_FIELDS,
  IMPORT_KINDS,
  IMPORT_MAX_BYTES,
  MIXED_ENCODING_LABEL,
  type CsvEncoding,
  type ImportKind,
} from '../../../../src-shared/import/rules';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/messages';
import { call } from '../../lib/api';
import { Link } from '../../lib/router';
import { useApi, useApiMutation } from '../../lib/query';
import { Dialog } from '../../ui/dialog';
import { SelectField, TextField } from '../../ui/fields';
import { Badge, Button, EmptyState, ErrorBox, Loading, PageHeader } from '../../ui/layout';
import { useToast } from '../../ui/toast';
import { formatBytes, formatInstant } from '../safety/safety-text';
import { countText, formatCount, formatValue, useImportText, type ImportText } from './import-text';

/** Rows drawn in the preview table at most; the counts above it cover every row. */
const MAX_SHOWN_ROWS = 500;

const TARGET_PAGE: Record<ImportKind, { to: string; label: MessageKey }> = {
  centres: { to: '/centres', label: 'nav.centres' },
  funders: { to: '/funders', label: 'nav.funders' },
  grants: { to: '/grants', label: 'nav.grants' },
  allocations: { to: '/rounds', label: 'nav.rounds' },
};

interface ChosenFile {
  name: string;
  contentBase64: string;
}

/** The file's bytes as base64 (a data: URL without its prefix). */
function readBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const url = String(reader.result ?? '');
      resolve(url.slice(url.indexOf(',') + 1));
    };
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.readAsDataURL(file);
  });
}

function separatorName(it: ImportText, separator: string | null): string {
  if (separator === ',') return it('import.separator.comma');
  if (separator === '\t') return it('import.separator.tab');
  return it('import.separator.semicolon');
}

export function ImportPage() {
  const importCommit = useApiMutation('import.commit');
  const it = useImportText();
  const { t } = useI18n();
  const toast = useToast();
  const [kind, setKind] = useState<ImportKind>('centres');
  const [file, setFile] = useState<ChosenFile | null>(null);
  // CSV: the character set she chose for a file that is not all UTF-8; null = found.
  const [encoding, setEncoding] = useState<CsvEncoding | null>(null);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<'reading' | 'importing' | null>(null);
  const [onlyProblems, setOnlyProblems] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [reason, setReason] = useState('');
  const [done, setDone] = useState<(ImportResult & { fileName: string }) | null>(null);
  const history = useApi('import.list', {});
  const fileInput = useRef<HTMLInputElement>(null);
  // Answers to an earlier request (an older file or mapping) are dropped.
  const latest = useRef(0);

  async function runPreview(
    nextKind: ImportKind,
    chosen: ChosenFile,
    mapping: Record<string, string | null> | null,
    chosenEncoding: CsvEncoding | null = encoding,
  ) {
    const n = ++latest.current;
    setBusy('reading');
    setError(null);
    const res = await call('import.preview', {
      kind: nextKind,
      fileName: chosen.name,
      contentBase64: chosen.contentBase64,
      mapping,
      encoding: chosenEncoding,
    });
    if (n !== latest.current) return;
    setBusy(null);
    if (!res.ok) {
      setPreview(null);
      setError(res.error.message);
      return;
    }
    setPreview(res.value);
  }

  async function chooseFile(picked: File | undefined) {
    latest.current++;
    setDone(null);
    setPreview(null);
    setReason('');
    setError(null);
    setFile(null);
    setEncoding(null);
    setBusy(null);
    if (!picked) return;
    if (picked.size > IMPORT_MAX_BYTES) {
      setError(it('import.tooBig', { size: formatBytes(picked.size) }));
      return;
    }
    let contentBase64: string;
    try {
      contentBase64 = await readBase64(picked);
    } catch {
      setError(it('import.unreadable'));
      return;
    }
    const chosen = { name: picked.name, contentBase64 };
    setFile(chosen);
    await runPreview(kind, chosen, null, null);
  }

  function chooseKind(next: ImportKind) {
    setKind(next);
    setDone(null);
    setReason('');
    if (file) void runPreview(next, file, null);
  }

  function chooseColumn(field: string, column: string) {
    if (!file || !preview) return;
    void runPreview(kind, file, { ...preview.mapping, [field]: column === '' ? null : column });
  }

  function chooseEncoding(value: string) {
    const next = value === '' ? null : (value as CsvEncoding);
    setEncoding(next);
    if (file && preview) void runPreview(kind, file, preview.mapping, next);
  }

  function startOver() {
    setDone(null);
    setFile(null);
    setEncoding(null);
    setPreview(null);
    setReason('');
    setError(null);
    if (fileInput.current) fileInput.current.value = '';
  }

  async function importNow() {
    if (!file || !preview) return;
    setBusy('importing');
    setError(null);
    const res = await importCommit({
      kind: preview.kind,
      fileName: file.name,
      contentBase64: file.contentBase64,
      mapping: preview.mapping,
      encoding,
      fileHash: preview.fileHash,
      confirmed: true,
      duplicateReason: reason.trim() === '' ? null : reason,
    });
    setBusy(null);
    setConfirming(false);
    if (!res.ok) {
      // The data may have changed since the preview: show the rows as they stand now, and why.
      await runPreview(preview.kind, file, preview.mapping);
      setError(res.error.message);
      return;
    }
    const result = { ...res.value, fileName: file.name };
    startOver();
    setDone(result);
    toast(
      it('import.done', {
        what: countText(it, result.kind, result.imported),
        file: result.fileName,
      }),
    );
  }

  const fields = IMPORT_FIELDS[kind];
  const last = preview?.previousImports[0];
  const needsReason = preview?.alreadyImported === true && reason.trim() === '';
  const canImport = preview !== null && preview.canImport && !needsReason && busy === null;

  return (
    <section>
      <PageHeader title={it('import.heading')} />
      <p className="hint">{it('import.intro')}</p>

      <div className="form">
        <SelectField
          name="kind"
          label={it('import.kind')}
          value={kind}
          onChange={(v) => chooseKind(v as ImportKind)}
          options={IMPORT_KINDS.map((k) => ({ value: k, label: it(`import.kind.${k}`) }))}
          hint={it('import.fields', {
            fields: fields.map((f) => (f.required ? `${f.label} *` : f.label)).join(', '),
          })}
        />
        <div className="field">
          <label htmlFor="import-file">{it('import.file')}</label>
          <input
            ref={fileInput}
            id="import-file"
            name="file"
            type="file"
            accept=".csv,.txt,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            aria-describedby="import-file-hint"
            onChange={(ev) => void chooseFile(ev.target.files?.[0])}
          />
          <div className="field__hint" id="import-file-hint">
            {it('import.fileHint')}
          </div>
        </div>
      </div>

      <ErrorBox message={error} />
      {busy === 'reading' ? <Loading text={it('import.reading')} /> : null}

      {done ? (
        <div className="card" role="status">
          <p>
            <strong>
              {it('import.done', {
                what: countText(it, done.kind, done.imported),
                file: done.fileName,
              })}
            </strong>
          </p>
          {done.backupFileName ? (
            <p className="hint">{it('import.doneBackup', { backup: done.backupFileName })}</p>
          ) : null}
          <div className="actions-row">
            <Link to={TARGET_PAGE[done.kind].to}>
              {it('import.goTo', { page: t(TARGET_PAGE[done.kind].label) })}
            </Link>
            <Button onClick={startOver}>{it('import.another')}</Button>
          </div>
        </div>
      ) : null}

      {!file && !done && !error && busy === null ? (
        <EmptyState>
          <p>{it('import.empty')}</p>
        </EmptyState>
      ) : null}

      {preview && file ? (
        <>
          <p>
            {preview.format === 'xlsx'
              ? it('import.summaryXlsx', { file: preview.fileName, sheet: preview.sheetName ?? '' })
              : it('import.summaryCsv', {
                  file: preview.fileName,
                  separator: separatorName(it, preview.separator),
                  encoding: preview.encoding ?? '',
                })}{' '}
            <strong>
              {it('import.counts', {
                rows: formatCount(preview.rows.length),
                ok: formatCount(preview.okCount),
                bad: formatCount(preview.problemCount),
              })}
            </strong>
          </p>
          {preview.fileProblems.length > 0 ? (
            <div className="error-box" role="alert">
              <ul>
                {preview.fileProblems.map((p) => (
                  <li key={p}>{p}</li>
                ))}
              </ul>
            </div>
          ) : null}

          {preview.format === 'csv' &&
          (encoding !== null || preview.encoding === MIXED_ENCODING_LABEL) ? (
            <div className="filters">
              <SelectField
                name="encoding"
                label={it('import.encoding')}
                value={encoding ?? ''}
                onChange={chooseEncoding}
                placeholder={it('import.encodingFound')}
                options={[
                  { value: 'utf-8', label: 'UTF-8' },
                  { value: 'windows-1252', label: 'Windows-1252' },
                ]}
                hint={it('import.encodingHint')}
              />
            </div>
          ) : null}

          <h2>{it('import.mappingHeading')}</h2>
          <p className="hint">{it('import.mappingHint')}</p>
          <div className="filters">
            {fields.map((f) => (
              <SelectField
                key={`${kind}-${f.key}`}
                name={`column-${f.key}`}
                label={f.label}
                required={f.required}
                value={preview.mapping[f.key] ?? ''}
                onChange={(v) => chooseColumn(f.key, v)}
                options={preview.columns.map((c) => ({ value: c, label: c }))}
                placeholder={it('import.notInFile')}
                hint={f.hint}
              />
            ))}
          </div>

          <PreviewTable preview={preview} onlyProblems={onlyProblems} it={it}>
            <label className="checkbox">
              <input
                type="checkbox"
                name="onlyProblems"
                checked={onlyProblems}
                onChange={(ev) => setOnlyProblems(ev.target.checked)}
              />{' '}
              {it('import.onlyProblems')}
            </label>
          </PreviewTable>

          {preview.alreadyImported && last ? (
            <div className="error-box" role="alert">
              <p>
                {it('import.already', {
                  when: formatInstant(last.importedAtMs),
                  what: countText(it, last.kind, last.rowCount),
                  file: last.fileName,
                })}
              </p>
              <p>{it('import.alreadyHint')}</p>
              <TextField
                name="duplicateReason"
                label={it('import.duplicateReason')}
                value={reason}
                onChange={setReason}
              />
            </div>
          ) : null}

          <div className="form__actions">
            <Button variant="primary" disabled={!canImport} onClick={() => setConfirming(true)}>
              {it('import.submit', { n: formatCount(preview.rows.length) })}
            </Button>
            <Button onClick={startOver}>{t('common.cancel')}</Button>
          </div>
          {!preview.canImport ? <p className="hint">{it('import.fixFirst')}</p> : null}
        </>
      ) : null}

      <Dialog
        open={confirming && preview !== null}
        title={it('import.confirmTitle')}
        onClose={() => setConfirming(false)}
      >
        {preview ? (
          <>
            <p>
              {it('import.confirmText', {
                what: countText(it, preview.kind, preview.rows.length),
                file: preview.fileName,
              })}
            </p>
            <div className="form__actions">
              <Button variant="primary" disabled={busy !== null} onClick={() => void importNow()}>
                {busy === 'importing' ? it('import.importing') : it('import.confirm')}
              </Button>
              <Button onClick={() => setConfirming(false)}>{t('common.cancel')}</Button>
            </div>
          </>
        ) : null}
      </Dialog>

      <h2>{it('import.history')}</h2>
      {history.data && history.data.length === 0 ? (
        <p className="muted">{it('import.historyEmpty')}</p>
      ) : null}
      {history.data && history.data.length > 0 ? (
        <table className="table" aria-label={it('import.history')}>
          <thead>
            <tr>
              <th scope="col">{it('import.historyTime')}</th>
              <th scope="col">{it('import.historyKind')}</th>
              <th scope="col">{it('import.historyFile')}</th>
              <th scope="col" className="num">
                {it('import.historyRows')}
              </th>
            </tr>
          </thead>
          <tbody>
            {history.data.map((h) => (
              <tr key={h.id}>
                <td>{formatInstant(h.importedAtMs)}</td>
                <td>{it(`import.kind.${h.kind}`)}</td>
                <td>{h.fileName}</td>
                <td className="num">{formatCount(h.rowCount)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}

function PreviewTable({
  preview,
  onlyProblems,
  it,
  children,
}: {
  preview: ImportPreview;
  onlyProblems: boolean;
  it: ImportText;
  children: ReactNode;
}) {
  const fields = IMPORT_FIELDS[preview.kind].filter((f) => preview.mapping[f.key] != null);
  const rows = onlyProblems ? preview.rows.filter((r) => r.problems.length > 0) : preview.rows;
  const shown = rows.slice(0, MAX_SHOWN_ROWS);
  return (
    <>
      <h2>{it('import.previewHeading')}</h2>
      {children}
      {onlyProblems && rows.length === 0 ? (
        <p className="muted">{it('import.noProblemRows')}</p>
      ) : null}
      {shown.length > 0 ? (
        <div className="table-scroll">
          <table className="table" aria-label={it('import.previewHeading')}>
            <thead>
              <tr>
                <th scope="col">{it('import.row')}</th>
                {fields.map((f) => (
                  <th scope="col" key={f.key} className={f.type === 'amount' ? 'num' : undefined}>
                    {f.label}
                  </th>
                ))}
                <th scope="col">{it('import.check')}</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((r) => (
                <tr key={r.rowNumber}>
                  <td>{r.rowNumber}</td>
                  {fields.map((f) => (
                    <td key={f.key} className={f.type === 'amount' ? 'num' : undefined}>
                      {formatValue(f, r.values[f.key])}
                    </td>
                  ))}
                  <td>
                    {r.problems.length === 0 ? (
                      <Badge tone="ok">
                        {r.action === 'update' ? it('import.update') : it('import.ok')}
                      </Badge>
                    ) : (
                      <ul className="field__error">
                        {r.problems.map((p, i) => (
                          <li key={i}>{p.message}</li>
                        ))}
                      </ul>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {rows.length > shown.length ? (
        <p className="muted">
          {it('import.shown', {
            shown: formatCount(shown.length),
            total: formatCount(rows.length),
          })}
        </p>
      ) : null}
    </>
  );
}
