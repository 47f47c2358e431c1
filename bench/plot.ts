/**
 * Plot panel speed in real Chromium (Debian's, through playwright-core):
 * - plot.open_ms: from the host starting to build the panel (curves resolved, first plot sampled and
 *   embedded in the page) to the first chart drawn with curves; median of several opens.
 * - plot.fps: chart redraws per second while a parameter slider is dragged (one step per frame) with
 *   8 curves of 1,000 points; each step goes to the host session in Node and back, as in VS Code.
 * Needs `dist/webview` built (the bench build does it).
 */
import path from 'node:path';
import { compileFormula } from '../src/core/panel/formula';
import type { CurveSource } from '../src/shared/protocol';
import { launchBrowser } from '../test/webview/harness/browser';
import { openPanelPage } from '../test/webview/harness/panelPage';
import { startPageServer } from '../test/webview/harness/server';
import { median, type Figure } from './report';

const root = process.env.AL_ROOT ?? path.resolve(__dirname, '../..');

const EIGHT: CurveSource[] = ['relu', 'leaky_relu', 'elu', 'selu', 'gelu', 'silu', 'sigmoid', 'tanh'].map((name) => ({ kind: 'activation', name, framework: 'torch', params: {} }));
const OPENS = 7;
const DRAG_MS = 3000;

/** Drags the LeakyReLU slope slider back and forth, one input event per animation frame, for `ms`. */
function dragInPage(ms: number): Promise<{ frames: number; seconds: number }> {
  return new Promise((resolve) => {
    const slider = document.querySelector('input[type=range][aria-label^="negative_slope"]') as HTMLInputElement;
    const min = Number(slider.min);
    const max = Number(slider.max);
    const start = performance.now();
    let frames = 0;
    const step = (now: number) => {
      const t = (now - start) / ms;
      if (t >= 1) {
        resolve({ frames, seconds: (now - start) / 1000 });
        return;
      }
      // Triangle wave across the slider's range: two sweeps over the run.
      const phase = (t * 4) % 2;
      slider.value = String(min + (max - min) * (phase < 1 ? phase : 2 - phase));
      slider.dispatchEvent(new Event('input', { bubbles: true }));
      frames++;
      requestAnimationFrame(step);
    };
    requestAnimationFrame(step);
  });
}

/** Measures plot.open_ms and plot.fps. */
export async function plotBench(): Promise<Figure[]> {
  const server = await startPageServer(root);
  const browser = await launchBrowser();
  try {
    const opens: number[] = [];
    for (let i = 0; i < OPENS; i++) {
      const p = await openPanelPage(browser, server, { sources: EIGHT, compileFormula });
      await p.page.waitForFunction(() => performance.getEntriesByName('activation-lens:first-draw').length > 0);
      const drawnAt = await p.page.evaluate(() => performance.timeOrigin + performance.getEntriesByName('activation-lens:first-draw')[0].startTime);
      opens.push(drawnAt - p.startedAt);
      await p.close();
    }
    const p = await openPanelPage(browser, server, { sources: EIGHT, compileFormula });
    await p.page.waitForFunction(() => document.querySelectorAll('.curve-card').length === 8);
    const points = p.session.plotMessage();
    const perCurve = points.type === 'plot' ? points.range.n : 0;
    const before = await p.draws();
    const drag = await p.page.evaluate(dragInPage, DRAG_MS);
    const after = await p.draws();
    const setParams = p.received.filter((m) => m.type === 'setParams').length;
    await p.close();
    const fps = (after - before) / drag.seconds;
    console.log(`panel opened ${OPENS} times with 8 curves: ${opens.map((v) => v.toFixed(0)).join(', ')} ms`);
    console.log(`slider dragged ${drag.seconds.toFixed(1)} s at ${(drag.frames / drag.seconds).toFixed(0)} input events/s; ${setParams} host round trips; ${after - before} redraws of 8 curves x ${perCurve} points`);
    return [
      { name: 'plot.open_ms', value: median(opens), unit: 'ms' },
      { name: 'plot.fps', value: fps, unit: 'fps' },
    ];
  } finally {
    await browser.close();
    await server.close();
  }
}
