// The shape of the code, checked on every run: no import cycle anywhere in src/, and each runtime imports only
// what it may (the core no editor and no DOM, the webview no Node, the shared protocol nothing of ours).
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import ts from 'typescript';

const root = process.cwd();
const src = path.join(root, 'src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return /\.ts$/.test(name) && !name.endsWith('.d.ts') ? [full] : [];
  });
}

/** Resolves a relative specifier the way the bundler does (`./x` -> x.ts or x/index.ts). */
function resolve(from: string, spec: string): string | undefined {
  const base = path.resolve(path.dirname(from), spec);
  return [`${base}.ts`, path.join(base, 'index.ts')].find((f) => existsSync(f));
}

/** Every import, export-from and dynamic import of each file (type-only ones included: they couple too). */
const graph = new Map<string, { relative: string[]; packages: string[] }>();
for (const file of sourceFiles(src)) {
  const info = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
  const specs = info.importedFiles.map((f) => f.fileName);
  const relative = specs.filter((s) => s.startsWith('.')).map((s) => resolve(file, s)).filter((f): f is string => f !== undefined);
  graph.set(file, { relative, packages: specs.filter((s) => !s.startsWith('.')) });
}
const rel = (f: string): string => path.relative(root, f);

/** Strongly connected components with more than one file, or a file importing itself (Tarjan). */
function cycles(): string[][] {
  let index = 0;
  const stack: string[] = [];
  const on = new Set<string>();
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const out: string[][] = [];
  const visit = (v: string): void => {
    idx.set(v, index);
    low.set(v, index++);
    stack.push(v);
    on.add(v);
    for (const w of graph.get(v)?.relative ?? []) {
      if (!idx.has(w)) { visit(w); low.set(v, Math.min(low.get(v) as number, low.get(w) as number)); }
      else if (on.has(w)) low.set(v, Math.min(low.get(v) as number, idx.get(w) as number));
    }
    if (low.get(v) === idx.get(v)) {
      const comp: string[] = [];
      let w: string;
      do { w = stack.pop() as string; on.delete(w); comp.push(w); } while (w !== v);
      if (comp.length > 1 || graph.get(v)?.relative.includes(v)) out.push(comp.map(rel).sort());
    }
  };
  for (const v of graph.keys()) if (!idx.has(v)) visit(v);
  return out;
}

const inRoom = (file: string, room: string): boolean => rel(file).startsWith(`src/${room}/`);

describe('architecture', () => {
  it('reads every source file', () => {
    assert.ok(graph.size > 100, `only ${graph.size} files`);
  });

  it('has no import cycle in src/', () => {
    assert.deepEqual(cycles(), []);
  });

  it('keeps each runtime to what it may import', () => {
    const problems: string[] = [];
    for (const [file, { relative, packages }] of graph) {
      const reaches = (room: string) => relative.some((f) => inRoom(f, room));
      if (inRoom(file, 'core')) {
        if (packages.includes('vscode')) problems.push(`${rel(file)} imports vscode`);
        for (const room of ['extension', 'webview', 'cli']) if (reaches(room)) problems.push(`${rel(file)} imports src/${room}`);
      }
      if (inRoom(file, 'shared') && relative.some((f) => !inRoom(f, 'shared'))) problems.push(`${rel(file)} imports outside src/shared`);
      if (inRoom(file, 'webview')) {
        if (packages.some((p) => p === 'vscode' || p.startsWith('node:'))) problems.push(`${rel(file)} imports ${packages.join(', ')}`);
        for (const room of ['extension', 'cli']) if (reaches(room)) problems.push(`${rel(file)} imports src/${room}`);
      }
      if ((inRoom(file, 'cli') || inRoom(file, 'server')) && (packages.includes('vscode') || reaches('extension') || reaches('webview'))) problems.push(`${rel(file)} reaches the editor or the webview`);
    }
    assert.deepEqual(problems, []);
  });

  it('keeps MathJax in its own chunk: only src/extension/tex/mathjax.ts imports it, and no source imports that file', () => {
    const entry = path.join(src, 'extension/tex/mathjax.ts');
    const problems: string[] = [];
    for (const [file, { relative, packages }] of graph) {
      if (file !== entry && packages.some((p) => p.startsWith('mathjax-full'))) problems.push(`${rel(file)} imports MathJax`);
      if (relative.includes(entry)) problems.push(`${rel(file)} imports the tex chunk's entry (it must stay a separate bundle)`);
    }
    assert.ok(graph.get(entry)?.packages.some((p) => p.startsWith('mathjax-full')), 'the chunk entry imports MathJax');
    assert.deepEqual(problems, []);
  });
});
