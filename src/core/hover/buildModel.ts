/** From a usage and the catalog to a hover model: which facts apply to exactly this line of code. */
import { userText } from './escape';
import type { ActivationEntry, Framework, OutputUse, ResolvedParams } from '../catalog/types';
import type { Usage } from '../scan/types';
import type { CatalogPort } from './catalogPort';
import { callWithDefaults } from './callText';
import { buildCustomModel } from './customModel';
import { buildInvalidModel } from './invalidModel';
import type { CatalogHover, CurveModel, HoverModel, HoverOptions } from './model';
import { fmt } from './format';
import { frameworkLabel, pyValue, versionLines } from './versions';
import { zonesOf } from '../plot/zones';

const GREEK: Readonly<Record<string, string>> = {
  alpha: 'α', beta: 'β', gamma: 'γ', lambda: 'λ', lambd: 'λ', theta: 'θ', tau: 'τ', scale: 'λ', sigma: 'σ', mu: 'μ',
};

const OUTPUT_TEXT: Readonly<Record<OutputUse, string>> = {
  binary: 'binary outputs', 'multi-class': 'multi-class outputs', 'multi-label': 'multi-label outputs', regression: 'regression outputs',
  'positive-regression': 'positive regression outputs', 'bounded-regression': 'bounded regression outputs',
};

/** Keras version for this usage: the import path says (`tf_keras` is 2), else the configured assumption. */
function kerasVersionFor(usage: Usage, port: CatalogPort, options: HoverOptions): { version?: string; assumed?: string } {
  if (usage.framework === 'torch') return { assumed: 'PyTorch 1.13–2.x assumed' };
  if (usage.framework === 'tf') return { assumed: 'TensorFlow 2.x assumed' };
  const implied = usage.qualified ? port.api(usage.qualified)?.kerasMajor ?? (/^tf_keras\b/.test(usage.qualified) ? 2 : undefined) : undefined;
  const major = implied ?? options.kerasMajor;
  const how = implied ? `as the import (${usage.qualified?.split('.')[0]}) implies` : `assumed (${options.kerasReason ?? 'setting activationLens.kerasVersion'})`;
  return { version: String(major), assumed: `Keras ${major === 2 ? '2 (tf.keras)' : '3'} ${how}` };
}

function useText(entry: ActivationEntry): string {
  const outs = entry.guidance.outputs.map((o) => OUTPUT_TEXT[o]);
  const hidden = entry.guidance.hidden ? 'hidden layers' : '';
  const parts = [hidden, ...outs].filter(Boolean);
  return parts.length ? parts.join(', ') : 'special purposes (see the docs)';
}

function docsFor(entry: ActivationEntry, framework: Framework, kerasVersion?: string): { label: string; url: string } | undefined {
  const key = framework === 'keras' && kerasVersion?.startsWith('2') ? 'keras2' : framework;
  const url = entry.docs[key] ?? entry.docs[framework];
  if (!url) return undefined;
  return { label: framework === 'torch' ? 'PyTorch' : framework === 'tf' ? 'TensorFlow' : key === 'keras2' ? 'tf.keras' : 'Keras', url };
}

function whereText(usage: Usage, resolved: ResolvedParams | undefined): string {
  const fw = resolved ? frameworkLabel(resolved.variant) : usage.framework;
  const form = usage.form === 'dynamic' ? 'by name' : usage.form;
  return `${fw} ${form}`;
}

function symbolsOf(resolved: ResolvedParams): CatalogHover['symbols'] {
  const out: { symbol: string; value: string; param: string }[] = [];
  const seen = new Set<string>();
  for (const p of resolved.variant.params) {
    if (!p.math || seen.has(p.math)) continue;
    const value = resolved.math[p.math];
    if (value === undefined) continue;
    seen.add(p.math);
    out.push({ symbol: GREEK[p.math] ?? p.math, value: typeof value === 'number' ? fmt(value) : String(value), param: p.name });
  }
  for (const [k, v] of Object.entries(resolved.variant.fixed ?? {})) {
    if (seen.has(k)) continue;
    seen.add(k);
    out.push({ symbol: GREEK[k] ?? k, value: fmt(v), param: k });
  }
  return out;
}

/** The hover model for a usage, or undefined when the catalog does not know it. Never throws on odd input. */
export function buildModel(usage: Usage, port: CatalogPort, options: HoverOptions, source?: string): HoverModel | undefined {
  if (usage.form === 'custom') return buildCustomModel(usage, source);
  if (usage.valid === false) return buildInvalidModel(usage, port, options);
  const entry = port.get(usage.name);
  if (!entry) return undefined;
  const { version, assumed } = kerasVersionFor(usage, port, options);
  const resolved = port.resolve({ name: entry.name, framework: usage.framework, form: usage.form, params: usage.params, kerasVersion: version, qualified: usage.qualified, raw: usage.raw });
  const compiled = resolved ? port.compile(resolved) : undefined;
  const properties = resolved ? port.properties(resolved) : undefined;
  const formula = entry.formulas[resolved?.formula ?? 'default'] ?? entry.formulas.default;
  const call = resolved ? callWithDefaults(usage, resolved, source) : undefined;
  const curve: CurveModel | undefined = compiled
    ? {
        f: compiled.f,
        df: compiled.df,
        range: entry.plotRange,
        zones: zonesOf(properties),
        description: `Plot of ${entry.title} (solid) and its derivative (dashed) on [${entry.plotRange.join(', ')}]${resolved && Object.keys(resolved.math).length ? ` with ${Object.entries(resolved.math).map(([k, v]) => `${k} = ${typeof v === 'number' ? fmt(v) : v}`).join(', ')}` : ''}`,
        cacheKey: `${entry.name}|${usage.framework}|${resolved?.formula}|${JSON.stringify(resolved?.math ?? {})}`,
      }
    : undefined;
  const apiDeprecated = usage.qualified ? port.api(usage.qualified)?.deprecated : undefined;
  return {
    kind: 'catalog',
    title: entry.title,
    summary: entry.summary,
    where: whereText(usage, resolved),
    ...(call ? { call: userText(call.call, 240) } : {}),
    filledDefaults: call?.filled ?? [],
    tex: formula?.tex,
    derivativeTex: formula?.derivativeTex,
    formulaText: formula?.expr,
    derivativeText: formula?.derivative,
    symbols: resolved ? symbolsOf(resolved) : [],
    curve,
    properties,
    vector: entry.vector?.hover,
    use: entry.guidance.hover.use ?? useText(entry),
    advice: entry.guidance.hover.advice ? { label: entry.guidance.pitfalls.length ? 'Pitfall' : 'Tip', text: entry.guidance.hover.advice } : undefined,
    versions: versionLines(entry, resolved),
    assumed,
    problems: [...(resolved?.errors ?? []), ...(resolved?.warnings ?? []), ...(apiDeprecated ? [apiDeprecated] : [])],
    note: resolved?.variant.hoverNote ?? resolved?.variant.notes?.[0],
    plotArgs: { name: entry.name, framework: usage.framework, params: { ...(resolved?.params ?? usage.params) }, ...(version ? { kerasVersion: version } : {}) },
    docs: docsFor(entry, usage.framework, version),
  };
}

export { pyValue };
