/** Picks the variant for a framework, Keras version and form, and fills in parameter defaults. */
import { closest } from 'fastest-levenshtein';
import { inKerasRange, parseKerasVersion } from './keras';
import { normaliseQualified } from './apiNames';
import { getActivation } from './registry';
import type { ActivationEntry, CallForm, Framework, ParamSpec, ParamValue, ResolvedParams, Variant } from './types';

/** Thrown for names or frameworks the catalog does not have; `suggestions` holds close canonical names. */
export class CatalogError extends Error {
  constructor(message: string, readonly suggestions: readonly string[] = []) {
    super(message);
    this.name = 'CatalogError';
  }
}

/** Where an activation was used, to pick between variants with different defaults (Keras layer vs function). */
export interface UsageContext {
  readonly form?: CallForm | 'custom' | 'dynamic';
  /** Qualified callee, e.g. `keras.layers.LeakyReLU`. */
  readonly qualified?: string;
  /** The literal `activation=` string, e.g. `'LeakyReLU'`. */
  readonly raw?: string;
}

/** The variants of an entry available in a framework (and Keras version). */
export function variantsFor(entry: ActivationEntry, framework: Framework, kerasVersion?: string | number): readonly Variant[] {
  return entry.variants.filter((v) => v.framework === framework && (framework !== 'keras' || inKerasRange(v.keras, kerasVersion)));
}

/** Picks the variant matching the context: qualified name, then string, then form, then the first one. */
function pickVariant(entry: ActivationEntry, framework: Framework, kerasVersion?: string | number, ctx: UsageContext = {}): Variant | undefined {
  const candidates = variantsFor(entry, framework, kerasVersion);
  if (ctx.qualified) {
    const q = normaliseQualified(ctx.qualified).name;
    const hit = candidates.find((v) => v.apis.some((a) => a.qualified === q));
    if (hit) return hit;
  }
  if (ctx.raw !== undefined) {
    const hit = candidates.find((v) => v.strings?.includes(ctx.raw as string));
    if (hit) return hit;
  }
  const form = ctx.form;
  if (form) {
    const hit = candidates.find((v) => !v.forms || v.forms.includes(form as CallForm));
    if (hit) return hit;
  }
  return candidates[0];
}

function describe(value: ParamValue): string {
  return typeof value === 'string' ? `'${value}'` : JSON.stringify(value);
}

/** Checks one value against its spec; returns an error message or undefined. */
function checkValue(spec: ParamSpec, value: ParamValue): string | undefined {
  if (value === null) return spec.default === null || spec.noneValue !== undefined || spec.type === 'any' ? undefined : `${spec.name} cannot be None`;
  switch (spec.type) {
    case 'number':
    case 'integer':
      if (typeof value !== 'number' || Number.isNaN(value)) return `${spec.name} must be a number, got ${describe(value)}`;
      if (spec.type === 'integer' && !Number.isInteger(value)) return `${spec.name} must be an integer, got ${value}`;
      if (spec.min !== undefined && (spec.minExclusive ? value <= spec.min : value < spec.min)) return `${spec.name} must be ${spec.minExclusive ? '>' : '>='} ${spec.min}, got ${value}`;
      if (spec.max !== undefined && value > spec.max) return `${spec.name} must be <= ${spec.max}, got ${value}`;
      return undefined;
    case 'boolean':
      return typeof value === 'boolean' ? undefined : `${spec.name} must be True or False, got ${describe(value)}`;
    case 'string':
      if (typeof value !== 'string') return `${spec.name} must be a string, got ${describe(value)}`;
      return spec.choices && !spec.choices.includes(value) ? `${spec.name} must be one of ${spec.choices.map((c) => describe(c as ParamValue)).join(', ')}, got ${describe(value)}` : undefined;
    default:
      return undefined;
  }
}

function mathValue(spec: ParamSpec, value: ParamValue | undefined): number | string | boolean {
  if (value === undefined) return spec.plotDefault ?? NaN;
  if (value === null) return spec.noneValue ?? NaN;
  return typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean' ? value : NaN;
}

/** Finds the entry or throws a CatalogError naming close matches. */
export function requireActivation(name: string): ActivationEntry {
  const entry = getActivation(name);
  if (!entry) throw new CatalogError(`unknown activation '${name}'`, suggestNames(name));
  return entry;
}

let suggest: (text: string) => readonly string[] = () => [];
/** Set by names.ts (avoids an import cycle). */
export function setSuggester(fn: (text: string) => readonly string[]): void {
  suggest = fn;
}
function suggestNames(text: string): readonly string[] {
  return suggest(text);
}

/**
 * Fills in defaults for an activation's parameters as one framework (and Keras version) defines them.
 * Unknown names, ill-typed values and missing required arguments are reported in `errors`, never thrown;
 * only an unknown activation or a framework without it throws a CatalogError.
 */
export function resolveParams(
  name: string, framework: Framework, params: Readonly<Record<string, ParamValue>> = {},
  kerasVersion?: string | number, ctx: UsageContext = {},
): ResolvedParams {
  const entry = requireActivation(name);
  const variant = pickVariant(entry, framework, kerasVersion, ctx);
  if (!variant) {
    const where = framework === 'keras' ? `Keras ${parseKerasVersion(kerasVersion).join('.')}` : framework;
    const others = [...new Set(entry.variants.map((v) => v.framework))].join(', ');
    throw new CatalogError(`${entry.name} is not available in ${where} (available in: ${others})`);
  }
  const errors: string[] = [];
  const warnings: string[] = [];
  const values: Record<string, ParamValue> = {};
  const given = new Map<string, ParamValue>();
  for (const [key, value] of Object.entries(params)) {
    const spec = variant.params.find((p) => p.name === key) ?? variant.params.find((p) => p.deprecatedAliases?.includes(key));
    if (!spec) {
      const known = variant.params.map((p) => p.name);
      const hint = known.length ? ` (did you mean ${closest(key, known)}? known: ${known.join(', ')})` : ' (it takes no parameters)';
      errors.push(`unknown parameter '${key}' for ${entry.name} in ${framework}${hint}`);
      continue;
    }
    if (spec.name !== key) warnings.push(`'${key}' is deprecated here; use '${spec.name}'`);
    const problem = checkValue(spec, value);
    if (problem) errors.push(problem);
    else given.set(spec.name, value);
  }
  const math: Record<string, number | string | boolean> = { ...(variant.fixed ?? {}) };
  for (const spec of variant.params) {
    const value = given.has(spec.name) ? given.get(spec.name) : spec.default;
    if (value === undefined) errors.push(`${entry.name} in ${framework} requires '${spec.name}'`);
    else values[spec.name] = value;
    if (spec.math) math[spec.math] = mathValue(spec, value);
  }
  const formula = variant.formula ?? entry.selectFormula?.(math) ?? 'default';
  return {
    name: entry.name, framework, ...(framework === 'keras' ? { kerasVersion: parseKerasVersion(kerasVersion).join('.') } : {}),
    params: values, math, formula, variant, errors, warnings,
  };
}
