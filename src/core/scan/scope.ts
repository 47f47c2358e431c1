/**
 * What names mean in one file (or across a notebook's cells): import aliases, star imports and local definitions
 * that shadow framework names or define custom activations.
 */
import { statementEnd } from '../python/statements';
import { Tok, tokenIs, tokenText, type TokenStream } from '../python/tokenizer';
import type { Framework } from './types';

interface LocalFunction {
  readonly name: string;
  readonly kind: 'def' | 'lambda' | 'class';
  /** Offset of the `def`/`class`/`lambda` keyword (incremental re-analysis moves it in a copy of the scope). */
  readonly start: number;
  /** Index of the notebook cell that defines it (0 for plain files). */
  readonly unit: number;
}

export interface Scope {
  /** Local name -> normalised dotted path, e.g. `nn` -> `torch.nn`, `LR` -> `keras.layers.LeakyReLU`. */
  readonly aliases: Map<string, string>;
  /** Modules imported with `*`, normalised. */
  readonly starModules: string[];
  /** Names bound locally (def, class, plain assignment) that are not aliases: they shadow imports. */
  readonly locals: Set<string>;
  readonly functions: Map<string, LocalFunction>;
  /** Frameworks the file imports at all. */
  readonly frameworks: Set<Framework>;
  /** The file's (or notebook's) own functions that pass an activation on, summarised on demand. */
  wrappers?: WrapperLookup;
  /** `from .blocks import conv_bn as cb`: local name -> the project module (with its leading dots) and name. */
  readonly relativeImports: Map<string, { readonly module: string; readonly level: number; readonly name: string }>;
  /** Every name an import or alias assignment bound at some point, even if a later line unbound it. */
  readonly everAliased: Set<string>;
}

/** Where a wrapper's parameter ends up: a framework call that takes activation strings. */
export interface Destination {
  readonly framework: Framework;
  /** The framework callable, e.g. `keras.layers.Activation`; with `attribute`, the module the string is looked up in. */
  readonly qualified: string;
  /** `getattr(nn, act)()`: the string names an attribute of the module (`'GELU'`), not an activation string. */
  readonly attribute?: boolean;
}

/** A wrapper's parameters in call order (`self` left out) and, for those that reach one, their destination. */
export interface WrapperSummary {
  readonly params: readonly string[];
  readonly destinations: ReadonlyMap<string, Destination>;
}

/** A file's wrapper summaries (built in wrappers.ts), kept with the scope so re-analysis of a region keeps them. */
export interface WrapperLookup {
  /** `scope` (the file's) lets calls in the wrapper's body be followed into the project's other modules. */
  lookup(name: string, qualify: (written: string) => string | undefined, scope?: Scope): WrapperSummary | undefined;
  lookupImported(scope: Scope, parts: readonly string[]): WrapperSummary | undefined;
  /**
   * The lookup for the text after an edit of [regionStart, regionEndOld) that kept the scope, with `ts` the new
   * text's tokens; undefined when the edit may change what one of the file's wrappers does.
   */
  edited(ts: TokenStream, regionStart: number, regionEndOld: number, delta: number, qualify: (written: string) => string | undefined, scope?: Scope): WrapperLookup | undefined;
}

export function emptyScope(): Scope {
  return { aliases: new Map(), starModules: [], locals: new Set(), functions: new Map(), frameworks: new Set(), relativeImports: new Map(), everAliased: new Set() };
}

/**
 * Normalises a dotted module path to the names the API table uses: `tensorflow.keras.x` and `tf_keras.x` -> `keras.x`,
 * `tensorflow.x` -> `tf.x`, `compat.v1`/`compat.v2` and Keras' private module paths dropped.
 */
export function normalizeModule(path: string): string {
  const c = path.charCodeAt(0);
  // Only tensorflow/tf/tf_keras/keras paths are rewritten.
  if ((c !== 0x74 && c !== 0x6b) || path.startsWith('torch')) return path;
  let p = path;
  if (p === 'tensorflow' || p.startsWith('tensorflow.')) p = 'tf' + p.slice(10);
  if (p.startsWith('tf.compat.v1.') || p.startsWith('tf.compat.v2.')) p = 'tf.' + p.slice(13);
  if (p === 'tf.python.keras' || p.startsWith('tf.python.keras.')) p = 'keras' + p.slice(15);
  else if (p === 'tf.keras' || p.startsWith('tf.keras.')) p = 'keras' + p.slice(8);
  else if (p === 'tf_keras' || p.startsWith('tf_keras.')) p = 'keras' + p.slice(8);
  if (p.startsWith('keras.src.')) p = 'keras.' + p.slice(10);
  // keras.layers.activation.leaky_relu.LeakyReLU, keras.layers.advanced_activations.LeakyReLU -> keras.layers.LeakyReLU
  const privateLayer = /^keras\.layers\.(?:activation|activations|advanced_activations|core)(?:\.[a-z_]+)?(?=\.[A-Z])/.exec(p);
  if (privateLayer) p = 'keras.layers' + p.slice(privateLayer[0].length);
  if (p.startsWith('keras.activations.activations.')) p = 'keras.activations.' + p.slice(30);
  if (p.startsWith('keras.ops.nn.')) p = 'keras.ops.' + p.slice(13);
  return p;
}

export function frameworkOfModule(path: string): Framework | undefined {
  if (path === 'torch' || path.startsWith('torch.')) return 'torch';
  if (path === 'keras' || path.startsWith('keras.')) return 'keras';
  if (path === 'tf' || path.startsWith('tf.')) return 'tf';
  return undefined;
}

/** Reads a dotted name starting at token t; returns its text and the index after it. */
export function readDotted(ts: TokenStream, t: number): { name: string; next: number } | undefined {
  if (t >= ts.count || ts.kind[t] !== Tok.Name) return undefined;
  let name = tokenText(ts, t);
  let i = t + 1;
  while (i + 1 < ts.count && tokenIs(ts, i, '.') && ts.kind[i + 1] === Tok.Name) {
    name += '.' + tokenText(ts, i + 1);
    i += 2;
  }
  return { name, next: i };
}

function addAlias(scope: Scope, local: string, target: string): void {
  const normalized = normalizeModule(target);
  scope.aliases.set(local, normalized);
  scope.everAliased.add(local);
  scope.locals.delete(local);
  const fw = frameworkOfModule(normalized);
  if (fw) scope.frameworks.add(fw);
}

function readImport(ts: TokenStream, t: number, scope: Scope): void {
  const end = statementEnd(ts, t);
  let i = t + 1;
  while (i < end) {
    const dotted = readDotted(ts, i);
    if (!dotted) break;
    i = dotted.next;
    if (tokenIs(ts, i, 'as') && ts.kind[i + 1] === Tok.Name) {
      addAlias(scope, tokenText(ts, i + 1), dotted.name);
      i += 2;
    } else {
      // `import torch.nn` binds `torch`; remember the full path so `torch.nn.ReLU` resolves.
      const head = dotted.name.split('.')[0];
      addAlias(scope, head, head);
      const fw = frameworkOfModule(normalizeModule(dotted.name));
      if (fw) scope.frameworks.add(fw);
    }
    if (!tokenIs(ts, i, ',')) break;
    i++;
  }
}

function readFromImport(ts: TokenStream, t: number, scope: Scope): void {
  const end = statementEnd(ts, t);
  let i = t + 1;
  let level = 0;
  while (i < end && (tokenIs(ts, i, '.') || tokenIs(ts, i, '...'))) { level += ts.end[i] - ts.start[i]; i++; }
  const dotted = level > 0 && tokenIs(ts, i, 'import') ? { name: '', next: i } : readDotted(ts, i);
  if (!dotted || !tokenIs(ts, dotted.next, 'import')) return;
  if (level > 0) {
    // The project's own modules: never a framework, but they may hold wrappers that pass an activation on.
    readRelativeNames(ts, dotted.next + 1, end, dotted.name, level, scope);
    return;
  }
  const module = dotted.name;
  i = dotted.next + 1;
  if (tokenIs(ts, i, '*')) {
    const normalized = normalizeModule(module);
    scope.starModules.push(normalized);
    const fw = frameworkOfModule(normalized);
    if (fw) scope.frameworks.add(fw);
    return;
  }
  if (ts.kind[i] === Tok.Open) i++;
  while (i < end) {
    if (ts.kind[i] !== Tok.Name) { i++; continue; }
    const name = tokenText(ts, i);
    let local = name;
    i++;
    if (tokenIs(ts, i, 'as') && ts.kind[i + 1] === Tok.Name) { local = tokenText(ts, i + 1); i += 2; }
    addAlias(scope, local, `${module}.${name}`);
    if (tokenIs(ts, i, ',')) i++;
    else if (ts.kind[i] === Tok.Close) break;
  }
}

function readRelativeNames(ts: TokenStream, from: number, end: number, module: string, level: number, scope: Scope): void {
  for (let i = from; i < end; i++) {
    if (ts.kind[i] !== Tok.Name) continue;
    const name = tokenText(ts, i);
    let local = name;
    if (tokenIs(ts, i + 1, 'as') && ts.kind[i + 2] === Tok.Name) { local = tokenText(ts, i + 2); i += 2; }
    scope.relativeImports.set(local, { module, level, name });
  }
}

/** Collects imports and definitions of one token stream into `scope` (notebooks call this once per cell). */
export function collectScope(ts: TokenStream, scope: Scope, unit = 0): void {
  const { count, kind, indent } = ts;
  for (let t = 0; t < count; t++) {
    if (indent[t] < 0 || kind[t] !== Tok.Name) continue;
    // t starts a logical line.
    if (tokenIs(ts, t, 'import')) readImport(ts, t, scope);
    else if (tokenIs(ts, t, 'from')) readFromImport(ts, t, scope);
    else if ((tokenIs(ts, t, 'def') || tokenIs(ts, t, 'class')) && kind[t + 1] === Tok.Name) {
      defineLocal(scope, tokenText(ts, t + 1), tokenIs(ts, t, 'def') ? 'def' : 'class', ts.start[t], unit, indent[t]);
    } else if (tokenIs(ts, t, 'async') && tokenIs(ts, t + 1, 'def') && kind[t + 2] === Tok.Name) {
      defineLocal(scope, tokenText(ts, t + 2), 'def', ts.start[t + 1], unit, indent[t]);
    } else if (tokenIs(ts, t + 1, '=') && !tokenIs(ts, t, 'self')) {
      readAssignment(ts, t, scope, unit);
    } else if (tokenIs(ts, t + 1, ',')) {
      readKerasSubmodules(ts, t, scope);
    }
  }
}

function defineLocal(scope: Scope, name: string, kind: LocalFunction['kind'], start: number, unit: number, indentCol: number): void {
  // Only top-level definitions shadow module-level imports; nested helpers rarely reuse framework names.
  if (indentCol === 0 && scope.aliases.has(name) && !scope.functions.has(name)) scope.aliases.delete(name);
  if (indentCol === 0 || !scope.aliases.has(name)) scope.locals.add(name);
  if (!scope.functions.has(name) || indentCol === 0) scope.functions.set(name, { name, kind, start, unit });
}

/** What `keras_applications.get_submodules_from_kwargs(kwargs)` returns, in order. */
const KERAS_SUBMODULES = ['keras.backend', 'keras.layers', 'keras.models', 'keras.utils'];

/**
 * `backend, layers, models, keras_utils = get_submodules_from_kwargs(kwargs)`: Keras modules bound at run time
 * (keras_applications, segmentation_models, classification_models). The names are the Keras submodules, whatever
 * `layers = None` said at module level.
 */
function readKerasSubmodules(ts: TokenStream, t: number, scope: Scope): void {
  const names: (string | undefined)[] = [];
  let i = t;
  while (i < ts.count && ts.kind[i] === Tok.Name) {
    names.push(tokenText(ts, i));
    if (!tokenIs(ts, i + 1, ',')) break;
    i += 2;
  }
  if (!tokenIs(ts, i + 1, '=') || names.length > KERAS_SUBMODULES.length) return;
  const call = readDotted(ts, i + 2);
  if (!call || !tokenIs(ts, call.next, '(') || !call.name.endsWith('get_submodules_from_kwargs')) return;
  names.forEach((name, index) => { if (name && name !== '_') addAlias(scope, name, KERAS_SUBMODULES[index]); });
}

/** `F = torch.nn.functional` aliases; `swish = lambda x: ...` custom functions; other assignments shadow. */
function readAssignment(ts: TokenStream, t: number, scope: Scope, unit: number): void {
  const name = tokenText(ts, t);
  const rhs = t + 2;
  if (tokenIs(ts, rhs, 'lambda')) {
    scope.functions.set(name, { name, kind: 'lambda', start: ts.start[rhs], unit });
    scope.locals.add(name);
    return;
  }
  const dotted = readDotted(ts, rhs);
  if (dotted && ts.kind[dotted.next] === Tok.Newline) {
    const [head, ...rest] = dotted.name.split('.');
    const base = scope.aliases.get(head);
    if (base && !scope.locals.has(head)) {
      const target = [base, ...rest].join('.');
      if (frameworkOfModule(target) && /^(?:torch(?:\.nn(?:\.functional)?)?|keras(?:\.[a-z_]+)?|tf(?:\.[a-z_]+)?)$/.test(target)) {
        addAlias(scope, name, target);
        return;
      }
    }
  }
  if (ts.indent[t] === 0 && scope.aliases.has(name)) scope.aliases.delete(name);
  if (ts.indent[t] === 0) scope.locals.add(name);
}
