// Runs in the webview. The main chart: f and f' of every curve drawn by uPlot, with the
// selected curve's saturation and dead zones shaded underneath.
import uPlot from 'uplot';
import type { CurveData, CurveInfo } from '../../shared/protocol';
import type { Theme } from './theme';
import { visibleYRange, type View } from './view';

/** What the chart needs from the model on every draw. */
export interface ChartModel {
  readonly xs: readonly number[];
  readonly curves: readonly CurveInfo[];
  readonly data: ReadonlyMap<string, CurveData>;
  readonly showDerivative: boolean;
  readonly selected: number;
}

/** Called after each completed draw (benchmarks and tests count them). */
type DrawListener = () => void;

/** uPlot wrapper owning the chart's scales; the view (x and y ranges) is set from outside. */
export class CurvePlot {
  readonly uplot: uPlot;
  private model: ChartModel;
  private yAuto = true;

  constructor(
    readonly host: HTMLElement,
    model: ChartModel,
    private readonly theme: () => Theme,
    private readonly hooks: { onCursor(idx: number | null): void; onSelect(view: View): void; onDraw: DrawListener },
  ) {
    this.model = model;
    const series: uPlot.Series[] = [{}];
    model.curves.forEach((c, i) => {
      series.push({ label: `${c.label}`, stroke: () => this.theme().series(i), width: 2, points: { show: false } });
      series.push({ label: `${c.label}′`, stroke: () => this.theme().series(i), width: 1.5, dash: [6, 4], points: { show: false }, show: model.showDerivative });
    });
    const axis = (): uPlot.Axis => ({
      stroke: () => this.theme().foreground,
      grid: { stroke: () => this.theme().grid, width: 1 },
      ticks: { stroke: () => this.theme().grid, width: 1 },
      font: this.theme().font,
    });
    const opts: uPlot.Options = {
      width: Math.max(300, host.clientWidth || 600),
      height: 360,
      legend: { show: false },
      scales: { x: { time: false, auto: false }, y: { auto: false } },
      series,
      axes: [axis(), { ...axis(), size: 56 }],
      cursor: {
        drag: { x: true, y: true, uni: 24, setScale: false },
        // Shift-drag and middle-drag pan (handled in interaction.ts), so uPlot must not start a selection then.
        bind: { mousedown: (_u, _t, handler) => (e: MouseEvent) => (e.shiftKey || e.button === 1 ? null : handler(e)) },
        focus: { prox: 16 },
      },
      hooks: {
        drawClear: [(u) => this.drawZones(u)],
        setCursor: [(u) => this.hooks.onCursor(u.cursor.idx ?? null)],
        setSelect: [(u) => this.finishSelect(u)],
        draw: [() => this.hooks.onDraw()],
      },
    };
    this.uplot = new uPlot(opts, this.alignedData(), host);
  }

  /** New samples or toggles: redraw without touching the view. */
  update(model: ChartModel): void {
    this.model = model;
    const u = this.uplot;
    u.batch(() => {
      for (let i = 0; i < model.curves.length; i++) {
        const s = u.series[2 + 2 * i];
        if (s && s.show !== model.showDerivative) u.setSeries(2 + 2 * i, { show: model.showDerivative });
      }
      u.setData(this.alignedData(), false);
      if (this.yAuto) this.applyY(this.currentX());
    });
  }

  /** Sets the visible ranges; `view.y` undefined means fit y to the visible curves. */
  setView(view: View): void {
    const u = this.uplot;
    this.yAuto = !view.y;
    u.batch(() => {
      u.setScale('x', { min: view.x[0], max: view.x[1] });
      this.applyY(view.x, view.y);
    });
  }

  currentX(): [number, number] {
    const s = this.uplot.scales.x;
    return [s.min ?? -5, s.max ?? 5];
  }

  currentY(): [number, number] {
    const s = this.uplot.scales.y;
    return [s.min ?? -1, s.max ?? 1];
  }

  resize(width: number): void {
    this.uplot.setSize({ width: Math.max(300, width), height: 360 });
  }

  destroy(): void {
    this.uplot.destroy();
  }

  private applyY(x: readonly [number, number], y?: readonly [number, number]): void {
    const [min, max] = y ?? visibleYRange(this.model, x);
    this.uplot.setScale('y', { min, max });
  }

  private alignedData(): uPlot.AlignedData {
    const cols: (readonly (number | null)[])[] = [this.model.xs];
    for (const c of this.model.curves) {
      const d = this.model.data.get(c.id);
      const empty = this.model.xs.map(() => null);
      cols.push(d?.ys ?? empty, d?.dys ?? empty);
    }
    return cols as unknown as uPlot.AlignedData;
  }

  private finishSelect(u: uPlot): void {
    const sel = u.select;
    if (sel.width < 4 && sel.height < 4) return;
    const x: [number, number] = [u.posToVal(sel.left, 'x'), u.posToVal(sel.left + sel.width, 'x')];
    // uni-directional drags keep the other axis as it is.
    const fullHeight = sel.height >= u.over.clientHeight - 1;
    const y: [number, number] | undefined = fullHeight ? undefined : [u.posToVal(sel.top + sel.height, 'y'), u.posToVal(sel.top, 'y')];
    u.setSelect({ left: 0, top: 0, width: 0, height: 0 }, false);
    this.hooks.onSelect({ x: sel.width >= 4 ? x : this.currentX(), y: y ?? (this.yAuto ? undefined : this.currentY()) });
  }

  /** Shades the selected curve's zones across the plotting area, below the series. */
  private drawZones(u: uPlot): void {
    const curve = this.model.curves[this.model.selected];
    const zones = curve ? this.model.data.get(curve.id)?.zones : undefined;
    if (!zones?.length) return;
    const t = this.theme();
    const ctx = u.ctx;
    const { top, height } = u.bbox;
    ctx.save();
    for (const z of zones) {
      const a = Math.round(u.valToPos(z.from, 'x', true));
      const b = Math.round(u.valToPos(z.to, 'x', true));
      const left = Math.max(u.bbox.left, Math.min(a, b));
      const right = Math.min(u.bbox.left + u.bbox.width, Math.max(a, b));
      if (right <= left) continue;
      ctx.fillStyle = z.kind === 'dead' ? t.dead : t.saturated;
      ctx.fillRect(left, top, right - left, height);
    }
    ctx.restore();
  }
}
