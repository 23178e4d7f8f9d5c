/**
 * Endringslogg: every change in a period (and optionally one kind of record), newest first,
 * with paging and an xlsx export for the auditor.
 */
import { useState } from 'react';
import { AuditExportInput } from '../../../../src-shared/api/contract';
import { toFieldIssues } from '../../../../src-shared/api/issues';
import { useI18n } from '../../i18n/i18n';
import { call } from '../../lib/api';
import { saveFile } from '../../lib/files';
import { dateInputToIso, isoToDateInput, todayIso } from '../../lib/format';
import { useApi } from '../../lib/query';
import { DateField } from '../../ui/date-field';
import { SelectField } from '../../ui/fields';
import { Button, EmptyState, ErrorBox, Loading, PageHeader } from '../../ui/layout';
import { useToast } from '../../ui/toast';
import { AUDIT_FILTER_ENTITIES } from '../../../../src-shared/safety/labels';
import { auditEntityLabel } from '../../../../src-shared/safety/audit';
import { useSafetyText } from './safety-text';
import { HistoryTable } from './ChangeList';

const PAGE = 50;

export function HistoryPage() {
  const st = useSafetyText();
  const { t, lang } = useI18n();
  const toast = useToast();
  const today = todayIso();
  const [from, setFrom] = useState(isoToDateInput(`${today.slice(0, 4)}-01-01`));
  const [to, setTo] = useState(isoToDateInput(today));
  const [entity, setEntity] = useState('');
  const [offset, setOffset] = useState(0);
  const [exporting, setExporting] = useState(false);
  const [exportError, setExportError] = useState<string | null>(null);

  const filter = {
    fromDate: dateInputToIso(from),
    toDate: dateInputToIso(to),
    entity: entity || null,
  };
  const { data, error, loading } = useApi('audit.list', { ...filter, limit: PAGE, offset });

  function change(set: (v: string) => void) {
    return (v: string) => {
      set(v);
      setOffset(0);
    };
  }

  async function exportXlsx() {
    setExportError(null);
    const parsed = AuditExportInput.safeParse(filter);
    if (!parsed.success) {
      return setExportError(
        toFieldIssues(parsed.error)[0]?.message ?? st('history.exportNeedsPeriod'),
      );
    }
    setExporting(true);
    const res = await call('audit.exportXlsx', parsed.data);
    setExporting(false);
    if (!res.ok) return setExportError(res.error.message);
    const saved = await saveFile(res.value.fileName, res.value.contentBase64);
    if (saved.error) setExportError(saved.error);
    else if (saved.saved) toast(st('history.exported'));
  }

  return (
    <section>
      <PageHeader
        title={st('history.heading')}
        actions={
          <Button onClick={() => void exportXlsx()} disabled={exporting}>
            {exporting ? st('history.exporting') : st('history.export')}
          </Button>
        }
      />
      <p className="muted">{st('history.intro')}</p>
      <div className="filters" role="search">
        <DateField
          name="fromDate"
          label={st('history.from')}
          value={from}
          onChange={change(setFrom)}
        />
        <DateField name="toDate" label={st('history.to')} value={to} onChange={change(setTo)} />
        <SelectField
          name="entity"
          label={st('history.entity')}
          value={entity}
          onChange={change(setEntity)}
          options={AUDIT_FILTER_ENTITIES.map((e) => ({
            value: e,
            label: auditEntityLabel(e, lang),
          })).sort((a, b) => a.label.localeCompare(b.label, 'nb'))}
          placeholder={t('common.all')}
        />
      </div>
      <ErrorBox message={exportError ?? error} />
      {loading && !data ? <Loading text={t('common.loading')} /> : null}
      {data && data.rows.length === 0 ? <EmptyState>{st('history.empty')}</EmptyState> : null}
      {data && data.rows.length > 0 ? (
        <>
          <HistoryTable rows={data.rows} label={st('history.heading')} withRecord />
          <div className="actions-row">
            <span className="muted">
              {st('history.showing', {
                from: data.offset + 1,
                to: data.offset + data.rows.length,
                total: data.total,
              })}
            </span>
            <Button
              variant="link"
              disabled={offset === 0 || loading}
              onClick={() => setOffset((o) => Math.max(0, o - PAGE))}
            >
              {st('history.previous')}
            </Button>
            <Button
              variant="link"
              disabled={data.offset + data.rows.length >= data.total || loading}
              onClick={() => setOffset((o) => o + PAGE)}
            >
              {st('history.next')}
            </Button>
          </div>
        </>
      ) : null}
    </section>
  );
}
