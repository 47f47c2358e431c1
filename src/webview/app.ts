// Runs in the webview. The client's model and its reactions to host messages and user input.
import type uPlot from 'uplot';
import { gridOf, parsePanelState, type CurveAnalysis, type CurveData, type CurveInfo, type PanelState, type ParamValues, type SampleRange, type ToWebview } from '../shared/protocol';
import type { HostApi } from './api';
import { debounce } from './dom';
import { RequestQueue } from './requests';
import { depthChart, depthData, statsChart, statsData } from './ui/analysisPlots';
import { renderDepthSummary, renderReadout, renderStatsSummary, renderZonesKey } from './ui/readouts';
import { CurveCards } from './ui/curveCards';
import { CurvePlot, type ChartModel } from './ui/curvePlot';
import { chartToPng, chartToSvg, type LegendLine } from './ui/exportPlot';
import { bindInteraction } from './ui/interaction';
import { buildLayout, type Layout } from './ui/layout';
import { readTheme, watchTheme, type Theme } from './ui/theme';
import { renderUsages } from './ui/usagesList';
import { renderValuesTable } from './ui/valuesTable';
import { DEFAULT_VIEW, neededRange, type View } from './ui/view';

const MAX_ABS_X = 1e5;

interface Analysis {
  readonly sigmas: readonly number[];
  readonly curves: readonly CurveAnalysis[];
}

/** The plot panel's client: owns the model, draws it, and speaks the protocol. */
export class App {
  private readonly ui: Layout;
  private theme: Theme = readTheme();
  private curves: readonly CurveInfo[] = [];
  private readonly values = new Map<string, ParamValues>();
  private readonly data = new Map<string, CurveData>();
  private range: SampleRange = { min: -10, max: 10, n: 2 };
  private xs: number[] = [];
  private showDerivative = true;
  private selected = 0;
  private sigma = 1;
  private x0 = 0;
  private view: View = DEFAULT_VIEW;
  private plot: CurvePlot | undefined;
  private depth: uPlot | undefined;
  private stats: uPlot | undefined;
  private draws = 0;
  private drawQueued = false;
  private readonly cards: CurveCards;
  private readonly requests: RequestQueue;
  private readonly askAnalysis: () => void;

  constructor(
    root: HTMLElement,
    private readonly host: HostApi,
  ) {
    this.ui = buildLayout(root);
    this.requests = new RequestQueue((m) => host.post(m));
    this.askAnalysis = debounce(() => host.post({ type: 'setAnalysis', sigma: this.sigma, x0: this.x0 }), 40);
    this.cards = new CurveCards(this.ui.cards, {
      onValues: (id, v) => this.setValues(id, v),
      onSelect: (i) => this.select(i),
      onRemove: (id) => host.post({ type: 'removeCurve', curveId: id }),
    });
    this.bindToolbar();
    watchTheme(() => this.retheme());
    new ResizeObserver(() => this.resize()).observe(this.ui.chart);
  }

  /** Restores toggles and view saved before a reload (the curves come from the host). */
  restore(saved: unknown): void {
    const s = parsePanelState(saved);
    if (!s) return;
    this.showDerivative = s.showDerivative;
    this.ui.showDerivative.checked = s.showDerivative;
    this.setSigma(s.sigma, false);
    this.setX0(s.x0, false);
    if (s.view) this.view = { x: [s.view.xMin, s.view.xMax] };
  }

  /** Every message from the host goes through here; unknown shapes are ignored. */
  receive(m: ToWebview): void {
    switch (m.type) {
      case 'plot':
        return this.onPlot(m.curves, m.range, m.data);
      case 'samples':
        return this.onSamples(m.seq, m.range, m.data);
      case 'analysis':
        return this.onAnalysis(m);
      case 'usages':
        return renderUsages(this.ui.usages, m.fileName, m.uri, m.usages, {
          reveal: (uri, u) => this.host.post({ type: 'revealUsage', uri, line: u.line, col: u.col }),
          plot: (uri, u) => this.host.post({ type: 'plotUsage', uri, line: u.line, col: u.col }),
        });
      case 'formulaError':
        this.ui.formulaError.textContent = m.message;
        this.ui.formula.setAttribute('aria-invalid', 'true');
        return;
      case 'notice':
        this.ui.status.textContent = m.message;
        return;
    }
  }

  private onPlot(curves: readonly CurveInfo[], range: SampleRange, data: readonly CurveData[]): void {
    this.curves = curves;
    this.values.clear();
    this.data.clear();
    for (const d of data) {
      this.data.set(d.id, d);
      this.values.set(d.id, d.values);
    }
    this.setRange(range);
    this.selected = Math.min(this.selected, Math.max(0, curves.length - 1));
    this.ui.formulaError.textContent = '';
    this.ui.formula.removeAttribute('aria-invalid');
    this.ui.status.textContent = curves.length ? '' : 'Nothing to plot yet: place the cursor on an activation, or type a formula.';
    this.plot?.destroy();
    this.plot = new CurvePlot(this.ui.chart, this.model(), () => this.theme, {
      onCursor: (idx) => renderReadout(this.ui.readout, idx, this.xs, this.curves, this.data, this.showDerivative, this.theme),
      onSelect: (v) => this.setView(v),
      onDraw: () => this.onDraw(),
    });
    bindInteraction(this.plot, this.ui.chart, (v) => this.setView(v), () => this.setView(DEFAULT_VIEW));
    this.cards.render(curves, this.values, this.selected, this.theme);
    this.depth?.destroy();
    this.stats?.destroy();
    this.depth = this.stats = undefined;
    this.ui.depthSummary.textContent = this.ui.statsSummary.textContent = '';
    this.setView(this.view);
    renderZonesKey(this.ui.zonesKey, this.curves[this.selected], this.data);
    this.refreshTable();
    this.save();
  }

  private onSamples(seq: number, range: SampleRange, data: readonly CurveData[]): void {
    this.requests.done(seq);
    const same = range.min === this.range.min && range.max === this.range.max && range.n === this.range.n;
    if (!same) {
      // A new range must come with every curve, or it would mix grids; older partial replies are stale.
      if (!this.curves.every((c) => data.some((d) => d.id === c.id))) return;
      this.setRange(range);
    }
    for (const d of data) if (this.curves.some((c) => c.id === d.id)) this.data.set(d.id, d);
    this.scheduleDraw();
  }

  private onAnalysis(a: Analysis & { sigma: number; x0: number }): void {
    // The host computed for other settings (its defaults, before a restored state reached it): ask again.
    if (a.sigma !== this.sigma || a.x0 !== this.x0) this.askAnalysis();
    const ns = Array.from({ length: 50 }, (_, i) => i + 1);
    if (!this.depth) this.depth = depthChart(this.ui.depthChart, this.curves, a.curves, () => this.theme);
    else this.depth.setData(depthData(ns, this.curves, a.curves));
    if (!this.stats) this.stats = statsChart(this.ui.statsChart, this.curves, a.sigmas, a.curves, () => this.theme);
    else this.stats.setData(statsData(this.curves, a.sigmas, a.curves));
    renderDepthSummary(this.ui.depthSummary, this.curves, a.curves, this.x0, this.sigma);
    renderStatsSummary(this.ui.statsSummary, this.curves, a.sigmas, a.curves, this.sigma);
  }

  /** Counts draws on the chart element and marks the first one (benchmarks and tests read both). */
  private onDraw(): void {
    this.ui.chart.setAttribute('data-draws', String(++this.draws));
    if (this.draws === 1) performance.mark('activation-lens:first-draw');
  }

  private setRange(range: SampleRange): void {
    this.range = range;
    this.xs = gridOf(range);
  }

  private model(): ChartModel {
    return { xs: this.xs, curves: this.curves, data: this.data, showDerivative: this.showDerivative, selected: this.selected };
  }

  private scheduleDraw(): void {
    if (this.drawQueued) return;
    this.drawQueued = true;
    requestAnimationFrame(() => {
      this.drawQueued = false;
      this.plot?.update(this.model());
      this.refreshTable();
    });
  }

  private setValues(curveId: string, values: ParamValues): void {
    this.values.set(curveId, values);
    this.cards.show(curveId, values);
    this.requests.setParams(curveId, values);
    this.save();
  }

  private select(i: number): void {
    this.selected = i;
    this.cards.select(i);
    renderZonesKey(this.ui.zonesKey, this.curves[i], this.data);
    this.plot?.update(this.model());
  }

  private setView(v: View): void {
    const clamp = (r: readonly [number, number]): [number, number] => [Math.max(-MAX_ABS_X, r[0]), Math.min(MAX_ABS_X, r[1])];
    this.view = { x: clamp(v.x), y: v.y };
    this.plot?.setView(this.view);
    const want = neededRange(this.view.x, this.range, MAX_ABS_X);
    if (want && this.curves.length) this.requests.setRange(want[0], want[1]);
    this.refreshTable();
    this.save();
  }

  private setSigma(v: number, ask = true): void {
    if (!(v > 0) || !Number.isFinite(v)) return;
    this.sigma = v;
    for (const i of this.ui.sigmaInputs) if (document.activeElement !== i) i.value = String(v);
    if (ask) this.askAnalysis();
    this.save();
  }

  private setX0(v: number, ask = true): void {
    if (!Number.isFinite(v)) return;
    this.x0 = v;
    for (const i of this.ui.x0Inputs) if (document.activeElement !== i) i.value = String(v);
    if (ask) this.askAnalysis();
    this.save();
  }

  private bindToolbar(): void {
    const ui = this.ui;
    ui.showDerivative.addEventListener('change', () => {
      this.showDerivative = ui.showDerivative.checked;
      this.plot?.update(this.model());
      this.save();
    });
    const submit = () => {
      const text = ui.formula.value.trim();
      if (!text) return;
      ui.formulaError.textContent = '';
      this.host.post({ type: 'addFormula', text });
    };
    ui.formulaButton.addEventListener('click', submit);
    ui.formula.addEventListener('keydown', (e) => {
      if (e.key === 'Enter') submit();
    });
    ui.resetView.addEventListener('click', () => this.setView(DEFAULT_VIEW));
    ui.backToCode.addEventListener('click', () => {
      for (const c of this.curves) this.setValues(c.id, { ...c.codeValues });
    });
    ui.exportPng.addEventListener('click', () => {
      if (this.plot) this.host.post({ type: 'export', format: 'png', data: chartToPng(this.plot.uplot, this.legendLines(), this.theme) });
    });
    ui.exportSvg.addEventListener('click', () => {
      if (this.plot) this.host.post({ type: 'export', format: 'svg', data: chartToSvg(this.model(), this.plot.currentX(), this.plot.currentY(), this.legendLines(), this.theme) });
    });
    for (const i of ui.sigmaInputs) i.addEventListener(i.type === 'range' ? 'input' : 'change', () => this.setSigma(Number(i.value)));
    for (const i of ui.x0Inputs) i.addEventListener(i.type === 'range' ? 'input' : 'change', () => this.setX0(Number(i.value)));
    ui.tableSection.addEventListener('toggle', () => this.refreshTable());
  }

  private legendLines(): LegendLine[] {
    return this.curves.map((c, i) => {
      const v = this.values.get(c.id) ?? {};
      const params = Object.entries(v).map(([k, x]) => `${k}=${x}`).join(', ');
      return { text: `${c.label}${c.framework ? ` (${c.framework})` : ''}${params ? ` ${params}` : ''}`, colour: this.theme.series(i) };
    });
  }

  private refreshTable(): void {
    if (this.ui.tableSection.open && this.plot) renderValuesTable(this.ui.table, this.xs, this.curves, this.data, this.plot.currentX());
  }

  private retheme(): void {
    this.theme = readTheme();
    this.cards.recolour(this.theme);
    this.plot?.uplot.redraw(false, false);
    this.depth?.redraw(false, false);
    this.stats?.redraw(false, false);
  }

  private resize(): void {
    const w = this.ui.chart.clientWidth;
    if (!w) return;
    this.plot?.resize(w);
    this.depth?.setSize({ width: Math.max(300, w), height: 260 });
    this.stats?.setSize({ width: Math.max(300, w), height: 260 });
  }

  private save(): void {
    const state: PanelState = {
      sources: this.curves.map((c) => c.source),
      values: this.curves.map((c) => this.values.get(c.id) ?? c.codeValues),
      showDerivative: this.showDerivative,
      sigma: this.sigma,
      x0: this.x0,
      view: { xMin: this.view.x[0], xMax: this.view.x[1] },
    };
    this.host.saveState(state);
  }
}
