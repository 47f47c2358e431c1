/**
 * What a hover says, as plain data: built from a usage and the catalog, rendered to Markdown separately. Text
 * taken from the code is held as `UserText` (made by `userText`: one bounded line), never as a plain string.
 */
import type { ActivationProperties, Framework, ParamValue } from '../catalog/types';
import type { PlotZone } from '../plot/svgPlot';
import type { ThemeKind } from '../plot/palette';
import type { UserText } from './escape';
import type { TexRenderer } from './userMath';

/** Hover sections a user can turn off (setting `activationLens.hover.sections`). */
export interface HoverSections {
  readonly formula: boolean;
  readonly plot: boolean;
  readonly properties: boolean;
  readonly guidance: boolean;
  readonly versions: boolean;
  readonly links: boolean;
}

export const ALL_SECTIONS: HoverSections = { formula: true, plot: true, properties: true, guidance: true, versions: true, links: true };

export interface HoverOptions {
  readonly sections: HoverSections;
  /** Plot width in CSS pixels. */
  readonly plotWidth: number;
  readonly theme: ThemeKind;
  /** Keras major version assumed when the code does not say (`tf_keras` says 2). */
  readonly kerasMajor: 2 | 3;
  /**
   * Whether the client shows images (default true). Without them the hover writes the formula and properties as
   * text and the plot as a table of values.
   */
  readonly images?: boolean;
  /**
   * Who shows the hover (default `vscode`). Other editors (through the language server) get no codicons and no
   * `command:` links: documentation links are plain https links, plotting is a code action there.
   */
  readonly client?: 'vscode' | 'lsp';
  /** Why that version: a setting, a dependency file, the file's imports (said in the hover). */
  readonly kerasReason?: string;
  /**
   * Typesets user formulas (user-defined activations) as the catalog's are; supplied by the editor once loaded.
   * Without it such formulas are written as text.
   */
  readonly texRenderer?: TexRenderer;
}

export const DEFAULT_OPTIONS: HoverOptions = { sections: ALL_SECTIONS, plotWidth: 200, theme: 'dark', kerasMajor: 3 };

/** Arguments of the `activationLens.showPlot` / `activationLens.compare` commands. */
export interface PlotCommandArgs {
  readonly name: string;
  readonly framework: Framework;
  readonly params: Readonly<Record<string, ParamValue>>;
  /** Keras version assumed for defaults, when Keras. */
  readonly kerasVersion?: string;
  /** A user-defined activation: its mathjs expression in x and the parameter names. */
  readonly formula?: string;
}

/** A curve to plot: f, f', the interval and the shaded zones. */
export interface CurveModel {
  readonly f: (x: number) => number;
  readonly df?: (x: number) => number;
  readonly range: readonly [number, number];
  readonly zones: readonly PlotZone[];
  /** Plain text describing the curve for screen readers (the image's alt text). */
  readonly description: string;
  /** Stable key for caching the rendered image (name, framework, parameters). */
  readonly cacheKey: string;
}

/** One line of "what other versions/forms do", with the part that applies to this line marked. */
export interface VersionLine {
  /** Label such as `Keras 3 'leaky_relu' string`, `PyTorch`. */
  readonly label: string;
  /** Parameter settings as code, e.g. `negative_slope=0.2`. */
  readonly settings: string;
  readonly current: boolean;
}

export interface CatalogHover {
  readonly kind: 'catalog';
  readonly title: string;
  readonly summary: string;
  /** `PyTorch layer`, `Keras 3 string`, `TensorFlow function`. */
  readonly where: string;
  /** The call as written with defaults filled in. */
  readonly call?: UserText;
  readonly filledDefaults: readonly string[];
  readonly tex?: string;
  readonly derivativeTex?: string;
  /** Plain text fallback of the formula and derivative (mathjs syntax). */
  readonly formulaText?: string;
  readonly derivativeText?: string;
  /** Formula symbols with this line's values, e.g. `s = 0.2`. */
  readonly symbols: readonly { readonly symbol: string; readonly value: string; readonly param: string }[];
  readonly curve?: CurveModel;
  readonly properties?: ActivationProperties;
  /** For vector activations (softmax): how the plot reduces them to one variable. */
  readonly vector?: string;
  readonly use?: string;
  /** The first pitfall (or tip) as written for the hover. */
  readonly advice?: { readonly label: 'Pitfall' | 'Tip'; readonly text: string };
  readonly versions: readonly VersionLine[];
  /** Which framework version the defaults assume and why. */
  readonly assumed?: string;
  /** Problems and warnings about this line's parameters (deprecated spellings, out of range values). */
  readonly problems: readonly string[];
  /** The variant's first note, as written for the hover. */
  readonly note?: string;
  readonly plotArgs: PlotCommandArgs;
  readonly docs?: { readonly label: string; readonly url: string };
}

export interface InvalidStringHover {
  readonly kind: 'invalid';
  /** The string as written, without quotes. */
  readonly raw: UserText;
  readonly where: string;
  readonly problem: string;
  /** Replacements to write instead, each with what it changes. */
  readonly suggestions: readonly { readonly code: string; readonly note?: string }[];
  readonly docs?: { readonly label: string; readonly url: string };
}

export interface CustomHover {
  readonly kind: 'custom';
  readonly name: UserText;
  readonly where: string;
  /** mathjs expression when translated. */
  readonly mathjs?: UserText;
  /** TeX of the translated formula and (when symbolic) of its derivative, from mathjs, typeset by the renderer. */
  readonly tex?: string;
  readonly derivativeTex?: string;
  readonly params: Readonly<Record<string, number>>;
  readonly curve?: CurveModel;
  /** Computed numerically from the translated body. */
  readonly properties?: ActivationProperties;
  /** How f′ was found: mathjs' bounded symbolic derivative, or a central difference (with the reason). */
  readonly derivative?: 'symbolic' | 'numeric';
  readonly derivativeNote?: UserText;
  /** Why the body could not be translated (it may quote the code). */
  readonly unsupported?: UserText;
  readonly plotArgs?: PlotCommandArgs;
}

export type HoverModel = CatalogHover | InvalidStringHover | CustomHover;
