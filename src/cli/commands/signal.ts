/** `activation-lens signal`: the predicted signal through each model, as text for people or JSON Lines for tools. */
import { buildGraph } from '../../core/model';
import { cellNumber, parseCells, parsePython } from '../../core/scan';
import { predictModels, short, type ModelSignal } from '../../core/signal';
import type { CliCommand } from '../io';
import { runOverFiles } from '../overFiles';

const USAGE = 'usage: activation-lens signal [--root DIR] [--format text|json] PATH...';

/** Layer kinds of the output (a residual addition is reported as `other`). */
type OutKind = 'linear' | 'conv' | 'activation' | 'norm' | 'dropout' | 'pool' | 'flatten' | 'other';

/** One JSON Lines record: one entry per graph layer in execution order; numbers are null past where the prediction stops. */
export function signalRecord(file: string, s: ModelSignal): Record<string, unknown> {
  const byGraph = new Map<number, number>();
  s.sources.forEach((g, i) => byGraph.set(g, i));
  const range = s.model.range;
  return {
    file,
    ...(range.cell === undefined ? {} : { cell: cellNumber(range.cell) }),
    line: range.line + 1,
    name: s.model.name ?? null,
    framework: s.model.framework,
    layers: s.model.layers.map((g, gi) => {
      const i = byGraph.get(gi);
      const layer = i === undefined ? undefined : s.layers[i];
      const predicted = i === undefined ? undefined : s.prediction.layers[i];
      const weight = layer && (layer.kind === 'linear' || layer.kind === 'conv') ? layer : undefined;
      return {
        line: g.range.line + 1,
        kind: g.kind as OutKind,
        name: g.written,
        fanIn: weight?.fanIn ?? null,
        fanOut: weight?.fanOut ?? null,
        init: weight?.initLabel ?? null,
        mean: predicted?.mean ?? null,
        std: predicted?.std ?? null,
        grad: predicted?.grad ?? null,
      };
    }),
    verdict: s.prediction.verdict,
    ...(s.prediction.stopped ? { reason: s.prediction.stopped.reason } : {}),
  };
}

/** The text report of one model: a summary line, then one line per layer. */
function textReport(file: string, s: ModelSignal): string {
  const r = s.model.range;
  const where = `${file}:${r.cell === undefined ? '' : `cell ${cellNumber(r.cell)}:`}${r.line + 1}`;
  const lines = [`${where}  ${s.model.name ?? '(unnamed)'} (${s.model.framework})  ${s.summary}`];
  s.layers.forEach((l, i) => {
    const p = s.prediction.layers[i];
    const fans = l.kind === 'linear' || l.kind === 'conv' ? `  ${l.fanIn ?? '?'} → ${l.fanOut ?? '?'}  ${l.initLabel}` : '';
    const numbers = p ? `  std ${short(p.std)}${p.grad === undefined ? '' : `  grad ${short(p.grad)}`}` : '';
    lines.push(`  ${String((l.line ?? 0) + 1).padStart(5)}  ${l.name}${fans}${numbers}`);
  });
  if (s.prediction.stopped) lines.push(`  stopped: ${s.prediction.stopped.reason}`);
  for (const n of s.prediction.notes) lines.push(`  note: ${n}`);
  return lines.join('\n');
}

export const signalCommand: CliCommand = (args, io) => runOverFiles('signal', USAGE, args, io, { python: (text) => parsePython(text), notebook: (cells) => parseCells(cells) }, (file, source, format) => {
  for (const s of predictModels(source, buildGraph(source))) {
    io.out(format === 'json' ? JSON.stringify(signalRecord(file.relative, s)) : textReport(file.relative, s));
  }
});
