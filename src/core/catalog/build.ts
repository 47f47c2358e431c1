/**
 * Small constructors that keep the catalog data readable: each entry file lists names and defaults,
 * these helpers expand them into `Variant`s with fully qualified API names.
 */
import type { ApiName, CallForm, KerasRange, ParamSpec, ParamValue, Variant } from './types';

/** Keras version ranges. Keras 2 means tf.keras / tf_keras 2.x; `'3'` alone means every 3.x. */
export const K2: KerasRange = { from: '2.0', to: '2.99' };
export const K3: KerasRange = { from: '3.0' };
export const since = (from: string): KerasRange => ({ from });

/** A numeric parameter that feeds formula symbol `math`. */
export function num(name: string, dflt: ParamValue | undefined, math: string | undefined, doc: string, extra: Partial<ParamSpec> = {}): ParamSpec {
  return { name, ...(dflt === undefined ? {} : { default: dflt }), type: 'number', ...(math ? { math } : {}), doc, ...extra };
}

/** `inplace=False`: writes into the input; no effect on values. */
export const inplace: ParamSpec = { name: 'inplace', default: false, type: 'boolean', doc: 'Overwrite the input tensor instead of allocating a new one (no effect on values).' };
/** PyTorch `dim` of the softmax family (None triggers the implicit-dimension warning). */
export const torchDim: ParamSpec = { name: 'dim', default: null, type: 'integer', doc: 'Dimension the operation runs along. Leaving it None is deprecated: PyTorch guesses (dim 0 for 0-, 1- and 3-D inputs, else 1).' };
export const torchDtype: ParamSpec = { name: 'dtype', default: null, type: 'any', doc: 'Cast the input to this dtype first (no effect on the maths).' };
export const kerasAxis: ParamSpec = { name: 'axis', default: -1, type: 'integer', doc: 'Axis the operation runs along.' };
export const tfAxis: ParamSpec = { name: 'axis', default: null, type: 'integer', doc: 'Axis the operation runs along; None means the last one.' };
export const tfName: ParamSpec = { name: 'name', default: null, type: 'any', doc: 'Name of the TensorFlow operation (no effect on values).' };
/** Number of logits for plotting vector activations: x is logit 0, the others are held at 0. */
export const logits: ParamSpec = {
  name: 'logits', default: 3, type: 'integer', math: 'n', min: 1, plotOnly: true,
  doc: 'Plot only: length of the logit vector; x is logit 0 and the others are held at 0.',
};

const TORCH_NN = 'torch.nn.';
const TORCH_F = 'torch.nn.functional.';

interface TorchNames {
  /** `torch.nn` class and its constructor arguments. */
  readonly module?: string;
  readonly moduleArgs?: readonly string[];
  /** `torch.nn.functional` function and its arguments after `input`. */
  readonly fn?: string;
  readonly fnArgs?: readonly string[];
  /** Also `F.<fn>_` (in place). */
  readonly fnInplace?: boolean;
  /** `torch.<name>` and maybe `torch.<name>_`. */
  readonly torchFn?: string;
  readonly torchInplace?: boolean;
  readonly torchArgs?: readonly string[];
  /** Tensor method `x.<name>()` and maybe `x.<name>_()`. */
  readonly method?: string;
  readonly methodInplace?: boolean;
  readonly methodArgs?: readonly string[];
  /** Extra names, already qualified. */
  readonly extra?: readonly ApiName[];
  /** Deprecation note for the functional form (`F.sigmoid`). */
  readonly fnDeprecated?: string;
}

/** Expands PyTorch names (class, functional, torch.*, tensor method) into qualified API names. */
export function torchApis(n: TorchNames): ApiName[] {
  const out: ApiName[] = [];
  if (n.module) out.push({ qualified: TORCH_NN + n.module, kind: 'layer', positional: n.moduleArgs ?? [] });
  if (n.fn) {
    const positional = ['input', ...(n.fnArgs ?? [])];
    out.push({ qualified: TORCH_F + n.fn, kind: 'function', positional, ...(n.fnDeprecated ? { deprecated: n.fnDeprecated } : {}) });
    if (n.fnInplace) out.push({ qualified: `${TORCH_F}${n.fn}_`, kind: 'function', positional: positional.filter((p) => p !== 'inplace'), inplace: true });
  }
  if (n.torchFn) {
    const positional = ['input', ...(n.torchArgs ?? n.fnArgs ?? []).filter((p) => p !== 'inplace')];
    out.push({ qualified: `torch.${n.torchFn}`, kind: 'function', positional });
    if (n.torchInplace) out.push({ qualified: `torch.${n.torchFn}_`, kind: 'function', positional, inplace: true });
  }
  if (n.method) {
    const positional = (n.methodArgs ?? n.fnArgs ?? []).filter((p) => p !== 'inplace');
    out.push({ qualified: `torch.Tensor.${n.method}`, kind: 'method', positional });
    if (n.methodInplace) out.push({ qualified: `torch.Tensor.${n.method}_`, kind: 'method', positional, inplace: true });
  }
  return [...out, ...(n.extra ?? [])];
}

/** Qualified function names with one argument list, e.g. `fns(['keras.activations.relu', 'keras.ops.relu'], ['x'])`. */
export function fns(qualified: readonly string[], positional: readonly string[], deprecated?: string): ApiName[] {
  return qualified.map((q) => ({ qualified: q, kind: 'function' as const, positional, ...(deprecated ? { deprecated } : {}) }));
}

/** A layer class name with its constructor arguments. */
export function layer(qualified: string, positional: readonly string[]): ApiName {
  return { qualified, kind: 'layer', positional };
}

/** A variant literal with `forms` narrowed, so entries read as tables. */
export function variant(v: Variant): Variant {
  return v;
}

/** Forms for a function/string variant (Keras functions are also passed by reference or by name). */
export const FUNCTION_FORMS: readonly CallForm[] = ['function', 'string', 'reference', 'method'];
export const LAYER_FORMS: readonly CallForm[] = ['layer'];

/** Docs URLs. */
export const torchDoc = (cls: string): string => `https://pytorch.org/docs/stable/generated/torch.nn.${cls}.html`;
export const kerasDoc = (anchor: string): string => `https://keras.io/api/layers/activations/#${anchor}-function`;
export const kerasLayerDoc = (page: string): string => `https://keras.io/api/layers/activation_layers/${page}/`;
export const tfDoc = (path: string): string => `https://www.tensorflow.org/api_docs/python/tf/${path}`;
export const keras2Doc = (fn: string): string => `https://www.tensorflow.org/versions/r2.15/api_docs/python/tf/keras/activations/${fn}`;

/** Sources cited by variants (file and version). */
export const SRC = {
  torchModules: 'pytorch/pytorch torch/nn/modules/activation.py (1.13), checked with inspect.signature in the reference generator',
  torchF: 'pytorch/pytorch torch/nn/functional.py (1.13)',
  keras3: 'keras-team/keras keras/src/activations/activations.py (3.16.0)',
  keras3Ops: 'keras-team/keras keras/src/ops/nn.py (3.16.0)',
  keras3Layers: 'keras-team/keras keras/src/layers/activations/*.py (3.16.0)',
  keras2: 'keras-team/tf-keras tf_keras/activations.py (2.21.0) and keras-team/keras v2.15.0 keras/activations.py',
  keras2Layers: 'keras-team/tf-keras tf_keras/layers/activation/*.py (2.21.0)',
  keras2Backend: 'keras-team/tf-keras tf_keras/backend.py (2.21.0)',
  tf: 'tensorflow/tensorflow python/ops/nn_ops.py, math_ops.py (2.x public API)',
} as const;
