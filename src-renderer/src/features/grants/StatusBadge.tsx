import type { GrantStatus } from '../../../../src-shared/grants/rules';
import { useI18n } from '../../i18n/i18n';
import { Badge } from '../../ui/layout';

const TONE: Record<GrantStatus, 'ok' | 'warn' | 'muted'> = {
  utkast: 'muted',
  sokt: 'warn',
  innvilget: 'ok',
  delvis_innvilget: 'ok',
  avslatt: 'muted',
  trukket: 'muted',
  avsluttet: 'muted',
};

export function StatusBadge({ status }: { status: GrantStatus }) {
  const { t } = useI18n();
  return <Badge tone={TONE[status]}>{t(`grantStatus.${status}`)}</Badge>;
}
