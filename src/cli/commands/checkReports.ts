/**
 * `check --output-format github|gitlab|junit` and `--statistics`: the forms CI services read natively.
 * GitHub workflow commands (annotations), GitLab Code Quality (Code Climate JSON), JUnit XML.
 */
import { createHash } from 'node:crypto';
import { RULES, type Finding, type RuleCode, type Severity } from '../../core/rules';
import { cellNumber } from '../../core/scan';

export interface FileFindings {
  readonly file: string;
  readonly findings: readonly Finding[];
}

/** `cell N:` for notebooks, nothing for files. */
function cellPrefix(f: Finding): string {
  return f.cell === undefined ? '' : `cell ${cellNumber(f.cell)}: `;
}

// Workflow command values and properties escape %, CR and LF; properties also escape : and ,.
const escapeData = (s: string): string => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escapeProperty = (s: string): string => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

const GITHUB_LEVEL: Readonly<Record<Severity, string>> = { error: 'error', warning: 'warning', information: 'notice', hint: 'notice' };

/** One `::error file=...::message` line per finding; GitHub shows them on the pull request's changed lines. */
export function githubAnnotations(files: readonly FileFindings[]): string[] {
  return files.flatMap(({ file, findings }) => findings.map((f) => {
    // In notebooks the line is the cell's, so GitHub cannot place it in the JSON: the cell goes into the message.
    const where = f.cell === undefined
      ? `file=${escapeProperty(file)},line=${f.line + 1},col=${f.col + 1},endLine=${f.endLine + 1},endColumn=${f.endCol + 1}`
      : `file=${escapeProperty(file)}`;
    return `::${GITHUB_LEVEL[f.severity]} ${where},title=${escapeProperty(`activation-lens (${f.code})`)}::${escapeData(`${cellPrefix(f)}${f.code}: ${f.message}`)}`;
  }));
}

const GITLAB_SEVERITY: Readonly<Record<Severity, string>> = { error: 'major', warning: 'minor', information: 'info', hint: 'info' };

/** GitLab Code Quality report: a JSON array of Code Climate issues with stable fingerprints. */
export function gitlabReport(files: readonly FileFindings[]): string {
  const seen = new Map<string, number>();
  const issues = files.flatMap(({ file, findings }) => findings.map((f) => {
    const base = `${file}\u0000${f.cell ?? ''}\u0000${f.code}\u0000${f.message}`;
    const n = seen.get(base) ?? 0; // same finding twice in a file: still two distinct fingerprints
    seen.set(base, n + 1);
    return {
      description: `${cellPrefix(f)}${f.message}`,
      check_name: f.code,
      fingerprint: createHash('sha256').update(`${base}\u0000${n}`).digest('hex').slice(0, 32),
      severity: GITLAB_SEVERITY[f.severity],
      location: { path: file, lines: { begin: f.line + 1, end: f.endLine + 1 } },
    };
  }));
  return JSON.stringify(issues, null, 2);
}

/** XML text: markup characters escaped, control characters XML 1.0 cannot carry dropped. */
function xml(s: string): string {
  let out = '';
  for (const ch of s) {
    const c = ch.charCodeAt(0);
    if (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) continue;
    out += '&<>"\''.includes(ch) ? `&#${c};` : ch;
  }
  return out;
}

/** JUnit XML: one test suite per file, one failing test case per finding, one passing case for a clean file. */
export function junitReport(files: readonly FileFindings[]): string {
  const failures = files.reduce((n, f) => n + f.findings.length, 0);
  const tests = files.reduce((n, f) => n + Math.max(1, f.findings.length), 0);
  const out = ['<?xml version="1.0" encoding="UTF-8"?>', `<testsuites name="activation-lens" tests="${tests}" failures="${failures}" errors="0">`];
  for (const { file, findings } of files) {
    out.push(`  <testsuite name="${xml(file)}" tests="${Math.max(1, findings.length)}" failures="${findings.length}" errors="0">`);
    if (findings.length === 0) out.push(`    <testcase name="activation-lens" classname="${xml(file)}"/>`);
    for (const f of findings) {
      const where = `${f.cell === undefined ? '' : `cell ${cellNumber(f.cell)}:`}${f.line + 1}:${f.col + 1}`;
      out.push(`    <testcase name="${xml(`${f.code} at ${where}`)}" classname="${xml(file)}">`);
      out.push(`      <failure message="${xml(f.message)}" type="${f.severity}">${xml(`${file}:${where}: ${f.severity} ${f.code}: ${f.message}`)}</failure>`);
      out.push('    </testcase>');
    }
    out.push('  </testsuite>');
  }
  out.push('</testsuites>');
  return out.join('\n');
}

/** `--statistics`: how many findings per rule, most first, with `[*]` where `--fix` would fix them. */
export function statisticsLines(files: readonly FileFindings[], fixable: (f: Finding) => boolean): string[] {
  const counts = new Map<RuleCode, { n: number; fixable: number }>();
  for (const { findings } of files) for (const f of findings) {
    const c = counts.get(f.code) ?? { n: 0, fixable: 0 };
    c.n++;
    if (fixable(f)) c.fixable++;
    counts.set(f.code, c);
  }
  const rows = [...counts].sort((a, b) => b[1].n - a[1].n || a[0].localeCompare(b[0]));
  const width = Math.max(1, ...rows.map(([, c]) => String(c.n).length));
  return rows.map(([code, c]) => `${String(c.n).padStart(width)}\t${code}\t${c.fixable === c.n ? '[*] ' : c.fixable ? '[-] ' : ''}${RULES[code].title}`);
}
