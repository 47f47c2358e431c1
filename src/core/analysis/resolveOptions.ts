/** Builds the options snapshot from where options come from: a setting or a flag (named), dependency files, rules. */
import { resolveVersions } from '../versions/resolve';
import type { AnalysisOptions, RuleOverrides } from './options';
import type { CheckOptions } from '../rules';

export interface OptionSources {
  /**
   * The chosen versions (`auto`, `2`, `3`, `3.7`; torch `auto` or `2.3`) and where they were chosen, named in the
   * reason: `activationLens.kerasVersion` in the editor, `--keras` on the command line.
   */
  readonly setting?: { readonly keras?: string; readonly torch?: string; readonly kerasFrom?: string; readonly torchFrom?: string };
  /** Dependency files (requirements*.txt, pyproject.toml, Pipfile, environment.yml) by name, read for `auto`. */
  readonly files?: readonly { readonly name: string; readonly text: string }[];
  readonly rules?: RuleOverrides;
  readonly signalThresholds?: CheckOptions['signalThresholds'];
}

/** Resolves the versions once, each with its reason, and bundles them with the rule settings. Never throws. */
export function resolveOptions(sources: OptionSources = {}): AnalysisOptions {
  const versions = resolveVersions(sources.files ?? [], sources.setting ?? {});
  return { versions, rules: sources.rules ?? {}, ...(sources.signalThresholds ? { signalThresholds: sources.signalThresholds } : {}) };
}
