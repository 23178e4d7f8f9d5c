// Prints files over 500 lines and functions over 80 lines in src-main and src-shared
// (issue 9's size rule). A function or file may stay larger with a comment that says why:
// put `size: <reason>` in the comment right above it. `--check` exits 1 on an unexplained one.
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

const ROOTS = ['src-main', 'src-shared'];
const MAX_FILE = 500;
const MAX_FN = 80;
const files = [];
const walk = (d) => {
  for (const e of fs.readdirSync(d, { withFileTypes: true })) {
    const p = path.join(d, e.name);
    if (e.isDirectory()) walk(p);
    else if (/\.tsx?$/.test(e.name)) files.push(p);
  }
};
ROOTS.forEach(walk);
const problems = [];
const bigFns = [];
for (const f of files) {
  const text = fs.readFileSync(f, 'utf8');
  const lines = text.split('\n').length;
  const explained = (pos) => {
    const ranges = ts.getLeadingCommentRanges(text, pos) ?? [];
    return ranges.some((r) => /size:/.test(text.slice(r.pos, r.end)));
  };
  if (lines > MAX_FILE) {
    const head = text.slice(0, 3000);
    const ok = /size:/.test(head.slice(0, head.indexOf('\nimport') + 1 || 3000));
    problems.push({ kind: 'file', where: f, lines, ok });
  }
  const sf = ts.createSourceFile(f, text, ts.ScriptTarget.Latest, true);
  const visit = (node) => {
    if (ts.isFunctionLike(node) && 'body' in node && node.body) {
      const a = sf.getLineAndCharacterOfPosition(node.getStart()).line;
      const b = sf.getLineAndCharacterOfPosition(node.end).line;
      const n = b - a + 1;
      if (n > MAX_FN) {
        // The comment may sit above the statement that holds the function.
        let holder = node;
        while (holder.parent && !ts.isSourceFile(holder.parent) && !ts.isBlock(holder.parent)) {
          holder = holder.parent;
        }
        const name = node.name?.getText?.() ?? holder.name?.getText?.() ?? '(anonymous)';
        bigFns.push({
          kind: 'function',
          where: `${f}:${a + 1} ${name}`,
          lines: n,
          ok: explained(holder.getFullStart()) || explained(node.getFullStart()),
        });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
}
const all = [...problems, ...bigFns].sort((x, y) => y.lines - x.lines);
for (const p of all)
  console.log(
    `${p.ok ? 'explained ' : 'TOO LARGE '} ${p.kind.padEnd(8)} ${String(p.lines).padStart(5)}  ${p.where}`,
  );
const bad = all.filter((p) => !p.ok).length;
console.log(`${all.length} over the limits, ${bad} without a reason`);
if (process.argv.includes('--check') && bad > 0) process.exit(1);
