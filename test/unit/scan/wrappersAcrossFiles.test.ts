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

/** Modules by name as imported (`.blocks`); each answer names its file, so its own imports are followed in turn. */
function memoryModules(files: Record<string, string>, reads: string[], requesters: string[] = [], version = 1): ModuleSource {
  return {
    read(_from, module, level, requester) {
      const name = `${'.'.repeat(level)}${module}`;
      reads.push(name);
      if (requester) requesters.push(requester);
      const text = files[name];
      return text === undefined ? undefined : { key: `${name}@${version}`, text, file: `/p/mypkg/${module || '__init__'}.py` };
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

const STAGES = [
  'from .blocks import conv_bn',
  '',
  'def stage(x, filters, activation):',
  '    x = conv_bn(x, filters, act=activation)',
  '    return conv_bn(x, filters, act=activation)',
  '',
].join('\n');

const TORCH_BLOCKS = [
  'import torch.nn as nn',
  '',
  'class ConvAct(nn.Module):',
  "    def __init__(self, channels, act='ReLU'):",
  '        super().__init__()',
  '        self.conv = nn.Conv2d(channels, channels, 3)',
  '        self.act = getattr(nn, act)()',
  '',
  'def log_act(x, act):',
  '    print(act)',
  '    return x',
  '',
].join('\n');

const CHAIN_MODEL = [
  'import torch',
  'from tensorflow import keras',
  'from .blocks import conv_bn',
  'from .stages import stage',
  'from .torch_blocks import ConvAct, log_act',
  '',
  "def block(x, act='gelu'):",
  '    return conv_bn(x, 32, act=act)',
  '',
  "a = block(x, act='Relu')",
  "b = block(x, 'swish')",
  "c = stage(x, 64, activation='Gelu')",
  "d = stage(x, 64, 'elu')",
  "e = ConvAct(3, act='GELU')",
  "f = ConvAct(3, 'SiLU')",
  "g = log_act(x, act='relu')",
  "h = log_act(x, 'relu')",
  '',
].join('\n');

test('wrappers of wrappers across modules: a.block -> b.conv_bn, a -> stages.stage -> blocks.conv_bn, getattr(nn, act) in another module', () => {
  const requesters: string[] = [];
  const modules = memoryModules({ '.blocks': BLOCKS, '.stages': STAGES, '.torch_blocks': TORCH_BLOCKS }, [], requesters);
  assert.deepEqual(summary(CHAIN_MODEL, modules), [
    '7:gelu:dynamic:-',
    '10:Relu:string:false', '11:silu:string:true', '12:Gelu:string:false', '13:elu:string:true',
    '14:gelu:dynamic:true', '15:silu:dynamic:true',
    // log_act prints the string: by keyword a known name still counts, unjudged; by position it is nothing.
    '16:relu:dynamic:-',
  ]);
  // Modules read for modules (stages -> blocks) are still wanted by the document the scan is for.
  assert.ok(requesters.length > 0 && requesters.every((r) => r === '/p/mypkg/model.py'));
});

test('across modules, a wrapper that cannot be read mid-chain leaves the string unjudged', () => {
  const modules = memoryModules({ '.stages': STAGES }, []);
  assert.deepEqual(summary(CHAIN_MODEL, modules).filter((u) => u.startsWith('12:') || u.startsWith('13:')), ['12:gelu:dynamic:-']);
});

test('modules that import each other, and chains deeper than the limit, end unjudged instead of looping', () => {
  const a = ['from .b import f', '', 'def g(x, act):', '    return f(x, act=act)', ''].join('\n');
  const b = ['from .a import g', '', 'def f(x, act):', '    return g(x, act=act)', ''].join('\n');
  const model = ['from tensorflow import keras', 'from .a import g', "y = g(x, act='relu')", ''].join('\n');
  assert.deepEqual(summary(model, memoryModules({ '.a': a, '.b': b }, [])), ['3:relu:dynamic:-']);
  // m0 -> m1 -> ... -> m5 -> Activation: past the depth limit the destination is not known.
  const files: Record<string, string> = { '.m5': BLOCKS.replace('conv_bn', 'f5') };
  for (let i = 0; i < 5; i++) files[`.m${i}`] = [`from .m${i + 1} import f${i + 1}`, '', `def f${i}(x, act):`, `    return f${i + 1}(x, 8, act=act)`, ''].join('\n').replace(`f${i + 1}(x, 8, act=act)`, i === 4 ? 'f5(x, 8, act=act)' : `f${i + 1}(x, act=act)`);
  const deep = ['from tensorflow import keras', 'from .m0 import f0', "y = f0(x, act='Relu')", ''].join('\n');
  assert.deepEqual(summary(deep, memoryModules(files, [])), ['3:relu:dynamic:-']);
  const shallow = ['from tensorflow import keras', 'from .m3 import f3', "y = f3(x, act='Relu')", ''].join('\n');
  assert.deepEqual(summary(shallow, memoryModules(files, [])), ['3:Relu:string:false']);
});

test('a new version of a module two imports away is read again (its importer\'s summary is not kept with the importer)', () => {
  const model = ['from tensorflow import keras', 'from .stages import stage', "y = stage(x, 8, activation='Relu')", ''].join('\n');
  const first = summary(model, memoryModules({ '.stages': STAGES, '.blocks': BLOCKS }, [], [], 1));
  const v2 = BLOCKS.replace('layers.Activation(act)(x)', 'x');
  // Same stages version (key), new blocks text: a stale cache would still say `string`.
  const second = summary(model, { read: (f, m, l, r) => { const hit = memoryModules({ '.stages': STAGES, '.blocks': v2 }, [], [], 1).read(f, m, l, r); return hit && (m === 'blocks' ? { ...hit, key: 'blocks@2' } : hit); } });
  assert.deepEqual(first, ['3:Relu:string:false']);
  assert.deepEqual(second, ['3:relu:dynamic:-']);
});
