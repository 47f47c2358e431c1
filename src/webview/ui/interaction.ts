// Runs in the webview. Pan and zoom on both axes by wheel, Shift-drag (or middle-drag) and keys;
// the arrow keys move the crosshair so the readout works without a mouse.
import type { CurvePlot } from './curvePlot';
import { panRange, zoomRange, type View } from './view';

/** Wires wheel, drag-pan and keyboard on the chart; `apply` receives every new view. */
export function bindInteraction(plot: CurvePlot, focusTarget: HTMLElement, apply: (view: View) => void, reset: () => void): void {
  const u = plot.uplot;
  const over = u.over;

  over.addEventListener(
    'wheel',
    (e) => {
      e.preventDefault();
      const factor = e.deltaY > 0 ? 1.15 : 1 / 1.15;
      const ax = u.posToVal(e.offsetX, 'x');
      const ay = u.posToVal(e.offsetY, 'y');
      // Alt zooms x only, Shift y only, plain wheel both.
      const x = e.shiftKey ? plot.currentX() : zoomRange(plot.currentX(), factor, ax);
      const y = e.altKey ? plot.currentY() : zoomRange(plot.currentY(), factor, ay);
      apply({ x, y });
    },
    { passive: false },
  );

  over.addEventListener('mousedown', (e) => {
    if (!(e.shiftKey || e.button === 1)) return;
    e.preventDefault();
    const start = { px: e.clientX, py: e.clientY, x: plot.currentX(), y: plot.currentY() };
    const w = over.clientWidth || 1;
    const h = over.clientHeight || 1;
    const move = (m: MouseEvent) => {
      const dx = -((m.clientX - start.px) / w);
      const dy = (m.clientY - start.py) / h;
      apply({ x: panRange(start.x, dx), y: panRange(start.y, dy) });
    };
    const up = () => {
      window.removeEventListener('mousemove', move);
      window.removeEventListener('mouseup', up);
    };
    window.addEventListener('mousemove', move);
    window.addEventListener('mouseup', up);
  });

  over.addEventListener('dblclick', () => reset());

  let cursorLeft = -1;
  focusTarget.addEventListener('keydown', (e) => {
    const x = plot.currentX();
    const y = plot.currentY();
    const width = over.clientWidth;
    let handled = true;
    if (e.shiftKey && e.key === 'ArrowLeft') apply({ x: panRange(x, -0.1), y });
    else if (e.shiftKey && e.key === 'ArrowRight') apply({ x: panRange(x, 0.1), y });
    else if (e.shiftKey && e.key === 'ArrowUp') apply({ x, y: panRange(y, 0.1) });
    else if (e.shiftKey && e.key === 'ArrowDown') apply({ x, y: panRange(y, -0.1) });
    else if (e.key === '+' || e.key === '=') apply({ x: zoomRange(x, 0.8, (x[0] + x[1]) / 2), y: zoomRange(y, 0.8, (y[0] + y[1]) / 2) });
    else if (e.key === '-' || e.key === '_') apply({ x: zoomRange(x, 1.25, (x[0] + x[1]) / 2), y: zoomRange(y, 1.25, (y[0] + y[1]) / 2) });
    else if (e.key === '0' || e.key === 'Home') reset();
    else if (e.key === 'ArrowLeft' || e.key === 'ArrowRight') {
      if (cursorLeft < 0) cursorLeft = width / 2;
      cursorLeft = Math.max(0, Math.min(width, cursorLeft + (e.key === 'ArrowLeft' ? -1 : 1) * Math.max(1, width / 100)));
      u.setCursor({ left: cursorLeft, top: over.clientHeight / 2 });
    } else handled = false;
    if (handled) e.preventDefault();
  });
}
