/** Expands command-line paths into the Python files and notebooks to read, and reads them safely. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

export interface SourceFile {
  readonly absolute: string;
  /** Relative to the root, with `/` separators. */
  readonly relative: string;
  readonly notebook: boolean;
}

/** Folders never worth scanning when recursing without a walk filter (explicit paths are always read). */
const SKIPPED_DIRS = new Set(['node_modules', '__pycache__', 'site-packages', 'venv', 'env']);

/**
 * Decides what a folder walk skips (`check` passes one built from configuration files, excludes and .gitignore).
 * `state` is carried down the walk (the .gitignore rules in force).
 */
export interface WalkFilter<S = unknown> {
  readonly start: (dir: string) => S;
  readonly enter: (state: S, dir: string) => S;
  readonly skip: (state: S, absolute: string, isDir: boolean) => boolean;
  /** For paths given explicitly (`--force-exclude`): whether to drop them anyway. */
  readonly skipExplicit?: (absolute: string) => boolean;
}

function isSource(name: string): boolean {
  return name.endsWith('.py') || name.endsWith('.ipynb');
}

function isLinkedDirectory(full: string): boolean {
  try {
    return statSync(full).isDirectory();
  } catch {
    return false; // a dangling link: nothing to read either way
  }
}

/** Files under the given paths; problems (missing paths) are reported through `problem`. */
export function collectFiles(paths: readonly string[], root: string, cwd: string, problem: (line: string) => void, filter?: WalkFilter): SourceFile[] {
  const out: SourceFile[] = [];
  const seen = new Set<string>();
  const add = (absolute: string): void => {
    if (seen.has(absolute)) return;
    seen.add(absolute);
    out.push({ absolute, relative: path.relative(root, absolute).split(path.sep).join('/'), notebook: absolute.endsWith('.ipynb') });
  };
  const walk = (dir: string, state: unknown): void => {
    const here = filter ? filter.enter(state, dir) : state;
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch (error) {
      problem(`${dir}: cannot read folder (${(error as NodeJS.ErrnoException).code ?? String(error)}); skipped`);
      return;
    }
    entries.sort((a, b) => a.name.localeCompare(b.name));
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (filter ? !filter.skip(here, full, true) : !entry.name.startsWith('.') && !SKIPPED_DIRS.has(entry.name)) walk(full, here);
      } else if (entry.isFile() && isSource(entry.name) && !(filter && filter.skip(here, full, false))) add(full);
      else if (entry.isSymbolicLink() && !(filter && filter.skip(here, full, false))) {
        // A link may lead out of the project or round in a loop: it is not followed, and the user is told.
        const relative = path.relative(root, full).split(path.sep).join('/');
        if (isSource(entry.name)) problem(`${relative}: symbolic link, not followed; skipped (pass its target to check it)`);
        else if (!entry.name.startsWith('.') && isLinkedDirectory(full)) problem(`${relative}: symbolic link to a folder, not followed; skipped`);
      }
    }
  };
  for (const p of paths) {
    const absolute = path.resolve(cwd, p);
    let stat;
    try {
      stat = statSync(absolute);
    } catch (error) {
      problem(`${p}: cannot read (${(error as NodeJS.ErrnoException).code ?? String(error)}); skipped`);
      continue;
    }
    if (stat.isDirectory()) walk(absolute, filter ? filter.start(absolute) : undefined);
    else if (!filter?.skipExplicit?.(absolute)) add(absolute);
  }
  return out;
}

/** Reads a file as UTF-8 text, or reports why it cannot be read. */
export function readSource(file: SourceFile, problem: (line: string) => void): string | undefined {
  try {
    return readFileSync(file.absolute, 'utf8');
  } catch (error) {
    problem(`${file.relative}: cannot read (${(error as NodeJS.ErrnoException).code ?? String(error)}); skipped`);
    return undefined;
  }
}
