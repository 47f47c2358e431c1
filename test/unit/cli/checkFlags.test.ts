// `activation-lens check` flags and configuration keys, end to end through runCli on temporary projects.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { runCli } from '../../../src/cli/main';

interface Run { code: number; out: string; err: string }

async function run(cwd: string, argv: string[], stdin?: string): Promise<Run> {
  let out = '';
  let err = '';
  const code = await runCli(argv, {
    out: (t) => { out += t.endsWith('\n') ? t : `${t}\n`; }, err: (t) => { err += `${t}\n`; }, cwd,
    ...(stdin === undefined ? {} : { readStdin: async () => stdin }),
  });
  return { code, out, err };
}

const dirs: string[] = [];
after(() => { for (const d of dirs) rmSync(d, { recursive: true, force: true }); });

/** A temporary project from `{ relative path: text }`. */
function project(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'al-flags-'));
  dirs.push(dir);
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), text);
  }
  return dir;
}

// One error (invalid string, safe fix), one warning (softmax without dim, unsafe fix), one note (double activation).
const MIXED = [
  'import torch.nn.functional as F',
  'from keras import layers',
  "a = layers.Dense(4, activation='Relu')",
  'y = F.softmax(x)',
  '',
].join('\n');
const codes = (r: Run): string[] => [...r.out.matchAll(/^[^\n]*?:\d+:\d+: \w+ ([a-z-]+):/gm)].map((m) => m[1]);

describe('check: rule selection flags', () => {
  const dir = project({ 'm.py': MIXED });
  it('--select keeps only the named rules (comma-separated or repeated)', async () => {
    assert.deepEqual(codes(await run(dir, ['check', '--select', 'softmax-without-dim', 'm.py'])), ['softmax-without-dim']);
    assert.deepEqual(codes(await run(dir, ['check', '--select', 'softmax-without-dim,invalid-activation-string', 'm.py'])), ['invalid-activation-string', 'softmax-without-dim']);
  });
  it('--ignore drops rules; --extend-select adds to a selection', async () => {
    assert.deepEqual(codes(await run(dir, ['check', '--ignore', 'invalid-activation-string', 'm.py'])), ['softmax-without-dim']);
    const dir2 = project({ 'm.py': MIXED, 'activation-lens.toml': 'select = ["softmax-without-dim"]\n' });
    assert.deepEqual(codes(await run(dir2, ['check', '--extend-select', 'invalid-activation-string', 'm.py'])), ['invalid-activation-string', 'softmax-without-dim']);
  });
  it('an unknown code is a usage error with a suggestion', async () => {
    const r = await run(dir, ['check', '--select', 'softmax-without-dimm', 'm.py']);
    assert.equal(r.code, 2);
    assert.match(r.err, /--select: unknown rule 'softmax-without-dimm' \(did you mean 'softmax-without-dim'\?\)/);
  });
});

describe('check: output formats', () => {
  const dir = project({ 'm.py': MIXED, 'nb.ipynb': JSON.stringify({ cells: [{ cell_type: 'markdown', source: ['x'], metadata: {} }, { cell_type: 'code', source: ['from keras import layers\n', "layers.Dense(2, activation='Relu')"], metadata: {}, outputs: [], execution_count: null }], metadata: {}, nbformat: 4, nbformat_minor: 5 }) });
  it('github: workflow commands with file, 1-based line and column, escaped messages; notebook cell in the message', async () => {
    const r = await run(dir, ['check', '--output-format', 'github', '.']);
    const lines = r.out.trim().split('\n');
    assert.match(lines.find((l) => l.includes('m.py'))!, /^::error file=m\.py,line=3,col=32,endLine=3,endColumn=38,title=activation-lens \(invalid-activation-string\)::invalid-activation-string: /);
    assert.match(r.out, /^::warning file=m\.py,line=4,col=5,.*softmax-without-dim/m);
    assert.match(lines.find((l) => l.includes('nb.ipynb'))!, /^::error file=nb\.ipynb,title=activation-lens \(invalid-activation-string\)::cell 2: invalid-activation-string: /);
    assert.ok(lines.every((l) => l.startsWith('::')), 'no summary line between annotations');
    assert.equal(r.code, 1);
  });
  it('gitlab: a Code Quality JSON array with unique fingerprints', async () => {
    const issues = JSON.parse((await run(dir, ['check', '--output-format', 'gitlab', '.'])).out);
    assert.equal(issues.length, 3);
    assert.deepEqual(Object.keys(issues[0]), ['description', 'check_name', 'fingerprint', 'severity', 'location']);
    assert.equal(new Set(issues.map((i: { fingerprint: string }) => i.fingerprint)).size, 3);
    const m = issues.find((i: { location: { path: string } ; check_name: string }) => i.location.path === 'm.py' && i.check_name === 'invalid-activation-string');
    assert.deepEqual([m.severity, m.location.lines], ['major', { begin: 3, end: 3 }]);
  });
  it('junit: one suite per file, one failure per finding, well-formed', async () => {
    const xml = (await run(dir, ['check', '--output-format', 'junit', '.'])).out;
    assert.match(xml, /^<\?xml version="1\.0" encoding="UTF-8"\?>\n<testsuites name="activation-lens" tests="3" failures="3" errors="0">/);
    assert.match(xml, /<testcase name="invalid-activation-string at cell 2:2:28" classname="nb\.ipynb">/);
    assert.match(xml, /<failure message="&#39;Relu&#39;/);
    assert.equal((xml.match(/<testsuite /g) ?? []).length, 2);
  });
  it('--format stays an alias; json is JSON Lines', async () => {
    const r = await run(dir, ['check', '--format', 'json', 'm.py']);
    assert.deepEqual(r.out.trim().split('\n').map((l) => JSON.parse(l).code), ['invalid-activation-string', 'softmax-without-dim']);
    assert.equal((await run(dir, ['check', '--output-format', 'xml', 'm.py'])).code, 2);
  });
});

describe('check: reporting flags', () => {
  const dir = project({ 'm.py': MIXED, 'n.py': "from keras import layers\nb = layers.Dense(4, activation='Sigmoid')\n" });
  it('--statistics counts findings per rule, marking what --fix fixes', async () => {
    const r = await run(dir, ['check', '--statistics', '.']);
    const lines = r.out.trim().split('\n');
    assert.match(lines[0], /^2\tinvalid-activation-string\t\[\*\] /);
    assert.match(lines[1], /^1\tsoftmax-without-dim\t(?!\[)/);
    const json = JSON.parse((await run(dir, ['check', '--statistics', '--output-format', 'json', '.'])).out);
    assert.deepEqual(json, [{ code: 'invalid-activation-string', count: 2 }, { code: 'softmax-without-dim', count: 1 }]);
  });
  it('--exit-zero: findings still printed, exit 0', async () => {
    const r = await run(dir, ['check', '--exit-zero', '.']);
    assert.equal(r.code, 0);
    assert.match(r.out, /invalid-activation-string/);
  });
  it('--quiet prints findings only, no summary', async () => {
    const r = await run(dir, ['check', '--quiet', '.']);
    assert.equal(r.out.trim().split('\n').length, 3);
    assert.doesNotMatch(r.out, /error\(s\)/);
    assert.match((await run(dir, ['check', '.'])).out, /2 error\(s\), 1 warning\(s\), 0 note\(s\) in 2 file\(s\).*; 2 fixable with --fix/);
  });
  it('--show-settings names the configuration, versions and each rule level', async () => {
    const d = project({ 'pkg/m.py': MIXED, 'pyproject.toml': '[tool.activation-lens]\nkeras-version = "2"\nignore = ["selu-init"]\n[tool.activation-lens.severity]\nsoftmax-without-dim = "error"\n' });
    const r = await run(d, ['check', '--show-settings', 'pkg/m.py']);
    assert.equal(r.code, 0);
    assert.match(r.out, /^file: pkg\/m\.py\nconfiguration: pyproject\.toml\nkeras: tf\.keras 2 assumed \(pyproject\.toml sets keras-version\)\n/);
    assert.match(r.out, /\n {2}softmax-without-dim = error\n/);
    assert.match(r.out, /\n {2}selu-init = off\n/);
  });
});

describe('check: standard input', () => {
  const dir = project({ 'activation-lens.toml': 'ignore = ["softmax-without-dim"]\n' });
  it('--stdin-filename checks the text under that name, with the configuration found from it', async () => {
    const r = await run(dir, ['check', '--stdin-filename', 'sub/m.py'], MIXED);
    assert.deepEqual(codes(r), ['invalid-activation-string']);
    assert.match(r.out, /^sub\/m\.py:3:32: /);
  });
  it('with --fix it prints the fixed text and reports on stderr; nothing is written', async () => {
    const r = await run(dir, ['check', '--fix', '--stdin-filename', 'm.py'], MIXED);
    assert.equal(r.out, MIXED.replace("'Relu'", "'relu'"));
    assert.match(r.err, /fixed 1 in 1 file\(s\); remaining: 0 error/);
    assert.equal(r.code, 0);
  });
});

describe('check: --diff, --fix, --unsafe-fixes', () => {
  it('--diff prints a unified diff, writes nothing, exits 1 when something would change', async () => {
    const dir = project({ 'm.py': MIXED });
    const r = await run(dir, ['check', '--diff', 'm.py']);
    assert.equal(r.code, 1);
    assert.match(r.out, /^--- a\/m\.py\n\+\+\+ b\/m\.py\n@@ -1,4 \+1,4 @@\n/);
    assert.match(r.out, /^-a = layers\.Dense\(4, activation='Relu'\)\n\+a = layers\.Dense\(4, activation='relu'\)$/m);
    assert.equal(readFileSync(path.join(dir, 'm.py'), 'utf8'), MIXED);
    assert.equal((await run(dir, ['check', '--diff', '--select', 'softmax-without-dim', 'm.py'])).code, 0, 'no safe fix: empty diff');
  });
  it('--fix applies safe fixes only; --unsafe-fixes adds the rest; a second run changes nothing', async () => {
    const dir = project({ 'm.py': MIXED });
    const safe = await run(dir, ['check', '--fix', 'm.py']);
    assert.equal(readFileSync(path.join(dir, 'm.py'), 'utf8'), MIXED.replace("'Relu'", "'relu'"));
    assert.deepEqual(codes(safe), ['softmax-without-dim']);
    assert.match(safe.out, /fixed 1 in 1 file\(s\); remaining: 0 error\(s\), 1 warning/);
    const unsafe = await run(dir, ['check', '--fix', '--unsafe-fixes', 'm.py']);
    assert.equal(readFileSync(path.join(dir, 'm.py'), 'utf8'), MIXED.replace("'Relu'", "'relu'").replace('F.softmax(x)', 'F.softmax(x, dim=1)'));
    assert.deepEqual(codes(unsafe), []);
    const again = await run(dir, ['check', '--fix', '--unsafe-fixes', 'm.py']);
    assert.match(again.out, /fixed 0 in 0 file\(s\)/);
  });
  it('--fix and --diff together are a usage error', async () => {
    assert.equal((await run(project({ 'm.py': MIXED }), ['check', '--fix', '--diff', 'm.py'])).code, 2);
  });
});

describe('check: configuration keys', () => {
  it('nested configurations: each file follows the closest one', async () => {
    const dir = project({
      'pyproject.toml': '[tool.activation-lens]\nselect = ["softmax-without-dim"]\n',
      'top.py': MIXED,
      'sub/activation-lens.toml': 'select = ["invalid-activation-string"]\n[severity]\ninvalid-activation-string = "warning"\n',
      'sub/low.py': MIXED,
      'sub/deeper/pyproject.toml': '[project]\nname = "x"\n',
      'sub/deeper/lowest.py': MIXED,
    });
    const r = await run(dir, ['check', '.']);
    assert.match(r.out, /^sub\/deeper\/lowest\.py:3:32: warning invalid-activation-string/m);
    assert.match(r.out, /^sub\/low\.py:3:32: warning invalid-activation-string/m);
    assert.match(r.out, /^top\.py:4:5: warning softmax-without-dim/m);
    assert.equal(codes(r).length, 3);
    assert.equal(r.code, 0, 'the only error was turned into a warning');
  });
  it('keras-version and torch-version set the targets (and the reason says so)', async () => {
    const dir = project({ 'activation-lens.toml': 'keras-version = "2"\ntorch-version = "2.3"\n', 'k.py': "from keras import layers\nlayers.Dense(4, activation='LeakyReLU')\n" });
    const r = await run(dir, ['check', 'k.py']);
    assert.doesNotMatch(r.out, /invalid-activation-string/, "'LeakyReLU' is valid in tf.keras 2");
    assert.match(r.out, /tf\.keras 2 assumed \(activation-lens\.toml sets keras-version\)/);
    assert.match((await run(dir, ['check', '--show-settings', 'k.py'])).out, /torch: 2\.3 \(activation-lens\.toml sets torch-version\)/);
    assert.match((await run(dir, ['check', '--keras', '3', 'k.py'])).out, /invalid-activation-string/, '--keras wins over the file');
  });
  it('default excludes, exclude (replacing them) and extend-exclude', async () => {
    const files = { 'a.py': MIXED, 'build/b.py': MIXED, '.venv/lib/c.py': MIXED, 'gen/d.py': MIXED, 'e_pb2.py': MIXED, '.ipynb_checkpoints/f.py': MIXED };
    const plain = project(files);
    assert.deepEqual(filesIn(await run(plain, ['check', '.'])), ['a.py', 'e_pb2.py', 'gen/d.py']);
    const extended = project({ ...files, 'activation-lens.toml': 'extend-exclude = ["gen/**", "*_pb2.py"]\n' });
    assert.deepEqual(filesIn(await run(extended, ['check', '.'])), ['a.py']);
    const replaced = project({ ...files, 'activation-lens.toml': 'exclude = ["gen"]\n' });
    assert.deepEqual(filesIn(await run(replaced, ['check', '.'])), ['.ipynb_checkpoints/f.py', '.venv/lib/c.py', 'a.py', 'build/b.py', 'e_pb2.py']);
  });
  it('explicit files are checked even when excluded, unless --force-exclude', async () => {
    const dir = project({ 'activation-lens.toml': 'extend-exclude = ["gen"]\n', 'gen/d.py': MIXED });
    assert.deepEqual(filesIn(await run(dir, ['check', 'gen/d.py'])), ['gen/d.py']);
    const forced = await run(dir, ['check', '--force-exclude', 'gen/d.py']);
    assert.equal(forced.code, 2);
    assert.match(forced.err, /nothing could be read/);
  });
  it('.gitignore is respected (nested files too), unless respect-gitignore = false', async () => {
    const files = { '.git/HEAD': 'ref: refs/heads/main\n', '.gitignore': 'scratch/\n*.tmp.py\n', 'a.py': MIXED, 'scratch/s.py': MIXED, 'x.tmp.py': MIXED, 'pkg/.gitignore': 'local.py\n', 'pkg/local.py': MIXED, 'pkg/kept.py': MIXED };
    assert.deepEqual(filesIn(await run(project(files), ['check', '.'])), ['a.py', 'pkg/kept.py']);
    const off = project({ ...files, 'activation-lens.toml': 'respect-gitignore = false\n' });
    assert.deepEqual(filesIn(await run(off, ['check', '.'])), ['a.py', 'pkg/kept.py', 'pkg/local.py', 'scratch/s.py', 'x.tmp.py']);
  });
  it('a bad configuration stops with exit 2 and names file, line and key; unknown keys only warn', async () => {
    const bad = project({ 'pyproject.toml': '[tool.activation-lens]\nselect = "all"\n', 'a.py': MIXED });
    const r = await run(bad, ['check', '.']);
    assert.equal(r.code, 2);
    assert.match(r.err, /^pyproject\.toml:2: error: 'select' must be a list of rule codes/m);
    assert.equal(r.out, '');
    const warn = project({ 'activation-lens.toml': 'ignore = ["softmax-without-dim"]\nfrobnicate = 1\n', 'a.py': MIXED });
    const w = await run(warn, ['check', '.']);
    assert.match(w.err, /^activation-lens\.toml:2: warning: unknown key 'frobnicate' in the file; ignored$/m);
    assert.deepEqual(codes(w), ['invalid-activation-string']);
  });
});

/** Files with findings in a text report, sorted. */
function filesIn(r: Run): string[] {
  return [...new Set([...r.out.matchAll(/^([^\s:]+):\d+:\d+: /gm)].map((m) => m[1]))].sort();
}
