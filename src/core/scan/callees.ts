/**
 * Calls that are not activations themselves but take one: Keras layers with `activation=`, PyTorch Transformer
 * layers, `keras.activations.get`, factories with a literal name, `functools.partial`, `getattr`.
 */

/** Keras layers whose activation can be passed positionally: class -> index of `activation` (and recurrent). */
export const KERAS_POSITIONAL_ACTIVATION: Readonly<Record<string, readonly [number, number?]>> = {
  Dense: [1],
  Activation: [0],
  SimpleRNN: [1],
  SimpleRNNCell: [1],
  LSTM: [1, 2],
  LSTMCell: [1, 2],
  GRU: [1, 2],
  GRUCell: [1, 2],
  Conv1D: [7], Conv2D: [7], Conv3D: [7],
  Conv1DTranspose: [6], Conv2DTranspose: [7], Conv3DTranspose: [7],
  SeparableConv1D: [7], SeparableConv2D: [7], DepthwiseConv2D: [6],
  EinsumDense: [3],
};

/** PyTorch Transformer layers: class -> positional index of `activation`. */
export const TORCH_TRANSFORMER_ACTIVATION: Readonly<Record<string, number>> = {
  'torch.nn.TransformerEncoderLayer': 4,
  'torch.nn.TransformerDecoderLayer': 4,
  'torch.nn.Transformer': 6,
};

/** Keyword names that carry a framework activation string to a framework call. */
export const STRING_KEYWORDS: ReadonlySet<string> = new Set(['activation', 'recurrent_activation']);

/**
 * Keyword and parameter names that look like they hold an activation (`act_layer`, `hidden_act`, `activation_fn`).
 * `nonlinearity` is deliberately absent: it is the weight-initialisation argument (`kaiming_normal_`).
 */
export function isActivationKeyword(name: string): boolean {
  return /^(?:[a-z0-9]+_)*(?:activation|activations|act|acts|act_layer|act_fn|act_func|act_type|act_cfg|activation_fn|activation_func|activation_layer|activation_type|activation_function|nonlin|non_lin)$/i.test(name);
}

/** Factory functions (timm, Hugging Face, many repos) that build an activation from its name. */
export function isActivationFactory(lastName: string): boolean {
  return /^(?:create|get|build|make)_?(?:act|activation)(?:_?(?:layer|fn|func|function|cls|class|module))?$/i.test(lastName)
    || lastName === 'ACT2FN' || lastName === 'ACT2CLS';
}

/** Tensor methods that are activations. `relu`, `sigmoid` and `tanh` take no argument besides self. */
export const TENSOR_METHODS: Readonly<Record<string, { readonly name: string; readonly inplace?: boolean; readonly positional: readonly string[]; readonly takesArgs: boolean }>> = {
  relu: { name: 'relu', positional: [], takesArgs: false },
  relu_: { name: 'relu', inplace: true, positional: [], takesArgs: false },
  sigmoid: { name: 'sigmoid', positional: [], takesArgs: false },
  sigmoid_: { name: 'sigmoid', inplace: true, positional: [], takesArgs: false },
  tanh: { name: 'tanh', positional: [], takesArgs: false },
  tanh_: { name: 'tanh', inplace: true, positional: [], takesArgs: false },
  softmax: { name: 'softmax', positional: ['dim'], takesArgs: true },
  log_softmax: { name: 'log_softmax', positional: ['dim'], takesArgs: true },
  hardshrink: { name: 'hardshrink', positional: ['lambd'], takesArgs: true },
};

/** Argument names worth reporting in `params` (besides those an API lists positionally). */
export const REPORTED_PARAMS: ReadonlySet<string> = new Set([
  'negative_slope', 'alpha', 'inplace', 'approximate', 'dim', 'axis', 'beta', 'threshold', 'value', 'max_value',
  'min_val', 'max_val', 'min_value', 'lower', 'upper', 'lambd', 'num_parameters', 'init', 'shared_axes', 'theta',
  'alpha_initializer', 'b', 'default_value', 'training', 'scale',
]);

/** Arguments that are the data, not parameters. */
export const INPUT_PARAMS: ReadonlySet<string> = new Set(['input', 'x', 'features', 'self', 'inputs', 'logits', 'tensor']);

/** A table entry by key, never an inherited property: `'constructor'` or `'toString'` in user code is just text. */
export function own<T>(table: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.prototype.hasOwnProperty.call(table, key) ? table[key] : undefined;
}
