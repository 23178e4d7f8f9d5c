/** UI texts for corrections in the right year and plausibility warnings (issue 10.1, 10.2, 10.7). */
export const nbCorrections = {
  'corr.ruleOpen':
    'Korrigeringen føres i {year}, samme år som bevegelsen den korrigerer; du kan velge en annen dato i samme år.',
  'corr.ruleClosed':
    'Regnskapsåret {year} er avsluttet: bevegelsen kan bare korrigeres i {first}, det første åpne året, med en begrunnelse.',
  'corr.inFirstOpenYear': 'Korriger i første åpne år ({year})',
  'corr.correctedAmount': 'Riktig beløp (valgfritt)',
  'corr.correctedHint':
    'Fylles ut når bevegelsen skulle hatt et annet beløp; da føres riktig beløp samtidig.',
  'corr.saved': 'Bevegelsen er korrigert.',
  'corr.corrects': 'Erstatter #{id}',
  'plaus.heading': 'Advarsel før lagring',
  'plaus.intro': 'Beløpet ser feil ut. Rett det, eller lagre likevel med en begrunnelse.',
  'plaus.reason': 'Begrunnelse for å lagre likevel',
  'plaus.saveAnyway': 'Lagre likevel',
  'ye.priorCorrections': 'Korreksjoner av tidligere år',
  'ye.priorCorrectionsEmpty': 'Ingen korreksjoner av tidligere år er ført i {year}.',
  'ye.priorOriginal': 'Korrigerer #{id} ({date}, {amount})',
  'ye.priorKind.reversal': 'Motpostering',
  'ye.priorKind.corrected_entry': 'Riktig beløp',
};

export type CorrectionKey = keyof typeof nbCorrections;

export const enCorrections: Record<CorrectionKey, string> = {
  'corr.ruleOpen':
    'The correction is recorded in {year}, the year of the movement it corrects; you may pick another date in the same year.',
  'corr.ruleClosed':
    'The fiscal year {year} is closed: the movement can only be corrected in {first}, the first open year, with a reason.',
  'corr.inFirstOpenYear': 'Correct in the first open year ({year})',
  'corr.correctedAmount': 'Right amount (optional)',
  'corr.correctedHint':
    'Fill in when the movement should have had another amount; it is recorded at the same time.',
  'corr.saved': 'The movement is corrected.',
  'corr.corrects': 'Replaces #{id}',
  'plaus.heading': 'Warning before saving',
  'plaus.intro': 'The amount looks wrong. Correct it, or save anyway with a reason.',
  'plaus.reason': 'Reason for saving anyway',
  'plaus.saveAnyway': 'Save anyway',
  'ye.priorCorrections': 'Corrections of earlier years',
  'ye.priorCorrectionsEmpty': 'No corrections of earlier years were recorded in {year}.',
  'ye.priorOriginal': 'Corrects #{id} ({date}, {amount})',
  'ye.priorKind.reversal': 'Reversal',
  'ye.priorKind.corrected_entry': 'Right amount',
};
