/**
 * Reads `[tool.activation-lens]` from pyproject.toml, or the top level of activation-lens.toml / .activation-lens.toml,
 * with smol-toml. Never throws: syntax errors, wrong types and unknown rule codes come back as problems naming the
 * file, the line and the key; unknown keys are warnings.
 */
import { distance } from 'fastest-levenshtein';
import { parse, TomlError } from 'smol-toml';
import { isRuleCode, RULE_CODES, type RuleCode } from '../rules/codes';
import type { ConfigProblem, ConfigRead, LensConfig, RuleLevel } from './types';

/** Largest configuration read (a pyproject.toml is a few KB; this bounds the parser's work on user text). */
export const MAX_CONFIG_BYTES = 1024 * 1024;

const LEVELS: readonly string[] = ['error', 'warning', 'information', 'hint', 'off', 'default'];
const KEYS = ['select', 'ignore', 'extend-select', 'severity', 'keras-version', 'torch-version', 'exclude', 'extend-exclude', 'respect-gitignore'] as const;

/** Whether the file is a pyproject.toml (our table is then `[tool.activation-lens]`, and optional). */
export function isPyproject(fileName: string): boolean {
  return /(?:^|[\\/])pyproject\.toml$/.test(fileName);
}

function dirOf(file: string): string {
  const cut = Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\'));
  return cut < 0 ? '.' : cut === 0 ? file.slice(0, 1) : file.slice(0, cut);
}

/** 1-based line of `key` inside `table` (dotted path, e.g. `tool.activation-lens`), or of the table header. */
function lineOf(text: string, table: string, key?: string): number {
  return findLine(text, table, key) ?? findLine(text, table) ?? 1;
}

function findLine(text: string, table: string, key?: string): number | undefined {
  const lines = text.split(/\r\n|\r|\n/);
  const norm = (s: string): string => s.replace(/["'\s]/g, '');
  let current = '';
  let header: number | undefined;
  for (let i = 0; i < lines.length; i++) {
    const t = lines[i].trim();
    const h = /^\[\[?([^\]]+)\]\]?/.exec(t);
    if (h) {
      current = norm(h[1]);
      if (current === table && header === undefined) header = i + 1;
      continue;
    }
    if (!key) continue;
    const k = /^("[^"]*"|'[^']*'|[A-Za-z0-9_.-]+)\s*=/.exec(t);
    if (!k) continue;
    const full = norm(current ? `${current}.${k[1]}` : k[1]);
    if (full === `${table}.${key}`.replace(/^\./, '') || full.startsWith(`${table}.${key}.`.replace(/^\./, ''))) return i + 1;
  }
  return key ? undefined : header ?? (table ? undefined : 1);
}

function suggest(word: string, options: readonly string[]): string {
  let best = '';
  let bestDistance = 3;
  for (const o of options) {
    const d = distance(word, o);
    if (d < bestDistance) { best = o; bestDistance = d; }
  }
  return best ? ` (did you mean '${best}'?)` : '';
}

/** Parses one configuration file's text. `file` is used in messages and to anchor relative globs. */
export function parseConfig(text: string, file: string): ConfigRead {
  const problems: ConfigProblem[] = [];
  if (text.length > MAX_CONFIG_BYTES) return { problems: [{ file, line: 1, severity: 'error', message: `larger than ${MAX_CONFIG_BYTES} bytes; not read` }] };
  let data: Record<string, unknown>;
  try {
    data = parse(text.replace(/^\uFEFF/, '')) as Record<string, unknown>;
  } catch (error) {
    const line = error instanceof TomlError ? error.line : 1;
    const first = (error instanceof Error ? error.message : String(error)).split('\n')[0].replace(/^Invalid TOML document: /, '');
    return { problems: [{ file, line, severity: 'error', message: `not valid TOML: ${first}` }] };
  }
  const pyproject = isPyproject(file);
  const table = pyproject ? 'tool.activation-lens' : '';
  let section: unknown = data;
  if (pyproject) {
    const tool = data.tool;
    section = tool && typeof tool === 'object' ? (tool as Record<string, unknown>)['activation-lens'] : undefined;
    if (section === undefined) return { problems };
  }
  const where = table ? `[${table}]` : 'the file';
  if (!section || typeof section !== 'object' || Array.isArray(section)) {
    return { problems: [{ file, line: lineOf(text, table), severity: 'error', message: `${where} must be a table` }] };
  }
  const problem = (key: string, message: string, severity: 'error' | 'warning' = 'error', sub?: string): void => {
    const line = sub ? findLine(text, `${table}.${key}`.replace(/^\./, ''), sub) ?? lineOf(text, table, key) : lineOf(text, table, key);
    problems.push({ file, line, key: sub ? `${key}.${sub}` : key, severity, message });
  };
  const raw = section as Record<string, unknown>;
  const out: { -readonly [K in keyof LensConfig]: LensConfig[K] } = { file, dir: dirOf(file) };

  const codes = (key: string): RuleCode[] | undefined => {
    const value = raw[key];
    if (value === undefined) return undefined;
    if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) {
      problem(key, `'${key}' must be a list of rule codes, e.g. ${key} = ["softmax-without-dim"]`);
      return undefined;
    }
    const list: RuleCode[] = [];
    for (const v of value as string[]) {
      if (v === 'ALL') list.push(...RULE_CODES);
      else if (isRuleCode(v)) list.push(v);
      else problem(key, `'${key}' names an unknown rule '${v}'${suggest(v, RULE_CODES)}`);
    }
    return list;
  };
  const globs = (key: string): string[] | undefined => {
    const value = raw[key];
    if (value === undefined) return undefined;
    if (!Array.isArray(value) || value.some((v) => typeof v !== 'string' || v.length === 0 || v.length > 1000)) {
      problem(key, `'${key}' must be a list of glob patterns, e.g. ${key} = ["generated/**"]`);
      return undefined;
    }
    return value as string[];
  };
  const version = (key: string, pattern: RegExp, example: string): string | undefined => {
    const value = raw[key];
    if (value === undefined) return undefined;
    const s = typeof value === 'number' ? String(value) : value;
    if (typeof s !== 'string' || !pattern.test(s)) {
      problem(key, `'${key}' must be ${example}, not ${JSON.stringify(value)}`);
      return undefined;
    }
    return s;
  };

  out.select = codes('select');
  out.ignore = codes('ignore');
  out.extendSelect = codes('extend-select');
  out.exclude = globs('exclude');
  out.extendExclude = globs('extend-exclude');
  out.kerasVersion = version('keras-version', /^(?:auto|[23](?:\.\d+)?)$/, '"auto", "2", "3" or a version such as "3.7"');
  out.torchVersion = version('torch-version', /^(?:auto|\d+(?:\.\d+)*)$/, '"auto" or a version such as "2.3"');
  if (raw['respect-gitignore'] !== undefined) {
    if (typeof raw['respect-gitignore'] === 'boolean') out.respectGitignore = raw['respect-gitignore'];
    else problem('respect-gitignore', "'respect-gitignore' must be true or false");
  }
  const severity = raw.severity;
  if (severity !== undefined) {
    if (!severity || typeof severity !== 'object' || Array.isArray(severity)) problem('severity', `'severity' must be a table of rule = level, e.g. severity = { saturating-stack = "off" }`);
    else {
      const levels: Partial<Record<RuleCode, RuleLevel>> = {};
      for (const [code, level] of Object.entries(severity as Record<string, unknown>)) {
        if (!isRuleCode(code)) problem('severity', `'severity' names an unknown rule '${code}'${suggest(code, RULE_CODES)}`, 'error', code);
        else if (typeof level !== 'string' || !LEVELS.includes(level)) problem('severity', `severity of '${code}' must be one of ${LEVELS.join(', ')}, not ${JSON.stringify(level)}`, 'error', code);
        else if (level !== 'default') levels[code] = level as RuleLevel;
      }
      out.severity = levels;
    }
  }
  for (const key of Object.keys(raw)) {
    if (!(KEYS as readonly string[]).includes(key)) problem(key, `unknown key '${key}' in ${where}${suggest(key, KEYS)}; ignored`, 'warning');
  }
  for (const key of Object.keys(out) as (keyof LensConfig)[]) if (out[key] === undefined) delete out[key];
  if (problems.some((p) => p.severity === 'error')) return { problems };
  return { config: out, problems };
}
