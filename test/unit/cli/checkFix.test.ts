// `check --fix` on the repository's fixtures: results CPython parses, clean for the fixed codes, a second run changes
// nothing, notebooks keep every byte outside the changed sources; refused fixes, files changed meanwhile, write errors.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { runCli } from '../../../src/cli/main';
import { writeAtomically } from '../../../src/cli/fileTask';
import { fixAll } from '../../../src/core/fixes/applyAll';
import { notebookSources } from '../../../src/core/fixes/notebookSource';
import { checkPython, type Finding } from '../../../src/core/rules';
import { blankMagics } from '../../../src/core/scan/notebook';
import { cpythonParse } from '../rules/pyparse';

async function run(cwd: string, argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(argv, { out: (t) => { out += `${t}\n`; }, err: (t) => { err += `${t}\n`; }, cwd });
  return { code, out, err };
}

const dirs: string[] = [];
after(() => { for (const d of dirs) rmSync(d, { recursive: true, force: true }); });
function tempDir(): string {
  const d = mkdtempSync(path.join(os.tmpdir(), 'al-fix-'));
  dirs.push(d);
  return d;
}

/** Every fixture with findings: rules fixtures (tf.keras 2 ones under a keras-version = "2" configuration), notebooks. */
function fixtureTree(): string {
  const dir = tempDir();
  const rules = path.join(process.cwd(), 'test/fixtures/rules');
  mkdirSync(path.join(dir, 'k2'));
  writeFileSync(path.join(dir, 'k2', 'activation-lens.toml'), 'keras-version = "2"\n');
  for (const f of readdirSync(rules)) cpSync(path.join(rules, f), path.join(dir, f.startsWith('tf_keras2') ? 'k2' : '.', f));
  for (const f of ['cross_cell_fix.ipynb', 'diagnostics_notebook.ipynb', 'notebook.ipynb', 'diagnostics_keras.py', 'diagnostics_torch.py']) cpSync(path.join(process.cwd(), 'test/fixtures/workspace', f), path.join(dir, f));
  cpSync(path.join(process.cwd(), 'test/demo'), path.join(dir, 'demo'), { recursive: true });
  return dir;
}

function snapshot(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const f of readdirSync(dir, { recursive: true }) as string[]) {
    const full = path.join(dir, f);
    if (f.endsWith('.py') || f.endsWith('.ipynb')) out.set(f, readFileSync(full, 'utf8'));
  }
  return out;
}

/** Python texts to hand to CPython: files as they are, notebook code cells with IPython lines blanked. */
function pythonTexts(files: Map<string, string>): string[] {
  return [...files].flatMap(([name, text]) => (name.endsWith('.ipynb') ? (notebookSources(text) ?? []).map((c) => blankMagics(c.text)) : [text]));
}

const codesOf = (out: string): Set<string> => new Set([...out.matchAll(/"code":"([a-z-]+)"/g)].map((m) => m[1]));

for (const unsafe of [false, true]) {
  describe(`check --fix${unsafe ? ' --unsafe-fixes' : ''} on the fixtures`, () => {
    const dir = fixtureTree();
    const flags = unsafe ? ['--fix', '--unsafe-fixes'] : ['--fix'];
    let before: Map<string, string>;
    let fixedCodes: Set<string>;

    it('fixes, then leaves files CPython parses and check reports clean for the fixed codes', async () => {
      before = snapshot(dir);
      const found = await run(dir, ['check', '--format', 'json', '.']);
      const r = await run(dir, ['check', ...flags, '--format', 'json', '.']);
      const after = snapshot(dir);
      const changed = [...after].filter(([f, t]) => before.get(f) !== t).map(([f]) => f);
      assert.ok(changed.length >= (unsafe ? 8 : 4), `files changed: ${changed.join(', ')}`);
      const parsed = cpythonParse(pythonTexts(after));
      assert.ok(parsed, 'python3 runs');
      assert.deepEqual(parsed.filter((x) => x !== null), []);
      // Which codes had a fix applied: those found before with a preferred fix of the right safety.
      const beforeCodes = codesOf(found.out);
      const remaining = codesOf(r.out);
      fixedCodes = new Set([...beforeCodes].filter((c) => !remaining.has(c)));
      const safe = ['invalid-activation-string', 'leaky-relu-alpha', 'deprecated-activation-api', 'unknown-activation-api'];
      for (const c of safe) if (beforeCodes.has(c)) assert.ok(!remaining.has(c), `${c} still reported after --fix`);
      if (unsafe) for (const c of ['softmax-without-dim', 'sigmoid-bce', 'selu-init']) if (beforeCodes.has(c)) assert.ok(!remaining.has(c), `${c} still reported after --fix --unsafe-fixes`);
      else assert.ok(remaining.has('softmax-without-dim'), 'unsafe fixes are left alone without --unsafe-fixes');
      const again = await run(dir, ['check', '--format', 'json', '.']);
      for (const c of fixedCodes) assert.ok(!codesOf(again.out).has(c));
    });

    it('a second --fix changes nothing', async () => {
      const first = snapshot(dir);
      const r = await run(dir, ['check', ...flags, '.']);
      assert.match(r.out, /fixed 0 in 0 file\(s\)/);
      assert.deepEqual(snapshot(dir), first);
    });

    it('notebooks keep every byte outside the sources of changed cells', () => {
      for (const name of ['cross_cell_fix.ipynb', 'diagnostics_notebook.ipynb', 'demo/experiments.ipynb']) {
        const old = JSON.parse(before.get(name)!);
        const now = JSON.parse(readFileSync(path.join(dir, name), 'utf8'));
        const strip = (nb: { cells: { source?: unknown }[] }): unknown => ({ ...nb, cells: nb.cells.map((c) => ({ ...c, source: null })) });
        assert.deepEqual(strip(now), strip(old), `${name}: outputs, metadata and other cells unchanged`);
        // Same layout: the text is the old text with only source arrays replaced, each line on its own line.
        const oldText = before.get(name)!;
        const nowText = readFileSync(path.join(dir, name), 'utf8');
        const skeleton = (t: string): string => t.replace(/"source": \[[^\]]*\]/g, '"source": []');
        assert.equal(skeleton(nowText), skeleton(oldText), `${name}: layout unchanged`);
      }
    });
  });
}

describe('check --fix: what is never written', () => {
  it('a fix whose result would not parse is refused and reported', () => {
    const text = 'import torch\ny = torch.relu(x)\n';
    const broken: Finding = {
      code: 'deprecated-activation-api', severity: 'warning', message: 'test', line: 1, col: 4, endLine: 1, endCol: 14, start: 17, end: 27, docs: '',
      fixes: [{ title: 'break it', preferred: true, edits: [{ start: 17, end: 27, newText: 'torch.relu((', line: 1, col: 4, endLine: 1, endCol: 14 }] }],
    };
    const result = fixAll([{ text }], (units) => (units[0].text === text ? [broken] : checkPython(units[0].text).findings));
    assert.equal(result.units[0].text, text);
    assert.deepEqual(result.refused, ['deprecated-activation-api at 2:5']);
    assert.deepEqual(result.fixed, {});
  });

  it('a file that changed while being fixed is left as it is now', () => {
    const dir = tempDir();
    const file = path.join(dir, 'm.py');
    writeFileSync(file, 'edited meanwhile\n');
    assert.match(writeAtomically(file, 'what was read\n', 'fixed\n') ?? '', /changed while it was being fixed/);
    assert.equal(readFileSync(file, 'utf8'), 'edited meanwhile\n');
    assert.deepEqual(readdirSync(dir), ['m.py'], 'no temporary file left');
    assert.equal(writeAtomically(file, 'edited meanwhile\n', 'fixed\n'), undefined);
    assert.equal(readFileSync(file, 'utf8'), 'fixed\n');
  });

  it('a folder it cannot write to: exit 2, a line on stderr, the file unchanged', () => {
    const dir = tempDir();
    chmodSync(dir, 0o755);
    const text = "from keras import layers\nlayers.Dense(4, activation='Relu')\n";
    writeFileSync(path.join(dir, 'm.py'), text);
    chmodSync(dir, 0o555);
    try {
      // As root the permission bits do not bind: run the command line as the unprivileged user `nobody`.
      const cli = path.join(process.cwd(), 'dist/cli.js');
      const asRoot = process.getuid?.() === 0;
      const r = asRoot
        ? spawnSync('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, cli, 'check', '--fix', 'm.py'], { cwd: dir, encoding: 'utf8' })
        : spawnSync(process.execPath, [cli, 'check', '--fix', 'm.py'], { cwd: dir, encoding: 'utf8' });
      assert.equal(r.status, 2, r.stderr);
      assert.match(r.stderr, /^m\.py: cannot write \(EACCES\); left unchanged$/m);
      assert.equal(readFileSync(path.join(dir, 'm.py'), 'utf8'), text);
    } finally {
      chmodSync(dir, 0o755);
    }
  });

  it('an unreadable path is skipped with a line on stderr; nothing readable is exit 2', async () => {
    const dir = tempDir();
    symlinkSync(path.join(dir, 'nowhere.py'), path.join(dir, 'gone.py'));
    writeFileSync(path.join(dir, 'ok.py'), 'import torch\n');
    const r = await run(dir, ['check', 'gone.py', 'ok.py']);
    assert.match(r.err, /^gone\.py: cannot read \(ENOENT\); skipped$/m);
    assert.equal(r.code, 0);
    assert.equal((await run(dir, ['check', 'gone.py'])).code, 2);
    assert.ok(existsSync(path.join(dir, 'ok.py')));
  });
});
