/**
 * What the read-only commands over files share (`scan`, `signal`): `[--root DIR] [--format text|json] PATH...`,
 * each file read as Python or as a notebook's cells, one line on stderr for each file that cannot be read, and exit
 * 1 when none could be.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { looksBinary, readNotebook } from '../core/scan';
import { collectFiles, readSource, type SourceFile } from './files';
import { ExitCode, type CliIo } from './io';

type Cells = ReturnType<typeof readNotebook>['cells'];

/** Turns one readable file into what the command reports on: from its Python text, or from its notebook's cells. */
export interface FileReader<T> {
  readonly python: (text: string, file: SourceFile) => T;
  readonly notebook: (cells: Cells, file: SourceFile) => T;
}

/** `reader`'s value for one file, or undefined (with a line on stderr) when the file cannot be used. */
function readFile<T>(file: SourceFile, io: CliIo, reader: FileReader<T>): T | undefined {
  const text = readSource(file, io.err);
  if (text === undefined) return undefined;
  if (looksBinary(text)) {
    io.err(`${file.relative}: binary data, not Python; skipped`);
    return undefined;
  }
  if (!file.notebook) return reader.python(text, file);
  const notebook = readNotebook(text);
  if (notebook.problems.length) {
    io.err(`${file.relative}: ${notebook.problems.join('; ')}; skipped`);
    return undefined;
  }
  return reader.notebook(notebook.cells, file);
}

/** Runs command `name` (`usage` is its usage line): `report` gets each readable file's value in the chosen format. */
export function runOverFiles<T>(name: string, usage: string, args: readonly string[], io: CliIo, reader: FileReader<T>, report: (file: SourceFile, value: T, format: 'text' | 'json') => void): ExitCode {
  let parsed;
  try {
    parsed = parseArgs({ args: [...args], allowPositionals: true, options: { root: { type: 'string' }, format: { type: 'string', default: 'text' } } });
  } catch (error) {
    io.err(`activation-lens ${name}: ${(error as Error).message}\n${usage}`);
    return ExitCode.Usage;
  }
  const format = parsed.values.format;
  if (format !== 'text' && format !== 'json') {
    io.err(`activation-lens ${name}: --format must be text or json, not '${format}'\n${usage}`);
    return ExitCode.Usage;
  }
  if (parsed.positionals.length === 0) {
    io.err(`activation-lens ${name}: no PATH given\n${usage}`);
    return ExitCode.Usage;
  }
  const root = path.resolve(io.cwd, parsed.values.root ?? '.');
  let read = 0;
  for (const file of collectFiles(parsed.positionals, root, io.cwd, io.err)) {
    const value = readFile(file, io, reader);
    if (value === undefined) continue;
    read++;
    report(file, value, format);
  }
  if (read === 0) {
    io.err(`activation-lens ${name}: nothing could be read`);
    return ExitCode.Findings;
  }
  return ExitCode.Ok;
}
