/** The one list of activations, and lookups by canonical name or alias. */
import { celu, elu, selu, threshold, thresholdedRelu } from './entries/expLinear';
import { leakyRelu, prelu, relu, relu6, rrelu } from './entries/reluFamily';
import { hardshrink, hardswish, softshrink, tanhshrink } from './entries/shrink';
import { exponential, gelu, linear, mish, silu, softplus, sparsePlus, squareplus } from './entries/smooth';
import { hardSigmoid, hardtanh, logsigmoid, sigmoid, softsign, sparseSigmoid, tanh } from './entries/squashing';
import { glu, logSoftmax, softmax, softmin, sparsemax } from './entries/vector';
import type { ActivationEntry } from './types';

/** Every activation, in the order docs and pickers show them. */
export const ENTRIES: readonly ActivationEntry[] = [
  relu, leakyRelu, prelu, rrelu, relu6, elu, selu, celu, gelu, silu, mish, softplus, squareplus, sparsePlus,
  sigmoid, hardSigmoid, sparseSigmoid, logsigmoid, tanh, hardtanh, softsign, hardswish,
  tanhshrink, softshrink, hardshrink, threshold, thresholdedRelu, exponential, linear,
  softmax, logSoftmax, softmin, glu, sparsemax,
];

const byName = new Map<string, ActivationEntry>();
for (const e of ENTRIES) {
  byName.set(e.name, e);
  for (const a of e.aliases) byName.set(a, e);
}

/** Normalises user spellings: case, dashes and spaces (`Leaky-ReLU` -> `leaky_relu`). */
export function normaliseName(name: string): string {
  return name.trim().toLowerCase().replace(/[\s-]+/g, '_');
}

/** The entry for a canonical name or alias (`swish` -> silu), case-insensitive; undefined when unknown. */
export function getActivation(name: string): ActivationEntry | undefined {
  return byName.get(normaliseName(name));
}

/** All entries. */
export function listActivations(): readonly ActivationEntry[] {
  return ENTRIES;
}
