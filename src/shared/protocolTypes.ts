/**
 * The plot panel's message protocol, shared by the extension host and the webview client.
 * Messages are discriminated unions switched on `type` at both ends. Everything the webview
 * sends is untrusted: `parseFromWebview` (protocolValidate.ts) checks it field by field before the host acts on it.
 */

export type PlotFramework = 'torch' | 'keras' | 'tf';

/** Parameter values by name; only finite numbers travel (booleans and strings stay in the host). */
export type ParamValues = Readonly<Record<string, number>>;

/** Parameter values as written in the code (literals only), for finding the right catalog variant. */
export type SourceParams = Readonly<Record<string, number | string | boolean | null>>;

/** One tunable parameter: the slider's bounds and the framework's default (marked on the slider). */
export interface ParamSpec {
  readonly name: string;
  /** The framework's default; null when it is None (e.g. no cap), which a slider cannot show. */
  readonly default: number | null;
  readonly min: number;
  readonly max: number;
  readonly step: number;
}

/** Where a curve comes from: a catalog activation or a formula the user typed. */
export type CurveSource =
  | {
      readonly kind: 'activation';
      readonly name: string;
      readonly framework: PlotFramework;
      readonly params: SourceParams;
      /** How it was written (`layer`, `string`, ...) and the callee: Keras defaults differ between them. */
      readonly form?: string;
      readonly qualified?: string;
      readonly raw?: string;
      /** Keras version the defaults follow (`'2'`, `'3'`, `'3.4'`); the setting's when absent. */
      readonly kerasVersion?: string;
    }
  | {
      readonly kind: 'formula';
      readonly text: string;
      /** A user-defined activation's name and its numeric parameters (one slider each). */
      readonly name?: string;
      readonly params?: ParamValues;
    };

/** A curve's description: what the legend, the sliders and "back to the code's values" need. */
export interface CurveInfo {
  readonly id: string;
  readonly label: string;
  readonly framework?: PlotFramework;
  readonly source: CurveSource;
  readonly params: readonly ParamSpec[];
  /** Values written in the code (defaults filled in): the target of "back to the code's values". */
  readonly codeValues: ParamValues;
  /** Short note shown in the legend, e.g. how a vector activation is drawn. */
  readonly note?: string;
  /**
   * A formula's `f(x) = ...` and `f'(x) = ...` typeset as standalone SVG drawn in currentColor (inert, checked by
   * the core's isInertSvg), when the editor's math renderer is loaded; the legend shows the formula as text without.
   */
  readonly typeset?: { readonly f: string; readonly df?: string };
}

/** A region of the x axis where the curve saturates (|f'| small) or is dead (f' = 0). */
export interface Zone {
  readonly kind: 'saturated' | 'dead';
  readonly from: number;
  readonly to: number;
}

/** The sampling grid: `n` points evenly spaced from `min` to `max` (both ends included). */
export interface SampleRange {
  readonly min: number;
  readonly max: number;
  readonly n: number;
}

/** Sampled values of one curve on the current range; `null` where f is not finite. */
export interface CurveData {
  readonly id: string;
  readonly values: ParamValues;
  readonly ys: readonly (number | null)[];
  readonly dys: readonly (number | null)[];
  readonly zones: readonly Zone[];
}

/** Figures for the gradient-through-depth and output-statistics views of one curve. */
export interface CurveAnalysis {
  readonly id: string;
  /** f'(x0) at the chosen pre-activation. */
  readonly gradAt: number | null;
  /** E|f'(x)| for x ~ N(0, sigma^2): the per-layer factor of independent layers. */
  readonly meanAbsGrad: number | null;
  /** Mean and variance of f(x) for x ~ N(0, sigma^2), at the chosen sigma. */
  readonly mean: number | null;
  readonly variance: number | null;
  /** The same over the sigma grid of the message, for the statistics plot. */
  readonly means: readonly (number | null)[];
  readonly variances: readonly (number | null)[];
}

/** One activation found in the active editor's file, for the usages list. */
export interface UsageItem {
  readonly name: string;
  readonly framework: PlotFramework;
  readonly line: number;
  readonly col: number;
  readonly text: string;
  readonly params: ParamValues;
}

/** Extension host -> webview. */
export type ToWebview =
  | { readonly type: 'plot'; readonly curves: readonly CurveInfo[]; readonly range: SampleRange; readonly data: readonly CurveData[] }
  | { readonly type: 'samples'; readonly seq: number; readonly range: SampleRange; readonly data: readonly CurveData[] }
  | { readonly type: 'analysis'; readonly sigma: number; readonly x0: number; readonly sigmas: readonly number[]; readonly curves: readonly CurveAnalysis[] }
  | { readonly type: 'usages'; readonly fileName: string; readonly uri: string; readonly usages: readonly UsageItem[] }
  | { readonly type: 'formulaError'; readonly text: string; readonly message: string }
  | { readonly type: 'notice'; readonly message: string };

/** Webview -> extension host. */
export type FromWebview =
  | { readonly type: 'ready' }
  | { readonly type: 'setParams'; readonly seq: number; readonly curveId: string; readonly values: ParamValues }
  | { readonly type: 'setRange'; readonly seq: number; readonly min: number; readonly max: number }
  | { readonly type: 'setAnalysis'; readonly sigma: number; readonly x0: number }
  | { readonly type: 'addFormula'; readonly text: string }
  | { readonly type: 'removeCurve'; readonly curveId: string }
  | { readonly type: 'plotUsage'; readonly uri: string; readonly line: number; readonly col: number }
  | { readonly type: 'revealUsage'; readonly uri: string; readonly line: number; readonly col: number }
  | { readonly type: 'export'; readonly format: 'png' | 'svg'; readonly data: string };

/** What the webview keeps with `setState` and the serializer hands back after a reload. */
export interface PanelState {
  readonly sources: readonly CurveSource[];
  /** Current values per curve, in the order of `sources`. */
  readonly values: readonly ParamValues[];
  readonly showDerivative: boolean;
  readonly sigma: number;
  readonly x0: number;
  readonly view?: { readonly xMin: number; readonly xMax: number };
}

/** Even grid of the range, computed identically at both ends so only the bounds travel. */
export function gridOf(range: SampleRange): number[] {
  const xs = new Array<number>(range.n);
  const step = range.n > 1 ? (range.max - range.min) / (range.n - 1) : 0;
  for (let i = 0; i < range.n; i++) xs[i] = range.min + i * step;
  return xs;
}

