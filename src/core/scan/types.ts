/** The scanner's output: plain data about each activation usage in one Python source. */

/** Which framework a usage belongs to. tf.keras and tf_keras count as `keras`. */
export type Framework = 'torch' | 'keras' | 'tf';

/**
 * How the activation appears in the code:
 * - `string`: `activation='relu'`, `Activation('relu')`, `Dense(64, 'relu')`
 * - `layer`: an activation class instantiated, `nn.ReLU()`
 * - `function`: a functional call, `F.relu(x)`
 * - `reference`: an activation used as a value, `activation=tf.nn.relu`
 * - `method`: a tensor method, `x.relu()`
 * - `custom`: a user function or lambda passed where an activation goes
 * - `dynamic`: factories with a literal name, config strings, parameter defaults
 */
export type UsageForm = 'string' | 'layer' | 'function' | 'reference' | 'method' | 'custom' | 'dynamic';

/** A literal argument value as written; anything non-literal is left out of `params`. */
export type ParamValue = number | string | boolean | null | readonly ParamValue[];

/**
 * A range placed in its unit's text: offsets, 0-based lines and columns (UTF-16 code units), and the notebook cell
 * (its index into the notebook's `cells` array; absent for files). Usages, findings, related places and edits share it.
 */
export interface Placed {
  readonly line: number;
  readonly col: number;
  readonly endLine: number;
  readonly endCol: number;
  readonly start: number;
  readonly end: number;
  readonly cell?: number;
}

/** One activation usage; its range (Placed) is the anchor described in the docs. */
export interface Usage extends Placed {
  /** Canonical lower-case name (`leaky_relu`); an invalid string keeps its text; `custom` keeps the function's name. */
  readonly name: string;
  readonly framework: Framework;
  readonly form: UsageForm;
  /** Literal argument values that matter, positional ones mapped to their names. */
  readonly params: Readonly<Record<string, ParamValue>>;
  /** For `string` (and string-like `dynamic`) usages: whether the framework accepts it, and the literal text. */
  readonly valid?: boolean;
  readonly raw?: string;
  /** The callee or expression as written, e.g. `nn.LeakyReLU`, `F.relu`, `tf.nn.relu`, `x.relu`. */
  readonly written: string;
  /** The fully resolved dotted name, e.g. `torch.nn.LeakyReLU`; for strings the consuming call, e.g. `keras.layers.Dense`. */
  readonly qualified?: string;
  /** Keyword the value was passed as (`activation`, `recurrent_activation`, `act_layer`), when any. */
  readonly keyword?: string;
  /** Range of the whole call (layer/function/method/string consumer), for fixes and hovers. */
  readonly callStart?: number;
  readonly callEnd?: number;
  /** For `custom`: offset of the definition (`def` or lambda) the name refers to. */
  readonly definitionStart?: number;
  /** In notebooks: the cell whose text `definitionStart` indexes (an inline lambda's own cell). */
  readonly definitionCell?: number;
}

export interface ScanResult {
  readonly usages: readonly Usage[];
  /** Problems the scanner hit but survived (unterminated strings, too-deep nesting), for logs. */
  readonly notes: readonly string[];
}
