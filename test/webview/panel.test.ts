// The plot panel's webview client in real Chromium: the page the extension renders (same CSP and
// nonce), a fake acquireVsCodeApi, and a real PlotSession answering in Node.
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { compileFormula } from '../../src/core/panel/formula';
import { createTexToSvg } from '../../src/extension/tex/mathjax';
import type { TexPort, TexRenderer } from '../../src/core/hover/userMath';
import { parseFromWebview, type CurveSource } from '../../src/shared/protocol';
import { launchBrowser, type Browser } from './harness/browser';
import { openPanelPage, type PanelPage } from './harness/panelPage';
import { canvasHash, countColour, parseReadout, readAt, savedState } from './harness/probes';
import { startPageServer, type PageServer } from './harness/server';
import { DARK, LIGHT } from './harness/themes';

const ROOT = path.resolve(__dirname, '../../..');
const act = (name: string, framework: 'torch' | 'keras' | 'tf' = 'torch', params: Record<string, number | string> = {}, form?: string): CurveSource => ({ kind: 'activation', name, framework, params, ...(form ? { form } : {}) });

let browser: Browser;
let server: PageServer;

async function open(sources: CurveSource[], extra: { savedState?: unknown } = {}): Promise<PanelPage> {
  const p = await openPanelPage(browser, server, { sources, compileFormula, ...extra });
  await p.page.waitForFunction(() => Number(document.getElementById('chart')?.getAttribute('data-draws') ?? 0) > 0);
  return p;
}

before(async () => {
  server = await startPageServer(ROOT);
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

describe('plot panel webview in Chromium', () => {
  it('draws every curve in its theme colour, with the dead zone explained', async () => {
    const p = await open([act('relu'), act('sigmoid')]);
    assert.ok((await countColour(p.page, '#chart', DARK.vars['--vscode-charts-blue'])) > 200, 'first curve (blue) drawn');
    assert.ok((await countColour(p.page, '#chart', DARK.vars['--vscode-charts-red'])) > 200, 'second curve (red) drawn');
    assert.match((await p.page.locator('.zones-key').textContent()) ?? '', /dead zone/);
    assert.equal(await p.page.locator('.curve-card').count(), 2);
    await p.close();
  });

  it('reads f and f′ at the pointer: ReLU at a positive x gives f = x and f′ = 1', async () => {
    const p = await open([act('relu')]);
    const r = parseReadout(await readAt(p.page, 0.8), 'ReLU');
    assert.ok(r.x > 0);
    assert.ok(Math.abs(r.f - r.x) < 0.02 * Math.max(1, r.x), `f=${r.f} x=${r.x}`);
    assert.equal(r.df, 1);
    await p.close();
  });

  it('a parameter slider redraws the curve with the new value, sampled by the host', async () => {
    const p = await open([act('leaky_relu', 'torch', { negative_slope: 0.01 })]);
    const before = await canvasHash(p.page, '#chart');
    const draws = await p.draws();
    const slider = p.page.locator('input[type=range][aria-label^="negative_slope"]');
    await slider.fill('0.5');
    await p.page.waitForFunction((n) => Number(document.getElementById('chart')?.getAttribute('data-draws')) > n, draws);
    const sent = p.received.find((m) => m.type === 'setParams');
    assert.ok(sent && sent.type === 'setParams' && sent.values.negative_slope === 0.5, 'host got the new slope');
    assert.notEqual(await canvasHash(p.page, '#chart'), before, 'canvas changed');
    const r = parseReadout(await readAt(p.page, 0.2), 'Leaky ReLU');
    assert.ok(r.x < 0);
    assert.ok(Math.abs(r.f - 0.5 * r.x) < 0.02, `f=${r.f} should be 0.5·x=${0.5 * r.x}`);
    // Back to the code's values restores the slope written in the code.
    await p.page.getByRole('button', { name: 'Back to the code’s values' }).first().click();
    await p.page.waitForFunction(() => (document.querySelector('input[type=number][aria-label^="negative_slope"]') as HTMLInputElement).value === '0.01');
    await p.close();
  });

  it('marks the framework default on the slider and shows the code value', async () => {
    const p = await open([act('leaky_relu', 'keras', {}, 'layer')]);
    const slider = p.page.locator('input[type=range][aria-label^="negative_slope"]');
    const list = await slider.getAttribute('list');
    assert.ok(list);
    assert.equal(await p.page.locator(`datalist#${list} option`).getAttribute('value'), '0.3', 'Keras LeakyReLU layer default');
    await p.close();
  });

  it('plots a typed formula, and shows a bad formula’s error next to the input', async () => {
    const p = await open([act('relu')]);
    await p.page.fill('#formula', 'x^2 / 4');
    await p.page.press('#formula', 'Enter');
    await p.page.waitForFunction(() => document.querySelectorAll('.curve-card').length === 2);
    assert.ok(p.received.some((m) => m.type === 'addFormula' && m.text === 'x^2 / 4'));
    await p.page.waitForFunction(() => Number(document.getElementById('chart')?.getAttribute('data-draws')) > 1);
    assert.ok((await countColour(p.page, '#chart', DARK.vars['--vscode-charts-red'])) > 100, 'formula curve drawn in the second colour');
    const r = parseReadout(await readAt(p.page, 0.9), 'f(x) = x^2 / 4');
    assert.ok(Math.abs(r.f - (r.x * r.x) / 4) < 0.05 * Math.max(1, r.f), `f=${r.f} x=${r.x}`);

    await p.page.fill('#formula', 'import({a: 1})');
    await p.page.click('#formula-plot');
    await p.page.waitForFunction(() => (document.getElementById('formula-error')?.textContent ?? '').length > 0);
    assert.match((await p.page.locator('#formula-error').textContent()) ?? '', /not allowed/i);
    assert.equal(await p.page.locator('#formula').getAttribute('aria-invalid'), 'true');
    assert.equal(await p.page.locator('.curve-card').count(), 2, 'nothing added');
    await p.close();
  });

  it('shows a typed formula typeset in its card once the math renderer is there, as a data: image in the text colour', async () => {
    const mathjax = createTexToSvg();
    let renderer: TexRenderer | undefined;
    const tex: TexPort = { get renderer() { return renderer; }, load: async () => (renderer = mathjax) };
    const p = await openPanelPage(browser, server, { sources: [act('relu')], compileFormula, tex });
    await p.page.waitForFunction(() => Number(document.getElementById('chart')?.getAttribute('data-draws') ?? 0) > 0);
    assert.equal(await p.page.locator('.curve-formula').count(), 0, 'a catalog curve has no typeset formula');
    await p.page.fill('#formula', 'x * tanh(log(1 + exp(x)))');
    await p.page.press('#formula', 'Enter');
    await p.page.waitForFunction(() => document.querySelectorAll('.curve-card .formula-image').length === 2);
    const imgs = await p.page.$$eval('.curve-card .formula-image', (els) => els.map((e) => {
      const img = e as HTMLImageElement;
      return { src: img.src, alt: img.alt, width: img.naturalWidth, complete: img.complete };
    }));
    assert.equal(imgs[0].alt, 'f(x) = x * tanh(log(1 + exp(x)))');
    for (const img of imgs) {
      assert.ok(img.src.startsWith('data:image/svg+xml,'), img.src.slice(0, 40));
      const svg = decodeURIComponent(img.src.slice('data:image/svg+xml,'.length));
      assert.match(svg, /TEX-I-1D453/, 'MathJax glyphs');
      assert.doesNotMatch(svg, /currentColor/);
      assert.ok(svg.includes(`fill="${DARK.vars['--vscode-foreground']}"`) || svg.includes(`stroke="${DARK.vars['--vscode-foreground']}"`), 'drawn in the theme text colour');
    }
    await p.page.waitForFunction(() => [...document.querySelectorAll<HTMLImageElement>('.formula-image')].every((i) => i.complete && i.naturalWidth > 0));
    await p.close();
  });

  it('follows a theme switch: curves take the new chart colours, the page the new background', async () => {
    const p = await open([act('tanh')]);
    const darkBefore = await countColour(p.page, '#chart', DARK.vars['--vscode-charts-blue']);
    assert.ok(darkBefore > 200);
    await p.setTheme(LIGHT);
    await p.page.waitForFunction((hex) => {
      const c = document.querySelector('#chart canvas') as HTMLCanvasElement;
      const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
      const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
      for (let i = 0; i < d.length; i += 4) if (d[i + 3] > 200 && Math.abs(d[i] - r) + Math.abs(d[i + 1] - g) + Math.abs(d[i + 2] - b) < 40) return true;
      return false;
    }, LIGHT.vars['--vscode-charts-blue']);
    // A few anti-aliased edge pixels of the new blue can land near the old one; the curve itself must not.
    assert.ok((await countColour(p.page, '#chart', DARK.vars['--vscode-charts-blue'])) < darkBefore / 10, 'dark-theme blue gone');
    assert.equal(await p.page.evaluate(() => getComputedStyle(document.body).backgroundColor), 'rgb(255, 255, 255)');
    await p.close();
  });

  it('round-trips messages: ready, usages, reveal and plot requests, all valid; unknown messages are ignored', async () => {
    const p = await open([act('relu')]);
    await p.send({ type: 'usages', fileName: 'model.py', uri: 'file:///w/model.py', usages: [{ name: 'gelu', framework: 'torch', line: 11, col: 8, text: 'nn.GELU()', params: {} }] });
    await p.send({ type: 'bogus' } as never);
    await p.page.getByRole('button', { name: /Line 12/ }).click();
    await p.page.getByRole('button', { name: 'Plot gelu from line 12' }).click();
    await p.page.waitForFunction(() => (window as unknown as { __posted: { type: string }[] }).__posted.some((m) => m.type === 'plotUsage'));
    const posted = await p.posted();
    assert.equal((posted[0] as { type: string }).type, 'ready');
    for (const m of posted) assert.ok(parseFromWebview(m), `valid message: ${JSON.stringify(m).slice(0, 80)}`);
    assert.ok(p.received.some((m) => m.type === 'revealUsage' && m.line === 11 && m.col === 8 && m.uri === 'file:///w/model.py'));
    assert.ok(p.received.some((m) => m.type === 'plotUsage' && m.line === 11));
    await p.send({ type: 'notice', message: 'Saved activation-plot.svg.' });
    await p.page.waitForFunction(() => document.getElementById('status')?.textContent === 'Saved activation-plot.svg.');
    await p.close();
  });

  it('exports the chart as PNG and as SVG with one path per curve', async () => {
    const p = await open([act('relu'), act('sigmoid')]);
    await p.page.click('#export-png');
    await p.page.click('#export-svg');
    await p.page.waitForFunction(() => (window as unknown as { __posted: { type: string }[] }).__posted.filter((m) => m.type === 'export').length === 2);
    const png = p.received.find((m) => m.type === 'export' && m.format === 'png');
    const svg = p.received.find((m) => m.type === 'export' && m.format === 'svg');
    assert.ok(png && png.type === 'export' && Buffer.from(png.data.split(',')[1], 'base64').subarray(1, 4).toString() === 'PNG');
    assert.ok(svg && svg.type === 'export');
    assert.equal((svg.data.match(/<path class="f"/g) ?? []).length, 2);
    assert.match(svg.data, /Sigmoid/);
    assert.match(svg.data, /class="zone-dead"/);
    await p.close();
  });

  it('is keyboard-operable: arrows move the crosshair, plus zooms, 0 resets', async () => {
    const p = await open([act('sigmoid')]);
    await p.page.focus('#chart');
    await p.page.keyboard.press('ArrowRight');
    await p.page.waitForFunction(() => (document.getElementById('readout')?.textContent ?? '').includes('x ='));
    const width = async () => {
      const s = (await savedState(p.page)) as { view: { xMin: number; xMax: number } };
      return s.view.xMax - s.view.xMin;
    };
    const w0 = await width();
    await p.page.keyboard.press('+');
    assert.ok((await width()) < w0 * 0.9, 'zoomed in');
    await p.page.keyboard.press('0');
    assert.equal(await width(), w0);
    await p.close();
  });

  it('shows gradient through depth and output statistics, with SELU’s fixed point', async () => {
    const p = await open([act('sigmoid'), act('selu')]);
    await p.page.waitForFunction(() => (document.getElementById('stats-summary')?.textContent ?? '').includes('SELU'));
    const depth = (await p.page.locator('#depth-summary').textContent()) ?? '';
    assert.match(depth, /Sigmoid: \|f′\(0\)\| = 0\.25/);
    const stats = (await p.page.locator('#stats-summary li[data-curve]').allTextContents()).join('\n');
    assert.match(stats, /SELU: mean [−0-9.e]+, variance (1|0\.99\d*|1\.00\d*) at σ = 1 \(zero-centred\)\. Fixed point: variance = σ² at σ ≈ (1|0\.99\d*|1\.00\d*) with mean/);
    assert.doesNotMatch(stats.split('\n')[0], /Fixed point/, 'sigmoid has none');
    assert.ok((await countColour(p.page, '#depth-chart', DARK.vars['--vscode-charts-blue'])) > 50, 'depth chart drawn');
    // Moving sigma asks the host again.
    await p.page.locator('#sigma-stats').fill('2');
    await p.page.waitForFunction(() => (document.getElementById('stats-summary')?.textContent ?? '').includes('σ = 2'));
    assert.ok(p.received.some((m) => m.type === 'setAnalysis' && m.sigma === 2));
    await p.close();
  });

  it('offers a table of sampled values', async () => {
    const p = await open([act('relu')]);
    await p.page.click('#table-section summary');
    const rows = p.page.locator('#values-table tbody tr');
    await p.page.waitForFunction(() => document.querySelectorAll('#values-table tbody tr').length > 5);
    const cells = await rows.nth((await rows.count()) - 1).locator('th, td').allTextContents();
    const x = Number(cells[0].replace('−', '-'));
    assert.ok(x > 0);
    assert.ok(Math.abs(Number(cells[1]) - x) < 0.02, 'ReLU(x) = x for x > 0');
    await p.close();
  });

  it('restores toggles and view from the saved state after a reload', async () => {
    const saved = { sources: [act('relu')], values: [{}], showDerivative: false, sigma: 2.5, x0: 1, view: { xMin: -2, xMax: 2 } };
    const p = await open([act('relu')], { savedState: saved });
    assert.equal(await p.page.locator('#show-derivative').isChecked(), false);
    assert.equal(await p.page.locator('#sigma').inputValue(), '2.5');
    const r = parseReadout(await readAt(p.page, 0.999), 'ReLU');
    assert.ok(r.x <= 2.01 && r.x > 1.9, `view kept: x=${r.x}`);
    assert.equal(r.df, undefined, 'f′ hidden');
    await p.close();
  });
});
