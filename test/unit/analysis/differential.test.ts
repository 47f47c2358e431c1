// Differential: a document kept current edit by edit gives exactly the findings of a fresh analysis of its text
// (codes, ranges, messages, related locations and every fix's edits), whatever the reuse behind it.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { analyzePython, DEFAULT_ANALYSIS_OPTIONS, PythonDocument } from '../../../src/core/analysis';
import { prng } from '../prng';

const root = path.join(__dirname, '../../../..');
const dirs = ['test/fixtures/rules', 'bench/corpus', 'test/fixtures/incremental'].map((d) => path.join(root, d));
const files = dirs.flatMap((d) => readdirSync(d).filter((f) => f.endsWith('.py')).sort().map((f) => ({ name: f, text: readFileSync(path.join(d, f), 'utf8') })));


/**
 * Edits that change what the rules see: widths, activations, losses, criteria, models rebound, classes and
 * functions added, imports changed, lines joined and split, brackets and strings left open.
 */
const EDITS = [
  '1', '64', '0', "'sigmoid'", "'softmax'", "'relu'", "activation='tanh'", "activation='softmax'", ', ', '\n', '\n\n', '    ', '# ', '(', ')', ']', "'",
  "loss='binary_crossentropy'", "loss='mae'", 'from_logits=True', 'nn.Sigmoid()', 'nn.Softmax(dim=1)', 'nn.BCELoss()', 'nn.CrossEntropyLoss()',
  'criterion = nn.BCELoss()\n', 'out = model(x)\n', 'loss = criterion(out, y)\n', 'model = keras.Sequential([layers.Dense(1)])\n',
  'x = layers.Dense(8)(x)\n', 'model.add(layers.Dense(2, activation="softmax"))\n', 'F.relu(x)', 'torch.sigmoid(out)', 'F = None\n',
  'import torch.nn as nn\n', 'from tensorflow import keras\n', 'def build():\n    return keras.Sequential([layers.Dense(3)])\n',
  'class Head(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.fc = nn.Linear(4, 1)\n\n    def forward(self, x):\n        return torch.sigmoid(self.fc(x))\n',
];

test('differential: findings after random edits equal a fresh analysis (related information and fixes included)', () => {
  const random = prng(20261130);
  let edits = 0;
  let withFindings = 0;
  let failures = 0;
  for (const file of files) {
    let doc = new PythonDocument(file.text, DEFAULT_ANALYSIS_OPTIONS);
    let text = file.text;
    void doc.analysis.findings;
    for (let i = 0; i < 40; i++) {
      // Every tenth edit starts again from the file as written, so broken brackets do not pile up.
      if (i % 10 === 0) { doc = new PythonDocument(file.text, DEFAULT_ANALYSIS_OPTIONS); text = file.text; void doc.analysis.findings; }
      // Most edits replace a few characters inside the file (typing), some insert whole statements.
      const offset = Math.floor(random() * (text.length + 1));
      const deleted = random() < 0.5 ? Math.min(text.length - offset, Math.floor(random() * 8)) : 0;
      const inserted = random() < 0.9 ? EDITS[Math.floor(random() * EDITS.length)] : '';
      const next = text.slice(0, offset) + inserted + text.slice(offset + deleted);
      const got = doc.edit(next, [{ offset, deleted, inserted }]);
      const fresh = analyzePython(next, DEFAULT_ANALYSIS_OPTIONS);
      if (fresh.findings.length) withFindings++;
      if (JSON.stringify(got.findings) !== JSON.stringify(fresh.findings) || JSON.stringify(got.usages) !== JSON.stringify(fresh.usages)) {
        failures++;
        assert.deepEqual(got.findings, fresh.findings, `${file.name}: edit ${i} at ${offset} (-${deleted} +${JSON.stringify(inserted)})`);
      }
      text = next;
      edits++;
    }
  }
  console.log(`findings differential: ${files.length} files, ${edits} edits (${withFindings} with findings), ${failures} failures`);
  assert.equal(failures, 0);
  assert.ok(edits >= 500 && withFindings >= edits / 3, `${withFindings} of ${edits} edits left findings to compare`);
});

test('differential: the same text checked again, and an edit undone, give the first findings back', () => {
  for (const file of files) {
    const doc = new PythonDocument(file.text, DEFAULT_ANALYSIS_OPTIONS);
    const first = JSON.stringify(doc.analysis.findings);
    const at = file.text.indexOf('(');
    if (at < 0) continue;
    const edited = file.text.slice(0, at + 1) + '7, ' + file.text.slice(at + 1);
    void doc.edit(edited, [{ offset: at + 1, deleted: 0, inserted: '7, ' }]).findings;
    const back = doc.edit(file.text, [{ offset: at + 1, deleted: 3, inserted: '' }]);
    assert.equal(JSON.stringify(back.findings), first, file.name);
    assert.equal(JSON.stringify(analyzePython(file.text, DEFAULT_ANALYSIS_OPTIONS).findings), first, file.name);
  }
});

test('one parse checked again with other signal thresholds gives the findings a fresh check with them gives', () => {
  const text = readFileSync(path.join(root, 'test/fixtures/rules/signal_bad.py'), 'utf8');
  const analysis = analyzePython(text, DEFAULT_ANALYSIS_OPTIONS);
  const signal = (findings: readonly { code: string }[]): number => findings.filter((f) => f.code === 'vanishing-signal' || f.code === 'exploding-signal').length;
  assert.ok(signal(analysis.findings) > 0);
  const lenient = { ...DEFAULT_ANALYSIS_OPTIONS, signalThresholds: { vanishing: 1e-300, exploding: 1e300 } };
  const again = analysis.withOptions(lenient);
  assert.equal(again.parsed, analysis.parsed, 'the parse is shared');
  assert.equal(signal(again.findings), 0);
  assert.deepEqual(again.findings, analyzePython(text, lenient).findings);
  assert.deepEqual(analysis.withOptions(DEFAULT_ANALYSIS_OPTIONS).findings, analysis.findings);
});
