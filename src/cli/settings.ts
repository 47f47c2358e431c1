/**
 * Per-file settings for `check`: the closest configuration file (walking up, as ruff does), the command-line flags
 * that override it, the rule levels and target versions that follow. Configuration problems are printed once per file.
 */
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { ConfigFinder, configVersions, formatProblem, MAX_CONFIG_BYTES, ruleLevels, type LensConfig, type RuleSelection } from '../core/config';
import type { CheckOptions } from '../core/rules';
import type { TargetVersions } from '../core/versions';
import { rootVersions } from './versions';

export interface SettingFlags extends RuleSelection {
  readonly keras?: string;
  readonly torch?: string;
}

/** Folders never checked unless a configuration's `exclude` replaces this list (ruff's defaults, plus caches). */
export const DEFAULT_EXCLUDES: readonly string[] = [
  '.bzr', '.direnv', '.eggs', '.git', '.hg', '.ipynb_checkpoints', '.mypy_cache', '.nox', '.pytest_cache', '.ruff_cache',
  '.svn', '.tox', '.venv', '__pycache__', '__pypackages__', '_build', 'buck-out', 'build', 'dist', 'node_modules',
  'site-packages', 'venv',
];

function readSmall(file: string): string | undefined {
  try {
    if (statSync(file).size > MAX_CONFIG_BYTES * 2) return 'x'.repeat(MAX_CONFIG_BYTES + 1); // parse() reports the size
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

export class ProjectSettings {
  private readonly finder = new ConfigFinder({
    read: (dir, name) => readSmall(path.join(dir, name)),
    parent: (dir) => { const up = path.dirname(dir); return up === dir ? undefined : up; },
    join: (dir, name) => path.join(dir, name),
  });
  private readonly reported = new Set<string>();
  private readonly optionsCache = new Map<string, CheckOptions & { readonly versions: TargetVersions }>();
  /** True once a configuration file with errors was met: `check` then stops with exit code 2. */
  configErrors = false;

  constructor(private readonly root: string, private readonly flags: SettingFlags, private readonly err: (line: string) => void) {}

  /** The configuration for files in `dir`, printing its problems the first time it is met. */
  configFor(dir: string): LensConfig | undefined {
    const read = this.finder.forDir(dir);
    if (!read) return undefined;
    for (const p of read.problems) {
      const line = formatProblem({ ...p, file: this.shown(p.file) });
      if (this.reported.has(line)) continue;
      this.reported.add(line);
      if (p.severity === 'error') this.configErrors = true;
      this.err(line);
    }
    return read.config;
  }

  /** A path as printed: relative to the root when inside it. */
  shown(file: string): string {
    const rel = path.relative(this.root, file);
    return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel.split(path.sep).join('/') : file;
  }

  /** Rules and versions for a file in `dir`. */
  optionsFor(dir: string): CheckOptions & { readonly versions: TargetVersions } {
    const config = this.configFor(dir);
    const key = config?.file ?? '';
    const hit = this.optionsCache.get(key);
    if (hit) return hit;
    const keras = this.flags.keras ?? config?.kerasVersion;
    const torch = this.flags.torch ?? config?.torchVersion;
    let versions = rootVersions(config ? config.dir : this.root, keras, torch);
    const pinned = configVersions(config, config ? this.shown(config.file) : '');
    if (!this.flags.keras && pinned.kerasFrom) versions = { ...versions, kerasReason: pinned.kerasFrom };
    if (!this.flags.torch && pinned.torchFrom && versions.torch) versions = { ...versions, torchReason: pinned.torchFrom };
    if (this.flags.keras && this.flags.keras !== 'auto') versions = { ...versions, kerasReason: `--keras ${this.flags.keras}` };
    const options = { versions, rules: ruleLevels(config, this.flags) };
    this.optionsCache.set(key, options);
    return options;
  }
}
