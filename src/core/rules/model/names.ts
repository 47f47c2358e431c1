/**
 * Dotted names of one unit's tokens, read and resolved at most once per analysis. The structure reader looks at the
 * same callee from several places (the statement's target, the sequence and loss readers, layer and input checks),
 * and building `layers.Dense` and hashing it again each time was most of its cost.
 */
import { isChar, Tok, type TokenStream } from '../../python/tokenizer';
import { tokenFacts, valueId, type TokenFacts } from '../../python/tokenFacts';
import type { Scope } from '../../scan/scope';
import { dottedText, qualifyIn, qualifyMemo, skipDotted, type DottedName } from './resolve';

/** Marks a resolution not asked for yet (`undefined` is a real answer: the name resolves to nothing). */
const UNREAD = null;


/**
 * A dotted name and, once asked for, what it resolves to. Entries of the current statement are reused for the next
 * statement's names (set again in place): a name read is new garbage no more, as two objects per name (the name and
 * its assignment) were a large share of what reading a file allocated. Callers keep an entry only within its
 * statement (strings read from it are theirs to keep).
 */
class Entry implements DottedName {
  constructor(public text: string, public first: number, public next: number, public qualified: string | undefined | typeof UNREAD) {}

  /** As an assignment (`NAME = ...`): the name and the value's first token. */
  get name(): string {
    return this.text;
  }

  get value(): number {
    return this.next + 1;
  }
}

/** The bit of a name's length in `Names.initials`. */
function lengthBit(length: number): number {
  return 1 << (length < 31 ? length : 31);
}

export class Names {
  /**
   * Dotted names of the current statement's tokens, by token - from. Only one statement is kept: a name is read
   * again mostly within its statement, and keeping every name of a large file alive costs more in GC than it saves.
   */
  private from = 0;
  private to = 0;
  private readonly entries: (Entry | undefined)[] = [];
  /** The entry objects by slot, reused from statement to statement (`entries` says which are read in this one). */
  private readonly spare: (Entry | undefined)[] = [];
  /** How many of `entries` belong to the current statement (the rest are stale, kept to spare the array's regrowth). */
  private filled = 0;
  /** Per token: 0 unknown, 1 may qualify, 2 cannot. */
  private readonly mayQ: Uint8Array;
  /**
   * Per token: the dotted name starting there (its span, text and resolution), once read, for a document kept current
   * through edits, which carry them to the next version; undefined otherwise.
   */
  private readonly facts: TokenFacts | undefined;
  /**
   * Per first character of the scope's aliases, the lengths they have (bit n for length n, bit 31 for 31 or more):
   * most names (`self`, `x`, `out`) are told apart from every alias without building their text.
   */
  private readonly initials = new Uint32Array(128);
  /** The aliases by first character (under 128): a name that passes `initials` is compared with them in place. */
  private readonly aliasesBy: (string[] | undefined)[] = [];
  private readonly star: boolean;
  /** The last dotted name read of each first character (under 128), for `textOf`. */
  private readonly recent: (string | undefined)[] = [];
  /** The scope's `qualify` memo, looked up once (a weak-map lookup per name was a share of reading one). */
  private readonly memo: Map<string, string | undefined> | undefined;

  constructor(readonly ts: TokenStream, readonly scope: Scope) {
    for (const name of scope.aliases.keys()) {
      const c = name.charCodeAt(0);
      if (c < 128) {
        this.initials[c] |= lengthBit(name.length);
        (this.aliasesBy[c] ??= []).push(name);
      }
    }
    this.star = scope.starModules.length > 0;
    // Judged against the scope's tables (a star import's modules among them), and carried by an incremental edit with
    // the tokens.
    this.facts = tokenFacts(ts, [scope.aliases, scope.locals, scope.starModules]);
    this.mayQ = this.facts ? this.facts.marks : new Uint8Array(ts.count);
    this.memo = qualifyMemo(scope);
  }

  /** Starts a statement: tokens [from, to) are the ones whose names are kept until the next. */
  statement(from: number, to: number): void {
    this.from = from;
    this.to = to;
    this.filled = 0;
  }

  /** `readDotted(ts, t)`, read once per statement. */
  dottedAt(t: number): DottedName | undefined {
    return this.entry(t);
  }

  private entry(t: number): Entry | undefined {
    const ts = this.ts;
    if (t < 0 || t >= ts.count || ts.kind[t] !== Tok.Name) return undefined;
    const k = t - this.from;
    const inside = t >= this.from && t < this.to;
    if (inside && k < this.filled) {
      const hit = this.entries[k];
      if (hit) return hit;
    }
    const facts = this.facts;
    let next: number;
    let text: string;
    const span = facts ? facts.span[t] : 0;
    if (span) {
      next = t + span;
      text = facts!.values[facts!.text[t]]!;
    } else {
      next = skipDotted(ts, t);
      text = this.textOf(t, next);
      const id = facts && next - t < 256 ? valueId(facts, text) : 0;
      if (id) {
        facts!.text[t] = id;
        facts!.span[t] = next - t;
      }
    }
    if (!inside) return new Entry(text, t, next, UNREAD);
    // Filled in order from the statement's start, so the array stays dense; slots before k are marked unread.
    for (; this.filled < k; this.filled++) this.entries[this.filled] = undefined;
    let e = this.spare[k];
    if (e) { e.text = text; e.first = t; e.next = next; e.qualified = UNREAD; }
    else e = this.spare[k] = new Entry(text, t, next, UNREAD);
    this.entries[k] = e;
    if (this.filled === k) this.filled = k + 1;
    return e;
  }

  /**
   * `dottedText(ts, t, next)`, the same string as the last name of the same first character when the text is the
   * same: a file writes the same few callees (`nn.Linear`, `layers.Dense`) thousands of times, and every layer keeps
   * its callee's text. (A name equal to one built without spaces is itself written without spaces, so its text is
   * its source.)
   */
  textOf(t: number, next: number): string {
    const ts = this.ts;
    const start = ts.start[t];
    const c = ts.text.charCodeAt(start);
    if (c >= 128) return dottedText(ts, t, next);
    const last = this.recent[c];
    if (last !== undefined && last.length === ts.end[next - 1] - start && ts.text.startsWith(last, start)) return last;
    const text = dottedText(ts, t, next);
    this.recent[c] = text;
    return text;
  }

  /** `qualify(scope, readDotted(ts, t).text)`; undefined when t does not start a name. */
  qualifiedAt(t: number): string | undefined {
    const facts = this.facts;
    const known = facts && t >= 0 && t < this.ts.count ? facts.resolved[t] : 0;
    if (known) return facts!.values[known];
    const e = this.entry(t);
    if (!e) return undefined;
    if (e.qualified !== UNREAD) return e.qualified;
    const value = qualifyIn(this.memo, this.scope, e.text);
    e.qualified = value;
    if (facts) facts.resolved[t] = valueId(facts, value);
    return value;
  }

  /** The assignment whose target starts at token t (`model = ...`, `self.fc = ...`), read once per statement. */
  assignmentAt(t: number): { readonly name: string; readonly value: number } | undefined {
    const ts = this.ts;
    // Most statements are not assignments: no name is read for them. The entry's `next` is the `=` tested here.
    if (t < 0 || t >= ts.count || ts.kind[t] !== Tok.Name || !isChar(ts, skipDotted(ts, t), 61 /* = */)) return undefined;
    return this.entry(t);
  }

  /** `mayQualify(scope, ts, t)` for a name token: only names the scope could resolve are worth reading. */
  mayQualify(t: number): boolean {
    const known = this.mayQ[t];
    if (known) return known === 1;
    const ts = this.ts;
    const c = ts.text.charCodeAt(ts.start[t]);
    let may: boolean;
    const start = ts.start[t];
    const length = ts.end[t] - start;
    if (!this.star && c < 128) {
      // `aliases.has(text)` without the text: an alias of this first character and length, compared in place.
      may = false;
      const same = this.initials[c] & lengthBit(length) ? this.aliasesBy[c] : undefined;
      if (same) {
        for (let k = 0; k < same.length; k++) {
          if (same[k].length === length && ts.text.startsWith(same[k], start)) { may = true; break; }
        }
      }
    } else {
      const head = ts.text.slice(ts.start[t], ts.end[t]);
      may = this.scope.aliases.has(head) || (this.star && /^[A-Z]/.test(head));
    }
    this.mayQ[t] = may ? 1 : 2;
    return may;
  }
}
