import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { scanNotebook, scanPython } from '../../../src/core/scan';
import { prng } from '../prng';

const root = path.join(__dirname, '../../../..');
const seeds = ['test/fixtures/scan', 'bench/corpus'].flatMap((d) =>
  readdirSync(path.join(root, d)).filter((f) => f.endsWith('.py') || f.endsWith('.ipynb')).map((f) => readFileSync(path.join(root, d, f), 'utf8')));

test('half-typed and broken code still yields the usages it can', () => {
  const code = 'import torch.nn as nn\nx = nn.ReLU(\ny = nn.GELU()\ndef broken(:\n    return nn.SiLU()\n';
  const names = scanPython(code).usages.map((u) => u.name);
  assert.ok(names.includes('relu') && names.includes('silu'), JSON.stringify(names));
});

test('an unclosed bracket does not swallow the statements after a new top-level def', () => {
  const code = 'import torch.nn as nn\nlayers = [nn.ReLU(),\n\ndef make():\n    return nn.Tanh()\n';
  assert.deepEqual(scanPython(code).usages.map((u) => [u.name, u.line]), [['relu', 1], ['tanh', 4]]);
});

test('tabs, decorators, f-strings and line continuations are handled', () => {
  const code = 'import torch\nimport torch.nn.functional as F\n@torch.no_grad()\ndef f(x):\n\ty = F.relu(x) + \\\n\t\tF.gelu(x)\n\ts = f"{F.silu(x)!r:>10}"\n\treturn y';
  assert.deepEqual(scanPython(code).usages.map((u) => u.name), ['relu', 'gelu']);
});

test('10,000 nested brackets neither throw nor recurse', () => {
  const code = `import torch.nn.functional as F\ny = ${'F.relu('.repeat(10_000)}x${')'.repeat(10_000)}\nz = ${'('.repeat(10_000)}`;
  assert.equal(scanPython(code).usages.length, 10_000);
});

test('a 20 MB file is scanned', () => {
  const block = 'import torch.nn as nn\nclass B(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.act = nn.GELU()\n';
  const text = block.repeat(Math.ceil(20e6 / block.length));
  assert.equal(scanPython(text).usages.length, Math.ceil(20e6 / block.length));
});

test('binary data is recognised and skipped with a note', () => {
  const bytes = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)).toString('latin1');
  const result = scanPython(bytes);
  assert.deepEqual(result.usages, []);
  assert.match(result.notes.join(), /binary/);
});

test('broken notebook JSON returns what can be recovered and says so', () => {
  const nb = '{"cells": [{"cell_type": "code", "source": ["import torch.nn as nn\\n", "a = nn.ReLU()"]}, {"cell_type": "code", "source": "b = nn.Tan';
  const result = scanNotebook(nb);
  assert.deepEqual(result.usages.map((u) => [u.name, u.cell]), [['relu', 0]]);
  assert.match(result.notes.join(), /broken notebook JSON/);
  for (const odd of ['', 'null', '[]', '{"cells": 3}', '{"cells": [null, 1, {"cell_type": "code", "source": 5}]}', '{"worksheets": [{"cells": [{"cell_type": "code", "input": "import torch\\nx.relu()"}]}]}']) {
    assert.doesNotThrow(() => scanNotebook(odd), odd);
  }
  assert.equal(scanNotebook('{"nbformat": 3, "worksheets": [{"cells": [{"cell_type": "code", "input": ["import torch\\n", "y = x.relu()"]}]}]}').usages.length, 1);
});

test('hostile strings inside code are reported as plain data', () => {
  const u = scanPython("from keras import layers\nlayers.Dense(1, activation='<img src=x onerror=alert(1)>')").usages[0];
  assert.deepEqual([u.name, u.valid, u.raw], ['<img src=x onerror=alert(1)>', false, '<img src=x onerror=alert(1)>']);
});


test('fuzz: thousands of mutated real files never throw and stay linear', () => {
  const random = prng(7);
  const pieces = ['(', ')', '[', ']', '{', '}', "'", '"', '"""', "'''", '\\', '\n', '\t', '#', ':', '=', '.', ',', '\0', '\uFFFF', '\uD800', 'f"{', 'lambda', 'import ', 'from ', ' as ', 'def ', 'class ', '@', '*', '**'];
  let runs = 0;
  let slowest = 0;
  for (let i = 0; i < 3000; i++) {
    let text = seeds[i % seeds.length];
    const mutations = 1 + Math.floor(random() * 8);
    for (let m = 0; m < mutations; m++) {
      const at = Math.floor(random() * text.length);
      const kind = random();
      if (kind < 0.4) text = text.slice(0, at) + pieces[Math.floor(random() * pieces.length)] + text.slice(at);
      else if (kind < 0.7) text = text.slice(0, at) + text.slice(at + Math.floor(random() * 40));
      else if (kind < 0.85) text = text.slice(0, at) + text.slice(Math.floor(random() * text.length));
      else text = text.slice(at) + text.slice(0, at);
    }
    const started = performance.now();
    const result = text.trimStart().startsWith('{') ? scanNotebook(text) : scanPython(text);
    slowest = Math.max(slowest, (performance.now() - started) / Math.max(1, text.length / 1e4));
    assert.ok(Array.isArray(result.usages));
    assert.ok(!result.notes.some((n) => n.startsWith('scanner error')), `${result.notes.join('; ')}\n--- input ${i}`);
    for (const u of result.usages) assert.ok(u.start >= 0 && u.end <= text.length && u.start <= u.end);
    runs++;
  }
  assert.equal(runs, 3000);
  // A hang guard, not a speed test: no input may take seconds per 10 kB.
  assert.ok(slowest < 2000, `slowest input took ${slowest.toFixed(0)} ms per 10 kB`);
});

test('names of built-in object properties in code are plain text, never table entries', () => {
  const code = "import torch\nimport keras\ny = x.constructor()\nz = x.toString()\nkeras.layers.Dense(3, activation='constructor')\nkeras.layers.toString(3, 'relu')\nkeras.layers.Dense(2, activation='__proto__')";
  const usages = scanPython(code).usages;
  assert.deepEqual(usages.map((u) => [u.name, u.form, u.valid]), [['constructor', 'string', false], ['__proto__', 'string', false]]);
});
