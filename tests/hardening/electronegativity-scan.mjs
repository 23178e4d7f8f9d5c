/**
 * Runs @doyensec/electronegativity on one folder and prints its findings as one JSON line after
 * a marker. Used by electronegativity.test.ts in a process of its own, because the library
 * registers a global `__` for its messages and calls process.exit on some errors.
 *
 * Offline and repeatable: the library would fetch translations (from S3) and Electron's release
 * list (from GitHub) on every run. `got`, its only HTTP client, is replaced by a stub that fails
 * at once, which both callers tolerate; the one check that needs the release list
 * (AvailableSecurityFixesGlobalCheck, "is there a newer Electron") is left out. Electron
 * updates are a packaging decision, not a property of this code.
 *
 * Usage: node tests/hardening/electronegativity-scan.mjs <folder>
 */
import Module, { createRequire } from 'node:module';

export const MARKER = 'ELECTRONEGATIVITY_RESULT ';

const load = Module._load;
Module._load = function (request, parent, isMain) {
  if (request === 'got') {
    const offline = () => Promise.reject(new Error('offline: no network in the scan'));
    return Object.assign(offline, { head: offline, get: offline });
  }
  return load.call(this, request, parent, isMain);
};

const input = process.argv[2];
if (!input) {
  console.error('usage: electronegativity-scan.mjs <folder>');
  process.exit(2);
}

const lib = createRequire(import.meta.url)('@doyensec/electronegativity');
// Babel's add-module-exports makes the runner the module itself; older builds had `.default`.
const run = typeof lib === 'function' ? lib : lib.default;
const result = await run(
  {
    input,
    isRelative: true,
    customScan: [],
    excludeFromScan: ['availablesecurityfixesglobalcheck'],
  },
  false,
);
const summary = {
  checks: { global: result.globalChecks, atomic: result.atomicChecks },
  errors: result.errors,
  issues: result.issues.map((i) => ({
    id: i.id,
    severity: i.severity.name,
    severityValue: i.severity.value,
    confidence: i.confidence.name,
    file: i.file,
    line: i.location.line,
    column: i.location.column,
    manualReview: Boolean(i.manualReview),
    sample: i.sample ?? null,
    description: i.description,
  })),
};
process.stdout.write(`\n${MARKER}${JSON.stringify(summary)}\n`);
