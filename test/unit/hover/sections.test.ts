import { test } from 'node:test';
import assert from 'node:assert/strict';
import { listActivations } from '../../../src/core/catalog';
import { ALL_SECTIONS } from '../../../src/core/hover';
import { mathSvg } from '../../../src/core/hover/mathImages';
import { figureText, hover, images, links, svgOf, usageOn } from './helpers';

test('every catalog formula and derivative was rendered to an image at build time', () => {
  const missing: string[] = [];
  for (const entry of listActivations()) {
    for (const [key, formula] of Object.entries(entry.formulas)) {
      if (!mathSvg('f(x)', formula.tex, 'dark')) missing.push(`${entry.name}.${key} f`);
      if (!mathSvg("f'(x)", formula.derivativeTex, 'dark')) missing.push(`${entry.name}.${key} f'`);
    }
  }
  assert.deepEqual(missing, [], 'run node scripts/gen-math-svgs.mjs');
});

test('each section can be turned off on its own', () => {
  const u = usageOn('leaky = nn.LeakyReLU', 'layer');
  const off = (name: keyof typeof ALL_SECTIONS) => hover(u, { sections: { ...ALL_SECTIONS, [name]: false } });
  const noFormula = svgOf(images(off('formula'))[0].uri);
  assert.doesNotMatch(noFormula, /TEX-/);
  assert.match(noFormula, /class="f"/);
  assert.equal(images(hover(u, { sections: { ...ALL_SECTIONS, formula: false, plot: false } })).length, 0);
  assert.doesNotMatch(figureText(off('properties')), /range/);
  assert.match(figureText(hover(u)), /range/);
  // Without a figure the properties are written as text.
  assert.match(hover(u, { sections: { ...ALL_SECTIONS, formula: false, plot: false } }), /\*\*Behaviour:\*\* range/);
  assert.doesNotMatch(off('guidance'), /\*\*Pitfall:\*\*/);
  assert.doesNotMatch(off('versions'), /\*\*Defaults:\*\*/);
  assert.equal(links(off('links')).length, 0);
  const all = hover(u);
  for (const marker of ['**Pitfall:**', '**Defaults:**']) assert.ok(all.includes(marker), marker);
});

test('an invalid Keras string says what is wrong and what to write instead, with the slope change', () => {
  const md = hover(usageOn("dense_layer_string = layers.Dense(64, activation='LeakyReLU')", 'string'));
  assert.match(md, /\*\*Invalid activation string\*\* `'LeakyReLU'`/);
  assert.match(md, /Keras 3 does not accept it\\: tf\\\.keras 2 did, as the LeakyReLU layer with alpha=0\\\.3/);
  assert.ok(md.includes("• `activation='leaky_relu'`: defaults change from alpha=0\\.3 to negative\\_slope=0\\.2"), md);
  assert.ok(md.includes('• `layers.LeakyReLU(negative_slope=0.3)`'), md);
});

test('the same string is explained, not flagged, when tf_keras says Keras 2', () => {
  const u = usageOn("dense_layer_string = layers.Dense(64, activation='LeakyReLU')", 'string');
  const md = hover({ ...u, valid: true, name: 'leaky_relu', qualified: 'tf_keras.layers.Dense' });
  assert.ok(md.includes('*Keras 2 \\(tf\\.keras\\) as the import \\(tf\\_keras\\) implies*'), md.slice(-400));
  assert.ok(md.includes('keras.layers.LeakyReLU(alpha=0.3)'), md.slice(0, 400));
});

test('a PyTorch transformer string other than relu/gelu explains the RuntimeError', () => {
  const md = hover(usageOn('torch_transformer', 'string'));
  assert.match(md, /only 'relu' or 'gelu'/);
  assert.ok(md.includes("• `activation='gelu'`") && md.includes("• `activation='relu'`"), md);
});

test('a misspelt string gets the closest valid strings', () => {
  const u = usageOn("dense_layer_string = layers.Dense(64, activation='LeakyReLU')", 'string');
  const md = hover({ ...u, name: 'Relu', raw: 'Relu' });
  assert.match(md, /Activation strings are case\\-sensitive/);
  assert.ok(md.includes("• `activation='relu'`"), md);
});
