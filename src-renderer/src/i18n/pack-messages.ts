/** UI texts for the application pack (Søknadspakke). */
export const nbPack = {
  'pack.button': 'Søknadspakke (Word)',
  'pack.title': 'Søknadspakke (Word)',
  'pack.intro':
    'Word-filen får prosjektbeskrivelse, partnere, tidligere tilskudd fra tilskuddsyteren, nøkkeltall, fjorårets resultat, scenarioene og budsjettlinjene under.',
  'pack.budget': 'Budsjettlinjer',
  'pack.lineLabel': 'Budsjettpost {n}',
  'pack.lineAmount': 'Beløp {n}',
  'pack.addLine': 'Legg til budsjettlinje',
  'pack.make': 'Lag Word-fil',
  'pack.making': 'Lager …',
  'pack.saved': 'Søknadspakken er lagret.',
  'pack.cancel': 'Avbryt',
  'pack.needsLabel': 'Budsjettpost {n} må fylles ut når beløpet er fylt ut.',
};

export const enPack: Record<keyof typeof nbPack, string> = {
  'pack.button': 'Application pack (Word)',
  'pack.title': 'Application pack (Word)',
  'pack.intro':
    'The Word file gets the project description, partners, earlier grants from the funder, key figures, last year’s result, the scenarios and the budget lines below.',
  'pack.budget': 'Budget lines',
  'pack.lineLabel': 'Budget item {n}',
  'pack.lineAmount': 'Amount {n}',
  'pack.addLine': 'Add budget line',
  'pack.make': 'Make Word file',
  'pack.making': 'Making …',
  'pack.saved': 'The application pack is saved.',
  'pack.cancel': 'Cancel',
  'pack.needsLabel': 'Budget item {n} must be filled in when the amount is.',
};
