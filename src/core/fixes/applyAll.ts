/**
 * Applies the preferred fixes of many findings to a file or to a notebook's cells, as `check --fix` does: non-overlapping
 * fixes together, then check again, until nothing is left to fix or a round bound is hit. A fix whose result would
 * leave brackets or strings open where they were closed is never kept.
 */
import type { Finding, Fix, PositionedEdit } from '../rules/types';
import { tokenize, Tok } from '../python/tokenizer';
import type { RuleCode } from '../rules/codes';
import { isSafeFix } from './safety';

/** A file's text (key undefined) or a notebook cell's text (key = cell index). */
export interface FixUnit {
  readonly cell?: number;
  readonly text: string;
}

export interface FixAllOptions {
  /** Also apply the fixes that change what a model computes. */
  readonly unsafe?: boolean;
  /** Rounds of fix-then-check (each round applies every non-overlapping fix it can). */
  readonly maxRounds?: number;
}

export interface FixAllResult {
  readonly units: readonly FixUnit[];
  /** How many fixes were applied, per rule. */
  readonly fixed: Readonly<Partial<Record<RuleCode, number>>>;
  /** Findings of the final text. */
  readonly remaining: readonly Finding[];
  /** Fixes refused because their result would not parse: `code at line:col`. */
  readonly refused: readonly string[];
  /** True when the bound stopped the rounds while fixes were still being found. */
  readonly bounded: boolean;
}

/** Brackets without a partner and text ending inside a bracket or string: what a fix must never add. */
export function openStructures(text: string): number {
  const ts = tokenize(text);
  let open = ts.openAtEnd ? 1 : 0;
  for (let t = 0; t < ts.count; t++) if ((ts.kind[t] === Tok.Open || ts.kind[t] === Tok.Close) && ts.match[t] < 0) open++;
  return open;
}

function preferredFix(f: Finding, unsafe: boolean): Fix<PositionedEdit> | undefined {
  if (!unsafe && !isSafeFix(f.code)) return undefined;
  const fix = f.fixes.find((x) => x.preferred);
  return fix && fix.edits.length > 0 ? fix : undefined;
}

/** The cell an edit changes: its own, or (plain files, older edits) its finding's. */
function cellOf(e: PositionedEdit, f: Finding): number | undefined {
  return e.cell ?? f.cell;
}

function overlaps(a: { finding: Finding; fix: Fix<PositionedEdit> }, b: { finding: Finding; fix: Fix<PositionedEdit> }): boolean {
  // Two insertions at one point also conflict: their order would be a guess. Edits in different cells never meet.
  return a.fix.edits.some((x) => b.fix.edits.some((y) => cellOf(x, a.finding) === cellOf(y, b.finding) && (x.start < y.end && y.start < x.end || x.start === y.start || x.end === y.end)));
}

function apply(text: string, edits: readonly PositionedEdit[]): string {
  let out = text;
  for (const e of [...edits].sort((x, y) => y.start - x.start || y.end - x.end)) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  return out;
}

/** The units with the chosen fixes applied, each edit to the cell it names; undefined when one unit would break. */
function applyChosen(units: readonly FixUnit[], chosen: readonly { finding: Finding; fix: Fix<PositionedEdit> }[]): FixUnit[] | undefined {
  const out: FixUnit[] = [];
  for (const unit of units) {
    const edits = chosen.flatMap((c) => c.fix.edits.filter((e) => cellOf(e, c.finding) === unit.cell));
    if (edits.length === 0) { out.push(unit); continue; }
    const text = apply(unit.text, edits);
    if (openStructures(text) > openStructures(unit.text)) return undefined;
    out.push({ ...unit, text });
  }
  return out;
}

const keyOf = (f: Finding): string => `${f.code}:${f.cell ?? ''}:${f.line}:${f.col}:${f.message}`;

/**
 * Fixes `units` with the findings `check` reports for them. `check` gets every unit's current text and returns the
 * findings with `cell` set for notebook cells (as the rules engine does).
 */
export function fixAll(units: readonly FixUnit[], check: (units: readonly FixUnit[]) => readonly Finding[], options: FixAllOptions = {}): FixAllResult {
  const maxRounds = options.maxRounds ?? 10;
  let current = [...units];
  const fixed: Partial<Record<RuleCode, number>> = {};
  const refused = new Set<string>();
  const seen = new Set<string>([current.map((u) => u.text).join('\u0000')]);
  let findings = check(current);
  let bounded = false;
  for (let round = 0; ; round++) {
    const candidates = findings.filter((f) => !refused.has(keyOf(f)) && preferredFix(f, options.unsafe ?? false));
    if (candidates.length === 0) break;
    if (round >= maxRounds) { bounded = true; break; }
    let changed = false;
    const chosen: { finding: Finding; fix: Fix<PositionedEdit> }[] = [];
    for (const finding of candidates) {
      const c = { finding, fix: preferredFix(finding, options.unsafe ?? false)! };
      if (!chosen.some((o) => overlaps(o, c))) chosen.push(c);
    }
    // Together they may break a cell: then keep the first alone if it is sound, refuse it otherwise.
    const together = applyChosen(current, chosen);
    const applied = together ? chosen : [chosen[0]];
    const next = together ?? applyChosen(current, applied);
    if (next) {
      for (const c of applied) fixed[c.finding.code] = (fixed[c.finding.code] ?? 0) + 1;
      changed = true;
      current = next;
    } else {
      refused.add(keyOf(chosen[0].finding));
    }
    if (changed) {
      const state = current.map((u) => u.text).join('\u0000');
      if (seen.has(state)) { bounded = true; break; } // fixes undoing each other: stop rather than cycle
      seen.add(state);
      findings = check(current);
    }
  }
  const refusedText = [...refused].map((k) => { const [code, , line, col] = k.split(':'); return `${code} at ${Number(line) + 1}:${Number(col) + 1}`; });
  return { units: current, fixed, remaining: findings, refused: refusedText, bounded };
}
