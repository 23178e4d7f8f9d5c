/**
 * The layout of docs/ARCHITECTURE.md, checked: every contract method's prefix belongs to one
 * domain, that domain has a folder in src-shared and in src-main with a handlers.ts that
 * implements the method, and no module imports itself round a cycle (type-only imports
 * included, which ESLint's import-x/no-cycle skips).
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DOMAIN_PREFIXES, METHODS } from '../../src-shared/api/contract';
import { REPO_ROOT } from '../helpers/paths';

const root = REPO_ROOT;

function sourceFiles(dir: string, out: string[] = []): string[] {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) sourceFiles(p, out);
    else if (/\.tsx?$/.test(e.name) && !e.name.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

/** Relative imports of a file (value and type), resolved to files. */
function importsOf(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8');
  const specs = [...text.matchAll(/(?:from|import)\s*\(?\s*['"](\.{1,2}\/[^'"]+)['"]/g)].map(
    (m) => m[1] as string,
  );
  const out: string[] = [];
  for (const spec of specs) {
    const base = path.resolve(path.dirname(file), spec);
    const hit = ['', '.ts', '.tsx', '/index.ts', '/index.tsx'].map((x) => base + x);
    const found = hit.find((c) => fs.existsSync(c) && fs.statSync(c).isFile());
    if (found) out.push(found);
  }
  return out;
}

function findCycle(files: string[]): string[] | null {
  const graph = new Map(files.map((f) => [f, importsOf(f)]));
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (f: string): string[] | null => {
    if (state.get(f) === 'done') return null;
    if (state.get(f) === 'open') return [...stack.slice(stack.indexOf(f)), f];
    state.set(f, 'open');
    stack.push(f);
    for (const g of graph.get(f) ?? []) {
      const c = visit(g);
      if (c) return c;
    }
    stack.pop();
    state.set(f, 'done');
    return null;
  };
  for (const f of files) {
    const c = visit(f);
    if (c) return c.map((x) => path.relative(root, x));
  }
  return null;
}

describe('architecture', () => {
  it('gives every contract method a domain whose folders and handlers exist', () => {
    const owner = new Map<string, string>();
    for (const [domain, prefixes] of Object.entries(DOMAIN_PREFIXES)) {
      for (const p of prefixes) {
        expect(owner.has(p), `prefix ${p} owned twice`).toBe(false);
        owner.set(p, domain);
      }
    }
    for (const m of METHODS) {
      const prefix = m.split('.')[0] as string;
      const domain = owner.get(prefix);
      expect(domain, `method ${m} has no domain`).toBeDefined();
      const shared = path.join(root, 'src-shared', domain as string, 'contract.ts');
      const handlers = path.join(root, 'src-main', domain as string, 'handlers.ts');
      expect(fs.existsSync(shared), `${shared} missing`).toBe(true);
      expect(fs.existsSync(handlers), `${handlers} missing`).toBe(true);
      expect(fs.readFileSync(shared, 'utf8')).toContain(`'${m}'`);
      expect(fs.readFileSync(handlers, 'utf8')).toContain(`'${m}'`);
    }
  });

  it('has no import cycles in src-main, src-shared or the renderer, type-only imports included', () => {
    const files = ['src-main', 'src-shared', 'src-renderer/src'].flatMap((d) =>
      sourceFiles(path.join(root, d)),
    );
    expect(files.length).toBeGreaterThan(50);
    expect(findCycle(files)).toBeNull();
  });

  it('finds a cycle when there is one (the check can fail)', () => {
    const dir = fs.mkdtempSync(path.join(root, '.tmp-cycle-'));
    try {
      fs.writeFileSync(
        path.join(dir, 'a.ts'),
        "import type { B } from './b';\nexport type A = B;\n",
      );
      fs.writeFileSync(
        path.join(dir, 'b.ts'),
        "import type { A } from './a';\nexport type B = A[];\n",
      );
      expect(findCycle(sourceFiles(dir))).toHaveLength(3);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('keeps the renderer features named like the domains', () => {
    const features = fs.readdirSync(path.join(root, 'src-renderer/src/features'));
    for (const f of features) expect(Object.keys(DOMAIN_PREFIXES)).toContain(f);
  });
});
