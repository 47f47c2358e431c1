/**
 * The model graph: every model a Python file or notebook builds, as plain data with source ranges. Built from the
 * scanner's token streams and usages (no second parser); JSON-serialisable, so the command line can print it.
 *
 * Layers are listed in execution order: the order a Keras `Sequential` list, an `.add` chain or a functional
 * chain applies them, or the order a PyTorch `forward` applies its modules and functional activations (calls
 * ordered by where they close, so `F.relu(self.fc(x))` is fc, then relu). An `nn.Sequential` used inside a
 * module is expanded into its leaf layers.
 */
import type { Framework } from '../scan/types';

/** Where something is written. Lines and columns are 0-based (UTF-16 code units), offsets index `unit`'s text. */
export interface SourceRange {
  /** Index into the parsed source's units (the file, or one notebook code cell). */
  readonly unit: number;
  /** Notebook cell index (into the notebook's `cells` array), for notebooks. */
  readonly cell?: number;
  readonly start: number;
  readonly end: number;
  readonly line: number;
  readonly col: number;
  readonly endLine: number;
  readonly endCol: number;
}

/**
 * What a layer does, coarsely:
 * - `linear`: `Dense`, `EinsumDense`, `nn.Linear`, `nn.LazyLinear`
 * - `conv`: `Conv1D..3D`, transposed, separable and depthwise convolutions, `nn.ConvNd`, `nn.ConvTransposeNd`
 * - `activation`: an activation layer or function (`nn.ReLU()`, `Activation('relu')`, `F.relu(x)` in forward)
 * - `norm`: batch, layer, group, instance and RMS normalisation
 * - `dropout`: `Dropout` and its variants, including `AlphaDropout` and `GaussianNoise`
 * - `pool`: max, average and global pooling, adaptive pooling
 * - `flatten`: `Flatten`, `nn.Flatten`
 * - `add`: a residual addition (`x = x + self.block(x)` in a forward, `layers.Add()([x, h])` along a Keras chain);
 *   `residualFrom` says what is added back
 * - `other`: anything else (reshapes, embeddings, recurrent layers, user modules the graph cannot see into)
 */
export type GraphLayerKind = 'linear' | 'conv' | 'activation' | 'norm' | 'dropout' | 'pool' | 'flatten' | 'add' | 'other';

/** An activation a layer applies. */
export interface GraphActivation {
  /**
   * Canonical catalog name (`relu`, `leaky_relu`, `softmax`), `linear` when the layer applies none (a Keras
   * `Dense` without `activation=`, `activation=None`, every PyTorch `Linear`/`Conv`), undefined when the code does
   * not say (a variable, a user object).
   */
  readonly name: string | undefined;
  /** Literal parameters the scanner read (`negative_slope`, `alpha`, `dim`), when any. */
  readonly params?: Readonly<Record<string, unknown>>;
  /** Where the activation is written (`'relu'` in `Dense(64, activation='relu')`, or the activation call). */
  readonly range?: SourceRange;
}

export interface GraphLayer {
  readonly kind: GraphLayerKind;
  readonly framework: Framework;
  /** The class or function as written (`layers.Dense`, `nn.Linear`, `F.relu`); `self.block` for unknown submodules. */
  readonly written: string;
  /** Fully resolved name (`keras.layers.Dense`, `torch.nn.Linear`); empty for layers the graph cannot resolve. */
  readonly qualified: string;
  /** The layer call (`nn.Linear(64, 10)`); in a forward, the call that applies it (`self.fc(x)`) is `appliedAt`. */
  readonly range: SourceRange;
  /** For modules: where forward applies the layer (`self.fc(x)`, `F.relu(x)`). */
  readonly appliedAt?: SourceRange;
  /** The activation the layer applies: its `activation=` argument, or the activation layer itself. */
  readonly activation?: GraphActivation;
  /** Output width where literal: `units`, `out_features`, `filters`, `out_channels`. */
  readonly width?: number;
  /**
   * Input width where literal: `in_features`, `in_channels` (PyTorch); `input_dim` or `input_shape[-1]` (Keras), or
   * the last dimension of the `keras.Input(shape=...)` the first layer reads.
   */
  readonly inFeatures?: number;
  /** Convolution kernel size where literal, one entry per spatial dimension (`3` on a Conv2d is `[3, 3]`). */
  readonly kernelSize?: readonly number[];
  /**
   * The weight initialiser where given: Keras `kernel_initializer` (`'he_normal'`, or `HeNormal()` as `he_normal`);
   * PyTorch `nn.init.<name>_(self.<layer>.weight)` in `__init__`, or on `m.weight` under an `isinstance` guard in a
   * function `self.apply` runs (`kaiming_normal`, `xavier_uniform`).
   */
  readonly initializer?: string;
  /**
   * Where the initialiser is written with arguments (the `nn.init.*_(...)` call, a Keras `VarianceScaling(...)`
   * object), so its literal arguments can be read; `unknown` initialisers are calls that could not be attributed.
   */
  readonly initializerAt?: SourceRange;
  /** PyTorch: the `nn.init.*_` call that sets the bias (`zeros`, `constant`), and where. */
  readonly biasInitializer?: string;
  readonly biasInitializerAt?: SourceRange;
  /** Whether the layer adds a bias: false only when `use_bias=False` / `bias=False` is written. */
  readonly bias?: boolean;
  /** `add` layers: the index in `layers` of the layer whose output is added back; -1 for the model's input. */
  readonly residualFrom?: number;
  /** Dropout rate (`rate`, `p`) where literal. */
  readonly rate?: number;
}

/**
 * How the model is built:
 * - `keras-sequential`: `keras.Sequential([...])`
 * - `keras-add`: `model = Sequential()` followed by `model.add(...)` calls
 * - `keras-functional`: `x = Dense(...)(x)` chains ending in `Model(inputs, outputs)` (or not yet wrapped)
 * - `torch-sequential`: `nn.Sequential(...)`
 * - `keras-subclass`: a `keras.Model` / `keras.layers.Layer` subclass with layers set in `__init__` and applied in `call`
 * - `torch-module`: an `nn.Module` class with `__init__` and `forward`
 */
export type ModelSource = 'keras-sequential' | 'keras-add' | 'keras-functional' | 'keras-subclass' | 'torch-sequential' | 'torch-module';

export interface ModelGraph {
  /** Stable within one analysis: the index into `ProgramGraph.models`. */
  readonly id: number;
  readonly framework: Framework;
  readonly source: ModelSource;
  /** The variable (`model`, `self.net`) or class (`Generator`) name, when there is one. */
  readonly name?: string;
  /** The construction: the `Sequential(...)` call, the class name of a module, the first layer of a chain. */
  readonly range: SourceRange;
  /** Leaf layers in execution order. */
  readonly layers: readonly GraphLayer[];
  /**
   * True when the layers are straight-line code read in full. False when a forward branches or loops, or applies
   * things the graph cannot read between layers: then only the final layer may be trusted, and signal predictions
   * should say the model is not fully known.
   */
  readonly ordered: boolean;
  /** True when a Sequential attribute of a module: its layers also appear in the module's graph. */
  readonly inner?: boolean;
}

export interface ProgramGraph {
  readonly models: readonly ModelGraph[];
}
