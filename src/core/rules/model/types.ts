/** The light model-structure reader's data: layer sequences, Keras compile calls and PyTorch loss objects. */
import type { CallArg } from '../../python/callArgs';
import type { TokenStream } from '../../python/tokenizer';
import type { Framework, Usage } from '../../scan/types';

/** A readonly type made writable, for an object filled in by the one function that makes (or reuses) it. */
export type Writable<T> = { -readonly [K in keyof T]: T[K] };

export type LayerKind = 'dense' | 'conv' | 'activation' | 'norm' | 'dropout' | 'alpha-dropout' | 'shape' | 'other';

/** An activation as a layer argument: a known canonical name, `linear` (none/None), or undefined when unsure. */
export interface ActivationArg {
  readonly name: string | undefined;
  /** The usage the scanner reported for the argument (string or reference), when any. */
  readonly usage?: Usage;
  /** The argument in the call's argument list. */
  readonly arg?: CallArg;
  readonly argIndex?: number;
}

/** One layer in a sequence, as a call in the source. */
export interface LayerNode {
  readonly unit: number;
  readonly ts: TokenStream;
  readonly framework: Framework;
  readonly kind: LayerKind;
  /** Resolved class, e.g. `keras.layers.Dense`, `torch.nn.Linear`. */
  readonly qualified: string;
  /** The callee as written, e.g. `layers.Dense`, `nn.Linear`. */
  readonly written: string;
  /** Token index of the call's `(` and offsets of the whole call `Dense(...)`. */
  readonly open: number;
  readonly start: number;
  readonly end: number;
  readonly args: readonly CallArg[];
  /** Output units (Dense, Linear out_features) or channels, when a literal. */
  readonly units?: number;
  /** Activation argument (Keras layers) or, for activation layers, the activation itself. */
  readonly activation?: ActivationArg;
  /** A residual addition (`x = x + self.block(x)`): the index in its sequence of the layer whose output is added back, -1 for the input. */
  readonly residualFrom?: number;
  /** Keras: the features of a `keras.Input(shape=...)` that feeds this (first) layer, when literal. */
  readonly inputWidth?: number;
  /** Literal `kernel_initializer` string, when given. */
  readonly kernelInitializer?: string;
  /** How the layer sits in the code, which decides how a fix can add or remove a layer after it. */
  readonly placement: Placement;
}

export type Placement =
  | { readonly kind: 'list'; readonly itemStart: number; readonly itemEnd: number }
  | { readonly kind: 'add'; readonly receiver: string; readonly statementStart: number; readonly statementEnd: number; readonly indent: string }
  | { readonly kind: 'functional'; readonly target: string; readonly statementStart: number; readonly statementEnd: number; readonly indent: string }
  | { readonly kind: 'forward'; readonly callStart: number; readonly callEnd: number; readonly argText?: string; readonly statementStart: number; readonly statementEnd: number; readonly returns: boolean }
  | { readonly kind: 'other' };

/** Layers applied one after the other: a Sequential list, an add chain, a functional chain or a module's forward. */
export interface Sequence {
  readonly framework: Framework;
  readonly source: 'sequential' | 'add' | 'functional' | 'module';
  /** The model's variable or class name, when known. */
  name?: string;
  readonly layers: LayerNode[];
  /** Straight-line code only: false when the forward has branches or loops, so only the output may be trusted. */
  ordered: boolean;
  /** Where the model is built: the `Sequential(...)` call, a module's class name; unset for chains (their first layer). */
  at?: { readonly unit: number; readonly start: number; readonly end: number };
  /** PyTorch modules: the class, its `forward` and the layers `__init__` sets (`self.fc` -> [Linear]). */
  module?: { readonly unit: number; readonly classTok: number; readonly forward: number; readonly attrs: ReadonlyMap<string, readonly LayerNode[]> };
  /**
   * PyTorch modules: the `nn.init.<name>_` call that sets each layer's weight (`inits`) or bias (`biasInits`), in
   * `__init__` or through `self.apply(fn)`; name `unknown` when an init call could not be attributed for sure.
   */
  inits?: Map<LayerNode, InitCall>;
  biasInits?: Map<LayerNode, InitCall>;
  /**
   * Keras functional models with several outputs (`Model(inputs, [a, b])`, `outputs={'age': a}`): each output's
   * chain (absent when it cannot be followed), in order. Such a model has no layers of its own.
   */
  outputs?: readonly ModelOutput[];
  /** Whether `outputs` was written as a list (or tuple) or as a dict. */
  outputsAs?: 'list' | 'dict';
}

/** One output of a Keras model with several. */
export interface ModelOutput {
  /** The chain that computes it, when the reader followed it. */
  readonly seq?: Sequence;
  /** The key in `outputs={...}`. */
  readonly key?: string;
  /** The literal `name=` of the layer that computes it. */
  readonly name?: string;
}

/** An `nn.init.<name>_(...)` call: the name without the underscore, and where the call is written. */
export interface InitCall {
  readonly name: string;
  readonly unit: number;
  readonly start: number;
  readonly end: number;
}

/** A loss as used by Keras `compile` or a PyTorch loss object/function. */
export interface LossRef {
  readonly framework: Framework;
  /** Normalised: `categorical_crossentropy`, `binary_crossentropy`, `mse`, `cross_entropy`, `nll`, `bce`, `bce_logits`, ... */
  readonly name: string;
  /** Keras: literal from_logits (false when absent, the default). */
  readonly fromLogits?: boolean;
  /** Where the loss is written (string literal, class call or function). */
  readonly unit: number;
  readonly start: number;
  readonly end: number;
  /** For class calls: the `(` token, to add or change keyword arguments. */
  readonly open?: number;
  readonly written: string;
  readonly kind: 'string' | 'class' | 'function';
}

export interface CompileCall {
  readonly unit: number;
  /** The statement's first token (`model.compile(...)`). */
  readonly tok: number;
  readonly receiver: string;
  readonly loss?: LossRef;
  /** `loss=[...]` or `loss={...}`: one entry per output (by position or output name); `loss` is then unset. */
  readonly losses?: readonly { readonly key: number | string; readonly loss?: LossRef }[];
  readonly lossesAs?: 'list' | 'dict';
}

/** A PyTorch loss applied to an expression whose range is known (`F.cross_entropy(out, y)`, `criterion(out, y)`). */
export interface LossApplication {
  readonly loss: LossRef;
  readonly unit: number;
  /** The `(` of the call that applies the loss, and the variable called (`criterion`), when it is one. */
  readonly open: number;
  readonly variable?: string;
  /** Token range of the first argument (the prediction). */
  readonly predFrom: number;
  readonly predTo: number;
}

export interface ModelInfo {
  readonly sequences: readonly Sequence[];
  readonly compiles: readonly CompileCall[];
  /** PyTorch loss objects and functions anywhere in the source. */
  readonly torchLosses: readonly LossRef[];
  readonly applications: readonly LossApplication[];
  /** Functional models: model variable -> sequence. */
  readonly models: ReadonlyMap<string, Sequence>;
  /** Model constructions by the call's place (`Sequential(...)`, `Model(...)`), and module classes by their `class` token. */
  readonly built: Constructions;
}

/** Where models are built (built.ts): looked up by place. */
export interface Constructions {
  /** The model the call starting at `start` of `unit` builds (`Sequential(...)`, `Model(...)`). */
  construction(unit: number, start: number): Sequence | undefined;
  /** The module class whose `class` token is `tok` of `unit`. */
  moduleClass(unit: number, tok: number): Sequence | undefined;
}
