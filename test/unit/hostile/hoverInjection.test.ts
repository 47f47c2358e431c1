// Text from the code never turns into Markdown: string activations and custom names full of line terminators
// (every one Python or Markdown knows), backticks, brackets and URLs render as text under markdown-it, with no
// link or image to anywhere but our own commands and the data-URI figure.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import MarkdownIt from 'markdown-it';
import { catalogPort, DEFAULT_OPTIONS, hoverMarkdown } from '../../../src/core/hover';
import { escapeMarkdown, inlineCode, LINE_TERMINATORS } from '../../../src/core/hover/escape';
import { scanPython } from '../../../src/core/scan';

const md = new MarkdownIt({ html: false, linkify: false });

/** Every href and src in the rendered HTML that is not one of ours. */
export function foreignTargets(markdown: string): string[] {
  const html = md.render(markdown);
  return [...html.matchAll(/(?:href|src)="([^"]*)"/g)].map((m) => m[1]).filter((u) => !u.startsWith('command:activationLens.') && !u.startsWith('data:image/svg+xml;base64,'));
}

export const TERMINATORS = ['\r', '\n', '\r\n', '\u2028', '\u2029', '\x0b', '\x0c', '\x1c', '\x1d', '\x1e', '\x85'];
const PAYLOAD = '[click](https://evil.example/) ![img](https://evil.example/p.png) <https://evil.example/a>';

function hoversOf(src: string): string[] {
  return scanPython(src).usages.map((u) => hoverMarkdown(u, catalogPort, DEFAULT_OPTIONS, src) ?? '');
}

describe('hover Markdown cannot be injected', () => {
  it("a string activation '\\r\\r[click](https://...) ![img](https://...)' renders no live link and no remote image", () => {
    const src = `from keras import layers\nlayers.Dense(4, activation='\\r\\r${PAYLOAD}')\n`.replace(/\\r/g, '\r');
    // The tokenizer reads the CR pair inside the quotes as line ends: write the string with escapes instead, too.
    for (const text of [src, `from keras import layers\nlayers.Dense(4, activation="\\r\\r${PAYLOAD}")\n`]) {
      for (const h of hoversOf(text)) assert.deepEqual(foreignTargets(h), [], h);
    }
  });

  for (const t of TERMINATORS) {
    it(`line terminator ${JSON.stringify(t)} is flattened in code spans and text`, () => {
      for (const s of [inlineCode(`a${t}${t}${PAYLOAD}`), escapeMarkdown(`a${t}${t}${PAYLOAD}`)]) {
        assert.equal(LINE_TERMINATORS.test(s), false, JSON.stringify(s));
        assert.deepEqual(foreignTargets(s), []);
      }
      const viaString = hoversOf(`from keras import layers\nlayers.Dense(4, activation='a${t === '\n' || t === '\r' || t === '\r\n' ? '\\n' : t}${PAYLOAD}')\n`);
      for (const h of viaString) assert.deepEqual(foreignTargets(h), [], h);
    });
  }

  it('backtick runs cannot close a code span early, and long text is clipped', () => {
    const s = inlineCode(`\`\`\` ${PAYLOAD} \`\``);
    assert.deepEqual(foreignTargets(s), []);
    assert.ok(inlineCode('x'.repeat(10_000)).length < 400);
    assert.ok(escapeMarkdown('x'.repeat(10_000)).length <= 400);
  });
});
