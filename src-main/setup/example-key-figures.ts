/**
 * The example dataset's key figures (VO-linjen's henvendelser, Taushet tar liv's reach …),
 * loaded through the key-figures service like any user's. Amounts the report gives in øre are
 * entered as kroner with two decimals (exact: 743 595 500 øre is «7435955» kr). They are not
 * marked in `example_records` (its entity list predates them); «Fjern eksempeldata» restores
 * the copy taken before the load, which removes them with everything else.
 */
import type { Method, ParsedInput } from '../../src-shared/api/contract';
import { decimalToString } from '../../src-shared/keyfigures/rules';
import { createKeyFiguresService } from '../keyfigures/keyfigures';
import type { ServiceContext } from '../platform/context';
import type { ExampleDataset } from './example-data-schema';

type Parse = <M extends Method>(method: M, value: unknown, what: string) => ParsedInput<M>;

export function loadKeyFigures(
  ctx: ServiceContext,
  data: ExampleDataset,
  projectId: (name: string) => number,
  parse: Parse,
): number[] {
  const service = createKeyFiguresService(ctx);
  const ids: number[] = [];
  for (const f of data.keyFigures) {
    if (f.project === null) continue;
    const money = f.unit === 'øre';
    const input = parse(
      'keyFigures.add',
      {
        projectId: projectId(f.project),
        year: f.year,
        label: f.label,
        value: money ? decimalToString({ units: f.value, scale: 2 }) : String(f.value),
        unit: money ? 'kr' : f.unit,
        source: data.source,
        note: null,
      },
      `nøkkeltall ${f.label} for ${f.project}`,
    );
    ids.push(service.add(input).id);
  }
  return ids;
}
