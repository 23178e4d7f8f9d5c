/** applications.pack: the pack's data (pack-data.ts) written as a Word document (pack-docx.ts). */
import type { Output, ParsedInput } from '../../src-shared/api/contract';
import type { ServiceContext } from '../platform/context';
import { packData } from './pack-data';
import { packDocx } from './pack-docx';

/** A file name from the title, without characters Windows refuses. */
export function packFileName(title: string): string {
  const safe = Array.from(title, (ch) =>
    ch.charCodeAt(0) < 32 || '<>:"/\\|?*'.includes(ch) ? ' ' : ch,
  )
    .join('')
    .replace(/\s+/g, ' ')
    .trim();
  return `Søknadspakke ${safe || 'søknad'}.docx`.slice(0, 150);
}

export async function applicationPack(
  ctx: ServiceContext,
  input: ParsedInput<'applications.pack'>,
): Promise<Output<'applications.pack'>> {
  const data = packData(ctx, input.grantId);
  const bytes = await packDocx(data, input.budgetLines, ctx.clock.today());
  return {
    fileName: packFileName(data.application.title),
    contentBase64: bytes.toString('base64'),
  };
}
