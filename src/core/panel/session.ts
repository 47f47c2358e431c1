// The plot panel's editor-free session (no vscode, no DOM): the extension host, tests and benchmarks drive it.
// Holds the curves one panel shows and answers the webview's sampling requests.
import type { CurveAnalysis, CurveData, CurveInfo, CurveSource, FromWebview, ParamValues, SampleRange, ToWebview } from '../../shared/protocol';
import { activationPlottable, formulaPlottable, type FormulaCompiler, type Plottable } from './curves';
import { analyseCurve, sampleCurve, SIGMAS, statsCurve, type CurveFunctions } from './sampler';
import { typesetUserTex, type TexPort } from '../hover/userMath';

/** Points per curve: smooth at panel width, cheap enough for 8 curves while a slider moves. */
const SAMPLES = 1000;
const MAX_CURVES = 16;

interface Curve {
  readonly info: CurveInfo;
  readonly plottable: Plottable;
  values: ParamValues;
  fns: CurveFunctions;
  stats?: { key: string; curve: ReturnType<typeof statsCurve> };
}

interface SessionOptions {
  readonly compileFormula: FormulaCompiler;
  readonly kerasVersion?: string;
  /** Typesets formulas in the legend; loaded when the first formula curve is shown (the legend says it as text until then). */
  readonly tex?: TexPort;
}

/** One panel's curves, sampling range and analysis settings. `post` sends to the webview. */
export class PlotSession {
  private curves: Curve[] = [];
  private range: SampleRange = { min: -10, max: 10, n: SAMPLES };
  private sigma = 1;
  private x0 = 0;
  private nextId = 1;
  private changes = 0;

  constructor(
    private readonly post: (m: ToWebview) => void,
    private readonly options: SessionOptions,
  ) {}

  /** The sources (and current values) of the curves shown, for the serializer's state. */
  get sources(): readonly CurveSource[] {
    return this.curves.map((c) => c.info.source);
  }

  get curveCount(): number {
    return this.curves.length;
  }

  /** Grows whenever what the chart shows changes: a page that drew version v is current while it stays v. */
  get version(): number {
    return this.changes;
  }

  /**
   * Replaces the curves. Sources that fail (unknown name, bad formula) are skipped and reported
   * in the returned list of problems. Values, when given, override the code's values per source.
   */
  setSources(sources: readonly CurveSource[], values: readonly (ParamValues | undefined)[] = []): string[] {
    const problems: string[] = [];
    const next: Curve[] = [];
    sources.slice(0, MAX_CURVES).forEach((s, i) => {
      const made = this.make(s, values[i]);
      if ('error' in made) problems.push(made.error);
      else next.push(made);
    });
    this.curves = next;
    this.changes++;
    this.dedupeLabels();
    const span = this.curves.reduce((m, c) => Math.max(m, Math.abs(c.plottable.plotRange[0]), Math.abs(c.plottable.plotRange[1])), 5);
    this.range = { min: -2 * span, max: 2 * span, n: SAMPLES };
    return problems;
  }

  /** The full `plot` message for the current curves (also the page's initial data). */
  plotMessage(): ToWebview {
    return { type: 'plot', curves: this.curves.map((c) => c.info), range: this.range, data: this.curves.map((c) => this.sample(c)) };
  }

  /** Sends the full plot and the analysis. */
  publish(): void {
    this.post(this.plotMessage());
    this.publishAnalysis();
  }

  /** Handles the messages that concern sampling; returns false for those the panel must handle. */
  handle(m: FromWebview): boolean {
    switch (m.type) {
      case 'setParams': {
        const c = this.curves.find((x) => x.info.id === m.curveId);
        if (c) this.bind(c, m.values);
        this.post({ type: 'samples', seq: m.seq, range: this.range, data: c ? [this.sample(c)] : [] });
        return true;
      }
      case 'setRange':
        this.range = { min: m.min, max: m.max, n: SAMPLES };
        this.changes++;
        this.post({ type: 'samples', seq: m.seq, range: this.range, data: this.curves.map((c) => this.sample(c)) });
        return true;
      case 'setAnalysis':
        this.sigma = m.sigma;
        this.x0 = m.x0;
        this.publishAnalysis();
        return true;
      case 'addFormula':
        this.addFormula(m.text);
        return true;
      case 'removeCurve':
        this.curves = this.curves.filter((c) => c.info.id !== m.curveId);
        this.changes++;
        this.publish();
        return true;
      default:
        return false;
    }
  }

  /** Adds a typed formula; a formula that does not compile gets its error shown next to the input. */
  addFormula(text: string): boolean {
    const made = this.make({ kind: 'formula', text });
    if ('error' in made) {
      this.post({ type: 'formulaError', text, message: made.error });
      return false;
    }
    this.curves = [...this.curves.slice(-(MAX_CURVES - 1)), made];
    this.changes++;
    this.dedupeLabels();
    this.publish();
    return true;
  }

  /** The analysis of every curve at the current sigma and x0. */
  analysis(): CurveAnalysis[] {
    return this.curves.map((c) => {
      const key = JSON.stringify(c.values);
      if (c.stats?.key !== key) c.stats = { key, curve: statsCurve(c.fns) };
      return analyseCurve(c.info.id, c.fns, this.sigma, this.x0, c.stats.curve);
    });
  }

  publishAnalysis(): void {
    this.post({ type: 'analysis', sigma: this.sigma, x0: this.x0, sigmas: SIGMAS, curves: this.analysis() });
  }

  /** Current parameter values per curve, in order. */
  values(): ParamValues[] {
    return this.curves.map((c) => c.values);
  }

  private make(source: CurveSource, values?: ParamValues): Curve | { error: string } {
    let p: Plottable | { error: string };
    try {
      p = source.kind === 'formula' ? formulaPlottable(source, this.options.compileFormula) : activationPlottable(source, this.options.kerasVersion);
    } catch (e) {
      return { error: e instanceof Error ? e.message : String(e) };
    }
    if ('error' in p) return p;
    const typeset = this.typeset(p);
    const info: CurveInfo = { ...p.info, id: `c${this.nextId++}`, ...(typeset ? { typeset } : {}) };
    const curve: Curve = { info, plottable: p, values: info.codeValues, fns: p.compile(info.codeValues) };
    if (values) this.bind(curve, values);
    return curve;
  }

  /**
   * A formula curve's f and f' typeset with the loaded renderer. Before it is loaded, the first formula starts the
   * load and the curves are shown again, typeset, once it is (when it fails they stay text).
   */
  private typeset(p: Plottable): CurveInfo['typeset'] {
    const tex = this.options.tex;
    if (!p.tex || !tex) return undefined;
    const renderer = tex.renderer;
    if (!renderer) {
      void tex.load().then((r) => (r ? this.retypeset() : undefined), () => undefined);
      return undefined;
    }
    const f = typesetUserTex('f(x)', p.tex.f, renderer);
    const df = f && p.tex.df ? typesetUserTex("f'(x)", p.tex.df, renderer) : undefined;
    return f ? { f, ...(df ? { df } : {}) } : undefined;
  }

  /** Typesets the formula curves shown without their formula image and, if any changed, shows them again. */
  private retypeset(): void {
    let changed = false;
    this.curves = this.curves.map((c) => {
      if (c.info.typeset || !c.plottable.tex) return c;
      const typeset = this.typeset(c.plottable);
      if (!typeset) return c;
      changed = true;
      return { ...c, info: { ...c.info, typeset } };
    });
    if (!changed) return;
    this.changes++;
    this.publish();
  }

  private bind(c: Curve, values: ParamValues): void {
    // Only the curve's own parameters; anything else the webview sends is dropped.
    const kept: Record<string, number> = {};
    for (const p of c.info.params) if (values[p.name] !== undefined) kept[p.name] = values[p.name];
    c.values = { ...c.info.codeValues, ...kept };
    c.fns = c.plottable.compile(c.values);
    this.changes++;
  }

  private sample(c: Curve): CurveData {
    return { id: c.info.id, values: c.values, ...sampleCurve(c.fns, this.range) };
  }

  /** Same title twice gets its framework appended, and a number if that is not enough. */
  private dedupeLabels(): void {
    const titles = new Map<string, number>();
    for (const c of this.curves) titles.set(c.plottable.info.label, (titles.get(c.plottable.info.label) ?? 0) + 1);
    const seen = new Map<string, number>();
    this.curves = this.curves.map((c) => {
      const title = c.plottable.info.label;
      const base = (titles.get(title) ?? 0) > 1 && c.info.framework ? `${title} (${c.info.framework})` : title;
      const n = (seen.get(base) ?? 0) + 1;
      seen.set(base, n);
      const label = n > 1 ? `${base} #${n}` : base;
      return label === c.info.label ? c : { ...c, info: { ...c.info, label } };
    });
  }
}
