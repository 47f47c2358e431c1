/**
 * Which model an expression denotes, and which activation its output ends in, through the reaching definitions
 * of flow.ts: `model.compile(...)` on the model bound to `model` at that point; `criterion(out, y)` where
 * `out = net(x)` and `net = Net().to(device)`; `validity, label = discriminator(img)` through forward's
 * `return validity, label`; models returned by builder functions of the same file. Anything else is unknown,
 * and unknown means the pairing rules stay silent.
 */
import { callArgs, topLevelParts } from '../python/callArgs';
import { fnv, FNV_START, smallHash } from '../python/textHash';
import { Tok, tokenIs, tokenText, type TokenStream } from '../python/tokenizer';
import type { ParsedSource } from '../scan';
import { outputHead, type LayerNode, type LossApplication, type LossRef, type ModelInfo, type Sequence } from '../rules/model';
import { argument, argumentAt } from '../rules/model/layers';
import { activationNode, ofFramework } from '../rules/model/modules';
import { readDotted, statementEnd, usagesStartingAt } from '../rules/model/resolve';
import { Flow, UNIT_STRIDE, type Binding, type FlowScope, type Point } from './flow';
import { CallNames, findCallSites, spliceCallSites, type CallSites } from './callSites';
import type { ReadResume } from '../rules/model/resume';

/** A place the pairing went through, for messages and related information. */
export interface Via {
  readonly unit: number;
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

export interface ModelRef {
  readonly seq: Sequence;
  /** The call of the model whose output is used (`discriminator(img)`), when the output is what is paired. */
  readonly call?: Via;
}

/** The activation an output ends in. */
export interface OutputEnd {
  /** Canonical name; `linear` when the last layer applies none. */
  readonly activation: string;
  /** The layer or activation call that applies it (forward placement for calls in forward). */
  readonly node: LayerNode;
  /** Units of the last Dense/Linear, when literal. */
  readonly units?: number;
  readonly model: Sequence;
  readonly call?: Via;
}

/** Methods that return the same module or the same values reshaped: `.to(device)`, `.cuda()`, `.view(-1)`. */
const SAME_MODULE = new Set(['to', 'cuda', 'cpu', 'train', 'eval', 'float', 'double', 'half', 'requires_grad_', 'share_memory']);
const SAME_VALUES = new Set(['view', 'reshape', 'squeeze', 'unsqueeze', 'flatten', 'contiguous', 'float', 'double', 'to', 'cuda', 'cpu', 'view_as', 'reshape_as']);
const MAX_DEPTH = 10;

/** A token range in one unit: an argument passed at a call site. */
interface Span {
  readonly unit: number;
  readonly from: number;
  readonly to: number;
}

/** At most this many call sites of one function are followed (beyond it, a parameter's value is unknown). */
const MAX_CALL_SITES = 32;

export class Pairing {
  private flowCache: Flow | undefined;
  /** Name tokens of the file's function names, by name, and calls a parameter may make (built on first use). */
  private callIndex: CallSites | undefined;
  /** PyTorch loss constructions by `unit:start:end`. */
  private lossIndex: Map<string, LossRef> | undefined;
  private parameterApps: LossApplication[] | undefined;
  private readonly parameterModels = new Map<Binding, ModelRef | undefined>();
  private readonly parameterLosses = new Map<Binding, LossRef | undefined>();

  /** `resume`: what the document's version before this one left (its call sites), when a document is being edited. */
  constructor(private readonly parsed: ParsedSource, private readonly info: ModelInfo, private readonly resume?: ReadResume) {}

  /** Built on first use: files without compile calls or losses never pay for it. */
  get flow(): Flow {
    this.flowCache ??= new Flow(this.parsed);
    return this.flowCache;
  }

  private ts(unit: number): TokenStream {
    return this.parsed.units[unit].ts;
  }

  private via(unit: number, from: number, to: number): Via {
    const ts = this.ts(unit);
    return { unit, start: ts.start[from], end: ts.end[to - 1], text: ts.text.slice(ts.start[from], ts.end[to - 1]) };
  }

  /** The model a name denotes at a point (`model`, `self.net`). */
  modelOfName(name: string, point: Point, depth = 0): ModelRef | undefined {
    if (depth > MAX_DEPTH) return undefined;
    const reach = this.flow.reach(name, point);
    if (reach.kind !== 'binding') return undefined;
    const b = reach.binding;
    if (b.definition === 'class') {
      // The class itself is not an instance; `Net` used as a model is not something we pair.
      return undefined;
    }
    if (b.parameter) {
      // `def train(model, ...)`: the model every call site of the function passes, when they all pass the same one.
      // Memoised per parameter (a pending entry stops recursion through the function's own calls).
      if (this.parameterModels.has(b)) return this.parameterModels.get(b);
      this.parameterModels.set(b, undefined);
      const args = this.argumentsOf(b, depth);
      let seq: Sequence | undefined;
      for (const a of args ?? []) {
        const ref = this.modelOfExpr(a.unit, a.from, a.to, depth);
        if (!ref || (seq && ref.seq !== seq)) { seq = undefined; break; }
        seq = ref.seq;
      }
      const result = seq ? { seq } : undefined;
      this.parameterModels.set(b, result);
      return result;
    }
    if (!b.value || b.element !== undefined) return undefined;
    return this.modelOfExpr(b.at.unit, b.value.from, b.value.to, depth + 1);
  }

  /**
   * The arguments every call of a parameter's function passes for it, when the function is a plain function of the
   * file (not a method), every use of its name is a call that reaches this definition, and each call passes the
   * parameter (by keyword or position, with no `*args` before it). Anything else: undefined.
   */
  argumentsOf(param: Binding, depth = 0): Span[] | undefined {
    if (depth > MAX_DEPTH || !param.parameter || param.parameter.star) return undefined;
    const fn = this.flow.scopes[param.scope];
    if (fn.kind !== 'function' || !fn.name || fn.parent === undefined || this.flow.scopes[fn.parent].kind === 'class' || !fn.header) return undefined;
    const def = this.flow.bindingsOf(fn.parent, fn.name).find((b) => b.definition === 'def' && b.at.unit === fn.header!.unit && this.flow.statement(fn.header!)?.start === b.at.tok);
    if (!def) return undefined;
    const spans: Span[] = [];
    for (const p of this.occurrences(fn.name)) {
      const ts = this.ts(p.unit);
      if (p.unit === fn.header.unit && p.tok === fn.header.tok + 1) continue; // the `def NAME` itself
      if (tokenIs(ts, p.tok + 1, '=')) continue; // a keyword argument or another binding of the name
      const stmt = this.flow.statement(p);
      if (stmt && (tokenIs(ts, stmt.start, 'def') || tokenIs(ts, stmt.start, 'async'))) {
        if (isCall(ts, p.tok + 1)) return undefined; // called in a default value: too rare to follow
        continue; // another function's parameter of the same name
      }
      const reach = this.flow.reach(fn.name, p);
      if (reach.kind === 'ambiguous') return undefined;
      if (reach.kind !== 'binding' || reach.binding !== def) continue;
      // Used other than called (passed as a callback, stored): callers we cannot see.
      if (!isCall(ts, p.tok + 1) || ts.match[p.tok + 1] < 0) return undefined;
      const args = callArgs(ts, p.tok + 1);
      if (args.some((a) => a.star)) return undefined;
      const found = argument(args, param.name, param.parameter.index);
      if (!found) return undefined; // the default value, or a call we cannot map
      spans.push({ unit: p.unit, from: found.arg.from, to: found.arg.to });
      if (spans.length > MAX_CALL_SITES) return undefined;
    }
    return spans.length ? spans : undefined;
  }

  /** Name tokens (not attributes) spelling `name`, when it is a function name the file defines; in document order. */
  private occurrences(name: string): Point[] {
    const list = this.callSites().names.get(smallHash(fnv(FNV_START, name, 0, name.length))) ?? [];
    // A hash may be shared by two names: keep the tokens that spell this one (most lists hold one name).
    return list.filter((p) => tokenIs(this.ts(p.unit), p.tok, name));
  }

  /** Where plain functions' names are written and which calls may call a parameter (model/callSites.ts). */
  private callSites(): CallSites {
    if (this.callIndex) return this.callIndex;
    const asked = new CallNames();
    const scopes = this.flow.scopes;
    for (const s of scopes) {
      if (s.kind !== 'function' || s.parent === undefined || scopes[s.parent].kind === 'class') continue;
      if (s.name) asked.addFunction(s.name);
      const open = parameterListOpen(this.parsed, scopes, s);
      if (open >= 0) asked.addParameters(this.ts(s.header!.unit), open + 1, this.ts(s.header!.unit).match[open]);
    }
    const units = this.parsed.units;
    const before = this.resume?.callSitesBefore(this.parsed);
    let sites: CallSites;
    if (before && asked.same(before.asked)) {
      sites = spliceCallSites(asked, units[0].ts, before.sites, before.splice);
      this.resume!.splicedCallSites++;
    } else sites = findCallSites(asked, units.map((u) => u.ts));
    this.resume?.keepCallSites(this.parsed, asked, sites);
    return (this.callIndex = sites);
  }

  /**
   * The PyTorch loss a name denotes at a point: its reaching binding is a loss construction (`nn.BCELoss()`), another
   * name bound to one, or a parameter every call site passes the same loss for. Undefined when unsure.
   */
  lossOfName(name: string, point: Point, depth = 0): LossRef | undefined {
    if (depth > MAX_DEPTH) return undefined;
    const reach = this.flow.reach(name, point);
    if (reach.kind !== 'binding') return undefined;
    const b = reach.binding;
    if (b.parameter) {
      if (this.parameterLosses.has(b)) return this.parameterLosses.get(b);
      this.parameterLosses.set(b, undefined);
      let loss: LossRef | undefined;
      for (const a of this.argumentsOf(b, depth) ?? []) {
        const l = this.lossOfExpr(a.unit, a.from, a.to, depth);
        if (!l || (loss && l !== loss)) { loss = undefined; break; }
        loss = l;
      }
      this.parameterLosses.set(b, loss);
      return loss;
    }
    if (!b.value || b.element !== undefined) return undefined;
    return this.lossOfExpr(b.at.unit, b.value.from, b.value.to, depth + 1);
  }

  private lossOfExpr(unit: number, from: number, to: number, depth: number): LossRef | undefined {
    const ts = this.ts(unit);
    [from, to] = unwrap(ts, from, to);
    if (from >= to) return undefined;
    if (to - from === 1 && ts.kind[from] === Tok.Name) return this.lossOfName(tokenText(ts, from), { unit, tok: from }, depth + 1);
    if (!this.lossIndex) {
      this.lossIndex = new Map();
      for (const l of this.info.torchLosses) if (l.kind === 'class') this.lossIndex.set(`${l.unit}:${l.start}:${l.end}`, l);
    }
    return this.lossIndex.get(`${unit}:${ts.start[from]}:${ts.end[to - 1]}`);
  }

  /**
   * Losses applied through a parameter: `def train(model, loader, loss_fn): ... loss_fn(out, y)` where every call
   * of `train` passes the same loss object. The reader only sees names bound to losses, so these are found here.
   */
  parameterApplications(): readonly LossApplication[] {
    if (this.parameterApps) return this.parameterApps;
    const apps: LossApplication[] = [];
    this.parameterApps = apps;
    // A parameter's loss is always a loss class's construction (lossOfExpr): without one, nothing to find.
    if (!this.info.torchLosses.some((l) => l.kind === 'class')) return apps;
    let known: Set<number> | undefined;
    const scopes = this.flow.scopes;
    // The calls a parameter may make, each with the plain function whose body's statement holds it, visited by
    // function (in the order of the functions, then of the calls): the order a scan of every function's body had.
    const { calls } = this.callSites();
    const found: { readonly scope: number; readonly unit: number; readonly tok: number }[] = [];
    for (let c = 0; c < calls.length; c += 2) {
      const scope = this.flow.statementScope(calls[c], calls[c + 1]);
      if (scope >= 0 && parameterListOpen(this.parsed, scopes, scopes[scope]) >= 0) found.push({ scope, unit: calls[c], tok: calls[c + 1] });
    }
    found.sort((a, b) => a.scope - b.scope || a.tok - b.tok);
    let params: string[] | undefined;
    for (let c = 0; c < found.length; c++) {
      const { scope: id, unit, tok: t } = found[c];
      const scope = scopes[id];
      // The parameters are listed (as flow.ts reads them) only once a call's name is spelled among the header's
      // tokens: most functions call none of their parameters.
      if (c === 0 || found[c - 1].scope !== id) params = undefined;
      const ts = this.ts(unit);
      const open = scope.header!.tok + 2;
      // Compared in place: most calls in a body are not of a parameter.
      if (!spelledIn(ts, t, open + 1, ts.match[open])) continue;
      params ??= uniqueNames(this.flow.parametersOf(id));
      const p = nameIndex(ts, t, params);
      if (p < 0) continue;
      known ??= new Set(this.info.applications.map((a) => a.unit * UNIT_STRIDE + a.open));
      if (known.has(unit * UNIT_STRIDE + t + 1)) continue;
      const name = params[p];
      const reach = this.flow.reach(name, { unit, tok: t });
      if (reach.kind !== 'binding' || !reach.binding.parameter || reach.binding.scope !== id) continue;
      const loss = this.lossOfName(name, { unit, tok: t });
      if (!loss) { params.splice(p, 1); continue; }
      const pred = argumentAt(ts, t + 1, 'input', 0);
      if (pred) apps.push({ loss, unit, open: t + 1, variable: name, predFrom: pred.arg.from, predTo: pred.arg.to });
    }
    return apps;
  }

  /** The model an expression evaluates to: a construction, an instance of a module class, a builder's result, a name. */
  modelOfExpr(unit: number, from: number, to: number, depth = 0): ModelRef | undefined {
    if (depth > MAX_DEPTH || from >= to) return undefined;
    const ts = this.ts(unit);
    [from, to] = unwrap(ts, from, to);
    const point = { unit, tok: from };
    const callee = readDotted(ts, from);
    if (!callee) return undefined;
    if (callee.next === to) return this.modelOfName(callee.text, point, depth + 1);
    if (!isCall(ts, callee.next) || ts.match[callee.next] > to - 1) return undefined;
    const close = ts.match[callee.next];
    if (close === to - 1) {
      const built = this.info.built.construction(unit, ts.start[from]);
      if (built) return { seq: built };
      const dot = callee.text.lastIndexOf('.');
      if (dot > 0 && SAME_MODULE.has(callee.text.slice(dot + 1))) {
        // `Net().to(device)`: the receiver is everything before the last `.name`.
        return this.modelOfExpr(unit, from, callee.next - 2, depth + 1);
      }
      if (callee.text.includes('.')) return undefined;
      const reach = this.flow.reach(callee.text, point);
      if (reach.kind !== 'binding') return undefined;
      const b = reach.binding;
      if (b.definition === 'class') {
        const seq = this.info.built.moduleClass(b.at.unit, b.at.tok);
        return seq ? { seq } : undefined;
      }
      if (b.definition === 'def') return this.builderResult(b.at, depth + 1);
      return undefined;
    }
    // A method call on a call: `Net().to(device)`, `build().cuda()`.
    if (tokenIs(ts, close + 1, '.') && ts.kind[close + 2] === Tok.Name && SAME_MODULE.has(tokenText(ts, close + 2)) && isCall(ts, close + 3) && ts.match[close + 3] === to - 1) {
      return this.modelOfExpr(unit, from, close + 1, depth + 1);
    }
    return undefined;
  }

  /** What a function of the file returns, when it has exactly one `return` and it is a model. */
  private builderResult(def: Point, depth: number): ModelRef | undefined {
    const scope = this.flow.functionOfStatement(def.unit, def.tok);
    const r = scope && this.onlyReturn(scope);
    return r && this.modelOfExpr(r.unit, r.from, r.to, depth);
  }

  /** The returned expression's tokens when a function has exactly one `return` of its own (nested ones aside). */
  private onlyReturn(scope: FlowScope): { unit: number; from: number; to: number } | undefined {
    const returns = scope.body.filter((p) => tokenIs(this.ts(p.unit), p.tok, 'return') && this.flow.statement(p)?.scope === scope.id);
    if (returns.length !== 1) return undefined;
    const r = returns[0];
    return { unit: r.unit, from: r.tok + 1, to: statementEnd(this.ts(r.unit), r.tok) };
  }

  /**
   * The activation at the end of a value used as a prediction: a model's output (`net(x)`), an element of a
   * tuple-returning model (`validity, label = d(x)`), a name bound to either, reshaped (`out.view(-1)`).
   */
  outputOfExpr(unit: number, from: number, to: number, depth = 0, element?: number): OutputEnd | undefined {
    if (depth > MAX_DEPTH || from >= to) return undefined;
    const ts = this.ts(unit);
    [from, to] = unwrap(ts, from, to);
    const callee = readDotted(ts, from);
    if (!callee) return undefined;
    if (callee.next === to) {
      if (element !== undefined) return undefined;
      const reach = this.flow.reach(callee.text, { unit, tok: from });
      if (reach.kind !== 'binding' || !reach.binding.value) return undefined;
      const { at, value, element: index } = reach.binding;
      return this.outputOfExpr(at.unit, value.from, value.to, depth + 1, index);
    }
    // The expression ends in a call: a reshape of a value (`out.view(-1)`, `net(x).squeeze(1)`) or a model call.
    const close = to - 1;
    const open = ts.match[close];
    if (!tokenIs(ts, close, ')') || open <= from) return undefined;
    if (ts.kind[open - 1] === Tok.Name && tokenIs(ts, open - 2, '.') && open - 2 > from) {
      if (SAME_VALUES.has(tokenText(ts, open - 1))) return this.outputOfExpr(unit, from, open - 2, depth + 1, element);
      if (ts.kind[open - 3] === Tok.Close) return undefined; // another method on a call's result
    }
    // `net(x)`, `self.model(x)`, `Net()(x)`: the model's output.
    const model = this.modelOfExpr(unit, from, open, depth + 1);
    if (!model) return undefined;
    return this.endOfModel(model.seq, this.via(unit, from, to), element);
  }

  /** The activation a model's output (or one element of its tuple output) ends in. */
  endOfModel(seq: Sequence, call: Via | undefined, element?: number): OutputEnd | undefined {
    if (seq.source !== 'module' || !seq.module) {
      if (element !== undefined || !seq.ordered) return undefined;
      const head = outputHead(seq);
      if (!head?.activation) return undefined;
      return { activation: head.activation, node: head.layer, ...(head.units === undefined ? {} : { units: head.units }), model: seq, ...(call ? { call } : {}) };
    }
    const m = seq.module;
    const forward = this.flow.functionAt(m.unit, m.forward);
    const r = forward && this.onlyReturn(forward);
    if (!r) return undefined;
    const ts = this.ts(r.unit);
    let [from, to] = unwrap(ts, r.from, r.to);
    const parts = topLevelParts(ts, from, to);
    if (parts.length > 1) {
      if (element === undefined || element >= parts.length) return undefined;
      ({ from, to } = parts[element]);
    } else if (element !== undefined) return undefined;
    const end2 = this.endInForward(seq, r.unit, from, to, 0);
    return end2 ? { ...end2, ...(call ? { call } : {}) } : undefined;
  }

  /** The last activation an expression inside forward applies. */
  private endInForward(seq: Sequence, unit: number, from: number, to: number, depth: number): OutputEnd | undefined {
    if (depth > MAX_DEPTH || from >= to || !seq.module) return undefined;
    const ts = this.ts(unit);
    [from, to] = unwrap(ts, from, to);
    const callee = readDotted(ts, from);
    if (!callee) return undefined;
    if (callee.next === to) {
      const reach = this.flow.reach(callee.text, { unit, tok: from });
      if (reach.kind !== 'binding' || !reach.binding.value || reach.binding.element !== undefined) return undefined;
      const { at, value } = reach.binding;
      return this.endInForward(seq, at.unit, value.from, value.to, depth + 1);
    }
    // A method call at the end: `x.softmax(dim=1)`, `x.view(-1)`, `self.fc(x).sigmoid()`.
    const last = lastCall(ts, from, to);
    const framework = seq.framework === 'torch' ? 'torch' : 'keras';
    if (!last) return undefined;
    // A function usage starts at its callee (`F.softmax`), a method usage at its name (`softmax` in `x.softmax()`).
    const usages = this.parsed.units[unit].usages;
    let usage;
    for (let t = last.receiverEnd === undefined ? from : last.name; t <= last.name && !usage; t++) {
      usage = usagesStartingAt(usages, ts.start[t]).find((u) => ofFramework(u, framework) && (u.form === 'function' || u.form === 'method') && u.callEnd === ts.end[to - 1]);
    }
    if (usage) {
      const node = activationNode(unit, this.parsed.units[unit], usage, framework);
      if (node) {
        // The width is the one of what the activation is applied to (`F.softmax(self.fc(x))`, `self.fc(x).sigmoid()`).
        const input = last.receiverEnd !== undefined ? { from, to: last.receiverEnd } : node.args[0] && !node.args[0].keyword && !node.args[0].star ? node.args[0] : undefined;
        const units = input ? this.endInForward(seq, unit, input.from, input.to, depth + 1)?.units : undefined;
        return { activation: usage.name, node, model: seq, ...(units === undefined ? {} : { units }) };
      }
    }
    if (last.receiverEnd !== undefined) {
      // A method on a value: only reshapes keep what the value ends in.
      if (!SAME_VALUES.has(tokenText(ts, last.name))) return undefined;
      return this.endInForward(seq, unit, from, last.receiverEnd, depth + 1);
    }
    if (callee.text.startsWith('self.') && isCall(ts, callee.next) && ts.match[callee.next] === to - 1) {
      const layers = seq.module.attrs.get(callee.text);
      if (!layers?.length) return undefined;
      const placed = seq.layers.find((l) => l.unit === unit && l.placement.kind === 'forward' && l.placement.callStart === ts.start[from]);
      const tail = layers.length === 1 && placed ? [placed] : layers;
      const head = outputHead({ framework: seq.framework, source: 'sequential', layers: [...tail], ordered: true });
      if (!head?.activation) return undefined;
      return { activation: head.activation, node: head.layer, ...(head.units === undefined ? {} : { units: head.units }), model: seq };
    }
    return undefined;
  }
}

/** The names in order, each once (a fresh list: the caller removes names from it). */
function uniqueNames(names: readonly string[]): string[] {
  const out: string[] = [];
  for (const n of names) if (!out.includes(n)) out.push(n);
  return out;
}

/** The names' tokens of the plain functions, by hash, and the calls a parameter may make (unit and token pairs). */
/**
 * The `(` of a plain function's parameter list (a function scope inside no class's own scope, with a header), when it
 * has parameters; -1 otherwise.
 */
function parameterListOpen(parsed: ParsedSource, scopes: readonly FlowScope[], scope: FlowScope): number {
  if (scope.kind !== 'function' || scope.parent === undefined || scopes[scope.parent].kind === 'class' || !scope.header) return -1;
  const ts = parsed.units[scope.header.unit].ts;
  const open = scope.header.tok + 2;
  return tokenIs(ts, open, '(') && ts.match[open] > open + 1 ? open : -1;
}

/** The index in `names` of the name token `t` spells, or -1 (compared in place, no closure: it runs on every call). */
function nameIndex(ts: TokenStream, t: number, names: readonly string[]): number {
  for (let i = 0; i < names.length; i++) if (tokenIs(ts, t, names[i])) return i;
  return -1;
}

/** Whether a Name token in [from, to) spells the same text as name token `t` (compared in place). */
function spelledIn(ts: TokenStream, t: number, from: number, to: number): boolean {
  const { kind, start, end, text } = ts;
  const a = start[t];
  const length = end[t] - a;
  for (let i = from; i < to; i++) {
    if (kind[i] !== Tok.Name || end[i] - start[i] !== length) continue;
    const b = start[i];
    let k = 0;
    while (k < length && text.charCodeAt(a + k) === text.charCodeAt(b + k)) k++;
    if (k === length) return true;
  }
  return false;
}

function isCall(ts: TokenStream, t: number): boolean {
  return t < ts.count && ts.kind[t] === Tok.Open && tokenIs(ts, t, '(');
}

/** Drops brackets around a whole expression: `(x)` -> `x`. */
function unwrap(ts: TokenStream, from: number, to: number): [number, number] {
  while (to - from > 2 && tokenIs(ts, from, '(') && ts.match[from] === to - 1 && topLevelParts(ts, from + 1, to - 1).length === 1) { from++; to--; }
  return [from, to];
}

/**
 * The outermost call ending the expression [from, to): the name token before its `(`, and for a method call
 * (`recv.name(...)`) where the receiver ends. Undefined when the expression does not end in a call.
 */
function lastCall(ts: TokenStream, from: number, to: number): { name: number; receiverEnd?: number } | undefined {
  const close = to - 1;
  if (ts.kind[close] !== Tok.Close || !tokenIs(ts, close, ')')) return undefined;
  const open = ts.match[close];
  if (open <= from || ts.kind[open - 1] !== Tok.Name) return undefined;
  const name = open - 1;
  // Walk back over a dotted callee: a plain function (`F.relu`, `torch.sigmoid`) starts at `from`.
  let i = name;
  while (i - 2 >= from && tokenIs(ts, i - 1, '.') && ts.kind[i - 2] === Tok.Name) i -= 2;
  if (i === from) return { name };
  if (tokenIs(ts, name - 1, '.')) return { name, receiverEnd: name - 1 };
  return undefined;
}
