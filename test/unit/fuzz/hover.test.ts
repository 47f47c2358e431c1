// Fuzz: hover models and their Markdown for string activations and custom activations full of hostile text.
// Rendered with markdown-it, no hover holds a link or image other than our commands and the data-URI figure.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import MarkdownIt from 'markdown-it';
import { catalogPort, DEFAULT_OPTIONS, hoverMarkdown } from '../../../src/core/hover';
import { scanPython } from '../../../src/core/scan';
import { check, counts } from './budget';
import { hostileText } from './generators';

const md = new MarkdownIt({ html: false, linkify: false });
const NO_PLOT = { ...DEFAULT_OPTIONS, sections: { ...DEFAULT_OPTIONS.sections, plot: false, formula: false } };

/** A Python string literal holding `s` (escapes for what a literal cannot hold raw). */
function pyString(s: string): string {
  return `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\r/g, '\\r').replace(/\n/g, '\\n')}'`;
}

function foreign(markdown: string): string[] {
  return [...md.render(markdown).matchAll(/(?:href|src)="([^"]*)"/g)].map((m) => m[1]).filter((u) => !u.startsWith('command:activationLens.') && !u.startsWith('data:image/svg+xml;base64,'));
}

const EXPR = fc.letrec<{ e: string }>((tie) => ({
  e: fc.oneof({ depthSize: 'small' }, fc.constantFrom('x', '1.5', 'beta', 'constructor', '__proto__', 'x.sigmoid()', 'math.pi'), fc.tuple(tie('e'), fc.constantFrom(' + ', ' * ', ' ** ', ' / ', ' if x > 0 else ', ' < '), tie('e')).map(([a, o, b]) => (o.includes('if') ? `(${a}${o}${b})` : `(${a}${o}${b})`)), fc.tuple(fc.constantFrom('torch.tanh', 'F.relu', 'K.sigmoid', 'tf.maximum', 'np.exp', 'unknown'), tie('e')).map(([f, a]) => `${f}(${a})`)),
}));

describe('fuzz: hover model and Markdown', () => {
  it('string activations with hostile text: no foreign link or image, never a throw', (t) => {
    check('hover strings', fc.tuple(hostileText, fc.constantFrom('keras', 'torch')), 400, ([s, fw]) => {
      const src = fw === 'keras' ? `from keras import layers\nlayers.Dense(4, activation=${pyString(s)})\n` : `import torch.nn as nn\nnn.TransformerEncoderLayer(8, 2, activation=${pyString(s)})\n`;
      for (const u of scanPython(src).usages) {
        const h = hoverMarkdown(u, catalogPort, NO_PLOT, src) ?? '';
        assert.deepEqual(foreign(h), [], h);
      }
    });
    t.diagnostic(`${counts.get('hover strings')} inputs, 0 failures`);
  });

  it('custom activations with generated bodies: bounded, escaped, never a throw', (t) => {
    check('hover custom', fc.tuple(EXPR.e, fc.array(EXPR.e, { maxLength: 3 })), 120, ([ret, locals]) => {
      const body = locals.map((l, i) => `    v${i} = ${l}`).concat([`    return ${ret}`]).join('\n');
      const src = `def act(x, beta=1.0):\n${body}\n\nfrom keras import layers\nlayers.Dense(4, activation=act)\n`;
      for (const u of scanPython(src).usages) {
        const h = hoverMarkdown(u, catalogPort, NO_PLOT, src) ?? '';
        assert.deepEqual(foreign(h), [], h);
        assert.ok(h.length < 20_000);
      }
    });
    t.diagnostic(`${counts.get('hover custom')} inputs, 0 failures`);
  });
});
