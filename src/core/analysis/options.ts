/** What an analysis depends on besides the text: the target versions (with reasons) and the rule settings. */
import type { CheckOptions } from '../rules';
import type { RuleCode, Severity } from '../rules/codes';
import { DEFAULT_VERSIONS, type TargetVersions } from '../versions/types';

/** Per-rule overrides: a severity, or `off`. */
export type RuleOverrides = Readonly<Partial<Record<RuleCode, Severity | 'off'>>>;

/**
 * A resolved options snapshot: built once per settings change by whoever reads settings (the editor's typed
 * settings, the command line's flags and files), never read from anywhere else by the analysis.
 */
export interface AnalysisOptions {
  /** The versions the workspace targets, each with the reason it was chosen (a setting, a flag, a dependency file). */
  readonly versions: TargetVersions;
  readonly rules?: RuleOverrides;
  /** `vanishing-signal` / `exploding-signal` thresholds (defaults when absent). */
  readonly signalThresholds?: CheckOptions['signalThresholds'];
}

export const DEFAULT_ANALYSIS_OPTIONS: AnalysisOptions = { versions: DEFAULT_VERSIONS, rules: {} };

/** A stable key for an options snapshot: equal keys give equal findings for the same text. */
export function optionsKey(options: AnalysisOptions): string {
  const rules = Object.entries(options.rules ?? {}).sort(([a], [b]) => a.localeCompare(b));
  return JSON.stringify([options.versions, rules, options.signalThresholds ?? null]);
}
