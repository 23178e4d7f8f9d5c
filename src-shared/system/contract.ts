/**
 * Contract slice: System calls: version and data file, and the desktop-only «Lagre som…».
 * Assembled with the other slices in src-shared/api/contract.ts.
 */
import { z } from 'zod';
import { isoDateOut, method } from '../api/shapes';
import { requiredText } from '../api/fields';

export const systemMethods = {
  'system.info': method(
    'Version, data file and today’s date as the main process sees them.',
    z.object({}).default({}),
    z.object({ appVersion: z.string(), dataFile: z.string(), today: isoDateOut }),
  ),

  'system.log': method(
    'The last 200 lines of the production log (internal errors, failed backups, migrations, restores).',
    z.object({}).default({}),
    z.object({ file: z.string().nullable(), lines: z.array(z.string()) }),
  ),

  'files.saveAs': method(
    'Desktop only: asks where to save a file (native dialog) and writes it there.',
    z.object({
      fileName: requiredText('Filnavn', 200),
      contentBase64: z
        .string({ error: 'Filinnhold mangler.' })
        .max(80_000_000, 'Filen er for stor.'),
    }),
    z.object({ saved: z.boolean(), path: z.string().nullable() }),
  ),
} as const;
