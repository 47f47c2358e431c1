/**
 * Validation of everything the webview sends to the extension host. The webview runs page
 * content, so its messages are treated like network input: unknown types, extra-long strings,
 * non-finite numbers and oversized payloads are rejected before the host looks at them.
 */
import type { CurveSource, FromWebview, PanelState, ParamValues, PlotFramework, SourceParams } from './protocolTypes';

/** Bounds the host enforces on whatever the webview sends. */
export const LIMITS = {
  formula: 200,
  params: 16,
  id: 64,
  uri: 4096,
  exportBytes: 8 * 1024 * 1024,
  curves: 16,
  absX: 1e6,
  sigma: 100,
};

/** Parameter names; `__proto__`-like names are refused (on a plain object they would vanish or change its prototype). */
const PARAM_NAME = /^(?!__)(?!constructor$)(?!prototype$)[A-Za-z_][A-Za-z0-9_]{0,40}$/;
const ACTIVATION_NAME = /^[A-Za-z_][A-Za-z0-9_.]{0,63}$/;

type Obj = Record<string, unknown>;

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function finite(v: unknown, bound = LIMITS.absX): v is number {
  return typeof v === 'number' && Number.isFinite(v) && Math.abs(v) <= bound;
}

function str(v: unknown, max: number): v is string {
  return typeof v === 'string' && v.length > 0 && v.length <= max;
}

function int(v: unknown, min: number, max: number): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max;
}

function framework(v: unknown): v is PlotFramework {
  return v === 'torch' || v === 'keras' || v === 'tf';
}

/** Parameter values: at most 16 well-formed names, finite numbers only. */
function parseParamValues(v: unknown): ParamValues | undefined {
  if (!isObj(v)) return undefined;
  const keys = Object.keys(v);
  if (keys.length > LIMITS.params) return undefined;
  const out: Record<string, number> = {};
  for (const k of keys) {
    if (!PARAM_NAME.test(k) || !finite(v[k])) return undefined;
    out[k] = v[k] as number;
  }
  return out;
}

/** Literal parameters as written in code: numbers, short strings, booleans, None. */
function parseSourceParams(v: unknown): SourceParams | undefined {
  if (!isObj(v)) return undefined;
  const keys = Object.keys(v);
  if (keys.length > LIMITS.params) return undefined;
  const out: Record<string, number | string | boolean | null> = {};
  for (const k of keys) {
    const x = v[k];
    if (!PARAM_NAME.test(k)) return undefined;
    if (x === null || typeof x === 'boolean' || finite(x) || (typeof x === 'string' && x.length <= 64)) out[k] = x as number | string | boolean | null;
    else return undefined;
  }
  return out;
}

/** A curve's source as the webview saved it. */
export function parseSource(v: unknown): CurveSource | undefined {
  if (!isObj(v)) return undefined;
  if (v.kind === 'formula') {
    if (!str(v.text, LIMITS.formula)) return undefined;
    const params = v.params === undefined ? undefined : parseParamValues(v.params);
    if (v.params !== undefined && !params) return undefined;
    const name = str(v.name, 64) && ACTIVATION_NAME.test(v.name) ? v.name : undefined;
    return { kind: 'formula', text: v.text, ...(name ? { name } : {}), ...(params && Object.keys(params).length ? { params } : {}) };
  }
  if (v.kind !== 'activation' || !str(v.name, 64) || !ACTIVATION_NAME.test(v.name) || !framework(v.framework)) return undefined;
  const params = parseSourceParams(v.params);
  if (!params) return undefined;
  const opt = (x: unknown) => (str(x, 200) ? x : undefined);
  const form = opt(v.form);
  const qualified = opt(v.qualified);
  const raw = opt(v.raw);
  const kerasVersion = typeof v.kerasVersion === 'string' && /^\d{1,2}(\.\d{1,3}){0,2}$/.test(v.kerasVersion) ? v.kerasVersion : undefined;
  return { kind: 'activation', name: v.name, framework: v.framework, params, ...(form ? { form } : {}), ...(qualified ? { qualified } : {}), ...(raw ? { raw } : {}), ...(kerasVersion ? { kerasVersion } : {}) };
}

/** Returns the message when it is well formed, `undefined` otherwise. Never throws. */
export function parseFromWebview(m: unknown): FromWebview | undefined {
  if (!isObj(m) || typeof m.type !== 'string') return undefined;
  switch (m.type) {
    case 'ready':
      return { type: 'ready' };
    case 'setParams': {
      const values = parseParamValues(m.values);
      if (!int(m.seq, 0, Number.MAX_SAFE_INTEGER) || !str(m.curveId, LIMITS.id) || !values) return undefined;
      return { type: 'setParams', seq: m.seq, curveId: m.curveId, values };
    }
    case 'setRange':
      if (!int(m.seq, 0, Number.MAX_SAFE_INTEGER) || !finite(m.min) || !finite(m.max) || !(m.min < m.max)) return undefined;
      return { type: 'setRange', seq: m.seq, min: m.min, max: m.max };
    case 'setAnalysis':
      if (!finite(m.sigma, LIMITS.sigma) || !(m.sigma > 0) || !finite(m.x0)) return undefined;
      return { type: 'setAnalysis', sigma: m.sigma, x0: m.x0 };
    case 'addFormula':
      return str(m.text, LIMITS.formula) ? { type: 'addFormula', text: m.text } : undefined;
    case 'removeCurve':
      return str(m.curveId, LIMITS.id) ? { type: 'removeCurve', curveId: m.curveId } : undefined;
    case 'plotUsage':
    case 'revealUsage':
      if (!str(m.uri, LIMITS.uri) || !int(m.line, 0, 10_000_000) || !int(m.col, 0, 10_000_000)) return undefined;
      return { type: m.type, uri: m.uri, line: m.line, col: m.col };
    case 'export': {
      if (!str(m.data, LIMITS.exportBytes)) return undefined;
      if (m.format === 'png' && m.data.startsWith('data:image/png;base64,')) return { type: 'export', format: 'png', data: m.data };
      if (m.format === 'svg' && m.data.startsWith('<svg')) return { type: 'export', format: 'svg', data: m.data };
      return undefined;
    }
    default:
      return undefined;
  }
}

/** Checks the state a serializer hands back (it was written by the webview, so untrusted). */
export function parsePanelState(v: unknown): PanelState | undefined {
  if (!isObj(v) || !Array.isArray(v.sources) || !Array.isArray(v.values)) return undefined;
  if (v.sources.length > LIMITS.curves || v.values.length !== v.sources.length) return undefined;
  const sources: CurveSource[] = [];
  const values: ParamValues[] = [];
  for (let i = 0; i < v.sources.length; i++) {
    const s = parseSource(v.sources[i]);
    const p = parseParamValues(v.values[i]);
    if (!s || !p) return undefined;
    sources.push(s);
    values.push(p);
  }
  const sigma = finite(v.sigma, LIMITS.sigma) && v.sigma > 0 ? v.sigma : 1;
  const x0 = finite(v.x0) ? v.x0 : 0;
  const view = isObj(v.view) && finite(v.view.xMin) && finite(v.view.xMax) && v.view.xMin < v.view.xMax ? { xMin: v.view.xMin, xMax: v.view.xMax } : undefined;
  return { sources, values, showDerivative: v.showDerivative !== false, sigma, x0, view };
}
