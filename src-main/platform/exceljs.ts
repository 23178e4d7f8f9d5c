/**
 * exceljs loaded on first use. The library and its zip dependencies take about 170 ms to
 * load on the office PC's class of machine, which is a fifth of the start-up budget, and the
 * app needs it only when a workbook is written (exports, the change log) or read (imports).
 * So it is required the first time one of those runs, not at start. A synchronous require
 * (not `await import`) keeps the workbook helpers synchronous for their callers; exceljs is
 * a CommonJS package, so this is the same module object an `import` would give.
 */
import { createRequire } from 'node:module';
import type ExcelJSModule from 'exceljs';

let loaded: typeof ExcelJSModule | undefined;

/** The exceljs module, loaded once. */
export function excel(): typeof ExcelJSModule {
  loaded ??= createRequire(import.meta.url)('exceljs') as typeof ExcelJSModule;
  return loaded;
}
