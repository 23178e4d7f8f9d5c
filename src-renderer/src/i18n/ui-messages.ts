/** Texts of the shared components: sortable tables, list pages, date and money fields, unsaved changes. */
export const nbUi = {
  'ui.sortBy': 'Sorter etter {label}',
  'ui.sortedAsc': 'stigende',
  'ui.sortedDesc': 'synkende',
  'ui.noMatches': 'Ingen treff. Endre eller nullstill filteret.',
  'ui.clearFilters': 'Nullstill filteret',
  'ui.filters': 'Filter',
  'ui.rowCount': '{n} rader',
  'ui.dateInvalid': '{label} må være en gyldig dato (dd.mm.åååå).',
  'ui.kr': 'kr',
  'ui.prevPage': 'Forrige',
  'ui.nextPage': 'Neste',
  'ui.showing': 'Viser {from}–{to} av {total}',
};

export const enUi: Record<keyof typeof nbUi, string> = {
  'ui.sortBy': 'Sort by {label}',
  'ui.sortedAsc': 'ascending',
  'ui.sortedDesc': 'descending',
  'ui.noMatches': 'No matches. Change or clear the filter.',
  'ui.clearFilters': 'Clear the filter',
  'ui.filters': 'Filters',
  'ui.rowCount': '{n} rows',
  'ui.dateInvalid': '{label} must be a valid date (dd.mm.yyyy).',
  'ui.kr': 'NOK',
  'ui.prevPage': 'Previous',
  'ui.nextPage': 'Next',
  'ui.showing': 'Showing {from}–{to} of {total}',
};
