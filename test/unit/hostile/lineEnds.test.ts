// Files with old-Mac line ends (`\r` only) get true line numbers in the scanner, the rules and the command line,
// and a fix that deletes a line deletes that line only.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { runCli } from '../../../src/cli/main';
import { LineIndex } from '../../../src/core/python/lineIndex';
import { applyEdits, checkPython } from '../../../src/core/rules';
import { scanPython } from '../../../src/core/scan';
import { resolveVersions } from '../../../src/core/versions';

const CR = 'import torch.nn as nn\rx = nn.ReLU()\r# comment\ry = nn.Softmax()\r';

describe('CR-only line ends', () => {
  it('the line index breaks lines at \\r, \\r\\n and \\n alike', () => {
    const lines = new LineIndex('a\rb\r\nc\nd');
    assert.equal(lines.lineCount, 4);
    assert.deepEqual([0, 2, 5, 7].map((o) => lines.position(o)), [{ line: 0, col: 0 }, { line: 1, col: 0 }, { line: 2, col: 0 }, { line: 3, col: 0 }]);
  });

  it('scanner and rules give each usage its own line', () => {
    assert.deepEqual(scanPython(CR).usages.map((u) => [u.name, u.line]), [['relu', 1], ['softmax', 3]]);
    assert.deepEqual(checkPython(CR).findings.map((f) => [f.code, f.line, f.col]), [['softmax-without-dim', 3, 4]]);
  });

  it('the command line prints those lines (scan text and check JSON)', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'al-cr-'));
    try {
      writeFileSync(path.join(dir, 'mac.py'), CR);
      const out: string[] = [];
      await runCli(['scan', 'mac.py'], { out: (t) => out.push(t), err: () => {}, cwd: dir });
      assert.deepEqual(out.filter((l) => l.startsWith('mac.py')).map((l) => l.split(/\s+/)[0]), ['mac.py:2:5', 'mac.py:4:5']);
      out.length = 0;
      await runCli(['check', '--format', 'json', 'mac.py'], { out: (t) => out.push(t), err: () => {}, cwd: dir });
      const record = JSON.parse(out[0]) as { line: number; fixes: { edits: { line: number }[] }[] };
      assert.equal(record.line, 4);
      assert.equal(record.fixes[0].edits[0].line, 4);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a fix that removes an activation line removes only that line', () => {
    const text = 'from keras import layers, Sequential\rmodel = Sequential()\rmodel.add(layers.Dense(1))\rmodel.add(layers.Activation("sigmoid"))\rmodel.compile(loss="mse")\r';
    const f = checkPython(text, { versions: resolveVersions([], { keras: '3' }) }).findings.find((x) => x.code === 'regression-output-activation');
    assert.ok(f);
    assert.equal(applyEdits(text, f.fixes[0].edits), 'from keras import layers, Sequential\rmodel = Sequential()\rmodel.add(layers.Dense(1))\rmodel.compile(loss="mse")\r');
  });
});
