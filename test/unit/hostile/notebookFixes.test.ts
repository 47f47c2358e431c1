// Notebook fixes stay in their cell: each edit names the cell it changes and is positioned in that cell's text
// (the model in one cell, `compile` in the next), JSON Lines and SARIF say so, and no fix has a null position.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { runCli } from '../../../src/cli/main';
import { fixAll } from '../../../src/core/fixes/applyAll';
import { applyFixToCells, checkCells, checkPython, type Finding } from '../../../src/core/rules';
import { resolveVersions } from '../../../src/core/versions';

const K3 = { versions: resolveVersions([], { keras: '3' }) };

const MODEL_CELL = "from keras import layers, losses, Sequential\nmodel = Sequential([layers.Dense(64, activation='relu'), layers.Dense(10, activation='sigmoid')])\n";
const COMPILE_CELL = "model.compile(loss='categorical_crossentropy', optimizer='adam')\n";

function fixTitled(findings: readonly Finding[], title: string) {
  const fix = findings.flatMap((f) => f.fixes.map((x) => ({ f, x }))).find(({ x }) => x.title === title);
  assert.ok(fix, `no fix titled ${title}`);
  return fix;
}

describe('notebook fixes edit the cell they belong to', () => {
  it("\"Use 'binary_crossentropy'\" found on the model cell edits the compile cell", () => {
    const cells = [{ index: 0, text: MODEL_CELL }, { index: 2, text: COMPILE_CELL }];
    const { f, x } = fixTitled(checkCells(cells, K3).findings, "Use 'binary_crossentropy'");
    assert.equal(f.cell, 0, 'the finding sits on the output layer');
    assert.deepEqual(x.edits.map((e) => e.cell), [2]);
    const out = applyFixToCells(cells, x, f.cell);
    assert.equal(out.get(0), MODEL_CELL);
    assert.equal(out.get(2), "model.compile(loss='binary_crossentropy', optimizer='adam')\n");
  });

  it('"Set from_logits=True" goes inside the loss call of the compile cell, not into a layer of the model cell', () => {
    const model = "from keras import layers, losses, Sequential\nmodel = Sequential([layers.Dense(64, activation='relu'), layers.Dense(10)])\n";
    const compile = 'model.compile(loss=losses.CategoricalCrossentropy())\n';
    const cells = [{ index: 1, text: model }, { index: 3, text: compile }];
    const { f, x } = fixTitled(checkCells(cells, K3).findings, 'Set from_logits=True');
    const out = applyFixToCells(cells, x, f.cell);
    assert.equal(out.get(1), model);
    assert.equal(out.get(3), 'model.compile(loss=losses.CategoricalCrossentropy(from_logits=True))\n');
    assert.deepEqual(x.edits.map((e) => [e.cell, e.line, e.col]), [[3, 0, 50]], 'positions come from the compile cell');
  });

  it('a call left open at the end of a file gets no fix rather than one with null positions', () => {
    const findings = checkPython('import torch.nn as nn\nm = nn.Softmax(').findings;
    assert.equal(findings.length, 1);
    for (const e of findings.flatMap((f) => f.fixes.flatMap((x) => x.edits))) {
      for (const n of [e.line, e.col, e.endLine, e.endCol]) assert.ok(Number.isInteger(n), `position ${n}`);
    }
    assert.equal(JSON.stringify(findings).includes('null'), false);
  });

  it('JSON Lines names the cell of each edit (numbered from 1 like the findings); SARIF gives each cell its own artifact change', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'al-nbfix-'));
    try {
      const notebook = { cells: [MODEL_CELL, COMPILE_CELL].map((s) => ({ cell_type: 'code', source: s, metadata: {}, outputs: [], execution_count: null })), metadata: {}, nbformat: 4, nbformat_minor: 5 };
      writeFileSync(path.join(dir, 'nb.ipynb'), JSON.stringify(notebook));
      let out = '';
      await runCli(['check', '--format', 'json', '--keras', '3', 'nb.ipynb'], { out: (t) => { out += `${t}\n`; }, err: () => {}, cwd: dir });
      const record = JSON.parse(out.trim().split('\n')[0]) as { cell: number; fixes: { title: string; edits: { cell: number; line: number; col: number }[] }[] };
      const loss = record.fixes.find((x) => x.title === "Use 'binary_crossentropy'");
      assert.deepEqual(loss?.edits.map((e) => [e.cell, e.line, e.col]), [[2, 1, 19]]);
      out = '';
      await runCli(['check', '--format', 'sarif', '--keras', '3', 'nb.ipynb'], { out: (t) => { out += `${t}\n`; }, err: () => {}, cwd: dir });
      const sarif = JSON.parse(out) as { runs: { results: { fixes?: { description: { text: string }; artifactChanges: { artifactLocation: { uri: string; properties?: { cell: number } } }[] }[] }[] }[] };
      const fix = sarif.runs[0].results.flatMap((r) => r.fixes ?? []).find((x) => x.description.text === "Use 'binary_crossentropy'");
      assert.deepEqual(fix?.artifactChanges.map((c) => c.artifactLocation), [{ uri: 'nb.ipynb', properties: { cell: 2 } }]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('check --fix applies notebook fixes cell by cell', () => {
  it('"Set from_logits=True" (an unsafe fix found on the model cell) changes the compile cell only', () => {
    const model = "from keras import layers, losses, Sequential\nmodel = Sequential([layers.Dense(64, activation='relu'), layers.Dense(10)])\n";
    const compile = 'model.compile(loss=losses.CategoricalCrossentropy())\n';
    const units = [{ cell: 1, text: model }, { cell: 3, text: compile }];
    const result = fixAll(units, (us) => checkCells(us.map((u) => ({ index: u.cell as number, text: u.text })), K3).findings, { unsafe: true });
    assert.deepEqual(result.units.map((u) => u.text), [model, 'model.compile(loss=losses.CategoricalCrossentropy(from_logits=True))\n']);
    assert.deepEqual(result.fixed, { 'logits-mismatch': 1 });
  });
});
