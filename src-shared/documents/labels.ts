/** Kinds of note in a grant's or a funder's timeline, and their Norwegian labels. */
export const NOTE_KINDS = ['call', 'email', 'meeting', 'decision', 'other'] as const;
export type NoteKind = (typeof NOTE_KINDS)[number];

export const NOTE_KIND_LABELS: Record<NoteKind, string> = {
  call: 'Telefonsamtale',
  email: 'E-post',
  meeting: 'Møte',
  decision: 'Vedtak',
  other: 'Annet',
};
