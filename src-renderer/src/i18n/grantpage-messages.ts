/** The grant page as tabs (issue 13.3) and its windowed ledger (issue 14). */
export const nbGrantPage = {
  'grantPage.tabs': 'Deler av tilskuddet',
  'grantPage.tab.overview': 'Oversikt',
  'grantPage.tab.application': 'Søknad',
  'grantPage.tab.movements': 'Bevegelser',
  'grantPage.tab.split': 'Fordeling per år',
  'grantPage.tab.awards': 'Tildelinger',
  'grantPage.tab.deadlines': 'Frister',
  'grantPage.tab.notes': 'Notater og dokumenter',
  'grantPage.tab.history': 'Historikk',
  'grantPage.yearWarnings': 'Dette endrer årets tall',
  'grantPage.splitMismatch':
    'Fordelingen per år ({sum}) er ikke lik innvilget beløp ({awarded}). Saldoene per år følger fordelingen.',
  'grantPage.goToSplit': 'Gå til fordeling per år',
  'grantPage.noRounds': 'Ingen tildelingsrunder er opprettet for tilskuddet.',
  'grantPage.movementsScroll': 'Bevegelser, {n} rader; rull i tabellen for å se alle',
} as const;

export const enGrantPage: Record<keyof typeof nbGrantPage, string> = {
  'grantPage.tabs': 'Parts of the grant',
  'grantPage.tab.overview': 'Overview',
  'grantPage.tab.application': 'Application',
  'grantPage.tab.movements': 'Movements',
  'grantPage.tab.split': 'Split by year',
  'grantPage.tab.awards': 'Awards',
  'grantPage.tab.deadlines': 'Deadlines',
  'grantPage.tab.notes': 'Notes and documents',
  'grantPage.tab.history': 'History',
  'grantPage.yearWarnings': 'This changes the year’s figures',
  'grantPage.splitMismatch':
    'The split by year ({sum}) does not equal the awarded amount ({awarded}). The year balances follow the split.',
  'grantPage.goToSplit': 'Go to split by year',
  'grantPage.noRounds': 'No allocation rounds have been opened for this grant.',
  'grantPage.movementsScroll': 'Movements, {n} rows; scroll the table to see them all',
};
