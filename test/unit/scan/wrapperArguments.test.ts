// Activations passed to the project's own wrappers by position, and wrappers that look the name up with getattr:
// judged only where the wrapper is known to pass the value on.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { scanPython } from '../../../src/core/scan';

const fixture = readFileSync(path.join(__dirname, '../../../../test/fixtures/scan/wrappers_positional.py'), 'utf8');
const lines = fixture.split('\n');
/** Usages on the line that starts with `prefix` (first such line after the definitions), as name:form:valid:qualified. */
function at(prefix: string): string[] {
  const line = lines.findIndex((l) => l.startsWith(prefix));
  assert.notEqual(line, -1, prefix);
  return scanPython(fixture).usages.filter((u) => u.line === line).map((u) => `${u.name}:${u.form}:${u.valid ?? '-'}:${u.qualified ?? '-'}`);
}

test('a string passed by position reaches Activation through the wrapper and is judged there', () => {
  assert.deepEqual(at("x = conv_block(x, 64, 'relu')"), ['relu:string:true:keras.layers.Activation']);
  assert.deepEqual(at("x = conv_block(x, 64, 'Swish')"), ['Swish:string:false:keras.layers.Activation']);
  assert.deepEqual(at("x = dense_block(x, 10, 'softmax')"), ['softmax:string:true:keras.layers.Dense']);
});

test('a class whose __init__ passes its positional parameter to a Transformer layer judges it like PyTorch does', () => {
  assert.deepEqual(at("enc = EncoderBlock(256, 8, 'gelu')"), ['gelu:string:true:torch.nn.TransformerEncoderLayer']);
  assert.deepEqual(at("bad = EncoderBlock(256, 8, 'silu')"), ['silu:string:false:torch.nn.TransformerEncoderLayer']);
});

test('wrappers that do something else with the string, the wrong position and unknown helpers are never judged', () => {
  assert.deepEqual(at("x = log_block(x, 64, 'relu')"), []);
  assert.deepEqual(at("x = saved_block(x, 'gelu')"), []);
  assert.deepEqual(at("x = conv_block(x, 'relu')"), []);
  assert.deepEqual(at("x = helper_block(x, 64, 'relu')"), []);
});

test('getattr(nn, act_layer)(): a class name the module has is a usage of that class; one it lacks stays silent', () => {
  assert.deepEqual(at("conv = TorchConv(32, 'SiLU')"), ['silu:dynamic:true:torch.nn.SiLU']);
  assert.deepEqual(at("conv = TorchConv(32, act_layer='Hardswish')"), ['hardswish:dynamic:true:torch.nn.Hardswish']);
  assert.deepEqual(at("conv = TorchConv(32, 'Swish')"), []);
});

test('a factory that is also a wrapper reports its first argument once', () => {
  const text = ['import torch.nn as nn', '', 'def get_act(act):', '    return getattr(nn, act)()', '', "a = get_act('GELU')", ''].join('\n');
  assert.deepEqual(scanPython(text).usages.map((u) => `${u.line}:${u.name}:${u.form}`), ['5:gelu:dynamic']);
});
