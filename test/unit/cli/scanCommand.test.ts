// `activation-lens scan` through runCli, on files written to a temporary folder.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { runCli } from '../../../src/cli/main';

async function run(cwd: string, ...argv: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { out: (t) => out.push(t), err: (t) => err.push(t), cwd });
  return { code, out, err };
}

function project(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'activation-lens-scan-'));
  mkdirSync(path.join(dir, 'models', 'nested'), { recursive: true });
  mkdirSync(path.join(dir, '.venv'));
  writeFileSync(path.join(dir, 'models', 'net.py'), 'import torch.nn as nn\nact = nn.LeakyReLU(0.2, True)\n');
  writeFileSync(path.join(dir, 'models', 'nested', 'k.py'), "from keras import layers\nlayers.Dense(3, activation='LeakyReLU')\n");
  writeFileSync(path.join(dir, '.venv', 'skip.py'), 'import torch\ntorch.relu(x)\n');
  writeFileSync(path.join(dir, 'notes.txt'), 'nn.ReLU()');
  const nb = { cells: [{ cell_type: 'markdown', source: '# t' }, { cell_type: 'code', source: ['import torch\n', 'y = x.sigmoid()'] }] };
  writeFileSync(path.join(dir, 'train.ipynb'), JSON.stringify(nb));
  writeFileSync(path.join(dir, 'broken.ipynb'), '{"cells": [');
  return dir;
}

describe('activation-lens scan', () => {
  it('prints JSON Lines with relative paths, 1-based lines, 0-based columns, cells, params and string validity', async () => {
    const dir = project();
    const r = await run(dir, 'scan', '--format', 'json', '.');
    const records = r.out.map((l) => JSON.parse(l));
    assert.deepEqual(records, [
      { file: 'models/nested/k.py', line: 2, col: 27, framework: 'keras', name: 'LeakyReLU', form: 'string', params: {}, valid: false, raw: 'LeakyReLU' },
      { file: 'models/net.py', line: 2, col: 6, framework: 'torch', name: 'leaky_relu', form: 'layer', params: { negative_slope: 0.2, inplace: true } },
      { file: 'train.ipynb', line: 2, col: 6, cell: 2, framework: 'torch', name: 'sigmoid', form: 'method', params: {} },
    ]);
    assert.equal(r.code, 0);
    assert.deepEqual(r.err, ['broken.ipynb: broken notebook JSON at offset 11; skipped']);
  });

  it('makes paths relative to --root and prints text for people', async () => {
    const dir = project();
    const r = await run(path.join(dir, 'models'), 'scan', '--root', dir, 'net.py');
    assert.deepEqual(r.out, ['models/net.py:2:7  leaky_relu  torch/layer']);
  });

  it('says clearly when nothing could be read, and rejects bad usage with exit code 2', async () => {
    const dir = project();
    const missing = await run(dir, 'scan', 'nope.py');
    assert.equal(missing.code, 1);
    assert.match(missing.err.join('\n'), /nope\.py: cannot read \(ENOENT\); skipped/);
    assert.equal((await run(dir, 'scan', '--format', 'xml', '.')).code, 2);
    assert.equal((await run(dir, 'scan')).code, 2);
    assert.equal((await run(dir, 'scan', '--bogus', '.')).code, 2);
  });
});
