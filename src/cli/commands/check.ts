/**
 * `activation-lens check`: run the rules over files (or standard input) with the project's configuration, report
 * findings as text, JSON Lines, SARIF, GitHub annotations, GitLab Code Quality or JUnit XML, and with --fix or
 * --diff apply (or show) the preferred fixes. Exit 1 on errors (or warnings with --strict), 0 otherwise, 2 on bad
 * usage, configuration errors or files that could not be written, 130 when --fix is interrupted.
 */
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { distance } from 'fastest-levenshtein';
import { isSafeFix } from '../../core/fixes/safety';
import { isRuleCode, RULE_CODES, type Finding, type RuleCode } from '../../core/rules';
import { cellNumber } from '../../core/scan';
import { assumedKeras } from '../../core/versions/types';
import { excludedBy, enterFolder, gitignored, gitignoresAbove, type GitIgnores } from '../exclude';
import { collectFiles, type SourceFile, type WalkFilter } from '../files';
import type { FileResult, FileTask, TaskMode } from '../fileTask';
import { ExitCode, type CliCommand, type CliIo } from '../io';
import { runTasks } from '../pool';
import { ProjectSettings, type SettingFlags } from '../settings';
import { sarifLog } from './checkSarif';
import { githubAnnotations, gitlabReport, junitReport, statisticsLines, type FileFindings } from './checkReports';

const USAGE = `usage: activation-lens check [options] PATH...
  --output-format text|json|sarif|github|gitlab|junit   (alias --format; default text)
  --select CODES, --extend-select CODES, --ignore CODES  comma-separated rule codes, or ALL
  --fix, --unsafe-fixes, --diff      apply (or show as a diff) the preferred fixes
  --stdin-filename NAME              check standard input as the file NAME
  --statistics, --quiet, --exit-zero, --strict, --show-settings
  --keras 2|3|auto, --torch VERSION, --root DIR, --jobs N, --force-exclude`;

const FORMATS = ['text', 'json', 'sarif', 'github', 'gitlab', 'junit'] as const;
type Format = (typeof FORMATS)[number];

/** One JSON Lines record in the documented field order: 1-based lines, 0-based columns (edits too). */
export function findingRecord(file: string, f: Finding): Record<string, unknown> {
  return {
    file, line: f.line + 1, col: f.col, endLine: f.endLine + 1, endCol: f.endCol, ...(f.cell === undefined ? {} : { cell: cellNumber(f.cell) }),
    code: f.code, severity: f.severity, message: f.message,
    fixes: f.fixes.map((x) => ({
      title: x.title, ...(x.preferred ? { preferred: true } : {}),
      edits: x.edits.map((e) => ({ ...(e.cell === undefined ? {} : { cell: cellNumber(e.cell) }), line: e.line + 1, col: e.col, endLine: e.endLine + 1, endCol: e.endCol, newText: e.newText })),
    })),
    ...(f.related?.length ? { related: f.related.map((r) => ({ line: r.line + 1, col: r.col, ...(r.cell === undefined ? {} : { cell: cellNumber(r.cell) }), message: r.message })) } : {}),
  };
}

function textLine(file: string, f: Finding): string {
  const where = `${file}:${f.cell === undefined ? '' : `cell ${cellNumber(f.cell)}:`}${f.line + 1}:${f.col + 1}`;
  return `${where}: ${f.severity} ${f.code}: ${f.message}`;
}

/** `--select a,b --select c` into codes; an unknown code is a usage error naming the closest one. */
function codesOf(flag: string, values: readonly string[] | undefined): RuleCode[] | string | undefined {
  if (!values) return undefined;
  const out: RuleCode[] = [];
  for (const v of values.flatMap((x) => x.split(',')).map((x) => x.trim()).filter(Boolean)) {
    if (v === 'ALL') out.push(...RULE_CODES);
    else if (isRuleCode(v)) out.push(v);
    else {
      const near = RULE_CODES.reduce((best, c) => (distance(v, c) < distance(v, best) ? c : best), RULE_CODES[0]);
      return `${flag}: unknown rule '${v}'${distance(v, near) <= 3 ? ` (did you mean '${near}'?)` : ''}`;
    }
  }
  return out;
}

function walkFilter(settings: ProjectSettings, force: boolean): WalkFilter<GitIgnores | undefined> {
  const respects = (dir: string): boolean => settings.configFor(dir)?.respectGitignore ?? true;
  return {
    start: (dir) => (respects(dir) ? gitignoresAbove(dir) : undefined),
    enter: (state, dir) => (state && respects(dir) ? enterFolder(state, dir) : state),
    skip: (state, absolute, isDir) => excludedBy(settings.configFor(path.dirname(absolute)), absolute) || Boolean(state && gitignored(state, absolute, isDir)),
    skipExplicit: force ? (absolute) => {
      // Every folder on the way counts, as if the walk had reached the file.
      const config = settings.configFor(path.dirname(absolute));
      for (let p = absolute; p !== path.dirname(p) && (!config || p.startsWith(config.dir)); p = path.dirname(p)) if (excludedBy(config, p)) return true;
      return false;
    } : undefined,
  };
}

function showSettings(io: CliIo, settings: ProjectSettings, target: string, options: ReturnType<ProjectSettings['optionsFor']>): void {
  const config = settings.configFor(path.dirname(target));
  const levels = options.rules ?? {};
  io.out(`file: ${settings.shown(target)}`);
  io.out(`configuration: ${config ? settings.shown(config.file) : '(none found; defaults)'}`);
  io.out(`keras: ${assumedKeras(options.versions)}`);
  io.out(`torch: ${options.versions.torch ? `${options.versions.torch} (${options.versions.torchReason})` : 'not pinned'}`);
  io.out(`respect-gitignore: ${config?.respectGitignore ?? true}`);
  io.out(`exclude: ${(config?.exclude ?? ['(defaults)']).join(', ')}${config?.extendExclude?.length ? `; extend-exclude: ${config.extendExclude.join(', ')}` : ''}`);
  io.out('rules:');
  for (const code of RULE_CODES) io.out(`  ${code} = ${levels[code] ?? 'default'}`);
}

export const checkCommand: CliCommand = async (args, io) => {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...args], allowPositionals: true,
      options: {
        root: { type: 'string' }, format: { type: 'string' }, 'output-format': { type: 'string' }, strict: { type: 'boolean', default: false },
        keras: { type: 'string' }, torch: { type: 'string' }, select: { type: 'string', multiple: true }, ignore: { type: 'string', multiple: true },
        'extend-select': { type: 'string', multiple: true }, fix: { type: 'boolean', default: false }, diff: { type: 'boolean', default: false },
        'unsafe-fixes': { type: 'boolean', default: false }, 'stdin-filename': { type: 'string' }, statistics: { type: 'boolean', default: false },
        'exit-zero': { type: 'boolean', default: false }, 'show-settings': { type: 'boolean', default: false }, quiet: { type: 'boolean', short: 'q', default: false },
        jobs: { type: 'string' }, 'force-exclude': { type: 'boolean', default: false },
      },
    });
  } catch (error) {
    io.err(`activation-lens check: ${(error as Error).message}\n${USAGE}`);
    return ExitCode.Usage;
  }
  const v = parsed.values;
  const usage = (message: string): number => { io.err(`activation-lens check: ${message}\n${USAGE}`); return ExitCode.Usage; };
  const format = (v['output-format'] ?? v.format ?? 'text') as Format;
  if (!FORMATS.includes(format)) return usage(`--output-format must be ${FORMATS.join(', ')}, not '${format}'`);
  if (v.keras !== undefined && !/^(?:auto|[23](?:\.\d+)?)$/.test(v.keras)) return usage(`--keras must be 2, 3, a version such as 3.7, or auto, not '${v.keras}'`);
  if (v.torch !== undefined && !/^(?:auto|\d+(?:\.\d+)*)$/.test(v.torch)) return usage(`--torch must be auto or a version such as 2.3, not '${v.torch}'`);
  const select = codesOf('--select', v.select);
  const ignore = codesOf('--ignore', v.ignore);
  const extendSelect = codesOf('--extend-select', v['extend-select']);
  for (const c of [select, ignore, extendSelect]) if (typeof c === 'string') return usage(c);
  if (v.fix && v.diff) return usage('--fix and --diff cannot be used together (--diff shows what --fix would write)');
  const jobs = v.jobs === undefined ? Math.min(availableParallelism(), 8) : Number(v.jobs);
  if (!Number.isInteger(jobs) || jobs < 1 || jobs > 64) return usage(`--jobs must be a whole number from 1 to 64, not '${v.jobs}'`);
  const stdinName = v['stdin-filename'];
  if (stdinName === undefined && parsed.positionals.length === 0) return usage('no PATH given');
  if (stdinName !== undefined && !io.readStdin) return usage('--stdin-filename needs standard input');

  const flags: SettingFlags = { select: select as RuleCode[] | undefined, ignore: ignore as RuleCode[] | undefined, extendSelect: extendSelect as RuleCode[] | undefined, keras: v.keras, torch: v.torch };
  const root = path.resolve(io.cwd, v.root ?? '.');
  const settings = new ProjectSettings(root, flags, io.err);
  const mode: TaskMode = v.fix ? 'fix' : v.diff ? 'diff' : 'check';

  let files: SourceFile[];
  let stdinText: string | undefined;
  if (stdinName !== undefined) {
    const absolute = path.resolve(io.cwd, stdinName);
    files = [{ absolute, relative: settings.shown(absolute), notebook: absolute.endsWith('.ipynb') }];
    try {
      stdinText = await io.readStdin!();
    } catch (error) {
      io.err(`activation-lens check: cannot read standard input (${(error as Error).message})`);
      return ExitCode.Usage;
    }
  } else files = collectFiles(parsed.positionals, root, io.cwd, io.err, walkFilter(settings, v['force-exclude']) as WalkFilter);
  const rootOptions = settings.optionsFor(root);
  const tasks: FileTask[] = files.map((f) => ({ ...f, options: settings.optionsFor(path.dirname(f.absolute)), mode, unsafe: v['unsafe-fixes'], ...(stdinText === undefined ? {} : { text: stdinText }) }));
  if (settings.configErrors) {
    io.err('activation-lens check: the configuration has errors (above); nothing checked');
    return ExitCode.Usage;
  }
  if (v['show-settings']) {
    const target = files[0]?.absolute ?? path.resolve(io.cwd, parsed.positionals[0]);
    showSettings(io, settings, target, tasks[0]?.options as ReturnType<ProjectSettings['optionsFor']> ?? settings.optionsFor(path.dirname(target)));
    return ExitCode.Ok;
  }

  let interrupted = false;
  const release = mode === 'fix' && stdinText === undefined ? io.onInterrupt?.(() => { interrupted = true; }) : undefined;
  const results: (FileResult | undefined)[] = new Array(tasks.length);
  try {
    await runTasks(tasks, { jobs, workerScript: io.workerScript, stopped: () => interrupted }, (r, i) => { results[i] = r; });
  } finally {
    release?.();
  }
  const done = results.filter((r): r is FileResult => r !== undefined);
  for (const r of done) for (const p of r.problems) io.err(p);
  const read = done.filter((r) => r.findings !== undefined) as (FileResult & { findings: readonly Finding[] })[];
  const fixedTotal = (r: FileResult): number => Object.values(r.fixed ?? {}).reduce((a, b) => a + (b ?? 0), 0);
  if (interrupted) {
    io.err(`activation-lens check: interrupted; ${done.filter((r) => r.wrote).length} file(s) fixed, ${tasks.length - done.length} not touched, none half-written`);
    return ExitCode.Interrupted;
  }
  if (read.length === 0) {
    io.err('activation-lens check: nothing could be read');
    return ExitCode.Usage;
  }

  const byFile: FileFindings[] = read.map((r) => ({ file: r.relative, findings: r.findings }));
  const all = read.flatMap((r) => r.findings);
  const fixable = (f: Finding): boolean => (v['unsafe-fixes'] || isSafeFix(f.code)) && f.fixes.some((x) => x.preferred);
  // With --fix on standard input the fixed text is the output; findings and summary go to stderr, as ruff does.
  const report = stdinText !== undefined && mode === 'fix' ? io.err : io.out;
  if (stdinText !== undefined && mode === 'fix') io.out(read[0]?.fixedText ?? stdinText);
  if (mode === 'diff') for (const r of read) if (r.diff) io.out(r.diff);

  if (v.statistics) {
    if (format === 'json') report(JSON.stringify(statisticsLines(byFile, fixable).map((l) => { const [count, code] = l.split('\t'); return { code, count: Number(count.trim()) }; })));
    else for (const line of statisticsLines(byFile, fixable)) report(line);
  } else if (mode !== 'diff') {
    if (format === 'json') for (const r of byFile) for (const f of r.findings) report(JSON.stringify(findingRecord(r.file, f)));
    else if (format === 'sarif') report(JSON.stringify(sarifLog(byFile, typeof VERSION === 'string' ? VERSION : '0.0.0', rootOptions.versions), null, 2));
    else if (format === 'github') for (const line of githubAnnotations(byFile)) report(line);
    else if (format === 'gitlab') report(gitlabReport(byFile));
    else if (format === 'junit') report(junitReport(byFile));
    else for (const r of byFile) for (const f of r.findings) report(textLine(r.file, f));
  }
  const fixedCount = read.reduce((n, r) => n + fixedTotal(r), 0);
  if (!v.quiet && format === 'text') {
    const count = (s: string): number => all.filter((f) => f.severity === s).length;
    const fixNote = mode === 'fix' ? `fixed ${fixedCount} in ${read.filter((r) => r.wrote || (r.fixedText !== undefined && fixedTotal(r) > 0)).length} file(s); remaining: `
      : mode === 'diff' ? `would fix ${fixedCount} in ${read.filter((r) => r.diff).length} file(s); ` : '';
    const fixHint = mode === 'check' && !v.statistics && all.some(fixable) ? `; ${all.filter(fixable).length} fixable with --fix` : '';
    const versions = rootOptions.versions;
    (mode === 'diff' ? io.err : report)(`${fixNote}${count('error')} error(s), ${count('warning')} warning(s), ${count('information') + count('hint')} note(s) in ${read.length} file(s); ${versions.kerasMajor === 2 ? 'tf.keras' : 'Keras'} ${versions.keras} assumed (${versions.kerasReason})${fixHint}`);
  }
  if (done.some((r) => r.failed && r.findings !== undefined)) return ExitCode.Usage; // a fix could not be written
  if (mode === 'diff') return v['exit-zero'] || !read.some((r) => r.diff) ? ExitCode.Ok : ExitCode.Findings;
  if (v['exit-zero']) return ExitCode.Ok;
  const failing = all.some((f) => f.severity === 'error' || (v.strict && f.severity === 'warning'));
  return failing ? ExitCode.Findings : ExitCode.Ok;
};

declare const VERSION: string;
