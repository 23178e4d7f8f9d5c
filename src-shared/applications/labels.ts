/** Norwegian labels of the application domain's enums, once. */
import type { ApplicationSort, CapKind } from './rules';

export const CAP_KIND_LABEL: Record<CapKind, string> = {
  year: 'Per år',
  scheme: 'Per tilskuddsordning',
};

export const APPLICATION_SORT_LABEL: Record<ApplicationSort, string> = {
  deadline: 'Søknadsfrist',
  funder: 'Tilskuddsyter',
  applied: 'Søkt beløp',
  project: 'Prosjekt',
  status: 'Status',
  scenario: 'Scenario',
};

export const PIPELINE_VIEW_LABEL = {
  list: 'Liste',
  columns: 'Kolonner',
} as const;
export type PipelineView = keyof typeof PIPELINE_VIEW_LABEL;
