/**
 * «Vis logg» on the backups page: a link that opens the last lines of the production log
 * (`system.log`) in a dialog, fetched when opened.
 */
import { useState } from 'react';
import type { Output } from '../../../../src-shared/api/contract';
import { useI18n } from '../../i18n/i18n';
import { call } from '../../lib/api';
import { Dialog } from '../../ui/dialog';
import { Button, ErrorBox, Loading } from '../../ui/layout';
import { useSafetyText } from './safety-text';

export function LogLink() {
  const st = useSafetyText();
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const [log, setLog] = useState<Output<'system.log'> | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function show() {
    setOpen(true);
    setLog(null);
    setError(null);
    const res = await call('system.log', {});
    if (res.ok) setLog(res.value);
    else setError(res.error.message);
  }

  return (
    <>
      <Button variant="link" onClick={() => void show()}>
        {st('log.show')}
      </Button>
      <Dialog open={open} title={st('log.heading')} onClose={() => setOpen(false)}>
        <ErrorBox message={error} />
        {log === null && error === null ? <Loading text={st('log.loading')} /> : null}
        {log ? (
          <>
            <p className="muted">{st('log.intro', { file: log.file ?? '–' })}</p>
            {log.lines.length === 0 ? (
              <p>{st('log.empty')}</p>
            ) : (
              <pre className="log-lines" tabIndex={0}>
                {log.lines.join('\n')}
              </pre>
            )}
          </>
        ) : null}
        <div className="form__actions">
          <Button onClick={() => setOpen(false)}>{t('common.close')}</Button>
        </div>
      </Dialog>
    </>
  );
}
