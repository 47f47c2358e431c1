/**
 * One analysis of one document version: tokens, scope and usages (parsed once), and what depends on the options
 * (the versions this file targets, the rules' findings, the model graph), each computed once, on first read.
 */
import { checkParsed, type CheckResult, type Finding } from '../rules';
import { versionsForSource } from '../rules/implied';
import type { ParsedSource, Usage } from '../scan';
import type { TargetVersions } from '../versions/types';
import { buildGraph, type ModelGraph } from './graph';
import type { AnalysisOptions } from './options';

export interface Analysis {
  /** Token streams, scope and usages per unit (the file, or each notebook code cell in document order). */
  readonly parsed: ParsedSource;
  /** Every usage, units in order, each unit's sorted by start offset. */
  readonly usages: readonly Usage[];
  /** Problems the scanner survived, for logs. */
  readonly notes: readonly string[];
  readonly options: AnalysisOptions;
  /**
   * The versions this file targets: the options' versions, unless the file's imports decide (`tf_keras`); the
   * reason says which. Hovers, diagnostics, the panel and the command line all read this one.
   */
  readonly versions: TargetVersions;
  /** Findings and refactorings of every enabled rule (computed on first read). */
  readonly check: CheckResult;
  readonly findings: readonly Finding[];
  /** The model graph: every model the code builds, with layers and source ranges (computed on first read). */
  readonly graph: ModelGraph | undefined;
  /** The same parse with other options (settings changed): nothing is parsed again. */
  withOptions(options: AnalysisOptions): Analysis;
}

/** An analysis of parsed source. Lazy parts are computed once; a rule that throws yields no findings, never an error. */
export function analysisOf(parsed: ParsedSource, options: AnalysisOptions): Analysis {
  let versions: TargetVersions | undefined;
  let check: CheckResult | undefined;
  let graph: { value: ModelGraph | undefined } | undefined;
  let usages: readonly Usage[] | undefined;
  let notes: readonly string[] | undefined;
  return {
    parsed,
    options,
    get usages() {
      return (usages ??= parsed.units.length === 1 ? parsed.units[0].usages : parsed.units.flatMap((u) => u.usages));
    },
    get notes() {
      return (notes ??= parsed.units.flatMap((u) => u.notes));
    },
    get versions() {
      return (versions ??= versionsForSource(parsed, options.versions));
    },
    get check() {
      return (check ??= safeCheck(parsed, options));
    },
    get findings() {
      return this.check.findings;
    },
    get graph() {
      graph ??= { value: safe(() => buildGraph(parsed)) };
      return graph.value;
    },
    withOptions: (next) => analysisOf(parsed, next),
  };
}

function safeCheck(parsed: ParsedSource, options: AnalysisOptions): CheckResult {
  return safe(() => checkParsed(parsed, { versions: options.versions, rules: options.rules, ...(options.signalThresholds ? { signalThresholds: options.signalThresholds } : {}) })) ?? { findings: [], refactorsAt: () => [] };
}

function safe<T>(run: () => T): T | undefined {
  try {
    return run();
  } catch {
    return undefined; // the core promises never to throw on user text; a bug must not break the editor
  }
}
