import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderPlotSvg } from '../../../src/core/plot/svgPlot';
import { paletteFor } from '../../../src/core/plot/palette';
import { hover, images, svgOf, usageOn } from './helpers';

const relu = (x: number): number => Math.max(0, x);
const drelu = (x: number): number => (x > 0 ? 1 : 0);

test('the plot draws f solid and f\' dashed, shades the dead zone and labels the axes', () => {
  const svg = renderPlotSvg({ f: relu, df: drelu, xMin: -4, xMax: 4, zones: [{ from: -Infinity, to: 0, kind: 'dead' }], width: 240, theme: 'light' });
  assert.match(svg, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" width="240" height="144"/);
  assert.match(svg, /<rect class="zone-dead" x="30\.0" y="16" width="101\.0"/);
  assert.match(svg, /<path class="f" d="M30\.0 [\d.]+L/);
  assert.match(svg, /<path class="df" d="M[^"]+" fill="none" stroke="#b35900"[^>]*stroke-dasharray/);
  assert.match(svg, />-4<\/text>/);
  assert.match(svg, />4<\/text>/);
  // The derivative's jump at 0 is drawn as two pieces, not a vertical line.
  const df = /<path class="df" d="([^"]+)"/.exec(svg)?.[1] ?? '';
  assert.equal((df.match(/M/g) ?? []).length, 2);
});

test('each theme kind gets its own legible colours on its own background', () => {
  const kinds = ['light', 'dark', 'highContrast', 'highContrastLight'] as const;
  const backgrounds = new Set<string>();
  for (const kind of kinds) {
    const p = paletteFor(kind);
    const svg = renderPlotSvg({ f: Math.tanh, width: 200, theme: kind });
    assert.ok(svg.includes(`fill="${p.background}"`), kind);
    assert.ok(svg.includes(`stroke="${p.f}"`), kind);
    backgrounds.add(`${p.background}/${p.f}`);
  }
  assert.equal(backgrounds.size, 4);
});

test('curves that blow up or are undefined are clipped and broken, never NaN in the SVG', () => {
  const svg = renderPlotSvg({ f: Math.exp, df: (x) => (x < 0 ? NaN : Math.exp(x)), xMin: -5, xMax: 5, width: 200, theme: 'dark' });
  assert.doesNotMatch(svg, /NaN|Infinity/);
  const throws = renderPlotSvg({ f: () => { throw new Error('bad'); }, width: 200 });
  assert.match(throws, /<path class="f" d=""/);
});

test('the title is escaped XML', () => {
  const svg = renderPlotSvg({ f: relu, width: 200, title: '<script>alert("x")</script> & more' });
  assert.ok(svg.includes('<title>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; more</title>'));
});

test('the hover figure follows the theme and the plot size setting, and leaves the plot out when turned off', () => {
  const u = usageOn('relu = F.relu', 'function');
  const light = svgOf(images(hover(u, { theme: 'light', plotWidth: 320 }))[0].uri);
  const dark = svgOf(images(hover(u, { theme: 'dark' }))[0].uri);
  assert.match(light, /<svg x="0\.0" y="0\.0" xmlns="http:\/\/www\.w3\.org\/2000\/svg" width="320" height="192"/);
  assert.ok(light.includes(paletteFor('light').background));
  assert.ok(dark.includes(paletteFor('dark').background));
  assert.match(light, /class="zone-dead"/);
  const sectionsOff = { formula: true, plot: false, properties: true, guidance: true, versions: true, links: true };
  const formulasOnly = svgOf(images(hover(u, { sections: sectionsOff }))[0].uri);
  assert.doesNotMatch(formulasOnly, /class="f"/);
  assert.match(formulasOnly, /TEX-/);
});

test('formula images take the theme\'s text colour instead of MathJax\'s currentColor', () => {
  const u = usageOn('relu = F.relu', 'function');
  const svg = svgOf(images(hover(u, { theme: 'light' }))[0].uri);
  assert.doesNotMatch(svg, /currentColor|\{TEX-/);
  assert.ok(svg.includes(`fill="${paletteFor('light').text}"`));
  assert.match(svg, /<path id="TEX-[\w-]+" d="M/);
});
