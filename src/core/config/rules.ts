/** Which rules run and at what level, from a configuration file, command-line flags and (in the editor) settings. */
import { RULE_CODES, type RuleCode } from '../rules/codes';
import type { LensConfig, RuleLevel } from './types';

/** `--select`, `--ignore`, `--extend-select` as given on the command line. */
export interface RuleSelection {
  readonly select?: readonly RuleCode[];
  readonly ignore?: readonly RuleCode[];
  readonly extendSelect?: readonly RuleCode[];
}

/**
 * Per-rule levels for the rules engine. `base` (the editor's `activationLens.diagnostics.rules`) comes first and the
 * file's `severity` wins over it. Selection as in ruff: `select` (all rules when absent) plus `extend-select`, minus
 * `ignore`; a `--select` flag replaces the file's selection, `--ignore` and `--extend-select` add to it.
 */
export function ruleLevels(config: LensConfig | undefined, flags: RuleSelection = {}, base: Readonly<Partial<Record<RuleCode, RuleLevel>>> = {}): Partial<Record<RuleCode, RuleLevel>> {
  const levels: Partial<Record<RuleCode, RuleLevel>> = { ...base, ...config?.severity };
  const selected = new Set<RuleCode>(flags.select ?? config?.select ?? RULE_CODES);
  for (const code of [...(flags.select ? [] : config?.extendSelect ?? []), ...(flags.extendSelect ?? [])]) selected.add(code);
  for (const code of [...(flags.select ? [] : config?.ignore ?? []), ...(flags.ignore ?? [])]) selected.delete(code);
  for (const code of RULE_CODES) if (!selected.has(code)) levels[code] = 'off';
  return levels;
}
