/** The activation catalog's data model: one typed entry per activation, with per-framework names and parameters. */
import type { Framework, ParamValue } from '../scan/types';

export type { Framework, ParamValue };

/** A value a formula symbol takes. */
export type MathValue = number | string | boolean;

/** How an activation is reached in code: a class, a function, a tensor method or a Keras `activation=` string. */
type ApiKind = 'layer' | 'function' | 'method';
/** The usage forms a parameter variant applies to (the scanner's `form`, minus `custom`/`dynamic`). */
export type CallForm = 'layer' | 'function' | 'method' | 'string' | 'reference';

/** One parameter as a framework spells it. */
export interface ParamSpec {
  /** The framework's own name: `negative_slope`, `alpha`, `lambd`. */
  readonly name: string;
  /** Default value; absent means the framework requires the argument (PyTorch `Threshold`). */
  readonly default?: ParamValue;
  readonly type: 'number' | 'integer' | 'boolean' | 'string' | 'any';
  /** Formula symbol this parameter feeds; absent when it does not change values (`inplace`, `dim`). */
  readonly math?: string;
  /** Allowed values for string/boolean parameters. */
  readonly choices?: readonly (string | boolean)[];
  /** Numeric bounds the framework enforces (or that the formula needs); `minExclusive` makes `min` strict. */
  readonly min?: number;
  readonly minExclusive?: boolean;
  readonly max?: number;
  /** One line for hovers and `explain`. */
  readonly doc: string;
  /** Other names still accepted with a warning, e.g. Keras 3 `LeakyReLU(alpha=...)`. */
  readonly deprecatedAliases?: readonly string[];
  /** Value plots use while a required argument is missing (PyTorch `Threshold`). */
  readonly plotDefault?: number;
  /** Number the formula uses when the argument is None (Keras `max_value=None` means no cap). */
  readonly noneValue?: number;
  /** Not a framework argument: a knob for plotting vector activations along one logit. */
  readonly plotOnly?: boolean;
}

/** One public name through which a framework exposes an activation. */
export interface ApiName {
  /** Fully qualified: `torch.nn.functional.leaky_relu`, `keras.layers.LeakyReLU`, `tf.nn.leaky_relu`. */
  readonly qualified: string;
  readonly kind: ApiKind;
  /**
   * Positional parameter names in call order. Functions start with the input (`input`, `x`, `features`);
   * layers list constructor arguments; methods omit `self`.
   */
  readonly positional: readonly string[];
  /** Writes into its input (`F.relu_`, `x.relu_()`). */
  readonly inplace?: boolean;
  /** Why it is deprecated and what to use instead. */
  readonly deprecated?: string;
}

/** Keras version bounds, inclusive, as `major.minor` strings (`'3.7'`). */
export interface KerasRange {
  readonly from?: string;
  readonly to?: string;
}

/** A set of names and parameters that share defaults: one framework, some Keras versions, some forms. */
export interface Variant {
  readonly framework: Framework;
  /** Keras versions this applies to (keras framework only). Keras 2 means tf.keras / tf_keras 2.x. */
  readonly keras?: KerasRange;
  /** Forms this variant covers; absent means every form. */
  readonly forms?: readonly CallForm[];
  /** `activation=` strings that resolve to this variant, case-sensitive. */
  readonly strings?: readonly string[];
  readonly apis: readonly ApiName[];
  readonly params: readonly ParamSpec[];
  /** Key into the entry's `formulas`; defaults to the entry's selection or `'default'`. */
  readonly formula?: string;
  /** Formula constants this framework fixes rather than exposes (Keras `selu`'s alpha and scale). */
  readonly fixed?: Readonly<Record<string, number>>;
  /** Framework-specific remarks for hovers (deprecations, caveats). */
  readonly notes?: readonly string[];
  /** The first note written to fit one hover line whole, when the note itself is longer. */
  readonly hoverNote?: string;
  /** Where the facts were read: file and version. */
  readonly source: string;
}

/** A formula of `x` and numeric parameters. */
export interface Formula {
  /** mathjs expression used for evaluation; written to be numerically stable in the tails. */
  readonly expr: string;
  readonly tex: string;
  /** Written-out derivative (piecewise or for stability); absent means mathjs `derivative` of `symbolic ?? expr`. */
  readonly derivative?: string;
  readonly derivativeTex: string;
  /** A smooth closed form mathjs can differentiate, used to cross-check `derivative`. */
  readonly symbolic?: string;
}

export type OutputUse = 'binary' | 'multi-class' | 'multi-label' | 'regression' | 'positive-regression' | 'bounded-regression';

interface Guidance {
  /** Suited to hidden layers. */
  readonly hidden: boolean;
  /** Output heads it suits. */
  readonly outputs: readonly OutputUse[];
  /** Short practical advice, one sentence each. */
  readonly tips: readonly string[];
  readonly pitfalls: readonly string[];
  /** Questions practitioners ask, answered briefly. */
  readonly qa: readonly { readonly q: string; readonly a: string }[];
  /**
   * Texts written to fit one hover line whole (the full texts above stay for the panel, `explain` and the docs):
   * `use` when the one made from `hidden` and `outputs` is too long, `advice` for the first pitfall (or tip).
   */
  readonly hover: { readonly use?: string; readonly advice?: string };
}

/** Description of how a vector activation is reduced to one variable for plots and properties. */
export interface VectorView {
  /** What `x` means, e.g. "logit 0, other logits fixed at 0". */
  readonly along: string;
  /** What the real function does. */
  readonly description: string;
  /** The description and the `along` written to fit one hover line whole. */
  readonly hover: string;
}

export interface ActivationEntry {
  /** Canonical lower-case name, as the scanner reports it. */
  readonly name: string;
  /** Other canonical spellings accepted by `getActivation` (`swish`, `hard_swish`). */
  readonly aliases: readonly string[];
  readonly title: string;
  readonly summary: string;
  /** Keyed formulas; `'default'` is always present. */
  readonly formulas: Readonly<Record<string, Formula>>;
  /** Picks a formula from the resolved parameters (GELU `approximate`). */
  readonly selectFormula?: (math: Readonly<Record<string, MathValue>>) => string;
  readonly variants: readonly Variant[];
  readonly vector?: VectorView;
  readonly guidance: Guidance;
  /** Docs page per framework (`keras2` for tf.keras 2). */
  readonly docs: Readonly<Partial<Record<Framework | 'keras2', string>>>;
  /** x interval a plot shows by default. */
  readonly plotRange: readonly [number, number];
}

/** Parameters after defaults were filled in. */
export interface ResolvedParams {
  readonly name: string;
  readonly framework: Framework;
  readonly kerasVersion?: string;
  /** Every parameter of the variant, framework spelling, defaults filled; required ones missing stay absent. */
  readonly params: Readonly<Record<string, ParamValue>>;
  /** Numbers (and choice strings or flags) the formula uses, fixed constants included. */
  readonly math: Readonly<Record<string, MathValue>>;
  readonly formula: string;
  readonly variant: Variant;
  /** Problems: unknown or ill-typed parameters, missing required ones, values out of bounds. */
  readonly errors: readonly string[];
  /** Deprecated spellings used, parameter with no effect on values, etc. */
  readonly warnings: readonly string[];
}

/** Computed (never hand-typed) facts about f on the real line. */
export interface ActivationProperties {
  readonly range: { readonly min: number; readonly max: number; readonly minIncluded: boolean; readonly maxIncluded: boolean };
  readonly monotonic: 'increasing' | 'decreasing' | false;
  /** Odd function: f(-x) = -f(x), so outputs centre on zero for symmetric inputs. */
  readonly zeroCentred: boolean;
  readonly smooth: boolean;
  /** Points where f' jumps (kinks) or f itself jumps (discontinuities). */
  readonly kinks: readonly number[];
  readonly discontinuities: readonly number[];
  /** Isolated global minimum at a finite x (GELU: about -0.170 at -0.752). */
  readonly minimum?: { readonly value: number; readonly at: number };
  /** Where |f'| drops below 10% / 1% of its peak and stays there; `below` on the left, `above` on the right. */
  readonly saturation: {
    readonly tenPercent: { readonly below?: number; readonly above?: number };
    readonly onePercent: { readonly below?: number; readonly above?: number };
  };
  /** Intervals where f' is exactly 0 (infinite ends as +-Infinity). */
  readonly deadZones: readonly (readonly [number, number])[];
  /** Largest |f'|, where it occurs (first point), Infinity when unbounded. */
  readonly maxGradient: { readonly value: number; readonly at: number };
}

/** Fast compiled f and f' for one activation with resolved parameters. */
export interface CompiledActivation {
  readonly resolved: ResolvedParams;
  readonly f: (x: number) => number;
  readonly df: (x: number) => number;
  readonly tex: string;
  readonly derivativeTex: string;
}

/** What `lookupApi` returns for a qualified name. */
export interface ApiInfo {
  readonly name: string;
  readonly framework: Framework;
  readonly kind: ApiKind;
  readonly qualified: string;
  readonly positional: readonly string[];
  readonly inplace: boolean;
  readonly deprecated?: string;
  /** Keras major version the path implies (`tf_keras` is 2); absent when ambiguous. */
  readonly kerasMajor?: 2 | 3;
}
