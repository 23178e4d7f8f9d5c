/** Units offered for key figures (free text is allowed too); the first is the default. */
export const KEY_FIGURE_UNIT_SUGGESTIONS = [
  'antall',
  'kr',
  'prosent',
  'timer',
  'personer',
] as const;
