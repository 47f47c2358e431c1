/**
 * The detection pass: walks one token stream with a resolved scope and reports every activation usage.
 * One forward pass; calls are examined where their callee is read, and nested calls are met later by the same loop.
 */
import { callArgs, callClose, type CallArg } from '../python/callArgs';
import { literalValue, NOT_LITERAL, stringValue } from '../python/literal';
import { Tok, tokenIs, tokenText, type TokenStream } from '../python/tokenizer';
import { dynamicActivationName, judgeActivationString } from './activationStrings';
import { resolveApi, type ApiHit } from './api';
import {
  INPUT_PARAMS, isActivationFactory, isActivationKeyword, KERAS_POSITIONAL_ACTIVATION, REPORTED_PARAMS, STRING_KEYWORDS,
  TENSOR_METHODS, TORCH_TRANSFORMER_ACTIVATION,
  own,
} from './callees';
import { qualifyName } from './qualify';
import { frameworkOfModule, normalizeModule, type Destination, type Scope, type WrapperSummary } from './scope';
import type { Framework, ParamValue, UsageForm } from './types';

/** A usage before positions are turned into lines and columns. */
export interface RawUsage {
  name: string;
  framework: Framework;
  form: UsageForm;
  start: number;
  end: number;
  params: Record<string, ParamValue>;
  written: string;
  valid?: boolean;
  raw?: string;
  qualified?: string;
  keyword?: string;
  callStart?: number;
  callEnd?: number;
  definitionStart?: number;
  definitionUnit?: number;
}

/** A dotted name `a.b.c` as token indices; its text is built only when needed. */
class Chain {
  private cachedText: string | undefined;
  constructor(private readonly ts: TokenStream, readonly names: number[], readonly next: number) {}

  get text(): string {
    if (this.cachedText === undefined) {
      const { ts, names } = this;
      // Usually written without spaces (`nn.ReLU`): one slice of the source is the whole dotted name.
      const slice = ts.text.slice(ts.start[names[0]], ts.end[names[names.length - 1]]);
      let length = names.length - 1;
      for (const t of names) length += ts.end[t] - ts.start[t];
      this.cachedText = slice.length === length ? slice : names.map((t) => tokenText(ts, t)).join('.');
    }
    return this.cachedText;
  }
}

/** Keywords after which a name chain is not an expression we care about. */
const SKIP_STATEMENT = new Set(['import', 'from', 'global', 'nonlocal', 'del']);
const STATEMENT_WORDS = ['import', 'from', 'def', 'class', 'except', 'global', 'nonlocal', 'del'];
/** Libraries whose calls never carry Keras/PyTorch/TensorFlow activations. */
const NON_FRAMEWORK_ROOTS = new Set([
  'numpy', 'jax', 'jaxlib', 'flax', 'haiku', 'optax', 'equinox', 'math', 'cmath', 'scipy', 'sklearn', 'pandas',
  'mxnet', 'paddle', 'mindspore', 'oneflow', 'cupy', 'tinygrad', 'trax', 'matplotlib', 'seaborn',
]);
/** Standard-library modules: `activation=math.tanh` is not the project's own function (nor a framework's). */
const STDLIB_ROOTS = new Set(['math', 'cmath', 'operator', 'functools', 'builtins', 'numbers']);
/** Tokens around a reference that make it a type test or comparison, not a use. */
const COMPARISON = new Set(['==', '!=', 'is', 'in', 'not']);

class Detector {
  private readonly ts: TokenStream;
  private readonly scope: Scope;
  private readonly out: RawUsage[];
  /** First char code * 64 + length of every alias name: a cheap filter before slicing a name's text. */
  private readonly aliasShapes = new Uint8Array(128 * 64);
  /** Parameters given to a reference through `functools.partial(ref, ...)`, keyed by the reference's first token. */
  private readonly partialParams = new Map<number, Record<string, ParamValue>>();
  /** Token ranges that are type tests (`isinstance(m, nn.ReLU)`), class bases or `except` clauses. */
  private skipUntil = -1;
  private readonly fileFramework: Framework | undefined;
  private readonly qualifyWritten = (written: string): string | undefined => this.qualify(written);

  constructor(ts: TokenStream, scope: Scope, out: RawUsage[]) {
    this.ts = ts;
    this.scope = scope;
    this.out = out;
    const fws = scope.frameworks;
    this.fileFramework = fws.has('keras') || fws.has('tf') ? 'keras' : fws.has('torch') ? 'torch' : undefined;
    for (const name of scope.aliases.keys()) this.aliasShapes[shapeOf(name.charCodeAt(0), name.length)] = 1;
  }

  /** Whether the name token could be an import alias (false means it certainly is not). */
  private mayBeAlias(t: number): boolean {
    if (this.scope.starModules.length > 0) return true;
    const start = this.ts.start[t];
    return this.aliasShapes[shapeOf(this.ts.text.charCodeAt(start), this.ts.end[t] - start)] === 1;
  }

  /** `activation=tf.nn.relu`: the keyword a value at token `t` is passed as, if any. */
  private keywordBefore(t: number): string | undefined {
    const { ts } = this;
    if (t < 3 || !tokenIs(ts, t - 1, '=') || ts.kind[t - 2] !== Tok.Name) return undefined;
    const before = t - 3;
    return ts.kind[before] === Tok.Open || tokenIs(ts, before, ',') ? tokenText(ts, t - 2) : undefined;
  }

  /**
   * Runs the pass. A bug here must not cost the user their other findings: on an unexpected error the usages
   * found so far are kept and the error is returned for the notes.
   */
  runSafely(): string | undefined {
    try {
      this.run();
      return undefined;
    } catch (error) {
      return `scanner error (results may be incomplete): ${error instanceof Error ? error.message : String(error)}`;
    }
  }

  run(): void {
    const { ts } = this;
    const { count, kind } = ts;
    const openStack: number[] = [];
    for (let t = 0; t < count; t++) {
      const k = kind[t];
      if (k === Tok.Open) { openStack.push(t); continue; }
      if (k === Tok.Close) { openStack.pop(); continue; }
      if (k === Tok.Newline) { openStack.length = 0; continue; }
      if (k === Tok.String) { this.examineString(t, openStack); continue; }
      if (k !== Tok.Name) continue;
      if (ts.indent[t] >= 0 && this.examineStatementStart(t)) {
        t = this.skipUntil - 1;
        continue;
      }
      if (t > 0 && tokenIs(ts, t - 1, '.')) {
        // `expr(...).relu()`: a method on a call or subscript result.
        if (t >= 2 && kind[t - 2] === Tok.Close) this.examineMethod(t, t - 2);
        continue;
      }
      if (t < this.skipUntil) continue;
      const next = t + 1 < count ? kind[t + 1] : Tok.Newline;
      // A bare name that is neither called nor dotted matters only when an import could have bound it.
      if (next !== Tok.Open && !(next === Tok.Op && tokenIs(ts, t + 1, '.')) && !this.mayBeAlias(t)) continue;
      const chain = this.readChain(t);
      this.examineChain(chain);
      t = chain.next - 1;
    }
  }

  /** Handles statements that are not expressions: imports, `def` (parameter defaults), `class` bases. */
  private examineStatementStart(t: number): boolean {
    const { ts } = this;
    // Most statements start with a plain name; compare in place instead of slicing every first word.
    const word = STATEMENT_WORDS.find((w) => tokenIs(ts, t, w));
    if (word === undefined) return false;
    if (SKIP_STATEMENT.has(word)) {
      let i = t;
      while (i < ts.count && ts.kind[i] !== Tok.Newline) i++;
      this.skipUntil = i;
      return true;
    }
    if (word === 'def' && ts.kind[t + 1] === Tok.Name && ts.kind[t + 2] === Tok.Open) {
      // Defaults may hold strings (`act='relu'`, dynamic) or references (`act_layer=nn.GELU`, met by the loop).
      this.examineDefaults(t + 2);
      this.skipUntil = t + 2;
      return true;
    }
    if (word === 'class' && ts.kind[t + 1] === Tok.Name && ts.kind[t + 2] === Tok.Open) {
      const close = callClose(ts, t + 2);
      this.skipUntil = close + 1;
      return true;
    }
    if (word === 'except') {
      let i = t;
      while (i < ts.count && !tokenIs(ts, i, ':') && ts.kind[i] !== Tok.Newline) i++;
      this.skipUntil = i;
      return true;
    }
    return false;
  }

  /** `def block(x, act='relu')`: activation names as parameter defaults are `dynamic` usages. */
  private examineDefaults(open: number): void {
    const { ts } = this;
    for (const arg of callArgs(ts, open)) {
      let { keyword, from } = arg;
      // Annotated parameters `act_layer: str = 'gelu'` read as positional: find the default after the `=`.
      if (!keyword && ts.kind[from] === Tok.Name && tokenIs(ts, from + 1, ':')) {
        let eq = from + 2;
        while (eq < arg.to && !tokenIs(ts, eq, '=')) eq = ts.kind[eq] === Tok.Open && ts.match[eq] > eq ? ts.match[eq] + 1 : eq + 1;
        if (eq >= arg.to) continue;
        keyword = tokenText(ts, from);
        from = eq + 1;
      }
      if (!keyword || !isActivationKeyword(keyword)) continue;
      this.emitDynamicString(from, arg.to, keyword);
    }
  }

  private readChain(t: number): Chain {
    const { ts } = this;
    const names = [t];
    let i = t + 1;
    while (i + 1 < ts.count && ts.kind[i] === Tok.Op && tokenIs(ts, i, '.') && ts.kind[i + 1] === Tok.Name) {
      names.push(i + 1);
      i += 2;
    }
    return new Chain(ts, names, i);
  }

  /** Resolves a written chain through the scope: `nn.ReLU` -> `torch.nn.ReLU`. Undefined for local names. */
  private qualify(text: string): string | undefined {
    return qualifyName(this.scope, text);
  }

  private examineChain(chain: Chain): void {
    const { ts, scope } = this;
    const first = chain.names[0];
    const isCall = ts.kind[chain.next] === Tok.Open && tokenIs(ts, chain.next, '(');
    // Most chains are locals (`x`, `self.conv1`): unless some import could name them, only calls can matter.
    const resolvable = scope.starModules.length > 0 || (this.mayBeAlias(first) && scope.aliases.has(tokenText(ts, first)));
    if (!resolvable) {
      if (isCall) this.examineLocalCall(chain);
      return;
    }
    const qualified = this.qualify(chain.text);
    const api = qualified ? resolveApi(qualified) : undefined;
    if (api && qualified) {
      if (isCall) this.emitCall(chain, api, qualified);
      else if (!this.isComparison(first, chain.next)) this.emitReference(chain, api, qualified);
      return;
    }
    if (!isCall) return;
    if (qualified && frameworkOfModule(qualified)) {
      if (takesActivation(qualified) || this.hasActivationKeyword(chain.next)) this.examineFrameworkCall(chain, qualified, callArgs(ts, chain.next));
      return;
    }
    if (qualified === 'functools.partial') {
      this.examinePartial(callArgs(ts, chain.next));
      return;
    }
    if (!qualified) {
      this.examineLocalCall(chain);
      return;
    }
    if (NON_FRAMEWORK_ROOTS.has(qualified.slice(0, qualified.indexOf('.') >>> 0))) return; // numpy, jax, ...: not ours
    this.examineOtherCall(chain);
  }

  /** A call of a name no framework import explains: builtins, the file's own helpers, tensor methods. */
  private examineLocalCall(chain: Chain): void {
    const { ts } = this;
    const first = chain.names[0];
    if (chain.names.length === 1) {
      if (tokenIs(ts, first, 'isinstance') || tokenIs(ts, first, 'issubclass') || tokenIs(ts, first, 'type')) {
        this.skipUntil = callClose(ts, chain.next) + 1;
        return;
      }
      if (tokenIs(ts, first, 'partial')) { this.examinePartial(callArgs(ts, chain.next)); return; }
      if (tokenIs(ts, first, 'getattr')) { this.examineGetattr(callArgs(ts, chain.next)); return; }
    } else {
      const lastTok = chain.names[chain.names.length - 1];
      const last = ts.end[lastTok] - ts.start[lastTok] <= 11 ? tokenText(ts, lastTok) : '';
      if (own(TENSOR_METHODS, last)) {
        if (!tokenIs(ts, first, 'self') && !tokenIs(ts, first, 'cls')) this.examineMethod(lastTok, -1);
        return;
      }
    }
    this.examineOtherCall(chain);
  }

  /** Calls into the project's own code or other libraries (timm, transformers): factories and activation keywords. */
  private examineOtherCall(chain: Chain): void {
    const { ts } = this;
    if (!this.fileFramework) return;
    const lastTok = chain.names[chain.names.length - 1];
    const last = tokenText(ts, lastTok);
    const factory = /act/i.test(last) && isActivationFactory(last);
    // `conv_block(x, 64, 'relu')`: a string passed by position counts only through a wrapper known to pass it on.
    if (!factory && !this.hasActivationKeyword(chain.next) && !(this.hasStringArgument(chain.next) && this.wrapperCalled(chain))) return;
    const args = callArgs(ts, chain.next);
    const first = factory && args.length > 0 && !args[0].keyword;
    if (first) this.emitDynamicString(args[0].from, args[0].to, undefined);
    this.examineUnknownCall(chain, args, first);
  }

  /** Cheap pre-check before splitting arguments: does any top-level `name=` look like an activation keyword? */
  private hasActivationKeyword(open: number): boolean {
    const { ts } = this;
    const close = callClose(ts, open);
    for (let t = open + 1; t < close; t++) {
      const k = ts.kind[t];
      if (k === Tok.Open) { if (ts.match[t] > t) t = ts.match[t]; continue; }
      if (k === Tok.Name && tokenIs(ts, t + 1, '=') && isActivationKeyword(tokenText(ts, t))) return true;
    }
    return false;
  }

  /** Cheap pre-check: is some top-level argument a lone string literal (`f(x, 'relu')`)? */
  private hasStringArgument(open: number): boolean {
    const { ts } = this;
    const close = callClose(ts, open);
    for (let t = open + 1; t < close; t++) {
      const k = ts.kind[t];
      if (k === Tok.Open) { if (ts.match[t] > t) t = ts.match[t]; continue; }
      if (k === Tok.String && (t === open + 1 || tokenIs(ts, t - 1, ',')) && (t + 1 === close || tokenIs(ts, t + 1, ','))) return true;
    }
    return false;
  }

  /** `x == nn.ReLU`, `type(m) is nn.ReLU`, `m in (nn.ReLU, nn.GELU)`: type tests, not uses. */
  private isComparison(first: number, next: number): boolean {
    const { ts } = this;
    const before = first > 0 && ts.kind[first - 1] === Tok.Op || first > 0 && ts.kind[first - 1] === Tok.Name ? tokenText(ts, first - 1) : '';
    const after = ts.kind[next] === Tok.Op || ts.kind[next] === Tok.Name ? tokenText(ts, next) : '';
    return COMPARISON.has(before) || COMPARISON.has(after) || this.inMembershipTuple(first);
  }

  /** `type(m) in (nn.ReLU, nn.GELU)`: an element of a bracket that follows `in`. */
  private inMembershipTuple(first: number): boolean {
    const { ts } = this;
    for (let i = first - 1; i >= 0; i--) {
      const k = ts.kind[i];
      if (k === Tok.Close) { if (ts.match[i] >= 0 && ts.match[i] < i) i = ts.match[i]; continue; }
      if (k === Tok.Newline) return false;
      if (k === Tok.Open) return tokenIs(ts, i - 1, 'in');
      if (!tokenIs(ts, i, ',') && !tokenIs(ts, i, '.') && k !== Tok.Name) return false;
    }
    return false;
  }

  private emitCall(chain: Chain, api: ApiHit, qualified: string): void {
    const { ts } = this;
    const open = chain.next;
    const close = callClose(ts, open);
    const params = this.mapParams(callArgs(ts, open), api.positional);
    if (api.inplace) params.inplace = true;
    const start = ts.start[chain.names[0]];
    this.out.push({
      name: api.canonical, framework: api.framework, form: api.kind === 'layer' ? 'layer' : 'function',
      start, end: ts.end[chain.names[chain.names.length - 1]], params, written: chain.text, qualified,
      keyword: this.keywordBefore(chain.names[0]), callStart: start, callEnd: ts.end[close],
    });
  }

  private emitReference(chain: Chain, api: ApiHit, qualified: string): void {
    const { ts } = this;
    const first = chain.names[0];
    const params: Record<string, ParamValue> = { ...(this.partialParams.get(first) ?? {}) };
    if (api.inplace) params.inplace = true;
    this.out.push({
      name: api.canonical, framework: api.framework, form: 'reference', start: ts.start[first],
      end: ts.end[chain.names[chain.names.length - 1]], params, written: chain.text, qualified,
      keyword: this.keywordBefore(first),
    });
  }

  /** Maps call arguments to parameter names; only literal values of parameters that matter are kept. */
  private mapParams(args: readonly CallArg[], positional: readonly string[]): Record<string, ParamValue> {
    const params: Record<string, ParamValue> = {};
    let index = 0;
    for (const arg of args) {
      if (arg.star) { index = Number.POSITIVE_INFINITY; continue; }
      const name = arg.keyword ?? positional[index++];
      if (!name || INPUT_PARAMS.has(name)) continue;
      if (!arg.keyword && !positional.includes(name)) continue;
      if (arg.keyword && !REPORTED_PARAMS.has(name) && !positional.includes(name)) continue;
      const value = literalValue(this.ts, arg.from, arg.to);
      if (value !== NOT_LITERAL) params[name] = value;
    }
    return params;
  }

  /** Keras layers and `keras.activations.get` with activation strings or custom functions; Transformer layers. */
  private examineFrameworkCall(chain: Chain, qualified: string, args: readonly CallArg[]): void {
    const framework = frameworkOfModule(qualified) === 'torch' ? 'torch' : 'keras';
    const call = { start: this.ts.start[chain.names[0]], qualified };
    if (qualified === 'keras.activations.get' || qualified === 'keras.activations.deserialize') {
      if (args[0] && !args[0].keyword) this.emitActivationArg(args[0], 'keras', undefined, call);
      return;
    }
    const torchIndex = own(TORCH_TRANSFORMER_ACTIVATION, qualified);
    const layerName = qualified.startsWith('keras.layers.') ? qualified.slice(13) : undefined;
    const positions = torchIndex !== undefined ? [torchIndex] : layerName ? own(KERAS_POSITIONAL_ACTIVATION, layerName) ?? [] : [];
    let index = 0;
    for (const arg of args) {
      if (arg.star) { index = Number.POSITIVE_INFINITY; continue; }
      if (arg.keyword) {
        if (STRING_KEYWORDS.has(arg.keyword) && (framework === 'keras' || torchIndex !== undefined)) {
          this.emitActivationArg(arg, framework, arg.keyword, call);
        } else if (isActivationKeyword(arg.keyword)) {
          this.emitCustomOrDynamic(arg, framework, arg.keyword);
        }
        continue;
      }
      const position = index++;
      const slot = positions.indexOf(position);
      if (slot !== -1) this.emitActivationArg(arg, framework, slot === 0 ? 'activation' : 'recurrent_activation', call);
    }
  }

  /** A value in an activation slot: a string (`string`), a local function or lambda (`custom`). */
  private emitActivationArg(arg: CallArg, framework: Framework, keyword: string | undefined, call: { start: number; qualified?: string }): void {
    const { ts } = this;
    if (arg.to - arg.from === 1 && ts.kind[arg.from] === Tok.String) {
      const text = stringValue(ts, arg.from);
      if (text === undefined) return;
      const verdict = judgeActivationString(text, framework, true);
      if (!verdict) return;
      this.out.push({
        name: verdict.name, framework, form: 'string', start: ts.start[arg.from], end: ts.end[arg.from], params: {},
        written: tokenText(ts, arg.from), valid: verdict.valid, raw: text, qualified: call.qualified, keyword,
        callStart: call.start,
      });
      return;
    }
    this.emitCustom(arg, framework, keyword);
  }

  private emitCustom(arg: CallArg, framework: Framework, keyword: string | undefined): void {
    const { ts } = this;
    if (tokenIs(ts, arg.from, 'lambda')) {
      this.out.push({
        name: 'lambda', framework, form: 'custom', start: ts.start[arg.from], end: ts.end[arg.from], params: {},
        written: 'lambda', keyword, definitionStart: ts.start[arg.from],
      });
      return;
    }
    if (ts.kind[arg.from] !== Tok.Name) return;
    if (arg.to - arg.from > 1) {
      this.emitImportedCustom(arg, framework, keyword);
      return;
    }
    const name = tokenText(ts, arg.from);
    const local = this.scope.functions.get(name);
    if (!local || this.scope.aliases.has(name)) return;
    this.out.push({
      name, framework, form: 'custom', start: ts.start[arg.from], end: ts.end[arg.from], params: {}, written: name,
      keyword, definitionStart: local.start, definitionUnit: local.unit,
    });
  }

  /**
   * `activation=utils.swish`: a function from one of the project's own modules (an import that is not a framework
   * or a known library) passed where an activation goes. Its definition is in another file, so none is recorded.
   */
  private emitImportedCustom(arg: CallArg, framework: Framework, keyword: string | undefined): void {
    const { ts } = this;
    const chain = this.readChain(arg.from);
    if (chain.next !== arg.to || chain.names.length < 2) return;
    const head = tokenText(ts, arg.from);
    const module = this.scope.aliases.get(head);
    if (!module || frameworkOfModule(module) || NON_FRAMEWORK_ROOTS.has(module.split('.')[0]) || STDLIB_ROOTS.has(module.split('.')[0])) return;
    const lastTok = chain.names[chain.names.length - 1];
    this.out.push({
      name: tokenText(ts, lastTok), framework, form: 'custom', start: ts.start[lastTok], end: ts.end[lastTok], params: {},
      written: chain.text, qualified: `${module}${chain.text.slice(head.length)}`, keyword,
    });
  }

  /** `act_layer='silu'` style keywords: a local function is `custom`, an activation name is `dynamic`. */
  private emitCustomOrDynamic(arg: CallArg, framework: Framework, keyword: string): void {
    if (arg.to - arg.from === 1 && this.ts.kind[arg.from] === Tok.String) this.emitDynamicString(arg.from, arg.to, keyword, framework);
    else this.emitCustom(arg, framework, keyword);
  }

  /**
   * A call we cannot resolve (a user helper, `dict(...)`): its activation keywords still carry activations. When the
   * callee is one of the project's own wrappers whose parameter reaches a framework call, the value is judged as that
   * call would judge it; otherwise a known activation name is reported, never judged valid or invalid.
   */
  private examineUnknownCall(chain: Chain, args: readonly CallArg[], firstDone = false): void {
    const framework = this.fileFramework;
    if (!framework) return;
    let wrapper: WrapperSummary | undefined | null = null;
    let position = 0;
    for (const arg of args) {
      if (arg.star) { position = Number.POSITIVE_INFINITY; continue; }
      if (!arg.keyword) {
        // By position: only where the wrapper's parameter at that place is known to reach an activation slot.
        const index = position++;
        if ((index === 0 && firstDone) || this.ts.kind[arg.from] !== Tok.String || arg.to - arg.from !== 1) continue;
        if (wrapper === null) wrapper = this.wrapperCalled(chain);
        const param = wrapper?.params[index];
        const dest = param === undefined ? undefined : wrapper?.destinations.get(param);
        if (dest && param !== undefined) this.emitThroughWrapper(chain, arg, dest, param, false);
        continue;
      }
      if (!isActivationKeyword(arg.keyword)) continue;
      if (wrapper === null) wrapper = this.wrapperCalled(chain);
      const dest = wrapper?.destinations.get(arg.keyword);
      if (dest) this.emitThroughWrapper(chain, arg, dest, arg.keyword, true);
      else this.emitCustomOrDynamic(arg, framework, arg.keyword);
    }
  }

  /**
   * A value passed to a wrapper whose parameter reaches `dest`: judged as the framework call there judges it. A name
   * looked up with `getattr(nn, act)` is `dynamic`, and only reported when the module has it (`'GELU'` -> `nn.GELU`).
   */
  private emitThroughWrapper(chain: Chain, arg: CallArg, dest: Destination, param: string, byKeyword: boolean): void {
    const { ts } = this;
    if (!dest.attribute) {
      this.emitActivationArg(arg, dest.framework, param, { start: ts.start[chain.names[0]], qualified: dest.qualified });
      return;
    }
    const text = arg.to - arg.from === 1 && ts.kind[arg.from] === Tok.String ? stringValue(ts, arg.from) : undefined;
    const qualified = text === undefined ? undefined : normalizeModule(`${dest.qualified}.${text}`);
    const api = qualified ? resolveApi(qualified) : undefined;
    if (api && qualified) {
      this.out.push({
        name: api.canonical, framework: api.framework, form: 'dynamic', start: ts.start[arg.from], end: ts.end[arg.from], params: {},
        written: tokenText(ts, arg.from), raw: text, valid: true, qualified, keyword: param,
      });
    } else if (byKeyword && this.fileFramework) {
      this.emitCustomOrDynamic(arg, this.fileFramework, param);
    }
  }

  /** The wrapper a call names: a function of this file (or notebook), else one a project module defines. */
  private wrapperCalled(chain: Chain): WrapperSummary | undefined {
    const wrappers = this.scope.wrappers;
    if (!wrappers) return undefined;
    const { ts } = this;
    if (chain.names.length === 1) {
      const name = tokenText(ts, chain.names[0]);
      const local = this.scope.functions.has(name) ? wrappers.lookup(name, this.qualifyWritten, this.scope) : undefined;
      if (local) return local;
    }
    return wrappers.lookupImported(this.scope, chain.names.map((t) => tokenText(ts, t)));
  }

  /** `partial(nn.GELU, approximate='tanh')`: the reference found later gets these parameters. */
  private examinePartial(args: readonly CallArg[]): void {
    const [target, ...rest] = args;
    if (!target || target.keyword) return;
    const chainText = this.ts.kind[target.from] === Tok.Name ? this.readChain(target.from) : undefined;
    if (!chainText || chainText.next !== target.to) return;
    const qualified = this.qualify(chainText.text);
    const api = qualified ? resolveApi(qualified) : undefined;
    if (!api) {
      // `partial(layers.Dense, activation="relu")`: bound keywords carry activations as in any other call.
      const framework = this.fileFramework;
      if (framework) for (const arg of rest) if (arg.keyword && isActivationKeyword(arg.keyword)) this.emitCustomOrDynamic(arg, framework, arg.keyword);
      return;
    }
    const positional = api.kind === 'layer' ? api.positional : api.positional.slice(1);
    this.partialParams.set(target.from, this.mapParams(rest, positional));
  }

  /** `getattr(nn, 'ReLU')`, `getattr(F, act_name)`: a literal attribute of a framework module is `dynamic`. */
  private examineGetattr(args: readonly CallArg[]): void {
    const { ts } = this;
    const [object, attr] = args;
    if (!object || !attr) return;
    if (ts.kind[object.from] !== Tok.Name || attr.to - attr.from !== 1 || ts.kind[attr.from] !== Tok.String) return;
    const chain = this.readChain(object.from);
    if (chain.next !== object.to) return;
    const module = this.qualify(chain.text);
    const name = stringValue(ts, attr.from);
    if (!module || !name) return;
    const api = resolveApi(normalizeModule(`${module}.${name}`));
    if (!api) return;
    this.out.push({
      name: api.canonical, framework: api.framework, form: 'dynamic', start: ts.start[attr.from], end: ts.end[attr.from],
      params: {}, written: `getattr(${chain.text}, ${tokenText(ts, attr.from)})`, raw: name, valid: true,
      qualified: normalizeModule(`${module}.${name}`),
    });
  }

  /** A string literal that names an activation in a factory call, config or default: `dynamic`. */
  private emitDynamicString(from: number, to: number, keyword: string | undefined, framework = this.fileFramework): void {
    const { ts } = this;
    if (!framework || to - from !== 1 || ts.kind[from] !== Tok.String) return;
    const text = stringValue(ts, from);
    if (text === undefined) return;
    const name = dynamicActivationName(text);
    if (!name) return;
    // The string's destination (a factory, a config, the project's own helper) is not a framework call we know, so
    // whether it is accepted there is not judged: no `valid`.
    this.out.push({
      name, framework, form: 'dynamic', start: ts.start[from], end: ts.end[from], params: {}, written: tokenText(ts, from),
      raw: text, keyword,
    });
  }

  /** Config dicts `{'activation': 'relu'}` and assignments `act = 'gelu'`, `cfg.activation = 'relu'`. */
  private examineString(t: number, openStack: readonly number[]): void {
    const { ts } = this;
    if (t < this.skipUntil) return;
    if (tokenIs(ts, t + 1, ':') && ts.kind[t + 2] === Tok.String && (ts.kind[t + 3] === Tok.Close || tokenIs(ts, t + 3, ','))) {
      const key = stringValue(ts, t);
      const top = openStack[openStack.length - 1];
      if (key && isActivationKeyword(key) && top !== undefined && ts.text[ts.start[top]] === '{') {
        this.emitDynamicString(t + 2, t + 3, key);
      }
      return;
    }
    if (openStack.length === 0 && tokenIs(ts, t - 1, '=') && ts.kind[t - 2] === Tok.Name && (ts.kind[t + 1] === Tok.Newline || t + 1 >= ts.count)) {
      const name = tokenText(ts, t - 2);
      if (isActivationKeyword(name)) this.emitDynamicString(t, t + 1, name);
    }
  }

  /** `x.relu()`, `h.softmax(dim=1)`, `out.sigmoid_()`: tensor methods in files that use PyTorch. */
  private examineMethod(nameTok: number, _receiverClose: number): void {
    const { ts } = this;
    if (!this.scope.frameworks.has('torch')) return;
    const method = own(TENSOR_METHODS, tokenText(ts, nameTok));
    if (!method || !tokenIs(ts, nameTok + 1, '(')) return;
    const args = callArgs(ts, nameTok + 1);
    if (!method.takesArgs && args.length > 0) return; // `model.relu(x)`: a stored module, not a tensor method
    const params = this.mapParams(args, method.positional);
    if (method.inplace) params.inplace = true;
    const close = callClose(ts, nameTok + 1);
    this.out.push({
      name: method.name, framework: 'torch', form: 'method', start: ts.start[nameTok], end: ts.end[nameTok], params,
      written: `.${tokenText(ts, nameTok)}`, qualified: `torch.Tensor.${tokenText(ts, nameTok)}`,
      callStart: ts.start[nameTok], callEnd: ts.end[close],
    });
  }
}

/** Framework calls that may take an activation positionally (so their arguments must be split). */
function takesActivation(qualified: string): boolean {
  if (qualified.startsWith('keras.layers.')) return own(KERAS_POSITIONAL_ACTIVATION, qualified.slice(13)) !== undefined;
  return own(TORCH_TRANSFORMER_ACTIVATION, qualified) !== undefined || qualified === 'keras.activations.get' || qualified === 'keras.activations.deserialize';
}

export type { ApiHit };

/** Every usage in one token stream, sorted by offset; a detector failure becomes a note, with the usages found so far. */
export function detectRaw(ts: TokenStream, scope: Scope, notes: string[]): RawUsage[] {
  const raw: RawUsage[] = [];
  const problem = new Detector(ts, scope, raw).runSafely();
  if (problem) notes.push(problem);
  raw.sort((a, b) => a.start - b.start);
  return raw;
}

function shapeOf(firstChar: number, length: number): number {
  return (firstChar & 127) * 64 + Math.min(length, 63);
}
