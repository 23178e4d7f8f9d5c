/**
 * applications.packView: the application pack's content as data for the print-friendly page
 * (#/applications/:id/print) — the same parts, read by the same query (pack-data.ts), as the
 * .docx that applications.pack writes.
 */
import type { Output, ParsedInput } from '../../src-shared/api/contract';
import type { ServiceContext } from '../platform/context';
import { packData } from './pack-data';

export function createPackViewService(ctx: ServiceContext) {
  return {
    view(input: ParsedInput<'applications.packView'>): Output<'applications.packView'> {
      const data = packData(ctx, input.grantId);
      return {
        ...data,
        history: data.history.map((h) => ({
          ...h,
          status: h.status as Output<'applications.packView'>['history'][number]['status'],
        })),
        today: ctx.clock.today(),
      };
    },
  };
}
