/**
 * Backups: the list (time, reason, size, contents, verified), "Ta sikkerhetskopi nå",
 * "Lagre sikkerhetskopi som…", restore with an inspect step and a confirmation showing what
 * the copy holds, and the folder/rotation settings. The same page is the recovery screen
 * when the data file cannot be opened (see RecoveryGate).
 */
import { useState, type ReactNode } from 'react';
import {
  BackupSettingsInput,
  type Backup,
  type BackupInspection,
  type BackupSettings,
  type BackupStatus,
} from '../../../../src-shared/api/contract';
import { useI18n } from '../../i18n/i18n';
import { call } from '../../lib/api';
import { saveFile } from '../../lib/files';
import { useForm } from '../../lib/form';
import { useApi, useApiMutation } from '../../lib/query';
import { Dialog } from '../../ui/dialog';
import { TextField } from '../../ui/fields';
import { Form } from '../../ui/form';
import { SortableTable } from '../../ui/sortable-table';
import { BACKUP_REASONS } from '../../../../src-shared/safety/labels';
import { Badge, Button, EmptyState, ErrorBox, Loading, PageHeader } from '../../ui/layout';
import { useToast } from '../../ui/toast';
import { LogLink } from './LogDialog';
import type { SafetyKey } from '../../i18n/safety-messages';
import {
  formatBytes,
  formatCount,
  formatInstant,
  useSafetyText,
  type SafetyText,
} from './safety-text';

function countsText(st: SafetyText, counts: Backup['counts']): string {
  const part = (n: number | null, one: SafetyKey, many: SafetyKey) =>
    n === null ? null : st(n === 1 ? one : many, { n: formatCount(n) });
  const parts = [
    part(counts.centres, 'backups.count.centre', 'backups.count.centres'),
    part(counts.grants, 'backups.count.grant', 'backups.count.grants'),
    part(counts.movements, 'backups.count.movement', 'backups.count.movements'),
  ].filter((p): p is string => p !== null);
  return parts.length > 0 ? parts.join(', ') : st('backups.count.none');
}

export function BackupsPage({ recovery }: { recovery?: BackupStatus } = {}) {
  const backupsCreate = useApiMutation('backups.create');
  const st = useSafetyText();
  const { t } = useI18n();
  const toast = useToast();
  const problem = recovery?.mode === 'recovery' ? recovery : null;
  const inRecovery = problem !== null;
  const list = useApi('backups.list', {});
  const status = useApi('backups.status', {});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [inspecting, setInspecting] = useState<string | null>(null);
  const [chosen, setChosen] = useState<BackupInspection | null>(null);

  async function createNow() {
    setBusy(true);
    setError(null);
    const res = await backupsCreate({});
    setBusy(false);
    if (!res.ok) return setError(res.error.message);
    toast(st('backups.created'));
  }

  async function saveAs(b: Backup) {
    const res = await call('backups.download', { fileName: b.fileName });
    if (!res.ok) return toast(res.error.message, 'error');
    const saved = await saveFile(res.value.fileName, res.value.contentBase64);
    if (saved.error) toast(saved.error, 'error');
    else if (saved.saved) toast(st('backups.saved'));
  }

  async function inspect(b: Backup) {
    setInspecting(b.fileName);
    setError(null);
    const res = await call('backups.inspect', { fileName: b.fileName });
    setInspecting(null);
    if (!res.ok) return setError(res.error.message);
    setChosen(res.value);
  }

  const latest = status.data?.latest ?? null;
  return (
    <section>
      <PageHeader
        title={inRecovery ? st('recovery.heading') : st('backups.heading')}
        actions={
          inRecovery ? null : (
            <Button variant="primary" onClick={() => void createNow()} disabled={busy}>
              {busy ? st('backups.creating') : st('backups.createNow')}
            </Button>
          )
        }
      />
      {problem ? (
        <div className="error-box" role="alert">
          <p>
            <strong>{st('recovery.problem', { problem: problem.problem ?? '' })}</strong>
          </p>
          <p>{st('recovery.untouched')}</p>
          <p>
            {st('recovery.dataFile')}: <code>{problem.dataFile}</code>
          </p>
        </div>
      ) : (
        <p className="muted">
          {st('backups.intro')} <LogLink />
        </p>
      )}
      <ErrorBox message={error ?? list.error} />
      {/* The chosen folder cannot be used (settings file, unplugged disk): copies go elsewhere. */}
      <ErrorBox message={status.data?.folderProblem ?? null} />
      {status.data ? (
        <p>
          {st('backups.folder')}: <code>{status.data.folder}</code>
          <br />
          {latest
            ? st('backups.latest', {
                time: formatInstant(latest.createdAtMs),
                reason: st(`backupReason.${latest.reason}`),
              })
            : null}
        </p>
      ) : null}

      <h2>{st('backups.listHeading')}</h2>
      {list.loading && !list.data ? <Loading text={t('common.loading')} /> : null}
      {list.data && list.data.length === 0 ? (
        <EmptyState>{inRecovery ? st('recovery.noBackups') : st('backups.none')}</EmptyState>
      ) : null}
      {list.data && list.data.length > 0 ? (
        <SortableTable
          rows={list.data}
          rowKey={(b) => b.fileName}
          label={st('backups.listHeading')}
          columns={[
            {
              key: 'time',
              label: st('backups.time'),
              // Instants sort as numbers; shown as dates, so left-aligned like text.
              value: (b) => b.createdAtMs,
              cell: (b) => <span title={b.fileName}>{formatInstant(b.createdAtMs)}</span>,
            },
            {
              key: 'reason',
              label: st('backups.reason'),
              kind: 'status',
              order: BACKUP_REASONS,
              value: (b) => b.reason,
              cell: (b) => st(`backupReason.${b.reason}`),
            },
            {
              key: 'size',
              label: st('backups.size'),
              kind: 'number',
              value: (b) => b.sizeBytes,
              cell: (b) => formatBytes(b.sizeBytes),
            },
            {
              key: 'contents',
              label: st('backups.contents'),
              value: (b) => countsText(st, b.counts),
            },
            {
              key: 'verified',
              label: st('backups.verified'),
              value: (b) => b.verified,
              cell: (b) =>
                b.verified ? (
                  <Badge tone="ok">{st('backups.verifiedYes')}</Badge>
                ) : (
                  <Badge tone="warn">{st('backups.verifiedNo')}</Badge>
                ),
            },
            {
              key: 'actions',
              label: t('common.edit'),
              hideLabel: true,
              className: 'table__actions',
              value: () => null,
              cell: (b) => (
                <>
                  <Button variant="link" onClick={() => void saveAs(b)}>
                    {st('backups.saveAs')}
                  </Button>
                  <Button
                    variant="link"
                    onClick={() => void inspect(b)}
                    disabled={inspecting !== null}
                  >
                    {inspecting === b.fileName ? st('backups.inspecting') : st('backups.restore')}
                  </Button>
                </>
              ),
            },
          ]}
        />
      ) : null}

      <RestoreDialog
        inspection={chosen}
        onClose={() => setChosen(null)}
        onRestored={(message) => {
          setChosen(null);
          if (inRecovery) {
            toast(st('recovery.restored'));
            // The app is whole again: start the page over so every view loads fresh data.
            window.setTimeout(() => window.location.reload(), 800);
            return;
          }
          toast(message);
        }}
      />

      <BackupSettingsSection />
    </section>
  );
}

function RestoreDialog({
  inspection,
  onClose,
  onRestored,
}: {
  inspection: BackupInspection | null;
  onClose(): void;
  onRestored(message: string): void;
}) {
  const backupsRestore = useApiMutation('backups.restore');
  const st = useSafetyText();
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const title = inspection
    ? st('backups.restoreTitle', { time: formatInstant(inspection.createdAtMs) })
    : '';

  async function restore() {
    if (!inspection) return;
    setBusy(true);
    setError(null);
    const res = await backupsRestore({ fileName: inspection.fileName, confirmed: true });
    setBusy(false);
    if (!res.ok) return setError(res.error.message);
    onRestored(
      res.value.safetyCopy
        ? st('backups.restored', { file: res.value.safetyCopy.fileName })
        : st('backups.restoredNoSafety'),
    );
  }

  function close() {
    setError(null);
    onClose();
  }

  let body: ReactNode = null;
  if (inspection) {
    body =
      inspection.problem !== null ? (
        <ErrorBox message={st('backups.cannotRestore', { problem: inspection.problem })} />
      ) : (
        <>
          <p>{st('backups.restoreWhat')}</p>
          <dl className="details">
            <dt>{st('backups.restoreCentres')}</dt>
            <dd>{formatCount(inspection.counts.centres)}</dd>
            <dt>{st('backups.restoreGrants')}</dt>
            <dd>{formatCount(inspection.counts.grants)}</dd>
            <dt>{st('backups.restoreMovements')}</dt>
            <dd>{formatCount(inspection.counts.movements)}</dd>
            <dt>{st('backups.restoreLastChange')}</dt>
            <dd>
              {inspection.lastChangeAtMs !== null ? formatInstant(inspection.lastChangeAtMs) : '—'}
            </dd>
            <dt>{st('backups.restoreIntegrity')}</dt>
            <dd>
              <Badge tone="ok">{st('backups.restoreIntegrityOk')}</Badge>
            </dd>
          </dl>
          <p>{st('backups.restoreWarning')}</p>
        </>
      );
  }

  return (
    <Dialog open={inspection !== null} title={title} onClose={close}>
      {body}
      <ErrorBox message={error} />
      <div className="form__actions">
        {inspection && inspection.problem === null ? (
          <Button variant="danger" onClick={() => void restore()} disabled={busy} autoFocus>
            {busy ? st('backups.restoring') : st('backups.restoreConfirm')}
          </Button>
        ) : null}
        <Button onClick={close} disabled={busy}>
          {t('common.cancel')}
        </Button>
      </div>
    </Dialog>
  );
}

type SettingsForm = {
  folder: string;
  keepDaily: string;
  keepWeekly: string;
  keepMonthly: string;
  keepManual: string;
};

function toForm(s: BackupSettings): SettingsForm {
  return {
    folder: s.isDefaultFolder ? '' : s.folder,
    keepDaily: String(s.keepDaily),
    keepWeekly: String(s.keepWeekly),
    keepMonthly: String(s.keepMonthly),
    keepManual: String(s.keepManual),
  };
}

/** Digits become a number; anything else goes as typed so the schema names the field. */
function asNumber(text: string): number | string {
  const trimmed = text.trim();
  return /^\d{1,9}$/.test(trimmed) ? Number(trimmed) : trimmed;
}

function BackupSettingsSection() {
  const { data } = useApi('backups.getSettings', {});
  if (!data) return null;
  return <BackupSettingsForm settings={data} />;
}

function BackupSettingsForm({ settings }: { settings: BackupSettings }) {
  const backupsSetSettings = useApiMutation('backups.setSettings');
  const st = useSafetyText();
  const { t } = useI18n();
  const toast = useToast();
  const form = useForm<SettingsForm>(toForm(settings));
  const [defaultFolder, setDefaultFolder] = useState(settings.defaultFolder);

  async function submit() {
    const v = form.values;
    const input = form.validate(BackupSettingsInput, {
      folder: v.folder,
      keepDaily: asNumber(v.keepDaily),
      keepWeekly: asNumber(v.keepWeekly),
      keepMonthly: asNumber(v.keepMonthly),
      keepManual: asNumber(v.keepManual),
    });
    if (!input) return;
    form.setBusy(true);
    const res = await backupsSetSettings(input);
    form.setBusy(false);
    if (!res.ok) return form.showApiError(res.error);
    form.setValues(toForm(res.value));
    setDefaultFolder(res.value.defaultFolder);
    toast(st('backups.settingsSaved'));
  }

  const e = form.errors;
  return (
    <section className="subsection" aria-labelledby="backup-settings-heading">
      <h2 id="backup-settings-heading">{st('backups.settingsHeading')}</h2>
      <Form className="form" onSubmit={submit} label={st('backups.settingsHeading')}>
        <ErrorBox message={form.formError} />
        <TextField
          name="folder"
          label={st('backups.settingsFolder')}
          value={form.values.folder}
          onChange={(v) => form.set('folder', v)}
          error={e.folder}
          hint={st('backups.settingsFolderHint', { folder: defaultFolder })}
          placeholder={defaultFolder}
        />
        <div className="form__row">
          <TextField
            name="keepDaily"
            label={st('backups.keepDaily')}
            inputMode="numeric"
            value={form.values.keepDaily}
            onChange={(v) => form.set('keepDaily', v)}
            error={e.keepDaily}
          />
          <TextField
            name="keepWeekly"
            label={st('backups.keepWeekly')}
            inputMode="numeric"
            value={form.values.keepWeekly}
            onChange={(v) => form.set('keepWeekly', v)}
            error={e.keepWeekly}
          />
          <TextField
            name="keepMonthly"
            label={st('backups.keepMonthly')}
            inputMode="numeric"
            value={form.values.keepMonthly}
            onChange={(v) => form.set('keepMonthly', v)}
            error={e.keepMonthly}
          />
          <TextField
            name="keepManual"
            label={st('backups.keepManual')}
            inputMode="numeric"
            value={form.values.keepManual}
            onChange={(v) => form.set('keepManual', v)}
            error={e.keepManual}
          />
        </div>
        <p className="hint">{st('backups.keepHint')}</p>
        <div className="form__actions">
          <Button variant="primary" type="submit" disabled={form.busy}>
            {form.busy ? t('common.saving') : t('common.save')}
          </Button>
          <Button onClick={() => form.set('folder', '')}>{st('backups.useDefault')}</Button>
        </div>
      </Form>
    </section>
  );
}

/**
 * Wrap the app's pages in this: when the main process runs in recovery mode (the data file
 * could not be opened) it shows the backups page as the recovery screen instead.
 */
export function RecoveryGate({ children }: { children: ReactNode }) {
  const { t } = useI18n();
  const { data, error, loading } = useApi('backups.status', {});
  if (loading && !data && !error) return <Loading text={t('common.loading')} />;
  if (data?.mode === 'recovery') return <BackupsPage recovery={data} />;
  return <>{children}</>;
}
