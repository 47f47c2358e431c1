/**
 * Re-analysis after an edit without rescanning the whole file.
 *
 * Detection never looks past one logical line (statement) except through the file's scope (imports and top-level
 * definitions). So after an edit, only the statements around it are tokenized and scanned again; usages before
 * them are kept as they are and usages after them are shifted. When the edit could change the scope (it touches
 * an import or a definition, or changes what a top-level assignment binds) or leaves a string or bracket open, it falls back to a full
 * scan, and so does an edit that changes what one of the file's own wrappers does with an activation (calls of it
 * anywhere would be judged differently). The result is always the same as a full scan of the new text; tests check
 * exactly that.
 */
import { LineIndex, lineStartBefore } from '../python/lineIndex';
import { Tok, tokenIs, tokenText, tokenize, type TokenStream } from '../python/tokenizer';
import { detectRaw } from './detect';
import { looksBinary, parsePython, type ParsedSource } from './index';
import { spliceTokens, type Splice } from '../python/spliceTokens';
import { keepTokenFacts } from '../python/tokenFacts';
import { readDotted, type Scope } from './scope';
import { shiftUsage, toUsage } from './toUsage';
import type { ScanResult, Usage } from './types';
import type { ScanContext } from './wrappers';
import { qualifyName } from './qualify';
import { keepUnitLines, unitLines } from './unitLines';

/** One replaced range of the previous text, as editors report it. */
export interface TextChange {
  readonly offset: number;
  readonly deleted: number;
  readonly inserted: string;
}

interface State {
  readonly text: string;
  /** The whole text's token stream, kept current by splicing the region's tokens in. */
  readonly ts: TokenStream;
  readonly scope: Scope;
  readonly usages: readonly Usage[];
  readonly notes: readonly string[];
  /** Offset of the physical line start of every logical line, ascending, with the line number of each. */
  readonly stmtStarts: Int32Array;
  readonly stmtLines: Int32Array;
  /** The line index of `text`, kept with it: an edit splices it instead of searching the whole text again. */
  readonly lines: LineIndex;
}

function statementStarts(ts: TokenStream, base: number, baseLine: number, lines: LineIndex, outStarts: number[], outLines: number[]): void {
  const text = ts.text;
  for (let t = 0; t < ts.count; t++) {
    if (ts.indent[t] < 0) continue;
    // Lone CRs end lines too (old Mac files): a `\n`-only search would make the whole file one statement.
    const lineStart = lineStartBefore(text, ts.start[t]);
    if (outStarts.length && outStarts[outStarts.length - 1] === base + lineStart) continue;
    outStarts.push(base + lineStart);
    outLines.push(baseLine + lines.lineAt(lineStart));
  }
}

/**
 * Whether a token stream may change the scope, read syntactically as `collectScope` reads it, with `known` the
 * scope of the text before the edit: an import, a definition, a lambda, an assignment at any
 * depth to a name the scope knows (`F = None` inside `try:` undoes `F = torch.nn.functional` there), or of a plain
 * dotted name that starts with an imported name (`F = torch.nn.functional`, `nn2 = nn`), the only right-hand side
 * that makes an alias. `x = layers.Dense(8)(x)` binds nothing the scanner reads, so it stays incremental.
 * Top-level assignments are listed in `topLevel` instead: the caller compares the lists before and after the edit.
 */
function bindsNames(ts: TokenStream, known: Scope, topLevel: string[]): boolean {
  const { count, kind, indent } = ts;
  // `backend, layers, models, utils = get_submodules_from_kwargs(kwargs)` binds Keras modules.
  if (ts.text.includes('get_submodules_from_kwargs')) return true;
  for (let t = 0; t < count; t++) {
    if (indent[t] < 0 || kind[t] !== Tok.Name) continue;
    if (tokenIs(ts, t, 'import') || tokenIs(ts, t, 'from') || tokenIs(ts, t, 'def') || tokenIs(ts, t, 'class') || tokenIs(ts, t, 'async')) return true;
    if (!tokenIs(ts, t + 1, '=') || tokenIs(ts, t, 'self')) continue;
    if (tokenIs(ts, t + 2, 'lambda')) return true;
    if (indent[t] === 0) {
      // What the scope reads of a top-level assignment (scope.ts, readAssignment): the name, and the dotted value
      // when it is the whole right-hand side. The same list before and after the edit leaves the scope as it was.
      const value = readDotted(ts, t + 2);
      topLevel.push(`${tokenText(ts, t)}=${value && (value.next >= count || kind[value.next] === Tok.Newline) ? value.name : ''}`);
      continue;
    }
    const target = tokenText(ts, t);
    if (known.aliases.has(target) || known.functions.has(target)) return true;
    const value = readDotted(ts, t + 2);
    if (value && (value.next >= count || kind[value.next] === Tok.Newline) && known.everAliased.has(tokenText(ts, t + 2))) return true;
  }
  return false;
}

/** A region is self-contained when it ends outside any bracket or string and without a line continuation. */
function endsClean(ts: TokenStream, regionText: string): boolean {
  if (ts.openAtEnd) return false;
  const trimmed = regionText.replace(/[ \t\r\n]+$/, '');
  return !trimmed.endsWith('\\');
}

/** First index i with a[i] > value. */
function upperBound(a: Int32Array, value: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (a[mid] <= value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Line ends as Python counts them: CRLF, lone CR and LF. */
function countLineEnds(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 10) n++;
    else if (c === 13) { n++; if (s.charCodeAt(i + 1) === 10) i++; }
  }
  return n;
}

/** Scans a text once and then keeps its result current through edits. */
export class IncrementalScan {
  private state: State;
  private parsedMemo: ParsedSource | undefined;
  /** Whether the last update re-scanned only the statements around the edit (for tests and benchmarks). */
  lastWasIncremental = false;
  /** How many characters of the new text the last incremental update tokenized again (for tests). */
  lastRegionLength = 0;
  /** How the last update's tokens map to the version's before it; undefined after a full scan. */
  lastSplice: Splice | undefined;
  /**
   * Whether the usages before the last update's edit are the previous version's (none points at a definition the
   * edit moved): the model reader resumes there only then (rules/model/resume.ts).
   */
  lastKeptUsages = false;

  /** `context` says where the text lives, so wrappers in the project's other modules can be followed. */
  constructor(text: string, private readonly context?: ScanContext) {
    this.state = IncrementalScan.full(text, context);
  }

  get result(): ScanResult {
    return { usages: this.state.usages, notes: this.state.notes };
  }

  get text(): string {
    return this.state.text;
  }

  /** The current text as a full scan would parse it: token stream, scope and usages (the same objects each time). */
  get parsed(): ParsedSource {
    const s = this.state;
    return (this.parsedMemo ??= { scope: s.scope, units: [keepUnitLines({ text: s.text, ts: s.ts, usages: s.usages, notes: s.notes }, s.lines)] });
  }

  private static full(text: string, context?: ScanContext): State {
    const parsed = parsePython(text, context);
    const unit = parsed.units[0];
    // This stream's facts about names are carried to the next version's (python/tokenFacts.ts).
    keepTokenFacts(unit.ts);
    const starts: number[] = [];
    const lineNumbers: number[] = [];
    const lines = unitLines(unit);
    statementStarts(unit.ts, 0, 0, lines, starts, lineNumbers);
    return {
      text, ts: unit.ts, scope: parsed.scope, usages: unit.usages, notes: unit.notes,
      stmtStarts: Int32Array.from(starts), stmtLines: Int32Array.from(lineNumbers), lines,
    };
  }

  /** Applies one edit (or several, which fall back to a full scan) and returns the new result. */
  update(newText: string, changes: readonly TextChange[]): ScanResult {
    const change = changes.length === 1 && !looksBinary(newText) ? changes[0] : undefined;
    const next = change && this.tryIncremental(newText, change);
    this.lastWasIncremental = next !== undefined;
    if (!next) this.lastSplice = undefined;
    this.state = next ?? IncrementalScan.full(newText, this.context);
    this.parsedMemo = undefined;
    return this.result;
  }

  private tryIncremental(newText: string, change: TextChange): State | undefined {
    const old = this.state;
    const { offset, deleted, inserted } = change;
    const delta = inserted.length - deleted;
    if (newText.length !== old.text.length + delta || offset < 0 || offset + deleted > old.text.length) return undefined;
    // The statements touched by the edit, plus one on each side (an edit may join or split lines).
    const first = Math.max(0, upperBound(old.stmtStarts, offset) - 2);
    const afterIdx = Math.min(old.stmtStarts.length, upperBound(old.stmtStarts, offset + deleted) + 1);
    // From the first statement on, the region starts at the text's start: an edit in a header comment above the
    // first statement is inside it, and the lines of everything in it count from 0.
    const regionStart = first === 0 ? 0 : old.stmtStarts[first];
    const regionEndOld = afterIdx < old.stmtStarts.length ? old.stmtStarts[afterIdx] : old.text.length;
    const oldRegion = old.text.slice(regionStart, regionEndOld);
    const newRegion = newText.slice(regionStart, regionEndOld + delta);
    this.lastRegionLength = newRegion.length;
    const oldTs = tokenize(oldRegion);
    const newTs = tokenize(newRegion);
    if (!endsClean(newTs, newRegion) || !endsClean(oldTs, oldRegion)) return undefined;
    const oldTopLevel: string[] = [];
    const newTopLevel: string[] = [];
    if (bindsNames(oldTs, old.scope, oldTopLevel) || bindsNames(newTs, old.scope, newTopLevel) || oldTopLevel.join('\n') !== newTopLevel.join('\n')) return undefined;
    const { ts, splice } = spliceTokens(old.ts, newTs, newText, regionStart, regionEndOld, delta);
    // Calls anywhere may depend on what a wrapper does with its activation parameter: the wrappers the edit touches
    // are read again, and when one of them now does something else, everything is scanned again.
    const wrappers = old.scope.wrappers?.edited(ts, regionStart, regionEndOld, delta, (w) => qualifyName(old.scope, w), old.scope);
    if (old.scope.wrappers && !wrappers) return undefined;

    const baseLine = first === 0 ? 0 : old.stmtLines[first];
    // Counted over the whole regions, not the edit alone: deleting the LF of a CRLF leaves a CR that still ends a line.
    const lineDelta = countLineEnds(newRegion) - countLineEnds(oldRegion);
    const editEnd = offset + deleted;
    // Definitions after the edit moved; custom usages point at them by offset. The scope is copied, not moved in
    // place: an analysis of the previous version may still read it.
    const scope: Scope = { ...shiftFunctions(old.scope, editEnd, delta), wrappers };
    const regionLines = new LineIndex(newRegion);
    const usages: Usage[] = [];
    const moved = (u: Usage): number => (delta !== 0 && u.definitionStart !== undefined && u.definitionStart >= editEnd ? delta : 0);
    // The usages before the region are the old ones, unless a definition they point at moved.
    let kept = true;
    for (const u of old.usages) {
      if (u.start >= regionStart) break;
      if (!moved(u)) usages.push(u);
      else {
        usages.push(shiftUsage(u, 0, 0, delta));
        kept = false;
      }
    }
    const notes: string[] = [];
    for (const raw of detectRaw(newTs, scope, notes)) {
      // Region offsets are relative to the region. Definitions from the scope are absolute; an inline lambda is its
      // own definition and so is relative like the usage.
      const inline = raw.definitionStart === raw.start;
      usages.push(shiftUsage(toUsage(raw, regionLines, undefined), regionStart, baseLine, inline ? regionStart : 0));
    }
    for (const u of old.usages) if (u.start >= regionEndOld) usages.push(shiftUsage(u, delta, lineDelta, moved(u)));
    const regionStarts: number[] = [];
    const regionLineNumbers: number[] = [];
    statementStarts(newTs, regionStart, baseLine, regionLines, regionStarts, regionLineNumbers);
    const after = old.stmtStarts.length - afterIdx;
    const stmtStarts = new Int32Array(first + regionStarts.length + after);
    const stmtLines = new Int32Array(stmtStarts.length);
    stmtStarts.set(old.stmtStarts.subarray(0, first));
    stmtLines.set(old.stmtLines.subarray(0, first));
    stmtStarts.set(regionStarts, first);
    stmtLines.set(regionLineNumbers, first);
    for (let i = 0, j = first + regionStarts.length; i < after; i++, j++) {
      stmtStarts[j] = old.stmtStarts[afterIdx + i] + delta;
      stmtLines[j] = old.stmtLines[afterIdx + i] + lineDelta;
    }
    // Notes of untouched statements are not tracked per statement: a failure anywhere falls back to a full scan.
    if (notes.length || old.notes.length) return undefined;
    this.lastSplice = splice;
    this.lastKeptUsages = kept;
    return { text: newText, ts, scope, usages, notes, stmtStarts, stmtLines, lines: old.lines.spliced(regionStart, regionEndOld, delta, regionLines) };
  }
}

/** The scope with every definition at or after `after` moved by `delta` (the same scope when nothing moves). */
function shiftFunctions(scope: Scope, after: number, delta: number): Scope {
  if (delta === 0 || ![...scope.functions.values()].some((fn) => fn.start >= after)) return scope;
  const functions = new Map([...scope.functions].map(([name, fn]) => [name, fn.start >= after ? { ...fn, start: fn.start + delta } : fn]));
  return { ...scope, functions };
}

