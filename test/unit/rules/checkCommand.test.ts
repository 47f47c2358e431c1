// `activation-lens check` through runCli: text, JSON Lines and SARIF (validated against the SARIF 2.1.0 schema), exit codes.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import Ajv from 'ajv';
import { runCli } from '../../../src/cli/main';
import { applyEdits, RULE_CODES } from '../../../src/core/rules';

async function run(cwd: string, ...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(argv, { out: (t) => { out += `${t}\n`; }, err: (t) => { err += `${t}\n`; }, cwd });
  return { code, out, err };
}

/** The official schema is draft-04; Ajv 8 reads it once `id` is `$id` and the meta-schema line is dropped. */
let cached: ((data: unknown) => string[]) | undefined;
function sarifValidator(): (data: unknown) => string[] {
  if (cached) return cached;
  const schema = JSON.parse(readFileSync(path.join(process.cwd(), 'test/fixtures/sarif/sarif-schema-2.1.0.json'), 'utf8'));
  delete schema.$schema;
  schema.$id = schema.id;
  delete schema.id;
  const ajv = new Ajv({ allErrors: true, strict: false });
  ajv.addFormat('uri', (s: string) => { try { return Boolean(new URL(s)); } catch { return false; } });
  ajv.addFormat('uri-reference', (s: string) => !/\s/.test(s));
  ajv.addFormat('date-time', (s: string) => !Number.isNaN(Date.parse(s)));
  const validate = ajv.compile(schema);
  return (cached = (data) => (validate(data) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`)));
}

const BAD = [
  'import keras',
  'from keras.layers import Dense',
  'model = keras.Sequential()',
  "model.add(Dense(90, activation='LeakyReLU'))",
  "model.add(Dense(10, activation='sigmoid'))",
  "model.compile(loss='categorical_crossentropy')",
  '',
].join('\n');
const WARN_ONLY = "import torch.nn.functional as F\ny = F.softmax(x)\n";
const GOOD = "import torch.nn as nn\nnet = nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Linear(8, 2))\nloss = nn.CrossEntropyLoss()\n";
const NOTEBOOK = JSON.stringify({
  cells: [
    { cell_type: 'markdown', source: ['# title'], metadata: {} },
    { cell_type: 'code', source: ['from keras import layers\n', "layers.Dense(4, activation='Relu')"], metadata: {}, outputs: [], execution_count: null },
  ],
  metadata: {}, nbformat: 4, nbformat_minor: 5,
});

describe('activation-lens check', () => {
  let dir = '';
  before(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'al-check-'));
    mkdirSync(path.join(dir, 'src'));
    writeFileSync(path.join(dir, 'src/bad.py'), BAD);
    writeFileSync(path.join(dir, 'src/warn.py'), WARN_ONLY);
    writeFileSync(path.join(dir, 'src/good.py'), GOOD);
    writeFileSync(path.join(dir, 'nb.ipynb'), NOTEBOOK);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('text: one line per finding with file:line:col, a summary, exit 1 on errors', async () => {
    const r = await run(dir, 'check', 'src/bad.py');
    assert.equal(r.code, 1);
    const lines = r.out.trim().split('\n');
    assert.match(lines[0], /^src\/bad\.py:4:32: error invalid-activation-string: 'LeakyReLU' is a layer class name/);
    assert.match(lines[1], /^src\/bad\.py:5:32: warning output-loss-mismatch: /);
    assert.match(lines[2], /^1 error\(s\), 1 warning\(s\), 0 note\(s\) in 1 file\(s\); Keras 3 assumed/);
  });

  it('exit codes: 0 for warnings, 1 for warnings with --strict, 0 for clean code, 2 for bad usage', async () => {
    assert.equal((await run(dir, 'check', 'src/warn.py')).code, 0);
    assert.equal((await run(dir, 'check', '--strict', 'src/warn.py')).code, 1);
    assert.equal((await run(dir, 'check', '--strict', 'src/good.py')).code, 0);
    assert.equal((await run(dir, 'check')).code, 2);
    assert.equal((await run(dir, 'check', '--format', 'xml', 'src')).code, 2);
    assert.equal((await run(dir, 'check', '--bogus', 'src')).code, 2);
    assert.equal((await run(dir, 'check', 'missing.py')).code, 2);
  });

  it('JSON Lines: documented fields, 1-based lines, fixes whose edits apply to the file', async () => {
    const r = await run(dir, 'check', '--format', 'json', 'src', 'nb.ipynb');
    const records = r.out.trim().split('\n').map((l) => JSON.parse(l));
    const first = records.find((x) => x.code === 'invalid-activation-string' && x.file === 'src/bad.py');
    assert.deepEqual(Object.keys(first), ['file', 'line', 'col', 'endLine', 'endCol', 'code', 'severity', 'message', 'fixes']);
    assert.deepEqual([first.line, first.col, first.endLine, first.endCol], [4, 31, 4, 42]);
    assert.equal(first.fixes[0].title, 'Replace with a layer: LeakyReLU(negative_slope=0.3)');
    // Turn the line/col edits back into offsets and apply them: the canonical fix.
    const starts = [0];
    for (let i = 0; i < BAD.length; i++) if (BAD[i] === '\n') starts.push(i + 1);
    const edits = first.fixes[0].edits.map((e: { line: number; col: number; endLine: number; endCol: number; newText: string }) => ({ start: starts[e.line - 1] + e.col, end: starts[e.endLine - 1] + e.endCol, newText: e.newText }));
    const fixed = applyEdits(BAD, edits);
    assert.ok(fixed.includes("model.add(Dense(90))\nmodel.add(LeakyReLU(negative_slope=0.3))\n"), fixed);
    assert.ok(fixed.includes('from keras.layers import Dense, LeakyReLU'), fixed);
    const cell = records.find((x) => x.file === 'nb.ipynb');
    assert.deepEqual([cell.cell, cell.line, cell.code], [2, 2, 'invalid-activation-string']);
    assert.ok(records.every((x) => ['error', 'warning', 'information', 'hint'].includes(x.severity)));
  });

  it('SARIF 2.1.0 validates against the schema, with every rule, levels, regions and fixes', async () => {
    const r = await run(dir, 'check', '--format', 'sarif', 'src', 'nb.ipynb');
    assert.equal(r.code, 1);
    const log = JSON.parse(r.out);
    assert.deepEqual(sarifValidator()(log), []);
    assert.equal(log.version, '2.1.0');
    const runLog = log.runs[0];
    assert.equal(runLog.tool.driver.name, 'activation-lens');
    assert.deepEqual(runLog.tool.driver.rules.map((x: { id: string }) => x.id), [...RULE_CODES]);
    const result = runLog.results.find((x: { ruleId: string }) => x.ruleId === 'invalid-activation-string');
    assert.equal(result.level, 'error');
    assert.deepEqual(result.locations[0].physicalLocation.region, { startLine: 4, startColumn: 32, endLine: 4, endColumn: 43 });
    assert.equal(result.fixes[0].description.text, 'Replace with a layer: LeakyReLU(negative_slope=0.3)');
    const nb = runLog.results.find((x: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }) => x.locations[0].physicalLocation.artifactLocation.uri === 'nb.ipynb');
    assert.equal(nb.properties.cell, 2);
    const bogus = structuredClone(log);
    bogus.runs[0].results[0].level = 'fatal';
    assert.notDeepEqual(sarifValidator()(bogus), [], 'the validator must reject an invalid level');
  });

  it('targets the Keras version from the root requirements, or --keras', async () => {
    writeFileSync(path.join(dir, 'requirements.txt'), 'tensorflow==2.15.0\n');
    try {
      const k2 = await run(dir, 'check', 'src/bad.py');
      assert.ok(!k2.out.includes('invalid-activation-string'), 'LeakyReLU is a valid string in tf.keras 2');
      assert.match(k2.out, /tf\.keras 2 assumed \(requirements\.txt lists tensorflow==2\.15\.0/);
      const forced = await run(dir, 'check', '--keras', '3', 'src/bad.py');
      assert.match(forced.out, /invalid-activation-string/);
      const flag = await run(dir, 'check', '--keras', '2', 'src/bad.py');
      assert.match(flag.out, /tf\.keras 2 assumed \(--keras 2\)/, 'the flag, not the editor setting, is named as the reason');
      assert.doesNotMatch(flag.out + forced.out, /activationLens\.kerasVersion/);
      assert.equal((await run(dir, 'check', '--keras', 'four', 'src/bad.py')).code, 2);
    } finally {
      rmSync(path.join(dir, 'requirements.txt'));
    }
  });
});
