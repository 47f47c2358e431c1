/**
 * `activation-lens check`: run the rules over files and report findings as text for people, JSON Lines for tools,
 * or SARIF 2.1.0 for code-scanning services. Exit 1 on errors (or warnings with --strict), 0 otherwise, 2 on bad usage.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { checkCells, checkPython, type CheckOptions, type Finding } from '../../core/rules';
import { cellNumber, looksBinary, readNotebook } from '../../core/scan';
import { isDependencyFile, resolveVersions, type TargetVersions } from '../../core/versions';
import { collectFiles, readSource, type SourceFile } from '../files';
import { ExitCode, type CliCommand, type CliIo } from '../io';
import { sarifLog } from './checkSarif';

const USAGE = 'usage: activation-lens check [--root DIR] [--format text|json|sarif] [--strict] [--keras 2|3|auto] PATH...';

/** Findings of one file, or undefined (with a line on stderr) when it cannot be read. */
export function checkFile(file: SourceFile, io: CliIo, options: CheckOptions): readonly Finding[] | undefined {
  const text = readSource(file, io.err);
  if (text === undefined) return undefined;
  if (looksBinary(text)) {
    io.err(`${file.relative}: binary data, not Python; skipped`);
    return undefined;
  }
  if (!file.notebook) return checkPython(text, options).findings;
  const notebook = readNotebook(text);
  if (notebook.problems.length) {
    io.err(`${file.relative}: ${notebook.problems.join('; ')}; skipped`);
    return undefined;
  }
  return checkCells(notebook.cells, options).findings;
}

/** Dependency files at the root (and in a `requirements/` folder), as the editor reads them for `auto`. */
export function rootVersions(root: string, keras: string | undefined): TargetVersions {
  const files: { name: string; text: string }[] = [];
  for (const dir of [root, path.join(root, 'requirements')]) {
    let names: string[] = [];
    try { names = readdirSync(dir); } catch { continue; }
    for (const name of names.sort()) {
      const full = path.join(dir, name);
      if (!isDependencyFile(full) && !(dir !== root && name.endsWith('.txt'))) continue;
      try { files.push({ name, text: readFileSync(full, 'utf8') }); } catch { /* unreadable: ignore */ }
    }
  }
  return resolveVersions(files, { keras });
}

/** One JSON Lines record in the documented field order: 1-based lines, 0-based columns (edits too). */
export function findingRecord(file: string, f: Finding): Record<string, unknown> {
  return {
    file, line: f.line + 1, col: f.col, endLine: f.endLine + 1, endCol: f.endCol, ...(f.cell === undefined ? {} : { cell: cellNumber(f.cell) }),
    code: f.code, severity: f.severity, message: f.message,
    fixes: f.fixes.map((x) => ({
      title: x.title, ...(x.preferred ? { preferred: true } : {}),
      edits: x.edits.map((e) => ({ ...(e.cell === undefined ? {} : { cell: cellNumber(e.cell) }), line: e.line + 1, col: e.col, endLine: e.endLine + 1, endCol: e.endCol, newText: e.newText })),
    })),
  };
}

function textLine(file: string, f: Finding): string {
  const where = `${file}:${f.cell === undefined ? '' : `cell ${cellNumber(f.cell)}:`}${f.line + 1}:${f.col + 1}`;
  return `${where}: ${f.severity} ${f.code}: ${f.message}`;
}

export const checkCommand: CliCommand = (args, io) => {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...args], allowPositionals: true,
      options: { root: { type: 'string' }, format: { type: 'string', default: 'text' }, strict: { type: 'boolean', default: false }, keras: { type: 'string' } },
    });
  } catch (error) {
    io.err(`activation-lens check: ${(error as Error).message}\n${USAGE}`);
    return ExitCode.Usage;
  }
  const { format, strict, keras } = parsed.values;
  if (format !== 'text' && format !== 'json' && format !== 'sarif') {
    io.err(`activation-lens check: --format must be text, json or sarif, not '${format}'\n${USAGE}`);
    return ExitCode.Usage;
  }
  if (keras !== undefined && !/^(?:auto|[23](?:\.\d+)?)$/.test(keras)) {
    io.err(`activation-lens check: --keras must be 2, 3, a version such as 3.7, or auto, not '${keras}'\n${USAGE}`);
    return ExitCode.Usage;
  }
  if (parsed.positionals.length === 0) {
    io.err(`activation-lens check: no PATH given\n${USAGE}`);
    return ExitCode.Usage;
  }
  const root = path.resolve(io.cwd, parsed.values.root ?? '.');
  const versions = rootVersions(root, keras);
  const files = collectFiles(parsed.positionals, root, io.cwd, io.err);
  const results: { file: SourceFile; findings: readonly Finding[] }[] = [];
  for (const file of files) {
    const findings = checkFile(file, io, { versions });
    if (findings) results.push({ file, findings });
  }
  if (results.length === 0) {
    io.err('activation-lens check: nothing could be read');
    return ExitCode.Usage;
  }
  const all = results.flatMap((r) => r.findings);
  if (format === 'json') {
    for (const r of results) for (const f of r.findings) io.out(JSON.stringify(findingRecord(r.file.relative, f)));
  } else if (format === 'sarif') {
    io.out(JSON.stringify(sarifLog(results.map((r) => ({ file: r.file.relative, findings: r.findings })), typeof VERSION === 'string' ? VERSION : '0.0.0', versions), null, 2));
  } else {
    for (const r of results) for (const f of r.findings) io.out(textLine(r.file.relative, f));
    const count = (s: string): number => all.filter((f) => f.severity === s).length;
    io.out(`${count('error')} error(s), ${count('warning')} warning(s), ${count('information') + count('hint')} note(s) in ${results.length} file(s); ${versions.kerasMajor === 2 ? 'tf.keras' : 'Keras'} ${versions.keras} assumed (${versions.kerasReason})`);
  }
  const failing = all.some((f) => f.severity === 'error' || (strict && f.severity === 'warning'));
  return failing ? ExitCode.Findings : ExitCode.Ok;
};

declare const VERSION: string;
