/**
 * Signal prediction speed: signal.model_ms is the median time to predict a 50-layer model from its model graph
 * (layers with their call arguments, then the prediction), for an nn.Sequential of 50 Linear layers with BatchNorm
 * and tanh between them (149 leaf modules; BatchNorm needs the cross moments). The parse and the graph are shared
 * with every other feature and cached by the editor, so they are not counted; signal.over_scan compares the
 * prediction with scanning the same text in this run. signal.plain_ms: the same model without BatchNorm.
 */
import { buildGraph } from '../src/core/model';
import { parsePython, scanPython } from '../src/core/scan';
import { predictModels, predictSignal } from '../src/core/signal';
import { signalLayersOf } from '../src/core/signal/fromGraph';
import { median, type Figure } from './report';

function sequential(depth: number, norm: boolean): string {
  const rows: string[] = [];
  for (let i = 0; i < depth; i++) {
    rows.push('    nn.Linear(512, 512),');
    if (i < depth - 1) rows.push(...(norm ? ['    nn.BatchNorm1d(512),'] : []), '    nn.Tanh(),');
  }
  return `import torch.nn as nn\n\nnet = nn.Sequential(\n${rows.join('\n')}\n)\n`;
}

function time(fn: () => unknown, runs: number): number {
  for (let i = 0; i < 5; i++) fn(); // warm-up: compiled activations and quadrature rules are cached after the first use
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    fn();
    times.push(performance.now() - t);
  }
  return median(times);
}

export function signalBench(): Figure[] {
  const withNorm = sequential(50, true);
  const plain = sequential(50, false);
  // The layers and the prediction are computed afresh on every run: predictModels caches per parse and memoises by
  // layer structure, so calling it again on the same parse would time a cache hit, not the prediction.
  const predict = (text: string) => {
    const parsed = parsePython(text);
    const graph = buildGraph(parsed);
    const units = parsed.units.map((u) => u.text);
    if (!predictModels(parsed, graph).length) throw new Error('the bench model was not found');
    return (): void => {
      const { layers } = signalLayersOf(graph.models[0], units);
      if (predictSignal(layers).verdict === 'unknown') throw new Error('the bench model was not predicted');
    };
  };
  const model = time(predict(withNorm), 41);
  const simple = time(predict(plain), 41);
  const scan = time(() => scanPython(withNorm), 41);
  console.log(`50 Linear + BatchNorm + tanh (149 leaf modules): ${model.toFixed(2)} ms; without BatchNorm ${simple.toFixed(2)} ms; scan alone ${scan.toFixed(2)} ms`);
  return [
    { name: 'signal.model_ms', value: model, unit: 'ms' },
    { name: 'signal.plain_ms', value: simple, unit: 'ms' },
    { name: 'signal.over_scan', value: model / scan, unit: 'x' },
  ];
}
