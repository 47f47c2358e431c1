/** `activation-lens scan`: list every activation usage as text for people or JSON Lines for tools. */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { diskModules } from '../projectModules';
import { cellNumber, looksBinary, readNotebook, scanCells, scanPython, type Usage } from '../../core/scan';
import { collectFiles, readSource, type SourceFile } from '../files';
import { ExitCode, type CliCommand, type CliIo } from '../io';

const USAGE = 'usage: activation-lens scan [--root DIR] [--format text|json] PATH...';

/** One JSON Lines record, in the documented field order: positions 1-based lines, 0-based columns. */
function usageRecord(file: string, u: Usage): Record<string, unknown> {
  return {
    file,
    line: u.line + 1,
    col: u.col,
    ...(u.cell === undefined ? {} : { cell: cellNumber(u.cell) }),
    framework: u.framework,
    name: u.name,
    form: u.form,
    params: u.params,
    ...(u.form === 'string' || u.valid !== undefined ? { valid: u.valid ?? true } : {}),
    ...(u.raw === undefined ? {} : { raw: u.raw }),
  };
}

/** Usages of one file, or undefined (with a line on stderr) when it cannot be used. */
function scanFile(file: SourceFile, io: CliIo): readonly Usage[] | undefined {
  const text = readSource(file, io.err);
  if (text === undefined) return undefined;
  if (looksBinary(text)) {
    io.err(`${file.relative}: binary data, not Python; skipped`);
    return undefined;
  }
  const context = { file: file.absolute, modules: diskModules };
  if (!file.notebook) return scanPython(text, context).usages;
  const notebook = readNotebook(text);
  if (notebook.problems.length) {
    io.err(`${file.relative}: ${notebook.problems.join('; ')}; skipped`);
    return undefined;
  }
  return scanCells(notebook.cells, context).usages;
}

export const scanCommand: CliCommand = (args, io) => {
  let parsed;
  try {
    parsed = parseArgs({ args: [...args], allowPositionals: true, options: { root: { type: 'string' }, format: { type: 'string', default: 'text' } } });
  } catch (error) {
    io.err(`activation-lens scan: ${(error as Error).message}\n${USAGE}`);
    return ExitCode.Usage;
  }
  const format = parsed.values.format;
  if (format !== 'text' && format !== 'json') {
    io.err(`activation-lens scan: --format must be text or json, not '${format}'\n${USAGE}`);
    return ExitCode.Usage;
  }
  if (parsed.positionals.length === 0) {
    io.err(`activation-lens scan: no PATH given\n${USAGE}`);
    return ExitCode.Usage;
  }
  const root = path.resolve(io.cwd, parsed.values.root ?? '.');
  const files = collectFiles(parsed.positionals, root, io.cwd, io.err);
  let read = 0;
  for (const file of files) {
    const usages = scanFile(file, io);
    if (!usages) continue;
    read++;
    for (const u of usages) {
      if (format === 'json') io.out(JSON.stringify(usageRecord(file.relative, u)));
      else io.out(`${file.relative}:${u.cell === undefined ? '' : `cell ${cellNumber(u.cell)}:`}${u.line + 1}:${u.col + 1}  ${u.name}  ${u.framework}/${u.form}${u.valid === false ? '  (invalid string)' : ''}`);
    }
  }
  if (read === 0) {
    io.err('activation-lens scan: nothing could be read');
    return ExitCode.Findings;
  }
  return ExitCode.Ok;
};
