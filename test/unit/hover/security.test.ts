import { test } from 'node:test';
import assert from 'node:assert/strict';
import { catalogPort, DEFAULT_OPTIONS, HOVER_COMMANDS, hoverMarkdown } from '../../../src/core/hover';
import { escapeMarkdown, inlineCode } from '../../../src/core/hover/escape';
import type { Usage } from '../../../src/core/scan';
import { FIXTURE, hover, images, links, svgOf, USAGES, usageOn } from './helpers';

test("activation='<img src=x onerror=alert(1)>' shows as text inside a code span, never as an HTML tag", () => {
  const md = hover(usageOn('evil = layers.Dense', 'string'));
  assert.ok(md.includes("`'<img src=x onerror=alert(1)>'`"), md);
  // Outside code spans no angle bracket survives unescaped.
  const outsideCode = md.replace(/`[^`]*`/g, '');
  assert.ok(!outsideCode.includes('<'), outsideCode);
  assert.equal(images(md).length, 0);
});

test('text from user code cannot open links, images or HTML anywhere in the hover', () => {
  const nasty = '](command:workbench.action.terminal.new) <script>alert(1)</script> ![x](http://evil/x.png) $(alert) `';
  const usage: Usage = {
    name: nasty, framework: 'keras', form: 'string', line: 0, col: 0, endLine: 0, endCol: 1, start: 0, end: 1,
    params: { negative_slope: nasty }, valid: false, raw: nasty, written: nasty, qualified: 'keras.layers.Dense', keyword: 'activation',
  };
  const md = hoverMarkdown(usage, catalogPort, DEFAULT_OPTIONS, FIXTURE) ?? '';
  for (const l of links(md)) assert.ok(l.command && (HOVER_COMMANDS as readonly string[]).includes(l.command), `unexpected link ${l.target}`);
  assert.equal(images(md).length, 0);
  assert.ok(!md.replace(/`[^`]*`/g, '').includes('<'), md);
  const custom = hoverMarkdown({ ...usage, form: 'custom', name: nasty, definitionStart: 0 }, catalogPort, DEFAULT_OPTIONS, nasty) ?? '';
  assert.ok(!custom.replace(/`[^`]*`/g, '').includes('<'), custom);
  for (const l of links(custom)) assert.ok(l.command && (HOVER_COMMANDS as readonly string[]).includes(l.command));
});

test('a name with brackets and quotes stays inside the command link arguments', () => {
  const evilName = ')](command:evil) "';
  const src = 'def f(x):\n    return x * 2\n';
  const u = usageOn('dense_custom', 'custom');
  const md = hoverMarkdown({ ...u, name: evilName, definitionStart: 0 }, catalogPort, DEFAULT_OPTIONS, src) ?? '';
  const found = links(md);
  assert.deepEqual(found.map((l) => l.command), ['activationLens.showPlot', 'activationLens.compare']);
  assert.equal((found[0].args as { name: string }[])[0].name, evilName);
});

test('every link in every hover of the fixture is one of our commands and every image is an inline SVG', () => {
  for (const u of USAGES) {
    const md = hoverMarkdown(u, catalogPort, DEFAULT_OPTIONS, FIXTURE);
    if (!md) continue;
    for (const l of links(md)) assert.ok(l.command && (HOVER_COMMANDS as readonly string[]).includes(l.command), `${u.name}: ${l.target}`);
    for (const img of images(md)) {
      const svg = svgOf(img.uri);
      assert.doesNotMatch(svg, /<script|\bon\w+=|href="(?!#)|<foreignObject/i, `${u.name}: unsafe SVG`);
    }
  }
});

test('the trusted command list holds exactly our three hover commands', () => {
  assert.deepEqual([...HOVER_COMMANDS], ['activationLens.showPlot', 'activationLens.compare', 'activationLens.openDocs']);
});

test('escapeMarkdown neutralises Markdown and HTML syntax; inlineCode cannot be closed from inside', () => {
  assert.equal(escapeMarkdown('*a* [b](c) <d> & `e`'), '\\*a\\* \\[b\\]\\(c\\) &lt;d&gt; &amp; \\`e\\`');
  assert.equal(inlineCode('a`b'), '``a`b``');
  assert.equal(inlineCode('`x`'), '`` `x` ``');
  assert.equal(inlineCode('$(alert)'), '`$\u200b(alert)`');
});
