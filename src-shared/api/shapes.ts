/**
 * Shapes shared by every contract slice: the `method()` entry builder, the output form of a
 * calendar date, and the one file payload (`{ fileName, contentBase64 }`) that exports,
 * downloads and «Lagre som…» use.
 */
import { z } from 'zod';
import { no } from 'zod/locales';

// Messages zod writes itself (structural problems) are Norwegian too.
z.config(no());

/** A calendar date as the API returns it: `YYYY-MM-DD`. */
export const isoDateOut = z.string();

/** A file handed to the renderer (export, download): its name and its bytes in base64. */
export const FileSchema = z.object({ fileName: z.string(), contentBase64: z.string() });
export type FileContent = z.infer<typeof FileSchema>;

/** One contract entry: a one-line doc, the zod input and the zod output. */
export function method<I extends z.ZodType, O extends z.ZodType>(doc: string, input: I, output: O) {
  return { doc, input, output };
}
