/**
 * Finding the configuration that applies to a file, as ruff does: walk up from the file's folder and take the first
 * `.activation-lens.toml`, `activation-lens.toml`, or `pyproject.toml` with a `[tool.activation-lens]` table. The
 * closest file wins whole (no merging with files further up). File access is passed in, so the command line reads
 * the disk and the editor its workspace file system.
 */
import { parseConfig } from './parse';
import type { ConfigRead } from './types';

/** In order of precedence within one folder. */
export const CONFIG_FILE_NAMES = ['.activation-lens.toml', 'activation-lens.toml', 'pyproject.toml'] as const;

export interface ConfigAccess {
  /** The text of `name` in `dir`, or undefined when there is no such readable file. */
  readonly read: (dir: string, name: string) => string | undefined;
  /** The folder above `dir`, or undefined at the top. */
  readonly parent: (dir: string) => string | undefined;
  readonly join: (dir: string, name: string) => string;
}

/** Reads the configuration that sits in `dir` itself, if any (a file with errors counts: it is reported, not skipped). */
export function configIn(dir: string, read: (name: string) => string | undefined, join: (dir: string, name: string) => string): ConfigRead | undefined {
  for (const name of CONFIG_FILE_NAMES) {
    const text = read(name);
    if (text === undefined) continue;
    const result = parseConfig(text, join(dir, name));
    if (result.config || result.problems.some((p) => p.severity === 'error') || name !== 'pyproject.toml') return result;
  }
  return undefined;
}

/** Caches per folder, so a tree of thousands of files reads each candidate file once. */
export class ConfigFinder {
  private readonly cache = new Map<string, ConfigRead | null>();

  constructor(private readonly access: ConfigAccess) {}

  /** The configuration for files in `dir` (walking up), or undefined when none applies. */
  forDir(dir: string): ConfigRead | undefined {
    const walked: string[] = [];
    let found: ConfigRead | null = null;
    for (let d: string | undefined = dir; d !== undefined; d = this.access.parent(d)) {
      const hit = this.cache.get(d);
      if (hit !== undefined) { found = hit; break; }
      walked.push(d);
      const here = configIn(d, (name) => this.access.read(d!, name), this.access.join);
      if (here) { found = here; break; }
      if (walked.length > 256) break; // a pathological depth: stop rather than loop
    }
    for (const d of walked) this.cache.set(d, found);
    return found ?? undefined;
  }
}
