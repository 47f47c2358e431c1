// Hover layout maths for every catalog entry: texts written for the hover fit one line whole, nothing is cut
// with an ellipsis, and every hover keeps within VS Code's default height with the link row last.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { listActivations } from '../../../src/core/catalog';
import { catalogPort, DEFAULT_OPTIONS, hoverMarkdown } from '../../../src/core/hover';
import { escapeMarkdown } from '../../../src/core/hover/escape';
import { drawnLines, HOVER_BOX, hoverHeight, lineWidthPx } from '../../../src/core/hover/layout';
import { scanPython } from '../../../src/core/scan';
import { images, svgOf } from './helpers';

const GUIDANCE = (use: string, advice: string) => `**Use:** ${escapeMarkdown(use)} · **Pitfall:** ${escapeMarkdown(advice)}`;

/** One line of code per public name of every entry (methods need a tensor and are left out). */
function casesOf(): { code: string; kerasMajor: 2 | 3; label: string }[] {
  const out: { code: string; kerasMajor: 2 | 3; label: string }[] = [];
  for (const e of listActivations()) {
    for (const v of e.variants) {
      const major = v.framework === 'keras' && v.keras?.to?.startsWith('2') ? 2 : 3;
      for (const api of v.apis.filter((a) => a.kind !== 'method').slice(0, 2)) {
        const root = api.qualified.split('.')[0];
        const call = api.kind === 'layer' ? `${api.qualified}()` : `${api.qualified}(x)`;
        out.push({ code: `import ${root}\ny = ${call}\n`, kerasMajor: major, label: `${e.name} ${api.qualified}` });
      }
      for (const s of (v.strings ?? []).slice(0, 1)) {
        out.push({ code: `import keras\ny = keras.layers.Dense(4, activation='${s}')\n`, kerasMajor: major, label: `${e.name} '${s}'` });
      }
    }
  }
  return out;
}

test('the layout maths: wider text draws wider, markup and link targets cost nothing', () => {
  assert.ok(lineWidthPx('abc') < lineWidthPx('abcdef'));
  assert.equal(lineWidthPx('[Plot](command:activationLens.showPlot?%5B%5D "Open the plot")'), lineWidthPx('Plot'));
  assert.ok(lineWidthPx('**bold**') > lineWidthPx('bold'));
  assert.equal(drawnLines('x'.repeat(10)), 1);
  assert.equal(drawnLines('x'.repeat(250)), 3);
  assert.ok(hoverHeight('header', 120, ['a', 'b']) > hoverHeight('header', 120, ['a']));
});

test('every entry has hover texts that fit one line whole', () => {
  for (const e of listActivations()) {
    const g = e.guidance;
    if (g.pitfalls.length || g.tips.length) assert.ok(g.hover.advice, `${e.name}: no hover advice`);
    const use = g.hover.use ?? 'hidden layers';
    const line = GUIDANCE(use, g.hover.advice ?? '');
    assert.equal(drawnLines(line), 1, `${e.name}: ${line} is ${lineWidthPx(line)} px`);
    assert.ok(!/…/.test(g.hover.advice ?? ''), e.name);
    if (e.vector) assert.equal(drawnLines(`*${escapeMarkdown(e.vector.hover)}*`), 1, `${e.name}: vector line`);
    for (const v of e.variants) {
      const note = v.hoverNote ?? v.notes?.[0];
      if (note) assert.equal(drawnLines(escapeMarkdown(note)), 1, `${e.name} (${v.framework}): note "${note}" is ${lineWidthPx(escapeMarkdown(note))} px`);
    }
  }
});

test('every catalog hover keeps its height, ends with the link row and cuts nothing', () => {
  let checked = 0;
  for (const c of casesOf()) {
    const usages = scanPython(c.code).usages;
    for (const u of usages) {
      const md = hoverMarkdown(u, catalogPort, { ...DEFAULT_OPTIONS, kerasMajor: c.kerasMajor }, c.code);
      if (!md || u.form === 'custom') continue;
      checked++;
      assert.ok(!md.includes('…'), `${c.label}: an ellipsis in ${md.split('\n\n').filter((b) => b.includes('…')).join(' ').slice(0, 300)}`);
      const [header, ...rest] = md.split('\n\n');
      const img = images(md)[0];
      const figureHeight = img ? Number(/height="(\d+)"/.exec(svgOf(img.uri))?.[1]) : undefined;
      const text = rest.filter((b) => !b.startsWith('!['));
      const lines = text.join('  \n').split('  \n').filter(Boolean);
      const height = hoverHeight(header, figureHeight, lines);
      assert.ok(height <= HOVER_BOX.maxHeight, `${c.label}: ${height} px > ${HOVER_BOX.maxHeight} px`);
      assert.match(lines[lines.length - 1], /command:activationLens\.(showPlot|openDocs)/, `${c.label}: the link row is not last`);
    }
  }
  assert.ok(checked > 100, `only ${checked} hovers checked`);
});
