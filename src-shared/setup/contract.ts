/**
 * Contract slice: first run — the 2024 example dataset (load, status, remove), the welcome
 * screen's status, and the organisation's own settings.
 * Assembled with the other slices in src-shared/api/contract.ts.
 */
import { z } from 'zod';
import { method } from '../api/shapes';
import { BackupSchema, RestoreResultSchema } from '../safety/contract';
import { optionalOrgNumber, optionalText } from '../api/fields';

/**
 * Kinds of example records. Member centres, funders and partners are all `organisation`
 * (a centre's id is its organisation id); payouts are `movement`.
 */
export const EXAMPLE_ENTITIES = [
  'organisation',
  'membership',
  'project',
  'project_partner',
  'grant',
  'movement',
  'round',
  'allocation',
] as const;
export type ExampleEntity = (typeof EXAMPLE_ENTITIES)[number];

/** A record that belongs to the example dataset (shown as «Eksempeldata»). */
export const ExampleRecordSchema = z.object({
  entity: z.enum(EXAMPLE_ENTITIES),
  entityId: z.number().int(),
});
export type ExampleRecord = z.infer<typeof ExampleRecordSchema>;

export const ExampleDataStatusSchema = z.object({
  /** The example dataset is in the database. */
  loaded: z.boolean(),
  version: z.number().int().nullable(),
  source: z.string().nullable(),
  loadedAtMs: z.number().int().nullable(),
  /** The database holds data (of any kind): loading then needs `confirmReplace`. */
  databaseHasData: z.boolean(),
  /** The verified copy taken just before the load; «Fjern eksempeldata» restores it. */
  backupFileName: z.string().nullable(),
  /** That copy is still in the backup folder, so the example data can be removed. */
  canRemove: z.boolean(),
  /** Changes in the change log made after the load (lost when the example data is removed). */
  changesSinceLoad: z.number().int(),
  records: z.array(ExampleRecordSchema),
});
export type ExampleDataStatus = z.infer<typeof ExampleDataStatusSchema>;

export const ExampleDataLoadInput = z
  .object({
    /** Confirms loading into a database that already has data (a verified copy is taken first). */
    confirmReplace: z.boolean({ error: 'Bekreftelse må være ja eller nei.' }).default(false),
  })
  .prefault({});

export const ExampleDataRemoveInput = z
  .object({
    /** Confirms that changes made after the load are discarded too. */
    confirmDiscardChanges: z.boolean({ error: 'Bekreftelse må være ja eller nei.' }).default(false),
  })
  .prefault({});

// ---------------------------------------------------------------- organisation settings

export const OrganisationSettingsSchema = z.object({
  name: z.string().nullable(),
  /** Nine digits, no spaces (formatOrgNumber shows it as «974 760 673»). */
  orgNumber: z.string().nullable(),
  /** Default admin share for new grants in basis points (1000 = 10 %); null = none. */
  defaultAdminBasisPoints: z.number().int().nullable(),
  /** When the settings were last saved; null = never. */
  updatedAtMs: z.number().int().nullable(),
});
export type OrganisationSettings = z.infer<typeof OrganisationSettingsSchema>;

export const OrganisationSettingsInput = z.object({
  name: optionalText('Navn på organisasjonen', 200),
  orgNumber: optionalOrgNumber('Organisasjonsnummer'),
  defaultAdminBasisPoints: z
    .number({ error: 'Standard administrasjonsandel (%) må være et tall.' })
    .int('Standard administrasjonsandel (%) kan ha høyst to desimaler.')
    .min(0, 'Standard administrasjonsandel (%) kan ikke være negativ.')
    .max(10000, 'Standard administrasjonsandel (%) kan ikke være over 100 %.')
    .nullish()
    .transform((v) => v ?? null),
});

export const FirstRunStatusSchema = z.object({
  /** Show the welcome screen: no data, no settings saved, and not dismissed. */
  showWelcome: z.boolean(),
  databaseHasData: z.boolean(),
  settingsSaved: z.boolean(),
  dismissed: z.boolean(),
});
export type FirstRunStatus = z.infer<typeof FirstRunStatusSchema>;

export const setupMethods = {
  'exampleData.status': method(
    'Whether the 2024 example dataset is loaded, which records belong to it, and whether it can be removed.',
    z.object({}).prefault({}),
    ExampleDataStatusSchema,
  ),
  'exampleData.load': method(
    'Loads the 2024 example dataset through the services after a verified backup; refused on a database with data unless confirmed.',
    ExampleDataLoadInput,
    ExampleDataStatusSchema.extend({ backup: BackupSchema.nullable() }),
  ),
  'exampleData.remove': method(
    'Removes the example data in one step by restoring the verified copy taken just before it was loaded.',
    ExampleDataRemoveInput,
    RestoreResultSchema,
  ),
  // ============================================================== end of example data

  'settings.getOrganisation': method(
    'The organisation’s own settings: name, organisation number and the default admin share for new grants.',
    z.object({}).prefault({}),
    OrganisationSettingsSchema,
  ),
  'settings.setOrganisation': method(
    'Saves the organisation’s settings (organisation number checked with MOD11); the change is logged.',
    OrganisationSettingsInput,
    OrganisationSettingsSchema,
  ),
  'setup.firstRunStatus': method(
    'Whether the welcome screen should show: no data, no settings saved, and not dismissed.',
    z.object({}).prefault({}),
    FirstRunStatusSchema,
  ),
  'setup.dismissWelcome': method(
    'Hides the welcome screen for good (it shows again only on a new, empty data file).',
    z.object({}).prefault({}),
    FirstRunStatusSchema,
  ),
} as const;
