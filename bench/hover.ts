/**
 * Hover speed: the time to produce a hover (Markdown with formula images and plot) for a usage in a
 * 10,000-line file from the cached analysis, as the hover provider does it, without its per-version memo.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { catalogPort, DEFAULT_OPTIONS, hoverMarkdown } from '../src/core/hover';
import { scanPython } from '../src/core/scan';
import { analysisOf, definitionSource, usageAt } from '../src/core/scan/documentAnalysis';
import { median, percentile, type Figure } from './report';

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
  const analysis = analysisOf(scanPython(text), text);
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
  ];
}
