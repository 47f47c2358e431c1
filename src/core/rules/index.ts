/**
 * The rules engine: scanned source + target versions + settings in, findings with fixes out. Plain data only;
 * the editor adapter and the `check` command turn findings into diagnostics, code actions, text, JSON or SARIF.
 */
import { bindUnit } from '../fixes/units';
import { placeFix, placeFixes, type EditTarget } from '../fixes/position';
import type { LineIndex } from '../python/lineIndex';
import { cellNumber, parseCells, parsePython, unitLines, type ParsedSource, type ScanContext } from '../scan';
import { DEFAULT_VERSIONS, type TargetVersions } from '../versions/types';
import { RULE_CODES, RULES, type RuleCode, type Severity } from './codes';
import type { Rule, RuleContext } from './context';
import { ALL_RULES } from './registry';
import { ignoredLines, isIgnored } from './ignore';
import { versionsForSource } from './implied';
import { Pairing } from '../model/pairing';
import { UNIT_STRIDE } from '../model/flow';
import { readModel, type ModelInfo } from './model';
import type { ReadResume } from './model/resume';
import { convertRefactors } from './strings';
import type { Finding, Fix, Placed, PositionedEdit, RawFinding, RawRelated, RelatedLocation, TextEdit } from './types';
import type { Writable } from './model/types';
import type { SignalThresholds } from '../signal/types';

export { RULES, RULE_CODES, isRuleCode, type RuleCode, type Severity } from './codes';
export type { Finding, Fix, PositionedEdit, RelatedLocation, TextEdit } from './types';

export interface CheckOptions {
  readonly versions?: TargetVersions;
  /** Per-rule overrides: a severity, or `off`. */
  readonly rules?: Readonly<Partial<Record<RuleCode, Severity | 'off'>>>;
  /** Where the text lives, so activations passed to wrappers in the project's other modules can be followed. */
  readonly context?: ScanContext;
  /** Thresholds of `vanishing-signal` / `exploding-signal` on the first-layer gradient ratio. */
  readonly signalThresholds?: SignalThresholds;
  /** What the document's previous versions left for this one (a document being edited: analysis/document.ts). */
  readonly resume?: ReadResume;
}

/** A refactoring offered at a range (no diagnostic), e.g. "Convert to a layer with parameters". */
export interface Refactor extends Placed {
  readonly fix: Fix<PositionedEdit>;
}

export interface CheckResult {
  readonly findings: readonly Finding[];
  /**
   * Refactorings whose range touches [start, end] (0-based offsets) of a file, or of a notebook cell by index.
   * Computed on request: an editor asks only where the cursor is.
   */
  readonly refactorsAt: (start: number, end: number, cell?: number) => readonly Refactor[];
}

const NO_REFACTORS = (): readonly Refactor[] => [];

function relatedLocation(parsed: ParsedSource, lineIndexes: readonly LineIndex[], r: RawRelated): RelatedLocation {
  const lines = lineIndexes[r.unit];
  const line = lines.lineAt(r.start);
  const endLine = lines.lineAt(r.end);
  const out: Writable<RelatedLocation> = { message: r.message, line, col: r.start - lines.lineStart(line), endLine, endCol: r.end - lines.lineStart(endLine), start: r.start, end: r.end };
  const cell = parsed.units[r.unit].cell;
  if (cell !== undefined) out.cell = cell;
  return out;
}

/** The related places of a finding, positioned (an indexed loop: no closure per finding). */
function relatedLocations(parsed: ParsedSource, lineIndexes: readonly LineIndex[], related: readonly RawRelated[]): RelatedLocation[] {
  const out: RelatedLocation[] = [];
  for (let i = 0; i < related.length; i++) out.push(relatedLocation(parsed, lineIndexes, related[i]));
  return out;
}

/**
 * The findings already kept, by code, unit and range: looked up by numbers (unit and start, then end and code)
 * rather than a string built per finding.
 */
class Seen {
  private readonly byStart = new Map<number, number[]>();

  /** False when a finding of the same code and range was kept already; else records it. */
  add(f: RawFinding): boolean {
    // Every code a rule reports is in the registry, so it has an index.
    const code = codeIndex.get(f.code)!;
    const at = f.unit * UNIT_STRIDE + f.start;
    const rest = f.end * CODE_STRIDE + code;
    const list = this.byStart.get(at);
    if (!list) this.byStart.set(at, [rest]);
    else if (list.includes(rest)) return false;
    else list.push(rest);
    return true;
  }
}

const CODE_STRIDE = 256;
const codeIndex = new Map<string, number>(RULE_CODES.map((c, i) => [c, i]));

/** Rule codes in `localeCompare` order, by rank (codes that compare equal share one): compared without ICU. */
let codeRanks: Map<string, number> | undefined;

/** `a.localeCompare(b)` for rule codes (their order in the sorted findings), from ranks computed once. */
function codeOrder(a: string, b: string): number {
  if (a === b) return 0;
  if (!codeRanks) {
    const sorted = [...RULE_CODES].sort((x, y) => x.localeCompare(y));
    codeRanks = new Map();
    for (let i = 0, rank = 0; i < sorted.length; i++) {
      if (i > 0 && sorted[i].localeCompare(sorted[i - 1]) !== 0) rank++;
      codeRanks.set(sorted[i], rank);
    }
  }
  const x = codeRanks.get(a);
  const y = codeRanks.get(b);
  return x === undefined || y === undefined ? a.localeCompare(b) : x - y;
}

/**
 * The context the rules run in: for a check, with its raw findings gathered into `raw`; for refactorings asked for
 * later, gathering none. Made outside checkParsed: a sink made there would keep the list in the scope its result's
 * `refactorsAt` keeps alive (closures of one function share their captured variables).
 */
function ruleContext(parsed: ParsedSource, model: ModelInfo, versions: TargetVersions, where: RuleContext['where'], options: CheckOptions, raw?: RawFinding[]): RuleContext {
  return { parsed, model, pairing: new Pairing(parsed, model, options.resume), versions, where, ...(options.signalThresholds ? { signalThresholds: options.signalThresholds } : {}), report: raw ? (f) => raw.push(f) : () => undefined };
}

/** Runs every enabled rule over parsed source. Never throws: a rule that fails is skipped. */
export function checkParsed(parsed: ParsedSource, options: CheckOptions = {}): CheckResult {
  const versions = versionsForSource(parsed, options.versions ?? DEFAULT_VERSIONS);
  const raw: RawFinding[] = [];
  parsed.units.forEach((u, i) => bindUnit(u.ts, i));
  let model;
  try {
    model = readModel(parsed);
  } catch {
    return { findings: [], refactorsAt: NO_REFACTORS };
  }
  const targets: EditTarget[] = parsed.units.map((u) => ({ text: u.text, lines: unitLines(u), ...(u.cell === undefined ? {} : { cell: u.cell }) }));
  const lineIndexes = targets.map((t) => t.lines);
  const where = (unit: number, offset: number): string => {
    const line = lineIndexes[unit].lineAt(offset) + 1;
    const cell = parsed.units[unit].cell;
    return cell === undefined ? `line ${line}` : `cell ${cellNumber(cell)}, line ${line}`;
  };
  const ctx = ruleContext(parsed, model, versions, where, options, raw);
  for (const rule of ALL_RULES as readonly Rule[]) {
    try { rule(ctx); } catch { /* a rule's bug must not hide the others' findings */ }
  }
  // A unit's ignore directives are read when it has a finding: most units (notebook cells, clean files) have none.
  const ignores: (Map<number, Set<RuleCode> | 'all'> | undefined)[] = [];
  const seen = new Seen();
  const findings: Finding[] = [];
  const overrides = options.rules;
  // Indexed, and each finding made field by field in one order (code ... docs, cell, fixes, related): no spread of
  // a temporary object per finding.
  for (let i = 0; i < raw.length; i++) {
    const f = raw[i];
    const override = overrides?.[f.code];
    if (override === 'off') continue;
    if (!seen.add(f)) continue;
    const lines = lineIndexes[f.unit];
    const line = lines.lineAt(f.start);
    if (isIgnored((ignores[f.unit] ??= ignoredLines(parsed.units[f.unit].text, lines)), f.code, line)) continue;
    const endLine = lines.lineAt(f.end);
    const rule = RULES[f.code];
    const finding = {
      code: f.code, severity: override ?? f.severity ?? rule.severity, message: f.message,
      line, col: f.start - lines.lineStart(line), endLine, endCol: f.end - lines.lineStart(endLine), start: f.start, end: f.end, docs: rule.docs,
    } as Writable<Finding>;
    const cell = parsed.units[f.unit].cell;
    if (cell !== undefined) finding.cell = cell;
    finding.fixes = placeFixes(targets, f.unit, f.fixes);
    if (f.related?.length) finding.related = relatedLocations(parsed, lineIndexes, f.related);
    findings.push(finding);
  }
  findings.sort((x, y) => (x.cell ?? 0) - (y.cell ?? 0) || x.start - y.start || codeOrder(x.code, y.code));
  const refactorsAt = (start: number, end: number, cell?: number): readonly Refactor[] => {
    const unit = cell === undefined ? 0 : parsed.units.findIndex((u) => u.cell === cell);
    if (unit < 0 || unit >= parsed.units.length) return [];
    try {
      const out: Refactor[] = [];
      // A context of its own: the check's (its pairing and flow, the raw findings it collected) is not kept alive
      // with the result for this; refactorings read the parse, the model and the versions only.
      const own = ruleContext(parsed, model, versions, where, options);
      for (const r of convertRefactors(own, unit, start, end)) {
        const fix = placeFix(targets, r.unit, r.fix);
        if (!fix) continue;
        const lines = targets[r.unit].lines;
        const a = lines.position(r.start);
        const b = lines.position(r.end);
        const c = parsed.units[r.unit].cell;
        out.push({ start: r.start, end: r.end, line: a.line, col: a.col, endLine: b.line, endCol: b.col, ...(c === undefined ? {} : { cell: c }), fix });
      }
      return out;
    } catch {
      return []; // refactorings are optional
    }
  };
  return { findings, refactorsAt };
}

/** Checks one Python source. */
export function checkPython(text: string, options: CheckOptions = {}): CheckResult {
  return checkParsed(parsePython(text, options.context), options);
}

/** Checks notebook code cells as one program; findings carry their `cell`. */
export function checkCells(cells: readonly { readonly index: number; readonly text: string }[], options: CheckOptions = {}): CheckResult {
  return checkParsed(parseCells(cells, options.context), options);
}

/** Applies a fix's edits to a text (for tests and previews). */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  let out = text;
  for (const e of [...edits].sort((x, y) => y.start - x.start || y.end - x.end)) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  return out;
}

/**
 * Applies one fix to notebook cells: each edit to the cell it names (a plain file's edits name none and go to the
 * cell given as `home`). Returns every cell's text by index, changed or not.
 */
export function applyFixToCells(cells: readonly { readonly index: number; readonly text: string }[], fix: Fix<PositionedEdit>, home?: number): Map<number, string> {
  const out = new Map(cells.map((c) => [c.index, c.text]));
  const byCell = new Map<number | undefined, PositionedEdit[]>();
  for (const e of fix.edits) {
    const cell = e.cell ?? home;
    byCell.set(cell, [...(byCell.get(cell) ?? []), e]);
  }
  for (const [cell, edits] of byCell) {
    const text = cell === undefined ? undefined : out.get(cell);
    if (text === undefined || cell === undefined) throw new Error(`fix edits cell ${String(cell)}, which the notebook does not have`);
    out.set(cell, applyEdits(text, edits));
  }
  return out;
}
