/**
 * From the model graph (src/core/model) to the prediction's layer list: widths chained from layer to layer, the
 * framework's default initialisers unless the code sets one, and the few call arguments the graph does not carry
 * (strides, groups, pooling windows, epsilons) read from the layer's own call. Anything not known for sure becomes
 * an `other` layer with the reason, so the prediction stops there instead of guessing.
 */
import { sequenceOf, type GraphLayer, type ModelGraph, type SourceRange } from '../model';
import { callArgs, type CallArg } from '../python/callArgs';
import { NOT_LITERAL, literalValue } from '../python/literal';
import { Tok, tokenize, type TokenStream } from '../python/tokenizer';
import type { LayerNode, Writable } from '../rules/model';
import type { ParamValue } from '../scan/types';
import { KERAS_DEFAULT, TORCH_DEFAULT, kerasBiasInit, kerasWeightInit, torchBiasInit, torchWeightInit } from './init';
import type { BiasInit, SignalLayer, WeightLayer } from './types';


/** The unit texts the graph's ranges point into (a file: one; a notebook: one per code cell). */
export type UnitTexts = readonly string[];

/**
 * Arguments by call text: files build the same layer (`nn.Linear(64, 64)`, `layers.Dense(32)`) many times and every
 * re-check reads them again, so each text is tokenized once. Bounded; the oldest entries are forgotten first.
 */
const ARGUMENTS_LIMIT = 4096;
const argumentsByText = new Map<string, Readonly<Record<string, ParamValue>> | undefined>();

/**
 * Literal arguments of the layer call by keyword, plus positional ones as `#0`, `#1`, ... Read from the structure
 * reader's own tokens and arguments when the graph came from it, else from the call's text.
 */
function callArguments(layer: GraphLayer, node: LayerNode | undefined, units: UnitTexts): Readonly<Record<string, ParamValue>> | undefined {
  if (!node) return argumentsAt(layer.range, units);
  if (node.end - node.start > MAX_CALL_TEXT) return undefined;
  return literalArguments(node.ts, node.args);
}

/** Calls longer than this are not read (as for any text the prediction reads). */
const MAX_CALL_TEXT = 4000;

/** Literal arguments of the call at `range` by keyword, plus positional ones as `#0`, `#1`, ... */
function argumentsAt(range: SourceRange, units: UnitTexts): Readonly<Record<string, ParamValue>> | undefined {
  const text = units[range.unit]?.slice(range.start, range.end);
  if (!text || text.length > MAX_CALL_TEXT) return undefined;
  const known = argumentsByText.get(text);
  if (known !== undefined || argumentsByText.has(text)) return known;
  const read = readArguments(text);
  if (argumentsByText.size >= ARGUMENTS_LIMIT) argumentsByText.delete(argumentsByText.keys().next().value as string);
  argumentsByText.set(text, read);
  return read;
}

function readArguments(text: string): Readonly<Record<string, ParamValue>> | undefined {
  const ts = tokenize(text);
  let open = -1;
  for (let t = 0; t < ts.count; t++) if (ts.kind[t] === Tok.Open && text[ts.start[t]] === '(') { open = t; break; }
  if (open < 0) return undefined;
  return literalArguments(ts, callArgs(ts, open));
}

function literalArguments(ts: TokenStream, args: readonly CallArg[]): Readonly<Record<string, ParamValue>> {
  const out: Record<string, ParamValue> = {};
  let position = 0;
  for (const a of args) {
    if (a.star) return out;
    const v = literalValue(ts, a.from, a.to);
    out[a.keyword ?? `#${position++}`] = v === NOT_LITERAL ? NON_LITERAL : v;
  }
  return out;
}

/** Parameter names after the tensor of `torch.nn.init` functions, and of Keras initialiser classes, by position. */
const TORCH_INIT_PARAMS: Readonly<Record<string, readonly string[]>> = {
  kaiming_normal: ['a', 'mode', 'nonlinearity'], kaiming_uniform: ['a', 'mode', 'nonlinearity'],
  xavier_normal: ['gain'], xavier_uniform: ['gain'], orthogonal: ['gain'], normal: ['mean', 'std'], uniform: ['a', 'b'],
  trunc_normal: ['mean', 'std', 'a', 'b'], constant: ['val'], zeros: [],
};
const KERAS_INIT_PARAMS: Readonly<Record<string, readonly string[]>> = {
  variance_scaling: ['scale', 'mode', 'distribution', 'seed'], random_normal: ['mean', 'stddev', 'seed'],
  truncated_normal: ['mean', 'stddev', 'seed'], random_uniform: ['minval', 'maxval', 'seed'], orthogonal: ['gain', 'seed'],
  constant: ['value'],
};

/**
 * The initialiser's literal arguments by parameter name ({} when it is written without a call); undefined when an
 * argument is spread or positional beyond what is known, so no default stands in for what the code says.
 */
function initializerArguments(name: string | undefined, at: SourceRange | undefined, torch: boolean, units: UnitTexts): Readonly<Record<string, ParamValue>> | undefined {
  if (name === undefined || !at) return {};
  const raw = argumentsAt(at, units);
  if (!raw) return undefined;
  const params = (torch ? TORCH_INIT_PARAMS : KERAS_INIT_PARAMS)[name] ?? [];
  const out: Record<string, ParamValue> = {};
  for (const [key, value] of Object.entries(raw)) {
    const position = /^#(\d+)$/.exec(key);
    if (!position) { out[key] = value; continue; }
    const index = Number(position[1]) - (torch ? 1 : 0); // torch: #0 is the tensor
    if (index < 0) continue;
    if (index >= params.length) return undefined;
    out[params[index]] = value;
  }
  return out;
}

/** Marks an argument that is written but not a literal (so it must not be taken as its default). */
const NON_LITERAL = '\u0000non-literal';

function product(v: ParamValue | undefined, dims: number): number | undefined {
  if (typeof v === 'number' && Number.isInteger(v) && v > 0) return v ** dims;
  if (Array.isArray(v) && v.length === dims && v.every((x) => typeof x === 'number' && x > 0)) return (v as number[]).reduce((a, b) => a * b, 1);
  return undefined;
}

/** Spatial dimensions from the class name: Conv2d, MaxPooling3D, AvgPool1d. */
function dimsOf(qualified: string): number {
  const m = /([123])[dD]\b|([123])[dD]$/.exec(classOf(qualified));
  return m ? Number(m[1] ?? m[2]) : 2;
}

/** `Conv2d` of `torch.nn.Conv2d`. */
const classOf = (qualified: string): string => qualified.slice(qualified.lastIndexOf('.') + 1);

/** Bias initialisations shared by every layer that has them (never changed: layers are edited by copying). */
const NO_BIAS: BiasInit = { kind: 'none' };
const TORCH_BIAS: BiasInit = { kind: 'torch-default' };
const ZERO_BIAS: BiasInit = { kind: 'constant', value: 0 };

const other = (layer: GraphLayer, line: number, reason: string): SignalLayer => ({ kind: 'other', name: layer.written, line, reason });

/** The prediction's layers for one model and, for each, the index of its graph layer. */
export interface ModelLayers {
  readonly layers: SignalLayer[];
  readonly sources: number[];
}

/** One prediction layer per graph layer (Keras `Input` markers excepted), up to the first one it cannot model. */
export function signalLayersOf(model: ModelGraph, units: UnitTexts): ModelLayers {
  const out: SignalLayer[] = [];
  const sources: number[] = [];
  const result = { layers: out, sources };
  let features: number | undefined; // features (or channels) flowing into the next layer
  const nodes = sequenceOf(model)?.layers;
  // One stop for the whole loop (not a closure per layer): it reads the current layer.
  let index = 0;
  let layer: GraphLayer;
  let line = 0;
  const stop = (reason: string): ModelLayers => {
    out.push(other(layer, line, reason));
    sources.push(index);
    return result;
  };
  for (; index < model.layers.length; index++) {
    layer = model.layers[index];
    const node = nodes?.[index];
    line = layer.range.line;
    const name = layer.written;
    const cls = classOf(layer.qualified);
    const torch = layer.framework === 'torch';
    if (cls === 'Input' || cls === 'InputLayer') { features = layer.width ?? layer.inFeatures ?? features; continue; }
    switch (layer.kind) {
      case 'linear':
      case 'conv': {
        // Read for a convolution's stride and groups and a Keras bias_initializer only.
        const args = layer.kind === 'conv' || !torch ? callArguments(layer, node, units) ?? {} : {};
        const inF = layer.inFeatures ?? features;
        let area = 1;
        let strideArea = 1;
        if (layer.kind === 'conv') {
          if (/Transpose|Separable|Depthwise/.test(cls)) return stop(`${name} is not modelled (only plain convolutions are), so the prediction stops here`);
          const dims = dimsOf(layer.qualified);
          const k = layer.kernelSize ? product([...layer.kernelSize], dims) : undefined;
          const s = args.stride ?? args.strides ?? (torch ? args['#3'] : args['#2']) ?? 1;
          const g = args.groups ?? 1;
          const sa = product(s as ParamValue, dims);
          if (k === undefined || sa === undefined || g !== 1) return stop(`the kernel, stride or groups of ${name} are not plain literals, so the prediction stops here`);
          area = k;
          strideArea = sa;
        }
        if (layer.initializer === 'unknown' && torch) {
          return stop(`an nn.init call (line ${(layer.initializerAt?.line ?? line) + 1}) may set the weights of ${name} and cannot be followed for sure, so the prediction stops here`);
        }
        const initArgs = layer.initializer === undefined ? undefined : initializerArguments(layer.initializer, layer.initializerAt, torch, units);
        const init = layer.initializer === undefined ? (torch ? TORCH_DEFAULT : KERAS_DEFAULT)
          : !initArgs ? undefined : torch ? torchWeightInit(`${layer.initializer}_`, initArgs) : kerasWeightInit(layer.initializer, initArgs);
        if (!init) return stop(`the initialiser ${layer.initializer} of ${name} has no variance the prediction knows, so it stops here`);
        let bias: BiasInit = layer.bias === false ? NO_BIAS : torch ? TORCH_BIAS : ZERO_BIAS;
        if (layer.bias !== false && torch && layer.biasInitializer !== undefined) {
          const args = initializerArguments(layer.biasInitializer, layer.biasInitializerAt, true, units);
          const b = args ? torchBiasInit(`${layer.biasInitializer}_`, args) : undefined;
          if (!b) return stop(`the bias initialiser ${layer.biasInitializer} of ${name} has no variance the prediction knows, so it stops here`);
          bias = b;
        }
        // Keras: a `bias_initializer` string names a known constant or fixed-variance draw; anything else stops.
        if (layer.bias !== false && !torch && args.bias_initializer !== undefined) {
          const written = args.bias_initializer;
          const b = typeof written === 'string' && written !== NON_LITERAL ? kerasBiasInit(written) : undefined;
          if (!b) return stop(`the bias initialiser of ${name} has no variance the prediction knows, so it stops here`);
          bias = b;
        }
        const act = layer.activation;
        if (!torch && act && act.name === undefined) return stop(`the activation of ${name} is not a name the code states, so the prediction stops here`);
        const activation = !torch && act?.name && act.name !== 'linear' ? { name: act.name, framework: layer.framework, params: (act.params ?? {}) as Record<string, ParamValue> } : undefined;
        const weights: Writable<WeightLayer> = {
          kind: layer.kind, name, line,
          fanIn: inF === undefined ? undefined : inF * area,
          fanOut: layer.width === undefined ? undefined : layer.width * area,
        } as Writable<WeightLayer>;
        if (layer.kind === 'conv') { weights.kernelArea = area; weights.strideArea = strideArea; }
        weights.init = init.init;
        weights.initLabel = init.label;
        weights.bias = bias;
        if (activation) weights.activation = activation;
        out.push(weights);
        features = layer.width;
        break;
      }
      case 'activation': {
        const a = layer.activation;
        if (!a?.name) return stop(`the activation ${name} is not one the catalog knows, so the prediction stops here`);
        out.push({ kind: 'activation', name, line, activation: { name: a.name, framework: layer.framework, params: (a.params ?? {}) as Record<string, ParamValue> } });
        break;
      }
      case 'norm': {
        const args = callArguments(layer, node, units) ?? {};
        const eps = args.eps ?? args.epsilon ?? (torch ? 1e-5 : 1e-3);
        if (typeof eps !== 'number') return stop(`the epsilon of ${name} is not a literal, so the prediction stops here`);
        if (/BatchNorm/.test(cls)) out.push({ kind: 'norm', name, line, norm: 'batch', eps });
        else if (/^LayerNorm/.test(cls)) out.push({ kind: 'norm', name, line, norm: 'layer', eps });
        else return stop(`${name} is not modelled (BatchNorm and LayerNorm are), so the prediction stops here`);
        break;
      }
      case 'dropout': {
        const alpha = /^AlphaDropout$/.test(cls);
        if (!alpha && !/^Dropout[123]?[dD]?$|^SpatialDropout/.test(cls)) return stop(`${name} is not modelled, so the prediction stops here`);
        // PyTorch's Dropout() defaults to p=0.5; Keras requires the rate.
        const written = Object.keys(callArguments(layer, node, units) ?? { '#0': 0 }).some((k) => k === '#0' || k === 'p');
        const p = layer.rate ?? (torch && !written ? 0.5 : undefined);
        if (p === undefined) return stop(`the rate of ${name} is not a literal, so the prediction stops here`);
        out.push({ kind: 'dropout', name, line, p, ...(alpha ? { alpha: true } : {}) });
        break;
      }
      case 'pool': {
        if (/Global|Adaptive/.test(cls)) return stop(`${name} averages over a size the code does not state, so the prediction stops here`);
        const args = callArguments(layer, node, units) ?? {};
        const dims = dimsOf(layer.qualified);
        const k = layer.kernelSize ? product([...layer.kernelSize], dims)
          : product((args.kernel_size ?? args.pool_size ?? args['#0'] ?? (torch ? undefined : 2)) as ParamValue, dims);
        const pool = /^Max/.test(cls) ? 'max' : /^Av/.test(cls) ? 'avg' : undefined;
        if (!k || !pool) return stop(`the window of ${name} is not a literal, so the prediction stops here`);
        out.push({ kind: 'pool', name, line, pool, window: k });
        break;
      }
      case 'add': {
        // The graph's index of what is added back, as an index into the prediction's layers.
        const from = layer.residualFrom ?? -2;
        const at = from === -1 ? -1 : sources.indexOf(from);
        if (at < -1 || (from >= 0 && at < 0)) return stop(`the residual addition adds a value the prediction does not know, so it stops here`);
        out.push({ kind: 'add', name, line, from: at });
        break;
      }
      case 'flatten':
        out.push({ kind: 'flatten', name, line });
        features = undefined; // the width after Flatten depends on the spatial size, which the code rarely states
        break;
      default:
        return stop(`${name} is not a layer the prediction models, so it stops here`);
    }
    sources.push(index);
  }
  return result;
}
