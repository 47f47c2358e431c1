// The plot panel's editor-free logic (no vscode, no DOM). Turns a curve source (a catalog activation with
// the code's parameters, or a typed formula) into what the panel shows and a way to sample it.
import { compileActivation, getActivation, resolveParams, type ParamSpec as CatalogParam, type ParamValue } from '../catalog';
import type { CurveInfo, CurveSource, ParamSpec, ParamValues, PlotFramework } from '../../shared/protocol';
import type { CurveFunctions } from './sampler';

/** A curve the session can show: its description (minus the id) and how to bind parameter values. */
export interface Plottable {
  readonly info: Omit<CurveInfo, 'id'>;
  readonly plotRange: readonly [number, number];
  /** A formula's TeX and its symbolic derivative's, to typeset in the legend. */
  readonly tex?: { readonly f: string; readonly df?: string };
  compile(values: ParamValues): CurveFunctions;
}

/** Compiles a typed formula to f and f', or explains why it cannot. */
export type FormulaCompiler = (text: string, params?: ParamValues) => { readonly f: (x: number) => number; readonly df?: (x: number) => number; readonly tex?: string; readonly derivativeTex?: string } | { readonly error: string };

/** A round step giving about 200 slider positions over [lo, hi]. */
function niceStep(lo: number, hi: number, integer: boolean): number {
  if (integer) return 1;
  const raw = (hi - lo) / 200;
  const pow = Math.pow(10, Math.floor(Math.log10(raw)));
  return [1, 2, 5, 10].map((m) => m * pow).find((s) => s >= raw) ?? raw;
}

/** Slider bounds for a numeric parameter: the framework's limits where it has them, else around the default and the code's value. */
function sliderFor(p: CatalogParam, code: number | undefined): ParamSpec {
  const d = typeof p.default === 'number' ? p.default : null;
  const centre = code ?? d ?? p.plotDefault ?? 1;
  const mag = Math.max(1, Math.abs(centre) * 2, Math.abs(d ?? 0) * 2);
  let lo = p.min ?? (centre >= 0 && (d ?? 0) >= 0 ? 0 : -mag);
  let hi = p.max ?? mag;
  if (p.type === 'integer') {
    lo = Math.ceil(lo);
    hi = Math.max(lo + 8, Math.floor(hi));
  }
  const step = niceStep(lo, hi, p.type === 'integer');
  if (p.minExclusive && p.min !== undefined) lo = p.min + step;
  return { name: p.name, default: d, min: lo, max: hi, step };
}

function numericOnly(params: Readonly<Record<string, ParamValue>>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(params)) if (typeof v === 'number' && Number.isFinite(v)) out[k] = v;
  return out;
}

const FRAMEWORK_LABEL: Record<PlotFramework, string> = { torch: 'PyTorch', keras: 'Keras', tf: 'TensorFlow' };

/**
 * The catalog activation as the code uses it: parameters resolved for the framework and form,
 * one slider per numeric parameter that changes the values. Throws CatalogError for unknown names.
 */
export function activationPlottable(src: Extract<CurveSource, { kind: 'activation' }>, kerasVersion?: string): Plottable {
  const entry = getActivation(src.name);
  const ctx = { form: src.form as never, qualified: src.qualified, raw: src.raw };
  const version = src.kerasVersion ?? kerasVersion;
  const resolved = resolveParams(src.name, src.framework, src.params, version, ctx);
  const code = numericOnly(resolved.params);
  const tunable = resolved.variant.params.filter((p) => (p.type === 'number' || p.type === 'integer') && p.math);
  const params = tunable.map((p) => sliderFor(p, code[p.name]));
  const codeValues: Record<string, number> = {};
  for (const p of tunable) {
    const v = code[p.name] ?? p.plotDefault;
    if (v !== undefined) codeValues[p.name] = v;
  }
  const label = entry?.title ?? src.name;
  const info: Omit<CurveInfo, 'id'> = {
    label,
    framework: src.framework,
    source: src,
    params,
    codeValues,
    note: [entry?.vector?.along, resolved.errors.length ? `Using defaults for: ${resolved.errors.join('; ')}` : undefined].filter(Boolean).join(' · ') || undefined,
  };
  return {
    info,
    plotRange: entry?.plotRange ?? [-5, 5],
    compile(values) {
      // Strings and booleans from the code (GELU's approximate) stay; numbers come from the sliders.
      const merged: Record<string, ParamValue> = { ...src.params, ...values };
      const c = compileActivation(src.name, src.framework, merged, version, ctx);
      return { f: c.f, df: c.df };
    },
  };
}

/** Central difference when a formula brings no derivative of its own. */
function numericDerivative(f: (x: number) => number): (x: number) => number {
  return (x) => {
    const h = 1e-5 * Math.max(1, Math.abs(x));
    return (f(x + h) - f(x - h)) / (2 * h);
  };
}

/** A typed formula (or a user-defined activation with parameters) as a curve; `{ error }` when it does not compile. */
export function formulaPlottable(src: Extract<CurveSource, { kind: 'formula' }>, compile: FormulaCompiler): Plottable | { error: string } {
  const codeValues = src.params ?? {};
  const first = compile(src.text, codeValues);
  if ('error' in first) return { error: first.error };
  const bind = (values: ParamValues): CurveFunctions => {
    const c = values === codeValues ? first : compile(src.text, values);
    if ('error' in c) return { f: () => NaN, df: () => NaN };
    return { f: c.f, df: c.df ?? numericDerivative(c.f) };
  };
  const params = Object.entries(codeValues).map(([name, v]) => sliderFor({ name, default: v, type: 'number', doc: '' }, v));
  return {
    info: { label: src.name ?? `f(x) = ${src.text}`, source: src, params, codeValues },
    plotRange: [-5, 5],
    ...(first.tex ? { tex: { f: first.tex, ...(first.derivativeTex ? { df: first.derivativeTex } : {}) } } : {}),
    compile: bind,
  };
}

/** The framework's display name. */
export function frameworkLabel(f: PlotFramework): string {
  return FRAMEWORK_LABEL[f];
}
