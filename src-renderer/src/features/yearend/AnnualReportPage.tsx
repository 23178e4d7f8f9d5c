/** The annual report's project and member tables for a year: copy into Word, or download. */
import { useState } from 'react';
import { useI18n } from '../../i18n/i18n';
import { call } from '../../lib/api';
import { saveFile } from '../../lib/files';
import { todayIso } from '../../lib/format';
import { useApi } from '../../lib/query';
import { Button, EmptyState, ErrorBox, Loading, PageHeader } from '../../ui/layout';
import { useToast } from '../../ui/toast';
import { YearSelect } from './YearEndPage';

/** Puts an HTML table (pastes into Word as a table) and a tab-separated fallback on the clipboard. */
async function copyTable(html: string, tsv: string): Promise<void> {
  if (typeof ClipboardItem !== 'undefined' && navigator.clipboard?.write) {
    await navigator.clipboard.write([
      new ClipboardItem({
        'text/html': new Blob([html], { type: 'text/html' }),
        'text/plain': new Blob([tsv], { type: 'text/plain' }),
      }),
    ]);
    return;
  }
  await navigator.clipboard.writeText(tsv);
}

export function AnnualReportPage() {
  const { t } = useI18n();
  const toast = useToast();
  const [year, setYear] = useState(Number(todayIso().slice(0, 4)) - 1);
  const projects = useApi('annualReport.projects', { year });
  const members = useApi('annualReport.members', { year });

  async function copy(html: string, tsv: string) {
    try {
      await copyTable(html, tsv);
      toast(t('ar.copied'));
    } catch {
      toast(tsv, 'error');
    }
  }
  async function download(method: 'annualReport.projectsXlsx' | 'annualReport.membersXlsx') {
    const res = await call(method, { year });
    if (!res.ok) return toast(res.error.message, 'error');
    await saveFile(res.value.fileName, res.value.contentBase64);
  }

  return (
    <section>
      <PageHeader title={t('ar.heading')} />
      <div className="filters">
        <YearSelect year={year} onChange={setYear} />
      </div>
      <section className="subsection" aria-labelledby="ar-projects">
        <h2 id="ar-projects">{t('ar.projects')}</h2>
        <ErrorBox message={projects.error} />
        {projects.data && projects.data.rows.length === 0 ? (
          <EmptyState>{t('ar.noProjects')}</EmptyState>
        ) : projects.data ? (
          <>
            <table className="table" aria-label={t('ar.projects')}>
              <thead>
                <tr>
                  {projects.data.headers.map((h) => (
                    <th scope="col" key={h}>
                      {h}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {projects.data.rows.map((r) => (
                  <tr key={r.projectId}>
                    <td>{r.name}</td>
                    <td>{r.partners}</td>
                    <td>{r.funders}</td>
                    <td>{r.sizeText}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <div className="actions-row">
              <Button onClick={() => void copy(projects.data!.html, projects.data!.tsv)}>
                {t('ar.copy')}
              </Button>
              <Button onClick={() => void download('annualReport.projectsXlsx')}>
                {t('ar.xlsx')}
              </Button>
            </div>
          </>
        ) : (
          <Loading text={t('common.loading')} />
        )}
      </section>
      <section className="subsection" aria-labelledby="ar-members">
        <h2 id="ar-members">{t('ar.members')}</h2>
        <ErrorBox message={members.error} />
        {members.data ? (
          <>
            <p>{members.data.summary}</p>
            <table className="table" aria-label={t('ar.members')}>
              <thead>
                <tr>
                  {members.data.headers.map((h) => (
                    <th scope="col" key={h}>
                      {h}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {members.data.rows.map((r) => (
                  <tr key={r.centreId}>
                    <td>{r.number}</td>
                    <td>{r.name}</td>
                    <td>{r.driftsformLabel}</td>
                    <td>{r.regionLabel}</td>
                    <td>{r.dailyLeader ?? ''}</td>
                    <td>{r.contactEmail ?? ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <div className="actions-row">
              <Button onClick={() => void copy(members.data!.html, members.data!.tsv)}>
                {t('ar.copy')}
              </Button>
              <Button onClick={() => void download('annualReport.membersXlsx')}>
                {t('ar.xlsx')}
              </Button>
            </div>
          </>
        ) : (
          <Loading text={t('common.loading')} />
        )}
      </section>
    </section>
  );
}
