// The core analysis: one parse per document version shared by usages, versions, findings; edits equal a fresh analysis.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { analyzeCells, analyzePython, DEFAULT_ANALYSIS_OPTIONS, optionsKey, PythonDocument, resolveOptions } from '../../../src/core/analysis';
import { checkCells, checkPython } from '../../../src/core/rules';
import { scanPython } from '../../../src/core/scan';

const root = path.join(__dirname, '../../../..');
const fixture = (f: string): string => readFileSync(path.join(root, f), 'utf8');
const kerasBad = fixture('test/fixtures/rules/keras_bad.py');

test('an analysis gives the same usages and findings as the scanner and the rules alone', () => {
  const options = resolveOptions({ setting: { keras: '3' } });
  const analysis = analyzePython(kerasBad, options);
  assert.deepEqual(analysis.usages, scanPython(kerasBad).usages);
  assert.deepEqual(analysis.findings, checkPython(kerasBad, { versions: options.versions }).findings);
  assert.ok(analysis.findings.length > 0);
});

test('findings are computed once per analysis and other options reuse the parse', () => {
  const analysis = analyzePython(kerasBad, DEFAULT_ANALYSIS_OPTIONS);
  assert.equal(analysis.findings, analysis.findings, 'the same array: computed once');
  const off = analysis.withOptions({ ...DEFAULT_ANALYSIS_OPTIONS, rules: { 'invalid-activation-string': 'off' } });
  assert.equal(off.parsed, analysis.parsed, 'no second parse');
  assert.ok(analysis.findings.some((f) => f.code === 'invalid-activation-string'));
  assert.ok(!off.findings.some((f) => f.code === 'invalid-activation-string'));
  assert.notEqual(optionsKey(off.options), optionsKey(analysis.options));
});

test('versions are resolved once with the reason: setting, flag, dependency file, or the file\'s own imports', () => {
  const requirements = [{ name: 'requirements.txt', text: 'tensorflow==2.15.0\n' }];
  const auto = resolveOptions({ setting: { keras: 'auto' }, files: requirements });
  assert.equal(auto.versions.kerasMajor, 2);
  assert.match(auto.versions.kerasReason, /requirements\.txt lists tensorflow==2\.15\.0/);
  assert.equal(resolveOptions({ setting: { keras: '3' }, files: requirements }).versions.kerasReason, 'activationLens.kerasVersion');
  assert.equal(resolveOptions({ setting: { keras: '2', kerasFrom: '--keras 2' } }).versions.kerasReason, '--keras 2');
  assert.equal(resolveOptions().versions.kerasMajor, 3);
  const legacy = analyzePython('import tf_keras as keras\nx = keras.layers.Dense(2)\n', resolveOptions({ setting: { keras: '3' } }));
  assert.equal(legacy.versions.kerasMajor, 2);
  assert.match(legacy.versions.kerasReason, /imports tf_keras/);
});

test('a notebook is analysed as one program in cell order, magics blanked', () => {
  const cells = [
    { index: 0, text: '%matplotlib inline\nfrom keras import layers\n' },
    { index: 2, text: "layers.Dense(4, activation='Relu')\n" },
  ];
  const analysis = analyzeCells(cells, DEFAULT_ANALYSIS_OPTIONS);
  assert.deepEqual(analysis.usages.map((u) => [u.cell, u.raw]), [[2, 'Relu']]);
  assert.deepEqual(analysis.findings, checkCells([{ index: 0, text: ' '.repeat(18) + '\nfrom keras import layers\n' }, cells[1]]).findings);
});

test('a document kept current through edits equals a fresh analysis of its text, findings included', () => {
  const doc = new PythonDocument(kerasBad, DEFAULT_ANALYSIS_OPTIONS);
  let text = kerasBad;
  const edits: [string, string][] = [["'relu'", "'rleu'"], ['Dense(1', 'Dense(3'], ["'softmax'", "'sigmoid'"], ['\n', '\n# note\n']];
  for (const [from, to] of edits) {
    const offset = text.indexOf(from);
    assert.ok(offset >= 0, from);
    text = text.slice(0, offset) + to + text.slice(offset + from.length);
    const analysis = doc.edit(text, [{ offset, deleted: from.length, inserted: to }]);
    const fresh = analyzePython(text, DEFAULT_ANALYSIS_OPTIONS);
    assert.deepEqual(analysis.usages, fresh.usages, `usages after ${from} -> ${to}`);
    assert.deepEqual(analysis.findings.map((f) => [f.code, f.line, f.col, f.message]), fresh.findings.map((f) => [f.code, f.line, f.col, f.message]), `findings after ${from} -> ${to}`);
  }
  assert.equal(doc.text, text);
});

test('the analysis carries the model graph of the same parse', () => {
  const analysis = analyzePython(fixture('test/fixtures/rules/torch_good.py'), DEFAULT_ANALYSIS_OPTIONS);
  const graph = analysis.graph;
  assert.ok(graph && graph.models.length > 0, 'models found');
  assert.equal(analysis.graph, graph, 'built once');
  assert.ok(graph.models.every((m) => m.layers.every((l) => l.range.end <= analysis.parsed.units[l.range.unit].text.length)));
});
