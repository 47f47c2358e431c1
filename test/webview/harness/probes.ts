// Reads what the panel page shows: coloured pixels on a chart canvas, the readout, saved state.
import type { Page } from 'playwright-core';

/** Pixels of the canvas under `selector` within a small distance of the colour `hex`. */
export function countColour(page: Page, selector: string, hex: string): Promise<number> {
  return page.evaluate(
    ({ selector, hex }) => {
      const canvas = document.querySelector(`${selector} canvas`) as HTMLCanvasElement | null;
      const ctx = canvas?.getContext('2d');
      if (!canvas || !ctx) return -1;
      const r = parseInt(hex.slice(1, 3), 16);
      const g = parseInt(hex.slice(3, 5), 16);
      const b = parseInt(hex.slice(5, 7), 16);
      const d = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
      let n = 0;
      for (let i = 0; i < d.length; i += 4) {
        if (d[i + 3] > 200 && Math.abs(d[i] - r) + Math.abs(d[i + 1] - g) + Math.abs(d[i + 2] - b) < 40) n++;
      }
      return n;
    },
    { selector, hex },
  );
}

/** A cheap fingerprint of a chart canvas, to tell whether it was redrawn differently. */
export function canvasHash(page: Page, selector: string): Promise<number> {
  return page.evaluate((selector) => {
    const canvas = document.querySelector(`${selector} canvas`) as HTMLCanvasElement | null;
    const d = canvas?.getContext('2d')?.getImageData(0, 0, canvas.width, canvas.height).data;
    if (!d) return -1;
    let h = 0;
    for (let i = 0; i < d.length; i += 7) h = (h * 31 + d[i]) | 0;
    return h;
  }, selector);
}

/** Moves the mouse to a fraction of the chart's plotting area and returns the readout text. */
export async function readAt(page: Page, fx: number, fy = 0.5): Promise<string> {
  const box = await page.locator('#chart .u-over').boundingBox();
  if (!box) throw new Error('chart not drawn');
  await page.mouse.move(box.x + box.width * fx, box.y + box.height * fy);
  await page.waitForFunction(() => (document.getElementById('readout')?.textContent ?? '').includes('x ='));
  return (await page.locator('#readout').textContent()) ?? '';
}

/** Parses "x = 1.23" and "<label>: f = -0.5" out of a readout (Unicode minus aware). */
export function parseReadout(text: string, label: string): { x: number; f: number; df?: number } {
  const num = (s: string) => Number(s.replace(/−/g, '-'));
  const x = num(/x = ([^\s A-Za-z]+)/.exec(text)?.[1] ?? 'NaN');
  const at = text.indexOf(`${label}:`);
  const part = at >= 0 ? text.slice(at + label.length + 1) : '';
  const f = num(/f = ([−\-0-9.e+]+)/.exec(part)?.[1] ?? 'NaN');
  const dm = /f′ = ([−\-0-9.e+]+)/.exec(part);
  return { x, f, ...(dm ? { df: num(dm[1]) } : {}) };
}

/** The state the page saved through setState. */
export function savedState(page: Page): Promise<Record<string, unknown> | undefined> {
  return page.evaluate(() => (window as unknown as { __state?: Record<string, unknown> }).__state);
}
