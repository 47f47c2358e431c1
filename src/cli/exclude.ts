/**
 * What the folder walk leaves out: a configuration's `exclude` (which replaces the default list) and
 * `extend-exclude` globs, and `.gitignore` files (from the repository root down) unless `respect-gitignore = false`.
 * Globs without `/` match any file or folder name; globs with `/` match the path from the configuration's folder.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import ignore, { type Ignore } from 'ignore';
import picomatch from 'picomatch';
import type { LensConfig } from '../core/config';
import { DEFAULT_EXCLUDES } from './settings';

type Matcher = (absolute: string) => boolean;

const matchers = new Map<string, Matcher>();

/** Whether `absolute` is excluded by the configuration that governs it (or the defaults when none does). */
export function excludedBy(config: LensConfig | undefined, absolute: string): boolean {
  const key = config?.file ?? '';
  let match = matchers.get(key);
  if (!match) {
    const base = config?.dir ?? '';
    const patterns = [...(config?.exclude ?? DEFAULT_EXCLUDES), ...(config?.extendExclude ?? [])];
    const byName = picomatch(patterns.filter((p) => !p.includes('/')), { dot: true });
    const pathGlobs = patterns.filter((p) => p.includes('/')).map((p) => p.replace(/^\.\//, '').replace(/\/$/, ''));
    const byPath = pathGlobs.length ? picomatch(pathGlobs, { dot: true }) : () => false;
    match = (file) => {
      if (byName(path.basename(file))) return true;
      if (!base) return false;
      const rel = path.relative(base, file).split(path.sep).join('/');
      return !rel.startsWith('..') && byPath(rel);
    };
    matchers.set(key, match);
  }
  return match(absolute);
}

/** `.gitignore` rules in force in one folder: its own file plus those of the folders above it. */
export interface GitIgnores {
  readonly rules: readonly { readonly base: string; readonly ig: Ignore }[];
}

function readGitignore(dir: string): Ignore | undefined {
  let text: string;
  try { text = readFileSync(path.join(dir, '.gitignore'), 'utf8'); } catch { return undefined; }
  return ignore().add(text.slice(0, 1024 * 1024));
}

/** The `.gitignore` files above `dir` up to (and including) the repository root, the folder holding `.git`. */
export function gitignoresAbove(dir: string): GitIgnores {
  const chain: string[] = [];
  for (let d = path.dirname(dir), i = 0; i < 256; d = path.dirname(d), i++) {
    chain.unshift(d);
    let isRoot = false;
    try { readFileSync(path.join(d, '.git', 'HEAD')); isRoot = true; } catch { /* not the root */ }
    try { if (!isRoot) isRoot = readFileSync(path.join(d, '.git'), 'utf8').startsWith('gitdir:'); } catch { /* no .git file */ }
    if (isRoot || path.dirname(d) === d) break;
  }
  const inRepo = chain.length > 0;
  return { rules: inRepo ? chain.flatMap((d) => { const ig = readGitignore(d); return ig ? [{ base: d, ig }] : []; }) : [] };
}

/** The rules for `dir`'s entries: those above plus `dir/.gitignore`. */
export function enterFolder(above: GitIgnores, dir: string): GitIgnores {
  const ig = readGitignore(dir);
  return ig ? { rules: [...above.rules, { base: dir, ig }] } : above;
}

export function gitignored(rules: GitIgnores, absolute: string, isDir: boolean): boolean {
  for (const { base, ig } of rules.rules) {
    const rel = path.relative(base, absolute).split(path.sep).join('/');
    if (!rel || rel.startsWith('..')) continue;
    if (ig.ignores(isDir ? `${rel}/` : rel)) return true;
  }
  return false;
}
