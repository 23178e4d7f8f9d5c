/**
 * The data-safety pages read their texts from nbSafety/enSafety directly (same language as
 * the rest of the app), so they work whether or not the catalogue in i18n/messages.ts has
 * merged them yet. Also small formatters the backup and history pages share.
 */
import { useCallback } from 'react';
import { formatInstant } from '../../../../src-shared/safety/audit';
import { useI18n } from '../../i18n/i18n';
import { enSafety, nbSafety, type SafetyKey } from '../../i18n/safety-messages';
import { fillPlaceholders } from '../../i18n/translate';

export type SafetyText = (key: SafetyKey, vars?: Record<string, string | number>) => string;

export function useSafetyText(): SafetyText {
  const { lang } = useI18n();
  return useCallback<SafetyText>(
    (key, vars) => {
      return fillPlaceholders((lang === 'en' ? enSafety : nbSafety)[key], vars);
    },
    [lang],
  );
}

/** True when the key exists in the catalogue (e.g. `auditEntity.${entity}`). */
export function isSafetyKey(key: string): key is SafetyKey {
  return Object.prototype.hasOwnProperty.call(nbSafety, key);
}

export { formatInstant };

const sizeFormat = new Intl.NumberFormat('nb-NO', { maximumFractionDigits: 1 });

/** 443 392 → "433 kB"; 5 300 000 → "5,1 MB". */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${sizeFormat.format(Math.round(bytes / 1024))} kB`;
  return `${sizeFormat.format(bytes / (1024 * 1024))} MB`;
}

export { formatCount } from '../../lib/format';
