/**
 * Hover speed: the time to produce a hover (Markdown with formula images and plot) for a usage in a
 * 10,000-line file from the cached analysis, as the hover provider does it, without its per-version memo.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { catalogPort, DEFAULT_OPTIONS, hoverMarkdown } from '../src/core/hover';
import { analyzePython, DEFAULT_ANALYSIS_OPTIONS } from '../src/core/analysis';
import { definitionSource, documentView, usageAt } from '../src/core/scan/documentAnalysis';
import { median, percentile, type Figure } from './report';
import type { TexRenderer } from '../src/core/hover/userMath';

const root = process.env.AL_ROOT ?? path.resolve(__dirname, '../..');

/** Model code repeated (with renamed definitions) to 10,000 lines. */
export function tenThousandLines(): string {
  const seeds = ['test/fixtures/hover/forms.py', 'bench/corpus/keras_models.py', 'bench/corpus/torch_resnet.py'].map((f) => readFileSync(path.join(root, f), 'utf8'));
  const lines: string[] = [];
  for (let copy = 0; lines.length < 10_000; copy++) {
    for (const seed of seeds) lines.push(...seed.replace(/\b(class|def) ([A-Za-z_]\w*)/g, `$1 $2_${copy}`).split('\n'));
  }
  return lines.slice(0, 10_000).join('\n');
}

/** Deterministic shuffle so runs compare. */
export function shuffled<T>(items: readonly T[]): T[] {
  const out = [...items];
  let seed = 42;
  for (let i = out.length - 1; i > 0; i--) {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    const j = seed % (i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/** Measures hover.first_ms, hover.median_ms and hover.p99_ms. */
export function hoverBench(): Figure[] {
  const text = tenThousandLines();
  const analysis = documentView(analyzePython(text, DEFAULT_ANALYSIS_OPTIONS));
  const hoverAt = (offset: number): string | undefined => {
    const usage = usageAt(analysis, offset);
    if (!usage) return undefined;
    const source = usage.form === 'custom' ? definitionSource(analysis, usage) : analysis.source;
    return hoverMarkdown(usage, catalogPort, DEFAULT_OPTIONS, source);
  };
  const targets = shuffled(analysis.usages.map((u) => u.start + 1));
  let t = performance.now();
  hoverAt(targets[0]);
  const first = performance.now() - t;
  const times: number[] = [];
  let produced = 0;
  for (const offset of targets) {
    t = performance.now();
    if (hoverAt(offset)) produced++;
    times.push(performance.now() - t);
  }
  console.log(`${analysis.usages.length} usages in 10,000 lines; ${produced} hovers produced (first ${first.toFixed(1)} ms, with cold catalog and image caches)`);
  return [
    { name: 'hover.first_ms', value: first, unit: 'ms' },
    { name: 'hover.median_ms', value: median(times), unit: 'ms' },
    { name: 'hover.p99_ms', value: percentile(times, 99), unit: 'ms' },
    ...customTexFigures(),
  ];
}

/**
 * The math renderer for formulas from user code, as the extension loads it (dist/tex.js, evaluated on the first
 * custom hover): hover.tex_load_ms to evaluate the chunk and make the renderer, hover.custom_typeset_first_ms for
 * the first typeset custom hover (MathJax's first conversion), hover.custom_typeset_ms for the median of the
 * other custom activations of the file, each typeset once (every definition's TeX is new to the cache).
 */
function customTexFigures(): Figure[] {
  const chunk = { exports: {} as { createTexToSvg?: () => TexRenderer } };
  let t = performance.now();
  new Function('module', 'exports', readFileSync(path.join(root, 'dist/tex.js'), 'utf8'))(chunk, chunk.exports);
  const renderer = chunk.exports.createTexToSvg?.();
  const load = performance.now() - t;
  if (!renderer) throw new Error('dist/tex.js made no renderer');
  const bodies = ['x * tf.sigmoid(beta * x)', 'x * tf.tanh(tf.math.log(1 + tf.exp(x)))', 'tf.maximum(x, a * x)', 'x / (1 + tf.abs(x))', 'tf.sqrt(x * x + 1) - 1', 'x * tf.sigmoid(1.702 * x)', 'tf.math.log(tf.cosh(x))', 'tf.tanh(x) * s + x'];
  const text = ['import tensorflow as tf', 'from tensorflow.keras import layers', ...bodies.flatMap((b, i) => [`def act${i}(x, beta=1.0, a=0.1, s=0.5):`, `    return ${b}`, `layer${i} = layers.Dense(4, activation=act${i})`])].join('\n');
  const analysis = documentView(analyzePython(text, DEFAULT_ANALYSIS_OPTIONS));
  const customs = analysis.usages.filter((u) => u.form === 'custom');
  const typeset = (i: number): number => {
    const started = performance.now();
    const md = hoverMarkdown(customs[i], catalogPort, { ...DEFAULT_OPTIONS, texRenderer: renderer }, definitionSource(analysis, customs[i])) ?? '';
    if (md.includes('f(x) = `')) throw new Error(`custom hover ${i} was not typeset`);
    return performance.now() - started;
  };
  t = typeset(0);
  const rest = customs.slice(1).map((_, i) => typeset(i + 1));
  console.log(`math renderer: chunk evaluated in ${load.toFixed(0)} ms; ${customs.length} custom hovers typeset (first ${t.toFixed(1)} ms)`);
  return [
    { name: 'hover.tex_load_ms', value: load, unit: 'ms' },
    { name: 'hover.custom_typeset_first_ms', value: t, unit: 'ms' },
    { name: 'hover.custom_typeset_ms', value: median(rest), unit: 'ms' },
  ];
}
