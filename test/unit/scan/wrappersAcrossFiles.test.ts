// Activations passed to wrappers another module of the project defines: followed through the import, once per
// module version, and reported unjudged when the module cannot be read.
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { runCli } from '../../../src/cli/main';
import { scanPython, type ModuleSource } from '../../../src/core/scan';

const BLOCKS = [
  'from tensorflow.keras import layers',
  '',
  'def conv_bn(x, filters, act="relu"):',
  '    x = layers.Conv2D(filters, 3)(x)',
  '    return layers.Activation(act)(x)',
  '',
].join('\n');

const MODEL = [
  'from tensorflow import keras',
  'from .blocks import conv_bn as cb',
  'from . import blocks',
  'import mypkg.blocks as mb',
  "a = cb(x, 32, act='Relu')",
  "b = blocks.conv_bn(x, 32, act='swish')",
  "c = mb.conv_bn(x, 32, act='gelu')",
  "d = helper(x, act='Relu')",
  '',
].join('\n');

function memoryModules(files: Record<string, string>, reads: string[]): ModuleSource {
  return {
    read(_from, module, level) {
      const name = `${'.'.repeat(level)}${module}`;
      reads.push(name);
      const text = files[name];
      return text === undefined ? undefined : { key: `${name}@1`, text };
    },
  };
}

const summary = (text: string, modules?: ModuleSource): string[] =>
  scanPython(text, modules && { file: '/p/mypkg/model.py', modules }).usages.map((u) => `${u.line + 1}:${u.name}:${u.form}:${u.valid ?? '-'}`);

test('relative and absolute imports of a wrapper module: strings judged like the Activation they reach', () => {
  const reads: string[] = [];
  const modules = memoryModules({ '.blocks': BLOCKS, '.': '', 'mypkg.blocks': BLOCKS }, reads);
  assert.deepEqual(summary(MODEL, modules), ['5:Relu:string:false', '6:silu:string:true', '7:gelu:string:true', '8:relu:dynamic:-']);
  // Each module is asked for once per scan, whatever the number of calls.
  assert.deepEqual([...new Set(reads)].length, reads.length);
});

test('without a readable module the same calls are usages without a verdict', () => {
  assert.deepEqual(summary(MODEL), ['5:relu:dynamic:-', '6:silu:dynamic:-', '7:gelu:dynamic:-', '8:relu:dynamic:-']);
  const broken: ModuleSource = { read() { throw new Error('disk on fire'); } };
  assert.deepEqual(summary(MODEL, broken), ['5:relu:dynamic:-', '6:silu:dynamic:-', '7:gelu:dynamic:-', '8:relu:dynamic:-']);
});

test('a new version of the wrapper module is read again', () => {
  const v2 = BLOCKS.replace('layers.Activation(act)(x)', 'x');
  const first = summary(MODEL, memoryModules({ '.blocks': BLOCKS }, []));
  const reads: string[] = [];
  const second = summary(MODEL, { read: (f, m, l) => { reads.push(m); const r = memoryModules({ '.blocks': v2 }, []).read(f, m, l); return r && { ...r, key: `${r.key}v2` }; } });
  assert.equal(first[0], '5:Relu:string:false');
  assert.equal(second[0], '5:relu:dynamic:-');
});

test('activation-lens check follows the import on disk and reports the invalid string', async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'al-wrappers-'));
  try {
    mkdirSync(path.join(dir, 'mypkg'));
    writeFileSync(path.join(dir, 'mypkg', '__init__.py'), '');
    writeFileSync(path.join(dir, 'mypkg', 'blocks.py'), BLOCKS);
    writeFileSync(path.join(dir, 'mypkg', 'model.py'), MODEL);
    let out = '';
    const code = await runCli(['check', '--format', 'json', 'mypkg/model.py'], { out: (t) => { out += `${t}\n`; }, err: () => {}, cwd: dir });
    const findings = out.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as { code: string; line: number });
    assert.deepEqual(findings.map((f) => `${f.line}:${f.code}`), ['5:invalid-activation-string']);
    assert.equal(code, 1);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
