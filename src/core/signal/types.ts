/** The signal prediction's data: a model as a list of layers in execution order, and what it does to the signal. */
import type { Framework, ParamValue } from '../scan/types';

/** Layer kinds of the `signal` output (`add` is a residual addition, which the JSON output reports as `other`). */
export type SignalLayerKind = 'linear' | 'conv' | 'activation' | 'norm' | 'dropout' | 'pool' | 'flatten' | 'add' | 'other';

/**
 * How weights are drawn. Variance-scaling families give Var(W) = scale / fan with fan = fan_in, fan_out, their
 * mean or their maximum (orthogonal); `fixed` gives a variance that does not depend on the fans.
 */
export type WeightInit =
  | { readonly kind: 'torch-default' }
  | { readonly kind: 'scaling'; readonly scale: number; readonly mode: 'fan_in' | 'fan_out' | 'fan_avg' | 'fan_max' }
  | { readonly kind: 'fixed'; readonly variance: number };

/** How biases are drawn: PyTorch's uniform(+-1/sqrt(fan_in)), a constant (zeros included), or a variance. */
export type BiasInit =
  | { readonly kind: 'torch-default' }
  | { readonly kind: 'constant'; readonly value: number }
  | { readonly kind: 'fixed'; readonly variance: number }
  | { readonly kind: 'none' };

/** An elementwise activation by catalog name, with the code's parameters (framework spelling). */
export interface ActivationSpec {
  readonly name: string;
  readonly framework: Framework;
  readonly params?: Readonly<Record<string, ParamValue>>;
}

interface LayerBase {
  /** What the code calls it: `nn.Linear`, `Dense`, `nn.Tanh`. */
  readonly name: string;
  /** 0-based line in the file (cell) where the layer is written, when known. */
  readonly line?: number;
}

/** A dense or convolution layer; `fanIn` = in_features or (in_channels / groups) x kernel area. */
export interface WeightLayer extends LayerBase {
  readonly kind: 'linear' | 'conv';
  readonly fanIn?: number;
  /** out_features, or (out_channels / groups) x kernel area (what initialisers call fan_out). */
  readonly fanOut?: number;
  /** Convolutions: kernel area (product of the kernel sizes); fanOut / kernelArea is the number of channels. */
  readonly kernelArea?: number;
  /** Convolutions: stride area (product of the strides); each input value feeds fanOut / strideArea outputs. */
  readonly strideArea?: number;
  /** Convolutions, per spatial dimension when literal: kernel sizes, strides and (symmetric) zero padding. */
  readonly kernel?: readonly number[];
  readonly stride?: readonly number[];
  readonly padding?: readonly number[];
  readonly init: WeightInit;
  /** Text for reports: `kaiming_uniform_(a=sqrt(5))`, `glorot_uniform`, `he_normal`. */
  readonly initLabel: string;
  readonly bias: BiasInit;
  /** Keras `Dense(..., activation=...)`: the activation applied inside the layer. */
  readonly activation?: ActivationSpec;
}

export interface ActivationLayer extends LayerBase {
  readonly kind: 'activation';
  readonly activation: ActivationSpec;
}

export interface NormLayer extends LayerBase {
  readonly kind: 'norm';
  /** BatchNorm: per feature over the batch; LayerNorm: per example over the features. */
  readonly norm: 'batch' | 'layer';
  readonly eps?: number;
}

export interface DropoutLayer extends LayerBase {
  readonly kind: 'dropout';
  readonly p: number;
  /** AlphaDropout (SELU's partner): keeps mean and variance instead of scaling by 1 / (1 - p). */
  readonly alpha?: boolean;
}

export interface PoolLayer extends LayerBase {
  readonly kind: 'pool';
  readonly pool: 'max' | 'avg';
  /** Values per window (kernel area); windows are assumed not to overlap (stride = kernel). */
  readonly window?: number;
  /** Kernel size per spatial dimension, when literal. */
  readonly kernel?: readonly number[];
}

export interface FlattenLayer extends LayerBase {
  readonly kind: 'flatten';
}

/** A residual addition: this layer's input plus the output of layer `from` (-1 = the model's input). */
export interface AddLayer extends LayerBase {
  readonly kind: 'add';
  readonly from: number;
}

/** Anything the prediction does not model: it ends there, with `reason`. */
export interface OtherLayer extends LayerBase {
  readonly kind: 'other';
  readonly reason?: string;
}

export type SignalLayer = WeightLayer | ActivationLayer | NormLayer | DropoutLayer | PoolLayer | FlattenLayer | AddLayer | OtherLayer;

/** What the prediction says about one layer's output. */
export interface LayerSignal {
  readonly index: number;
  readonly mean: number;
  readonly std: number;
  /** RMS gradient at this output / RMS gradient at the last predicted output; undefined when the model is cut short. */
  readonly grad?: number;
}

export type Verdict = 'stable' | 'vanishing' | 'exploding' | 'unknown';

export interface SignalThresholds {
  /** First-layer gradient ratio below this: vanishing (default 1e-3). */
  readonly vanishing: number;
  /** First-layer gradient ratio above this: exploding (default 1e3). */
  readonly exploding: number;
}

export interface SignalPrediction {
  /** One entry per predicted layer, in order; shorter than the input when the prediction stopped. */
  readonly layers: readonly LayerSignal[];
  readonly verdict: Verdict;
  /** RMS gradient at the first layer's output over the same at the last output (undefined when unknown). */
  readonly firstGrad?: number;
  /** Why the prediction stopped early or is unknown, in plain words. */
  readonly stopped?: { readonly index: number; readonly reason: string };
  /** Approximations that applied to this model (pooling, a final softmax left out, ...). */
  readonly notes: readonly string[];
}
