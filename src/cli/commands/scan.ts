/** `activation-lens scan`: list every activation usage as text for people or JSON Lines for tools. */
import { diskModules } from '../projectModules';
import { cellNumber, scanCells, scanPython, type Usage } from '../../core/scan';
import type { CliCommand } from '../io';
import { runOverFiles } from '../overFiles';

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

export const scanCommand: CliCommand = (args, io) => runOverFiles('scan', USAGE, args, io, {
  python: (text, file) => scanPython(text, { file: file.absolute, modules: diskModules }).usages,
  notebook: (cells, file) => scanCells(cells, { file: file.absolute, modules: diskModules }).usages,
}, (file, usages, format) => {
  for (const u of usages) {
    if (format === 'json') io.out(JSON.stringify(usageRecord(file.relative, u)));
    else io.out(`${file.relative}:${u.cell === undefined ? '' : `cell ${cellNumber(u.cell)}:`}${u.line + 1}:${u.col + 1}  ${u.name}  ${u.framework}/${u.form}${u.valid === false ? '  (invalid string)' : ''}`);
  }
});
