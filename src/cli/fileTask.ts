/**
 * One file's work for `check`: read, check, and with `--fix` or `--diff` fix it. Plain data in and out, so the same
 * function runs inline or in a worker thread. Writes are atomic (a temporary file renamed over the original) and
 * refused when the file changed while it was being fixed.
 */
import { readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createTwoFilesPatch } from 'diff';
import { fixAll, type FixUnit } from '../core/fixes/applyAll';
import { notebookSources, replaceCellSources } from '../core/fixes/notebookSource';
import { analyzeCells, analyzePython, type AnalysisOptions } from '../core/analysis';
import type { Finding, RuleCode } from '../core/rules';
import { diskModules } from './projectModules';
import { cellNumber, looksBinary, readNotebook } from '../core/scan';

export type TaskMode = 'check' | 'fix' | 'diff';

export interface FileTask {
  readonly absolute: string;
  readonly relative: string;
  readonly notebook: boolean;
  readonly options: AnalysisOptions;
  readonly mode: TaskMode;
  readonly unsafe: boolean;
  /** The text itself (`--stdin-filename`); nothing is read or written then. */
  readonly text?: string;
}

export interface FileResult {
  readonly relative: string;
  /** Undefined when the file could not be used (a line in `problems` says why). */
  readonly findings?: readonly Finding[];
  readonly fixed?: Readonly<Partial<Record<RuleCode, number>>>;
  /** `--diff`: the unified diff (empty when nothing would change). `--fix` on standard input: the fixed text. */
  readonly diff?: string;
  readonly fixedText?: string;
  readonly wrote?: boolean;
  /** Lines for stderr. */
  readonly problems: readonly string[];
  /** The file could not be read, or a fix could not be written: exit code 2. */
  readonly failed?: boolean;
}

const MAX_FIX_ROUNDS = 10;

function errno(error: unknown): string {
  return (error as NodeJS.ErrnoException).code ?? String(error);
}

function checkUnits(task: FileTask, units: readonly FixUnit[]): readonly Finding[] {
  const context = { file: task.absolute, modules: diskModules };
  if (!task.notebook) return analyzePython(units[0].text, task.options, context).findings;
  return analyzeCells(units.map((u) => ({ index: u.cell!, text: u.text })), task.options, context).findings;
}

/** Replaces `file` by `text` through a temporary file in the same folder; refuses when `file` no longer holds `was`. */
export function writeAtomically(file: string, was: string, text: string): string | undefined {
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${Math.random().toString(36).slice(2, 8)}.activation-lens.tmp`);
  try {
    writeFileSync(tmp, text, { mode: statSync(file).mode, flag: 'wx' });
  } catch (error) {
    return `cannot write (${errno(error)}); left unchanged`;
  }
  try {
    if (readFileSync(file, 'utf8') !== was) {
      unlinkSync(tmp);
      return 'changed while it was being fixed; left as it is now';
    }
    renameSync(tmp, file);
    return undefined;
  } catch (error) {
    try { unlinkSync(tmp); } catch { /* already gone */ }
    return `cannot write (${errno(error)}); left unchanged`;
  }
}

function patch(name: string, before: string, after: string): string {
  if (before === after) return '';
  return createTwoFilesPatch(`a/${name}`, `b/${name}`, before, after, undefined, undefined, { context: 3 }).replace(/^=+\n/, '').replace(/^Index: [^\n]*\n/, '');
}

export function runFileTask(task: FileTask): FileResult {
  const { relative } = task;
  let text = task.text;
  if (text === undefined) {
    try {
      text = readFileSync(task.absolute, 'utf8');
    } catch (error) {
      return { relative, problems: [`${relative}: cannot read (${errno(error)}); skipped`], failed: true };
    }
  }
  if (looksBinary(text)) return { relative, problems: [`${relative}: binary data, not Python; skipped`] };
  const problems: string[] = [];
  let units: FixUnit[];
  let sources: ReturnType<typeof notebookSources>;
  if (task.notebook) {
    if (task.mode !== 'check') sources = notebookSources(text);
    if (sources) units = sources.map((c) => ({ cell: c.index, text: c.text }));
    else {
      const read = readNotebook(text);
      if (read.problems.length) return { relative, problems: [`${relative}: ${read.problems.join('; ')}; skipped`] };
      if (task.mode !== 'check') problems.push(`${relative}: notebook JSON is not plain nbformat 4 (comments, trailing commas?); checked but not fixed`);
      return { relative, findings: analyzeCells(read.cells, task.options, { file: task.absolute, modules: diskModules }).findings, problems };
    }
  } else units = [{ text }];
  if (task.mode === 'check') return { relative, findings: checkUnits(task, units), problems };

  const result = fixAll(units, (u) => checkUnits(task, u), { unsafe: task.unsafe, maxRounds: MAX_FIX_ROUNDS });
  for (const r of result.refused) problems.push(`${relative}: fix for ${r} would not parse; not applied`);
  if (result.bounded) problems.push(`${relative}: fixes still found after ${MAX_FIX_ROUNDS} rounds; stopped`);
  const changed = new Map<number, string>();
  result.units.forEach((u, i) => { if (u.text !== units[i].text) changed.set(u.cell ?? -1, u.text); });
  const newText = !task.notebook ? result.units[0].text : replaceCellSources(text, sources!, changed);
  if (task.mode === 'diff') {
    const diff = task.notebook
      ? result.units.map((u, i) => patch(`${relative}:cell ${cellNumber(u.cell!)}`, units[i].text, u.text)).join('')
      : patch(relative, text, newText);
    return { relative, findings: result.remaining, fixed: result.fixed, diff, problems };
  }
  if (task.text !== undefined) return { relative, findings: result.remaining, fixed: result.fixed, fixedText: newText, problems };
  if (newText === text) return { relative, findings: result.remaining, fixed: result.fixed, problems };
  const trouble = writeAtomically(task.absolute, text, newText);
  if (trouble) {
    problems.push(`${relative}: ${trouble}`);
    return { relative, findings: checkUnits(task, units), problems, failed: true };
  }
  return { relative, findings: result.remaining, fixed: result.fixed, wrote: true, problems };
}
