/**
 * `npm run gen -- --scale N --out DIR [--seed S]`: writes a generated data folder and checks
 * it through the app's services (see generate.ts and verify.ts). Exits 1 when a check fails.
 */
import path from 'node:path';
import { generate } from './generate';
import { verifyGenerated } from './verify';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const scale = Number(arg('scale') ?? '1');
const out = arg('out');
const seed = Number(arg('seed') ?? '14');
if (!out || !Number.isFinite(scale) || scale <= 0 || !Number.isInteger(seed)) {
  console.error('Bruk: npm run gen -- --scale N --out MAPPE [--seed S]');
  process.exit(2);
}
try {
  console.log(`Genererer skala ${scale} (frø ${seed}) i ${path.resolve(out)} …`);
  const r = await generate({ scale, out: path.resolve(out), seed, log: (l) => console.log(l) });
  console.log(`Skrevet på ${(r.ms / 1000).toFixed(1)} s: ${JSON.stringify(r.counts)}`);
  console.log(`Stort tilskudd: id ${r.hotGrantId}; senter i hver runde: id ${r.hotCentreId}`);
  const v = await verifyGenerated(path.resolve(out));
  console.log(
    `Kontrollert på ${(v.ms / 1000).toFixed(1)} s: ${v.checkedGrants} tilskudd, ${v.auditRows} rader i endringsloggen.`,
  );
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
