/**
 * What can be imported and the fields of each kind: the Norwegian label the contract's schemas
 * use, the header names (Norwegian and English) that suggest a column for a field, and the
 * words a cell may use for each choice. A declarative table; the rules are in rules.ts and
 * cells.ts.
 */
import { GRANT_STATUS_LABELS } from '../grants/labels';
import { DRIFTSFORM_LABELS, FUNDER_TYPE_LABELS, REGION_LABELS } from '../registry/labels';

export const IMPORT_KINDS = ['centres', 'funders', 'grants', 'allocations'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

export type ImportFieldType = 'text' | 'amount' | 'date' | 'integer' | 'percent' | 'choice';

export interface ImportChoice {
  value: string;
  /** How it is shown and named in messages. */
  label: string;
  /** Words in a cell that mean this choice (compared with `headerKey`). */
  words: readonly string[];
}

export interface ImportField {
  key: string;
  /** The Norwegian label, the same as the contract's schema uses in its messages. */
  label: string;
  required: boolean;
  type: ImportFieldType;
  /** Header names that suggest this field (Norwegian and English; compared with `headerKey`). */
  synonyms: readonly string[];
  choices?: readonly ImportChoice[];
  /** A short note shown beside the field when choosing columns. */
  hint?: string;
}

const DRIFTSFORM_CHOICES: readonly ImportChoice[] = [
  {
    value: 'kommunalt',
    label: DRIFTSFORM_LABELS.kommunalt.nb,
    words: ['kommunalt', 'kommunal', 'kommune', 'municipal'],
  },
  {
    value: 'iks',
    // The import keeps the short form; the register writes «Interkommunalt selskap (IKS)».
    label: 'IKS',
    words: ['iks', 'interkommunalt selskap', 'interkommunalt', 'inter-municipal company'],
  },
  {
    value: 'stiftelse',
    label: DRIFTSFORM_LABELS.stiftelse.nb,
    words: ['stiftelse', 'foundation'],
  },
  {
    value: 'ideell',
    label: DRIFTSFORM_LABELS.ideell.nb,
    words: ['ideell', 'ideell organisasjon', 'ideell forening', 'non-profit', 'nonprofit'],
  },
];

const REGION_CHOICES: readonly ImportChoice[] = [
  {
    value: 'sor-ost',
    label: REGION_LABELS['sor-ost'].nb,
    words: ['sør-øst', 'sørøst', 'south-east', 'southeast'],
  },
  { value: 'nord', label: REGION_LABELS.nord.nb, words: ['nord', 'north'] },
  {
    value: 'midt-vest',
    label: REGION_LABELS['midt-vest'].nb,
    words: ['midt-vest', 'midtvest', 'central-west'],
  },
];

const FUNDER_TYPE_CHOICES: readonly ImportChoice[] = [
  {
    value: 'departement',
    label: FUNDER_TYPE_LABELS.departement.nb,
    words: ['departement', 'ministry'],
  },
  {
    value: 'direktorat',
    label: FUNDER_TYPE_LABELS.direktorat.nb,
    words: ['direktorat', 'directorate'],
  },
  {
    value: 'stiftelse',
    label: FUNDER_TYPE_LABELS.stiftelse.nb,
    words: ['stiftelse', 'foundation'],
  },
  {
    value: 'forskningsrad',
    label: FUNDER_TYPE_LABELS.forskningsrad.nb,
    words: ['forskningsråd', 'research council'],
  },
  {
    value: 'internasjonal',
    label: FUNDER_TYPE_LABELS.internasjonal.nb,
    words: ['internasjonal', 'international'],
  },
  {
    value: 'kommune',
    label: FUNDER_TYPE_LABELS.kommune.nb,
    words: ['kommune', 'fylkeskommune', 'municipality'],
  },
  { value: 'annen', label: FUNDER_TYPE_LABELS.annen.nb, words: ['annen', 'annet', 'other'] },
];

const GRANT_STATUS_CHOICES: readonly ImportChoice[] = [
  { value: 'utkast', label: GRANT_STATUS_LABELS.utkast.nb, words: ['utkast', 'draft'] },
  { value: 'sokt', label: GRANT_STATUS_LABELS.sokt.nb, words: ['søkt', 'sendt', 'applied'] },
  {
    value: 'innvilget',
    label: GRANT_STATUS_LABELS.innvilget.nb,
    words: ['innvilget', 'tilsagn', 'awarded', 'granted'],
  },
  {
    value: 'delvis_innvilget',
    label: GRANT_STATUS_LABELS.delvis_innvilget.nb,
    words: ['delvis innvilget', 'delvis', 'partly awarded'],
  },
  {
    value: 'avslatt',
    label: GRANT_STATUS_LABELS.avslatt.nb,
    words: ['avslått', 'avslag', 'rejected'],
  },
  { value: 'trukket', label: GRANT_STATUS_LABELS.trukket.nb, words: ['trukket', 'withdrawn'] },
  {
    value: 'avsluttet',
    label: GRANT_STATUS_LABELS.avsluttet.nb,
    words: ['avsluttet', 'closed'],
  },
];

const NAME = ['navn', 'name', 'navn på senter', 'senter', 'krisesenter', 'organisasjon'];
const ORG_NUMBER = [
  'organisasjonsnummer',
  'org.nr',
  'orgnr',
  'org nr',
  'org.nummer',
  'organisation number',
  'organization number',
  'orgnumber',
];
const NOTES = ['merknad', 'merknader', 'kommentar', 'notat', 'notes', 'note', 'comment'];

export const IMPORT_FIELDS: Record<ImportKind, readonly ImportField[]> = {
  centres: [
    { key: 'name', label: 'Navn', required: true, type: 'text', synonyms: NAME },
    {
      key: 'driftsform',
      label: 'Driftsform',
      required: true,
      type: 'choice',
      choices: DRIFTSFORM_CHOICES,
      synonyms: [
        'driftsform',
        'driftsmodell',
        'eierform',
        'organisasjonsform',
        'form of operation',
      ],
    },
    {
      key: 'region',
      label: 'Region',
      required: true,
      type: 'choice',
      choices: REGION_CHOICES,
      synonyms: ['region', 'landsdel'],
    },
    {
      key: 'dailyLeader',
      label: 'Daglig leder',
      required: false,
      type: 'text',
      synonyms: ['daglig leder', 'leder', 'director', 'manager', 'daily leader'],
    },
    {
      key: 'contactEmail',
      label: 'Kontakt-e-post',
      required: false,
      type: 'text',
      synonyms: ['kontakt-e-post', 'e-post', 'epost', 'e-mail', 'email', 'kontakt', 'contact'],
    },
    {
      key: 'orgNumber',
      label: 'Organisasjonsnummer',
      required: false,
      type: 'text',
      synonyms: ORG_NUMBER,
    },
    {
      key: 'joinedDate',
      label: 'Medlem fra',
      required: false,
      type: 'date',
      synonyms: ['medlem fra', 'medlem siden', 'innmeldt', 'member from', 'member since', 'joined'],
      hint: 'Gir senteret en medlemsperiode fra denne datoen.',
    },
    { key: 'notes', label: 'Merknad', required: false, type: 'text', synonyms: NOTES },
  ],
  funders: [
    {
      key: 'name',
      label: 'Navn',
      required: true,
      type: 'text',
      synonyms: ['navn', 'name', 'tilskuddsyter', 'funder', 'giver'],
    },
    {
      key: 'funderType',
      label: 'Type tilskuddsyter',
      required: true,
      type: 'choice',
      choices: FUNDER_TYPE_CHOICES,
      synonyms: ['type tilskuddsyter', 'type', 'kategori', 'funder type', 'category'],
    },
    {
      key: 'orgNumber',
      label: 'Organisasjonsnummer',
      required: false,
      type: 'text',
      synonyms: ORG_NUMBER,
    },
    {
      key: 'website',
      label: 'Nettside',
      required: false,
      type: 'text',
      synonyms: ['nettside', 'nettsted', 'hjemmeside', 'website', 'web', 'url'],
    },
    { key: 'notes', label: 'Merknad', required: false, type: 'text', synonyms: NOTES },
  ],
  grants: [
    {
      key: 'project',
      label: 'Prosjekt',
      required: true,
      type: 'text',
      synonyms: ['prosjekt', 'tiltak', 'prosjekt/tiltak', 'project'],
      hint: 'Navnet på et registrert prosjekt eller tiltak.',
    },
    {
      key: 'funder',
      label: 'Tilskuddsyter',
      required: true,
      type: 'text',
      synonyms: ['tilskuddsyter', 'giver', 'funder', 'finansiør'],
      hint: 'Navnet på en registrert tilskuddsyter.',
    },
    {
      key: 'title',
      label: 'Tittel',
      required: true,
      type: 'text',
      synonyms: ['tittel', 'navn', 'tilskudd', 'title', 'name', 'grant'],
    },
    {
      key: 'schemeName',
      label: 'Tilskuddsordning',
      required: false,
      type: 'text',
      synonyms: ['tilskuddsordning', 'ordning', 'scheme'],
    },
    {
      key: 'reference',
      label: 'Referanse hos tilskuddsyter',
      required: false,
      type: 'text',
      synonyms: ['referanse', 'referanse hos tilskuddsyter', 'saksnummer', 'ref', 'reference'],
    },
    {
      key: 'editionYear',
      label: 'År (utgave)',
      required: false,
      type: 'integer',
      synonyms: ['år', 'utgave', 'year'],
    },
    {
      key: 'appliedOre',
      label: 'Søkt beløp',
      required: false,
      type: 'amount',
      synonyms: ['søkt beløp', 'søkt', 'søknadsbeløp', 'applied', 'applied amount'],
    },
    {
      key: 'appliedDate',
      label: 'Søknadsdato',
      required: false,
      type: 'date',
      synonyms: ['søknadsdato', 'søkt dato', 'application date'],
    },
    {
      key: 'awardedOre',
      label: 'Innvilget beløp',
      required: false,
      type: 'amount',
      synonyms: ['innvilget beløp', 'innvilget', 'tilsagn', 'beløp', 'awarded', 'amount'],
    },
    {
      key: 'decisionDate',
      label: 'Vedtaksdato',
      required: false,
      type: 'date',
      synonyms: ['vedtaksdato', 'tilsagnsdato', 'vedtak', 'dato', 'decision date', 'date'],
    },
    {
      key: 'status',
      label: 'Status',
      required: false,
      type: 'choice',
      choices: GRANT_STATUS_CHOICES,
      synonyms: ['status'],
      hint: 'Tom: «Innvilget» når innvilget beløp er fylt ut, ellers «Søkt» eller «Utkast».',
    },
    {
      key: 'periodFrom',
      label: 'Tilskuddsperiode fra',
      required: false,
      type: 'date',
      synonyms: ['tilskuddsperiode fra', 'periode fra', 'fra', 'period from', 'from'],
    },
    {
      key: 'periodTo',
      label: 'Tilskuddsperiode til',
      required: false,
      type: 'date',
      synonyms: ['tilskuddsperiode til', 'periode til', 'til', 'period to', 'to'],
    },
    {
      key: 'activityFrom',
      label: 'Aktivitetsperiode fra',
      required: false,
      type: 'date',
      synonyms: ['aktivitetsperiode fra', 'aktivitet fra', 'activity from'],
    },
    {
      key: 'activityTo',
      label: 'Aktivitetsperiode til',
      required: false,
      type: 'date',
      synonyms: ['aktivitetsperiode til', 'aktivitet til', 'activity to'],
    },
    {
      key: 'adminPercent',
      label: 'Administrasjonsandel (%)',
      required: false,
      type: 'percent',
      synonyms: ['administrasjonsandel', 'adm.andel', 'admandel', 'admin share'],
      hint: 'Prosentsats, for eksempel 10 eller 7,5. Tom: ingen administrasjonsandel.',
    },
    { key: 'notes', label: 'Merknad', required: false, type: 'text', synonyms: NOTES },
  ],
  allocations: [
    {
      key: 'round',
      label: 'Tildelingsrunde',
      required: true,
      type: 'text',
      synonyms: ['tildelingsrunde', 'runde', 'round', 'runde-id'],
      hint: 'Navnet eller id-en til en registrert tildelingsrunde.',
    },
    {
      key: 'centre',
      label: 'Senter',
      required: true,
      type: 'text',
      synonyms: ['senter', 'medlemssenter', 'krisesenter', 'navn', 'centre', 'center', 'name'],
      hint: 'Navnet (eller organisasjonsnummeret) til et registrert medlemssenter.',
    },
    {
      key: 'appliedOre',
      label: 'Søkt beløp',
      required: true,
      type: 'amount',
      synonyms: ['søkt beløp', 'søkt', 'søknadsbeløp', 'beløp', 'applied', 'amount'],
    },
    {
      key: 'awardedOre',
      label: 'Tildelt beløp',
      required: false,
      type: 'amount',
      synonyms: ['tildelt beløp', 'tildelt', 'innvilget', 'awarded'],
    },
    {
      key: 'decisionDate',
      label: 'Vedtaksdato',
      required: false,
      type: 'date',
      synonyms: ['vedtaksdato', 'vedtak', 'dato', 'decision date', 'date'],
    },
    {
      key: 'overrideReason',
      label: 'Begrunnelse for unntak',
      required: false,
      type: 'text',
      synonyms: ['begrunnelse for unntak', 'begrunnelse', 'unntak', 'override reason'],
      hint: 'Trengs bare når senteret ikke er medlem på vedtaksdatoen.',
    },
    {
      key: 'purpose',
      label: 'Formål',
      required: false,
      type: 'text',
      synonyms: ['formål', 'purpose', 'beskrivelse'],
    },
    {
      key: 'expectedParticipants',
      label: 'Forventet antall deltakere',
      required: false,
      type: 'integer',
      synonyms: ['forventet antall deltakere', 'antall deltakere', 'deltakere', 'participants'],
    },
    {
      key: 'receivedDate',
      label: 'Mottatt dato',
      required: false,
      type: 'date',
      synonyms: ['mottatt dato', 'mottatt', 'søknad mottatt', 'received'],
    },
  ],
};

export function importField(kind: ImportKind, key: string): ImportField | undefined {
  return IMPORT_FIELDS[kind].find((f) => f.key === key);
}

// ---------------------------------------------------------------- header names

/**
 * What two header names (or choice words) are compared by: lower case, æ/ø/å spelled out,
 * accents, punctuation, spaces and anything in brackets dropped. «Org.nr.» = «orgnr»,
 * «Søkt beløp (kr)» = «Søkt beløp», «E-post» = «epost».
 */
export function headerKey(text: string): string {
  return text
    .normalize('NFC')
    .toLocaleLowerCase('nb-NO')
    .replace(/\([^)]*\)/g, ' ')
    .replace(/æ/g, 'ae')
    .replace(/ø/g, 'o')
    .replace(/å/g, 'a')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]/g, '');
}
