/**
 * Messages between the extension host and the "Signal through this model" view, and the validation of what the
 * view sends (page content is treated like network input: unknown types and values are dropped).
 */

/** Hidden activations the what-if control offers (catalog names), and initialisations. */
export const WHAT_IF_ACTIVATIONS = ['relu', 'leaky_relu', 'elu', 'selu', 'gelu', 'silu', 'tanh', 'sigmoid'] as const;
export const WHAT_IF_INITS = ['he', 'glorot', 'lecun', 'torch-default'] as const;
export type WhatIfActivation = (typeof WHAT_IF_ACTIVATIONS)[number];
export type WhatIfInit = (typeof WHAT_IF_INITS)[number];

/** A what-if: swap every hidden activation and/or every layer's weight initialisation; null keeps the code's. */
export interface WhatIf {
  readonly activation: WhatIfActivation | null;
  readonly init: WhatIfInit | null;
}

export interface SignalRow {
  readonly name: string;
  /** 1-based line in the file (or cell). */
  readonly line: number;
  readonly kind: string;
  readonly mean: number;
  readonly std: number;
  /** Undefined when the prediction stopped (no gradient). */
  readonly grad?: number;
}

/** Everything the view shows for one model under one what-if. */
export interface SignalViewModel {
  readonly title: string;
  readonly framework: string;
  readonly summary: string;
  readonly verdict: 'stable' | 'vanishing' | 'exploding' | 'unknown';
  readonly rows: readonly SignalRow[];
  readonly notes: readonly string[];
  readonly stopped?: string;
  readonly whatIf: WhatIf;
}

export type SignalToWebview = { readonly type: 'signal'; readonly model: SignalViewModel };

export type SignalFromWebview =
  | { readonly type: 'ready' }
  | { readonly type: 'whatIf'; readonly whatIf: WhatIf }
  | { readonly type: 'reveal'; readonly line: number };

function isObj(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The what-if the view asked for, or undefined for anything else. */
export function parseWhatIf(v: unknown): WhatIf | undefined {
  if (!isObj(v) || Object.keys(v).length > 2) return undefined;
  const { activation, init } = v;
  if (activation !== null && !(WHAT_IF_ACTIVATIONS as readonly unknown[]).includes(activation)) return undefined;
  if (init !== null && !(WHAT_IF_INITS as readonly unknown[]).includes(init)) return undefined;
  return { activation: activation as WhatIfActivation | null, init: init as WhatIfInit | null };
}

/** A message from the view, validated; undefined when it is not one we accept. */
export function parseSignalMessage(v: unknown): SignalFromWebview | undefined {
  if (!isObj(v)) return undefined;
  switch (v.type) {
    case 'ready': return Object.keys(v).length === 1 ? { type: 'ready' } : undefined;
    case 'whatIf': {
      const whatIf = parseWhatIf(v.whatIf);
      return whatIf && Object.keys(v).length === 2 ? { type: 'whatIf', whatIf } : undefined;
    }
    case 'reveal': {
      const line = v.line;
      return typeof line === 'number' && Number.isInteger(line) && line >= 1 && line <= 1_000_000 && Object.keys(v).length === 2 ? { type: 'reveal', line } : undefined;
    }
    default: return undefined;
  }
}
