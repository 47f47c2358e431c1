/**
 * Catalog speed: compiling an activation, evaluating f and f', sampling a plot, computing properties
 * (uncached), and compiling a user formula in the restricted mathjs.
 */
import { performance } from 'node:perf_hooks';
import { compileResolved, linspace, listActivations, propertiesOf, resolveParams, sample, variantsFor } from '../src/core/catalog';
import { compileUserFormula } from '../src/core/maths';
import { median, percentile, type Figure } from './report';

function time(fn: () => void): number {
  const t0 = performance.now();
  fn();
  return performance.now() - t0;
}

/** Measures compile time, warm per-call evaluation, the first (cold) sweep, plot sampling, properties, user formulas (first and warm). */
export function catalogBench(): Figure[] {
  const resolved = listActivations().flatMap((e) => (['torch', 'keras', 'tf'] as const)
    .filter((fw) => variantsFor(e, fw).length > 0)
    .map((fw) => resolveParams(e.name, fw, {})));

  const compileTimes = resolved.map((r) => time(() => compileResolved(r)) * 1000);
  const compiled = resolved.map((r) => compileResolved(r));

  const xs = linspace(-6, 6, 1000);
  const sweep = (): void => {
    let sink = 0;
    for (const c of compiled) for (const x of xs) sink += c.f(x) + c.df(x);
    if (Number.isNaN(sink)) sink = 0;
  };
  const coldSweepMs = time(sweep);
  const evalMs = Math.min(...[0, 1, 2].map(() => time(sweep)));
  const evalNs = (evalMs * 1e6) / (compiled.length * xs.length * 2);

  const sampleTimes = listActivations().slice(0, 20).map((e) => time(() => sample(e.name, e.variants[0]?.framework ?? 'torch', {}, xs)));
  const propertyTimes = compiled.map((c) => time(() => propertiesOf(c.f, c.df)));
  const firstFormulaMs = time(() => compileUserFormula('x * sigmoid(1.702 * x)'));
  const formulaTimes = ['x * sigmoid(1.5 * x)', 'x > 0 ? x : 0.1 * x', 'x * tanh(log(1 + exp(x)))', '0.5 * x * (1 + erf(x / sqrt(2)))'].map((t) => time(() => compileUserFormula(t)));

  console.log(`${resolved.length} activation/framework pairs; f and f' on 1000 points each; properties scan 12,000 grid points.`);
  return [
    { name: 'catalog.compile_median_us', value: median(compileTimes), unit: 'us' },
    { name: 'catalog.eval_ns', value: evalNs, unit: 'ns' },
    { name: 'catalog.first_sweep_ms', value: coldSweepMs, unit: 'ms' },
    { name: 'catalog.sample1000_median_ms', value: median(sampleTimes), unit: 'ms' },
    { name: 'catalog.properties_median_ms', value: median(propertyTimes), unit: 'ms' },
    { name: 'catalog.properties_p99_ms', value: percentile(propertyTimes, 99), unit: 'ms' },
    { name: 'maths.user_formula_first_ms', value: firstFormulaMs, unit: 'ms' },
    { name: 'maths.user_formula_median_ms', value: median(formulaTimes), unit: 'ms' },
  ];
}
