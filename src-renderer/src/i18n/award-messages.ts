/** UI texts for award changes, suggested year splits and EUR grants (issue 10.3, 10.4, 10.8). */
export const nbAwards = {
  'awards.heading': 'Tildelingshistorikk',
  'awards.hint':
    'Vedtaket og senere endringer slik tilskuddsyterens brev forteller dem. Endringer datert i et avsluttet år er låst.',
  'awards.kind.award': 'Vedtak',
  'awards.kind.correction': 'Rettet',
  'awards.kind.top_up': 'Endring (tillegg/reduksjon)',
  'awards.date': 'Vedtaksdato',
  'awards.change': 'Endring',
  'awards.total': 'Innvilget totalt',
  'awards.reference': 'Referanse',
  'awards.reason': 'Begrunnelse',
  'awards.kind': 'Hva',
  'awards.correct': 'Rett vedtaket',
  'awards.correctTitle': 'Rett innvilget beløp og vedtaksdato',
  'awards.correctHint':
    'Rett et feilregistrert vedtak. Det opprinnelige står igjen i historikken; begrunnelsen er påkrevd.',
  'awards.topUp': 'Registrer tillegg',
  'awards.topUpTitle': 'Tillegg eller reduksjon av tilskuddet',
  'awards.topUpHint':
    'Et nytt vedtak fra tilskuddsyteren, for eksempel 500 000 kr ekstra senere i året. Skriv et negativt beløp for en reduksjon.',
  'awards.amount': 'Innvilget beløp',
  'awards.changeAmount': 'Beløp for endringen',
  'awards.saved': 'Tildelingen er oppdatert.',
  'awards.previousDate': 'før: {date}',
  'split.suggestion': '(forslag)',
  'split.unconfirmed':
    'Fordelingen er et forslag fra appen og er ikke bekreftet. Kontroller den mot vedtaksbrevet.',
  'split.confirm': 'Bekreft fordelingen',
  'split.confirmed': 'Fordelingen er bekreftet.',
  'split.byDays': 'Foreslå etter aktivitetsdager',
  'split.decisionYear': 'Alt i vedtaksåret',
  'eur.amount': 'Beløp i euro',
  'eur.currency': 'Valuta',
  'eur.awarded': 'Innvilget beløp i euro',
  'eur.rate': 'Kurs {rate}',
} as const;

export type AwardKey = keyof typeof nbAwards;

export const enAwards: Record<AwardKey, string> = {
  'awards.heading': 'Award history',
  'awards.hint':
    'The decision and later changes as the funder’s letters tell them. Changes dated in a closed year are locked.',
  'awards.kind.award': 'Decision',
  'awards.kind.correction': 'Corrected',
  'awards.kind.top_up': 'Change (top-up/reduction)',
  'awards.date': 'Decision date',
  'awards.change': 'Change',
  'awards.total': 'Awarded in total',
  'awards.reference': 'Reference',
  'awards.reason': 'Reason',
  'awards.kind': 'What',
  'awards.correct': 'Correct the decision',
  'awards.correctTitle': 'Correct awarded amount and decision date',
  'awards.correctHint':
    'Correct a mistyped decision. The original stays in the history; a reason is required.',
  'awards.topUp': 'Record a top-up',
  'awards.topUpTitle': 'Top-up or reduction of the grant',
  'awards.topUpHint':
    'A new decision from the funder, e.g. 500 000 kr extra later in the year. Type a negative amount for a reduction.',
  'awards.amount': 'Awarded amount',
  'awards.changeAmount': 'Amount of the change',
  'awards.saved': 'The award is updated.',
  'awards.previousDate': 'before: {date}',
  'split.suggestion': '(suggestion)',
  'split.unconfirmed':
    'The split is the app’s suggestion and is not confirmed. Check it against the decision letter.',
  'split.confirm': 'Confirm the split',
  'split.confirmed': 'The split is confirmed.',
  'split.byDays': 'Suggest by activity days',
  'split.decisionYear': 'All in the decision year',
  'eur.amount': 'Amount in euro',
  'eur.currency': 'Currency',
  'eur.awarded': 'Awarded amount in euro',
  'eur.rate': 'Rate {rate}',
};
