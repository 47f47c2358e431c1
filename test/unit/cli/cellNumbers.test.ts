// One notebook cell numbering everywhere: `cell N` is the 1-based position among all cells, markdown included
// (ruff's convention), in scan and check text, JSON Lines and SARIF alike; text columns are 1-based in both commands.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runCli } from '../../../src/cli/main';

async function run(cwd: string, ...argv: string[]): Promise<{ code: number; out: string[] }> {
  const out: string[] = [];
  const code = await runCli(argv, { out: (t) => out.push(...t.split('\n').filter(Boolean)), err: () => undefined, cwd });
  return { code, out };
}

// Cells as a user sees them: 1 markdown, 2 code (imports), 3 markdown, 4 raw, 5 code with the mistake on its line 2.
const NOTEBOOK = JSON.stringify({
  cells: [
    { cell_type: 'markdown', source: ['# Model'], metadata: {} },
    { cell_type: 'code', source: ['from keras import layers'], metadata: {}, outputs: [], execution_count: 1 },
    { cell_type: 'markdown', source: ['The head'], metadata: {} },
    { cell_type: 'raw', source: ['not code'], metadata: {} },
    { cell_type: 'code', source: ['x = 1\n', "layers.Dense(4, activation='Relu')"], metadata: {}, outputs: [], execution_count: 2 },
  ],
  metadata: {}, nbformat: 4, nbformat_minor: 5,
});

describe('notebook cell numbers', () => {
  let dir = '';
  before(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'al-cells-'));
    writeFileSync(path.join(dir, 'nb.ipynb'), NOTEBOOK);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('check text, JSON and SARIF all say cell 5 for the fifth cell', async () => {
    const text = await run(dir, 'check', 'nb.ipynb');
    assert.match(text.out[0], /^nb\.ipynb:cell 5:2:28: error invalid-activation-string: /);
    const json = JSON.parse((await run(dir, 'check', '--format', 'json', 'nb.ipynb')).out[0]);
    assert.deepEqual([json.cell, json.line, json.col], [5, 2, 27]);
    const sarif = JSON.parse((await run(dir, 'check', '--format', 'sarif', 'nb.ipynb')).out.join('\n'));
    const result = sarif.runs[0].results[0];
    assert.equal(result.properties.cell, 5);
    assert.deepEqual([result.locations[0].physicalLocation.region.startLine, result.locations[0].physicalLocation.region.startColumn], [2, 28]);
  });

  it('scan prints the same cell and the same 1-based column as check', async () => {
    const text = await run(dir, 'scan', 'nb.ipynb');
    assert.deepEqual(text.out, ['nb.ipynb:cell 5:2:28  Relu  keras/string  (invalid string)']);
    const json = JSON.parse((await run(dir, 'scan', '--format', 'json', 'nb.ipynb')).out[0]);
    assert.deepEqual([json.cell, json.line, json.col], [5, 2, 27]);
  });
});
