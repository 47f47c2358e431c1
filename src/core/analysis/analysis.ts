/**
 * One analysis of one document version: tokens, scope and usages (parsed once), and what depends on the options
 * (the versions this file targets, the rules' findings, the model graph), each computed once, on first read.
 */
import { checkParsed, type CheckResult, type Finding } from '../rules';
import { versionsForSource } from '../rules/implied';
import { readModel } from '../rules/model';
import type { ReadResume } from '../rules/model/resume';
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

/**
 * An analysis of parsed source. Lazy parts are computed once; a rule that throws yields no findings, never an error.
 *
 * A class, not an object literal with getters: each literal's getters are new closures, so V8 gave every analysis a
 * hidden class of its own, kept in the old generation; that class held the getters, the getters held the parse, and
 * so every version's parse, model and findings outlived each young-generation collection (as garbage promoted until
 * the next full collection). An edit of the 10,000-line file promoted about 2.5 MB this way.
 */
export function analysisOf(parsed: ParsedSource, options: AnalysisOptions, resume?: ReadResume): Analysis {
  return new LazyAnalysis(parsed, options, resume);
}

class LazyAnalysis implements Analysis {
  private versionsMemo: TargetVersions | undefined;
  private checkMemo: CheckResult | undefined;
  private graphMemo: { value: ModelGraph | undefined } | undefined;
  private usagesMemo: readonly Usage[] | undefined;
  private notesMemo: readonly string[] | undefined;

  /** `resume`: the model reader's checkpoint of the document this is a version of, when one follows it (document.ts). */
  constructor(readonly parsed: ParsedSource, readonly options: AnalysisOptions, private readonly resume: ReadResume | undefined) {}

  get usages(): readonly Usage[] {
    const { units } = this.parsed;
    return (this.usagesMemo ??= units.length === 1 ? units[0].usages : units.flatMap((u) => u.usages));
  }

  get notes(): readonly string[] {
    return (this.notesMemo ??= this.parsed.units.flatMap((u) => u.notes));
  }

  get versions(): TargetVersions {
    return (this.versionsMemo ??= versionsForSource(this.parsed, this.options.versions));
  }

  get check(): CheckResult {
    return (this.checkMemo ??= safeCheck(this.readModel(), this.options, this.resume));
  }

  get findings(): readonly Finding[] {
    return this.check.findings;
  }

  get graph(): ModelGraph | undefined {
    this.graphMemo ??= { value: safe(() => buildGraph(this.readModel())) };
    return this.graphMemo.value;
  }

  withOptions(options: AnalysisOptions): Analysis {
    return new LazyAnalysis(this.parsed, options, this.resume);
  }

  /**
   * The parse, its model read first when the document's checkpoint can spare reading all of it: the rules and the
   * graph then find the model read (the reader remembers it by parse).
   */
  private readModel(): ParsedSource {
    if (this.resume) safe(() => readModel(this.parsed, this.resume));
    return this.parsed;
  }
}

function safeCheck(parsed: ParsedSource, options: AnalysisOptions, resume: ReadResume | undefined): CheckResult {
  const { versions, rules, signalThresholds } = options;
  return safe(() => checkParsed(parsed, { versions, rules, ...(signalThresholds ? { signalThresholds } : {}), ...(resume ? { resume } : {}) })) ?? { findings: [], refactorsAt: () => [] };
}

function safe<T>(run: () => T): T | undefined {
  try {
    return run();
  } catch {
    return undefined; // the core promises never to throw on user text; a bug must not break the editor
  }
}
