/** Turns an entry, a framework and parameters into fast f(x) and f'(x), compiled once and cached. */
import { compileToClosure } from '../maths/closure';
import { parseExpr, symbolicDerivative } from './math';
import { resolveParams, type UsageContext } from './params';
import { requireActivation } from './params';
import type { CompiledActivation, Formula, Framework, MathValue, ParamValue, ResolvedParams } from './types';

/** Derivative text per formula: written out, or mathjs' symbolic derivative of the expression. */
const derivativeText = new Map<Formula, string>();

/** The derivative expression used for evaluation (written-out one when given). */
export function derivativeExpr(formula: Formula): string {
  let text = derivativeText.get(formula);
  if (text === undefined) {
    text = formula.derivative ?? symbolicDerivative(formula.symbolic ?? formula.expr).toString();
    derivativeText.set(formula, text);
  }
  return text;
}

/** Plain closures over the parsed tree, parameters baked in (see maths/closure.ts): no mathjs dispatch per call. */
function evaluator(expr: string, math: Readonly<Record<string, MathValue>>): (x: number) => number {
  return compileToClosure(parseExpr(expr), math);
}

/** Builds f and f' for already resolved parameters (invalid ones were replaced by defaults or plot defaults). */
export function compileResolved(resolved: ResolvedParams): CompiledActivation {
  const entry = requireActivation(resolved.name);
  const formula = entry.formulas[resolved.formula] ?? entry.formulas.default;
  if (!formula) throw new Error(`catalog entry ${entry.name} has no formula '${resolved.formula}'`);
  return {
    resolved,
    f: evaluator(formula.expr, resolved.math),
    df: evaluator(derivativeExpr(formula), resolved.math),
    tex: formula.tex,
    derivativeTex: formula.derivativeTex,
  };
}

const cache = new Map<string, CompiledActivation>();
const CACHE_LIMIT = 500;

/**
 * Fast f(x) and f'(x) for an activation as a framework computes it with these parameters (defaults filled in).
 * Parameter problems do not throw: they are listed in `resolved.errors` and defaults are used instead.
 * Throws CatalogError for unknown names or frameworks without the activation.
 */
export function compileActivation(
  name: string, framework: Framework, params: Readonly<Record<string, ParamValue>> = {},
  kerasVersion?: string | number, ctx: UsageContext = {},
): CompiledActivation {
  const key = JSON.stringify([name, framework, params, kerasVersion ?? null, ctx.form ?? null, ctx.qualified ?? null, ctx.raw ?? null]);
  let compiled = cache.get(key);
  if (!compiled) {
    compiled = compileResolved(resolveParams(name, framework, params, kerasVersion, ctx));
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(key, compiled);
  }
  return compiled;
}

/** Values of f and f' at each x. */
export interface Samples {
  readonly x: readonly number[];
  readonly y: readonly number[];
  readonly dy: readonly number[];
  readonly resolved: ResolvedParams;
}

/** Evaluates f and f' at the given points. */
export function sample(
  name: string, framework: Framework, params: Readonly<Record<string, ParamValue>>, xs: readonly number[],
  kerasVersion?: string | number, ctx: UsageContext = {},
): Samples {
  const c = compileActivation(name, framework, params, kerasVersion, ctx);
  return { x: [...xs], y: xs.map(c.f), dy: xs.map(c.df), resolved: c.resolved };
}

/** n evenly spaced points from a to b inclusive. */
export function linspace(a: number, b: number, n: number): number[] {
  if (n <= 1) return [a];
  return Array.from({ length: n }, (_, i) => (i === n - 1 ? b : a + ((b - a) * i) / (n - 1)));
}
