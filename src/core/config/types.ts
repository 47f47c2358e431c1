/** The `[tool.activation-lens]` configuration as plain data, and the problems found while reading it. */
import type { RuleCode, Severity } from '../rules/codes';

export type RuleLevel = Severity | 'off';

export interface LensConfig {
  /** The file it came from (as given to the parser) and its folder, which relative globs start from. */
  readonly file: string;
  readonly dir: string;
  readonly select?: readonly RuleCode[];
  readonly ignore?: readonly RuleCode[];
  readonly extendSelect?: readonly RuleCode[];
  readonly severity?: Readonly<Partial<Record<RuleCode, RuleLevel>>>;
  /** `auto`, `2`, `3` or `major.minor`. */
  readonly kerasVersion?: string;
  /** `auto` or a version such as `2.3`. */
  readonly torchVersion?: string;
  readonly exclude?: readonly string[];
  readonly extendExclude?: readonly string[];
  readonly respectGitignore?: boolean;
}

/** One problem, located for people: `pyproject.toml:12: ...`. Errors make the file unusable; warnings do not. */
export interface ConfigProblem {
  readonly file: string;
  /** 1-based. */
  readonly line: number;
  readonly key?: string;
  readonly severity: 'error' | 'warning';
  readonly message: string;
}

export interface ConfigRead {
  /** Undefined when the file has no configuration for us (a pyproject.toml without the table) or has errors. */
  readonly config?: LensConfig;
  readonly problems: readonly ConfigProblem[];
}

/** `file:line: message`, as printed on stderr and shown in the editor. */
export function formatProblem(p: ConfigProblem): string {
  return `${p.file}:${p.line}: ${p.severity === 'error' ? 'error' : 'warning'}: ${p.message}`;
}
