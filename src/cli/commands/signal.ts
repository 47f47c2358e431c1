/** `activation-lens signal`: the predicted signal through each model, as text for people or JSON Lines for tools. */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { buildGraph } from '../../core/model';
import { cellNumber, looksBinary, parseCells, parsePython, readNotebook, type ParsedSource } from '../../core/scan';
import { predictModels, short, type ModelSignal } from '../../core/signal';
import { collectFiles, readSource, type SourceFile } from '../files';
import { ExitCode, type CliCommand, type CliIo } from '../io';

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

/** Parsed source of one file, or undefined (with a line on stderr) when it cannot be used. */
function parseFile(file: SourceFile, io: CliIo): ParsedSource | undefined {
  const text = readSource(file, io.err);
  if (text === undefined) return undefined;
  if (looksBinary(text)) {
    io.err(`${file.relative}: binary data, not Python; skipped`);
    return undefined;
  }
  if (!file.notebook) return parsePython(text);
  const notebook = readNotebook(text);
  if (notebook.problems.length) {
    io.err(`${file.relative}: ${notebook.problems.join('; ')}; skipped`);
    return undefined;
  }
  return parseCells(notebook.cells);
}

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

export const signalCommand: CliCommand = (args, io) => {
  let parsed;
  try {
    parsed = parseArgs({ args: [...args], allowPositionals: true, options: { root: { type: 'string' }, format: { type: 'string', default: 'text' } } });
  } catch (error) {
    io.err(`activation-lens signal: ${(error as Error).message}\n${USAGE}`);
    return ExitCode.Usage;
  }
  const format = parsed.values.format;
  if (format !== 'text' && format !== 'json') {
    io.err(`activation-lens signal: --format must be text or json, not '${format}'\n${USAGE}`);
    return ExitCode.Usage;
  }
  if (parsed.positionals.length === 0) {
    io.err(`activation-lens signal: no PATH given\n${USAGE}`);
    return ExitCode.Usage;
  }
  const root = path.resolve(io.cwd, parsed.values.root ?? '.');
  let read = 0;
  for (const file of collectFiles(parsed.positionals, root, io.cwd, io.err)) {
    const source = parseFile(file, io);
    if (!source) continue;
    read++;
    for (const s of predictModels(source, buildGraph(source))) {
      io.out(format === 'json' ? JSON.stringify(signalRecord(file.relative, s)) : textReport(file.relative, s));
    }
  }
  if (read === 0) {
    io.err('activation-lens signal: nothing could be read');
    return ExitCode.Findings;
  }
  return ExitCode.Ok;
};
