/**
 * Committing an import: refused with nothing written when the file is not the one
 * previewed, was imported before and no reason is given, or has any problem; otherwise a
 * verified backup first, then every row in one transaction (all or nothing), recorded in
 * `imports` and in the change log (entity «import»).
 */
import { imports } from '../../db/schema';
import type { ImportResult, ParsedInput } from '../../src-shared/api/contract';
import { conflict, type FieldIssue } from '../../src-shared/api/errors';
import { importCountText } from '../../src-shared/import/rules';
import { formatInstant } from '../../src-shared/safety/audit';
import { backupBeforeRisk } from '../platform/backup-controller';
import { insertRecorded } from '../platform/records';
import { decode, dryRun, importsOf, planFile, sha256 } from './plan';
import { ALIASES, serviceProblem, type ImportContext, type Plan } from './rows';

type CommitInput = ParsedInput<'import.commit'>;

const MAX_ISSUES_IN_ERROR = 50;

/** Refuses (CONFLICT) a plan with any problem in the file or in a row. */
function refuseUnlessClean(ictx: ImportContext, input: CommitInput, plan: Plan): void {
  // With problems the import is refused anyway; the rules are run too so the refusal
  // counts the same rows as the preview did.
  if (plan.fileProblems.length > 0 || plan.rows.some((r) => r.problems.length > 0)) {
    dryRun(ictx, input.kind, plan);
  }
  const bad = plan.rows.filter((r) => r.problems.length > 0);
  if (plan.fileProblems.length > 0 || bad.length > 0) {
    const first = plan.fileProblems[0] ?? bad[0]?.problems[0]?.message ?? '';
    const issues: FieldIssue[] = [
      ...plan.fileProblems.map((message) => ({ path: 'mapping', message })),
      ...bad.flatMap((r) =>
        r.problems.map((p) => ({
          path: `rows.${r.rowNumber}${p.field ? `.${p.field}` : ''}`,
          message: p.message,
        })),
      ),
    ].slice(0, MAX_ISSUES_IN_ERROR);
    const what =
      bad.length > 0
        ? `${bad.length === 1 ? '1 rad har' : `${bad.length} rader har`} feil`
        : 'filen har feil';
    throw conflict(`Ingenting ble importert: ${what}. ${first}`, issues);
  }
}

/** Every row in one transaction, then the import's own record; returns its id. */
function writeRows(
  ictx: ImportContext,
  input: CommitInput,
  plan: Plan,
  file: { fileHash: string; sizeBytes: number; duplicate: boolean },
): number {
  const { ctx } = ictx;
  const { fileHash } = file;
  return ctx.sqlite.transaction(() => {
    for (const row of plan.rows) {
      try {
        row.write?.();
      } catch (error) {
        const problem = serviceProblem(
          input.kind,
          plan.mapping,
          row.rowNumber,
          error,
          ALIASES[input.kind],
        );
        throw conflict(`Ingenting ble importert: ${problem.message}`, [
          {
            path: `rows.${row.rowNumber}${problem.field ? `.${problem.field}` : ''}`,
            message: problem.message,
          },
        ]);
      }
    }
    const duplicateReason = file.duplicate ? input.duplicateReason : null;
    const record = insertRecorded(
      ctx,
      imports,
      {
        kind: input.kind,
        fileName: input.fileName,
        fileHash,
        sizeBytes: file.sizeBytes,
        rowCount: plan.rows.length,
        importedAtMs: ctx.clock.nowMs(),
        actor: ctx.actor,
        duplicateReason,
      },
      { entity: 'import', reason: duplicateReason },
    );
    return record.id;
  })();
}

export async function commitImport(ictx: ImportContext, input: CommitInput): Promise<ImportResult> {
  const bytes = decode(input.contentBase64);
  const fileHash = sha256(bytes);
  if (fileHash !== input.fileHash) {
    throw conflict(
      'Filen er ikke den samme som i forhåndsvisningen. Velg filen på nytt og se over forhåndsvisningen før du importerer.',
    );
  }
  const previous = importsOf(ictx.db, fileHash);
  const last = previous[0];
  if (last && !input.duplicateReason) {
    const message = `Denne filen ble importert ${formatInstant(last.importedAtMs)} (${importCountText(last.kind, last.rowCount)}, «${last.fileName}»). Ingenting ble importert nå. Skriv en begrunnelse hvis den skal importeres på nytt.`;
    throw conflict(message, [{ path: 'duplicateReason', message }]);
  }
  const plan = await planFile(ictx, input, bytes);
  refuseUnlessClean(ictx, input, plan);

  const backup = backupBeforeRisk(ictx.ctx, 'pre-import');
  const importId = writeRows(ictx, input, plan, {
    fileHash,
    sizeBytes: bytes.length,
    duplicate: previous.length > 0,
  });
  return {
    kind: input.kind,
    imported: plan.rows.length,
    importId,
    backupFileName: backup?.fileName ?? null,
  };
}
