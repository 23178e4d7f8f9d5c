/**
 * Every enum value has a label in Bokmål and English, from the one source per domain. The
 * records are typed `Labels<Enum>` (a `Record` over the enum), so a value without a label
 * does not compile; this test walks the enum lists at run time as well, and checks that the
 * renderer's catalogues and the change log read the same words.
 */
import { describe, expect, it } from 'vitest';
import type { Label, Labels } from '../../src-shared/kernel/labels';
import { catalogueEntries, nbLabels } from '../../src-shared/kernel/labels';
import { REPORT_STATUSES } from '../../src-shared/allocations/rules';
import { REPORT_STATUS_LABELS } from '../../src-shared/allocations/labels';
import {
  ADMIN_RULES,
  FUNDER_TYPES,
  GRANT_STATUSES,
  KSS_ROLES,
  MOVEMENT_TYPES,
  PROJECT_KINDS,
  PROJECT_STATUSES,
} from '../../src-shared/grants/rules';
import {
  ADMIN_RULE_LABELS,
  GRANT_STATUS_LABELS,
  MOVEMENT_TYPE_LABELS,
} from '../../src-shared/grants/labels';
import { DRIFTSFORMER, REGIONS } from '../../src-shared/registry/centres';
import {
  DRIFTSFORM_LABELS,
  DRIFTSFORM_REPORT_LABELS,
  FUNDER_TYPE_LABELS,
  KSS_ROLE_LABELS,
  PROJECT_KIND_LABELS,
  PROJECT_STATUS_LABELS,
  REGION_LABELS,
} from '../../src-shared/registry/labels';
import {
  AUDIT_ACTION_LABELS,
  AUDIT_ACTIONS,
  AUDIT_ENTITIES,
  AUDIT_ENTITY_LABELS,
  AUDIT_FILTER_ENTITIES,
  AUDIT_FILTER_LABELS,
  BACKUP_REASON_LABELS,
  BACKUP_REASONS,
} from '../../src-shared/safety/labels';
import { auditEntityLabel, formatAuditValue } from '../../src-shared/safety/audit';
import {
  BALANCE_DECISIONS,
  CHECKLIST_KINDS,
  FISCAL_YEAR_ACTIONS,
  FISCAL_YEAR_STATUSES,
} from '../../src-shared/yearend/rules';
import {
  BALANCE_DECISION_FULL_LABELS,
  BALANCE_DECISION_LABELS,
  CHECKLIST_KIND_LABELS,
  FISCAL_YEAR_ACTION_LABELS,
  FISCAL_YEAR_STATUS_LABELS,
} from '../../src-shared/yearend/labels';
import { catalogues } from '../../src-renderer/src/i18n/messages';

interface Case {
  name: string;
  values: readonly string[];
  labels: Labels<string>;
}

const cases: Case[] = [
  { name: 'region', values: REGIONS, labels: REGION_LABELS },
  { name: 'driftsform', values: DRIFTSFORMER, labels: DRIFTSFORM_LABELS },
  { name: 'funder type', values: FUNDER_TYPES, labels: FUNDER_TYPE_LABELS },
  { name: 'project kind', values: PROJECT_KINDS, labels: PROJECT_KIND_LABELS },
  { name: 'project status', values: PROJECT_STATUSES, labels: PROJECT_STATUS_LABELS },
  { name: 'KSS role', values: KSS_ROLES, labels: KSS_ROLE_LABELS },
  { name: 'grant status', values: GRANT_STATUSES, labels: GRANT_STATUS_LABELS },
  { name: 'movement type', values: MOVEMENT_TYPES, labels: MOVEMENT_TYPE_LABELS },
  { name: 'admin rule', values: ADMIN_RULES, labels: ADMIN_RULE_LABELS },
  { name: 'report status', values: REPORT_STATUSES, labels: REPORT_STATUS_LABELS },
  { name: 'balance decision', values: BALANCE_DECISIONS, labels: BALANCE_DECISION_LABELS },
  { name: 'checklist kind', values: CHECKLIST_KINDS, labels: CHECKLIST_KIND_LABELS },
  { name: 'fiscal year status', values: FISCAL_YEAR_STATUSES, labels: FISCAL_YEAR_STATUS_LABELS },
  { name: 'fiscal year action', values: FISCAL_YEAR_ACTIONS, labels: FISCAL_YEAR_ACTION_LABELS },
  { name: 'audit action', values: AUDIT_ACTIONS, labels: AUDIT_ACTION_LABELS },
  { name: 'audit entity', values: AUDIT_ENTITIES, labels: AUDIT_ENTITY_LABELS },
  { name: 'backup reason', values: BACKUP_REASONS, labels: BACKUP_REASON_LABELS },
];

describe('enum labels', () => {
  it.each(cases)('every $name has a non-empty label in nb and en, and no extra ones', (c) => {
    expect(Object.keys(c.labels).sort()).toEqual([...c.values].sort());
    for (const value of c.values) {
      const label: Label = c.labels[value]!;
      expect(label.nb.trim(), `${c.name} ${value} (nb)`).not.toBe('');
      expect(label.en.trim(), `${c.name} ${value} (en)`).not.toBe('');
    }
  });

  it('has the full balance-decision wording and the report driftsform for every value', () => {
    for (const d of BALANCE_DECISIONS) expect(BALANCE_DECISION_FULL_LABELS[d].trim()).not.toBe('');
    for (const d of DRIFTSFORMER) expect(DRIFTSFORM_REPORT_LABELS[d].trim()).not.toBe('');
  });

  it('gives the values of one enum distinct labels in each language', () => {
    for (const c of cases) {
      for (const lang of ['nb', 'en'] as const) {
        const words = c.values.map((v) => c.labels[v]![lang]);
        expect(new Set(words).size, `${c.name} (${lang})`).toBe(words.length);
      }
    }
  });

  it('the renderer catalogues read the shared labels', () => {
    expect(catalogues.nb['grantStatus.delvis_innvilget']).toBe('Delvis innvilget');
    expect(catalogues.en['grantStatus.delvis_innvilget']).toBe('Partly awarded');
    expect(catalogues.nb['region.sor-ost']).toBe(REGION_LABELS['sor-ost'].nb);
    expect(catalogues.en['movementType.returned_by_centre']).toBe('Returned by centre');
    expect(catalogues.nb['ye.open']).toBe('Åpent');
    expect(catalogues.nb['ye.event.reopen']).toBe('Gjenåpnet');
    expect(catalogues.nb['decision.to_repay']).toBe('Skal tilbakebetales');
    expect(catalogues.nb['backupReason.pre-year-close']).toBe('Før årsavslutning');
    for (const c of cases.filter((x) => x.name === 'KSS role')) {
      for (const v of c.values) {
        expect(catalogues.nb[`role.${v}` as keyof typeof catalogues.nb]).toBe(c.labels[v]!.nb);
        expect(catalogues.en[`role.${v}` as keyof typeof catalogues.en]).toBe(c.labels[v]!.en);
      }
    }
  });

  it('the change-log filter offers the same entity types as before, in order', () => {
    expect(Object.keys(catalogueEntries('auditEntity', AUDIT_FILTER_LABELS, 'nb'))).toEqual(
      AUDIT_FILTER_ENTITIES.map((e) => `auditEntity.${e}`),
    );
    expect(Object.keys(catalogues.nb).filter((k) => k.startsWith('auditEntity.'))).toEqual(
      AUDIT_FILTER_ENTITIES.map((e) => `auditEntity.${e}`),
    );
  });

  it('the change log words values with the same labels', () => {
    expect(auditEntityLabel('checklist_exception')).toBe(
      AUDIT_ENTITY_LABELS.checklist_exception.nb,
    );
    expect(auditEntityLabel('unknown_thing')).toBe('unknown_thing');
    expect(formatAuditValue('region', 'midt-vest')).toBe('Midt-Vest');
    expect(formatAuditValue('kssRole', 'stottepartner')).toBe('Støttepartner');
    expect(formatAuditValue('status', 'open')).toBe('Åpent');
    expect(formatAuditValue('status', 'delvis_innvilget')).toBe('Delvis innvilget');
    expect(formatAuditValue('decision', 'carried_forward')).toBe(
      'Overføres til neste år (godkjent av tilskuddsyter)',
    );
    expect(formatAuditValue('type', 'returned_by_centre')).toBe(
      nbLabels(MOVEMENT_TYPE_LABELS).returned_by_centre,
    );
  });
});
