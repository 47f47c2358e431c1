/**
 * Activation names as strings: which ones a framework accepts, and what a near-miss (`'LeakyReLU'`, `'Relu'`,
 * `'softmax '`) was meant to be.
 */
import { kerasStringTarget } from '../catalog/keras';
import { own } from './callees';
import type { Framework } from './types';

/** Every canonical name the scanner reports, plus spellings people use for them in config strings. */
const SPELLINGS: Readonly<Record<string, string>> = {
  relu: 'relu', leaky_relu: 'leaky_relu', leakyrelu: 'leaky_relu', lrelu: 'leaky_relu', prelu: 'prelu', elu: 'elu',
  selu: 'selu', celu: 'celu', gelu: 'gelu', gelu_tanh: 'gelu', gelu_new: 'gelu', quick_gelu: 'gelu', silu: 'silu',
  swish: 'silu', mish: 'mish', sigmoid: 'sigmoid', hard_sigmoid: 'hard_sigmoid', hardsigmoid: 'hard_sigmoid',
  tanh: 'tanh', hardtanh: 'hardtanh', hard_tanh: 'hardtanh', relu6: 'relu6', softmax: 'softmax',
  log_softmax: 'log_softmax', logsoftmax: 'log_softmax', softplus: 'softplus', softsign: 'softsign',
  hardswish: 'hardswish', hard_swish: 'hardswish', hard_silu: 'hardswish', hardsilu: 'hardswish',
  exponential: 'exponential', exp: 'exponential', linear: 'linear', identity: 'linear', threshold: 'threshold',
  rrelu: 'rrelu', glu: 'glu', logsigmoid: 'logsigmoid', log_sigmoid: 'logsigmoid', tanhshrink: 'tanhshrink',
  tanh_shrink: 'tanhshrink', softshrink: 'softshrink', soft_shrink: 'softshrink', hardshrink: 'hardshrink',
  hard_shrink: 'hardshrink', softmin: 'softmin', thresholded_relu: 'thresholded_relu',
  thresholdedrelu: 'thresholded_relu', squareplus: 'squareplus', sparse_plus: 'sparse_plus',
  sparseplus: 'sparse_plus', sparsemax: 'sparsemax', sparse_sigmoid: 'sparse_sigmoid', sparsesigmoid: 'sparse_sigmoid',
};

/** Canonical name for a loosely written activation name (`'LeakyReLU'`, `'leaky-relu'`, `' GELU'`), if any. */
export function canonicalOfLooseName(text: string): string | undefined {
  const exact = own(SPELLINGS, text);
  if (exact) return exact;
  const folded = text.trim().toLowerCase().replace(/[\s-]+/g, '_');
  return own(SPELLINGS, folded) ?? own(SPELLINGS, folded.replace(/_/g, ''));
}

const kerasStrings = new Map<string, string | null>();

/** Canonical name of a string the newest Keras accepts (memoised: the same few strings recur). */
function kerasCanonical(text: string): string | undefined {
  let name = kerasStrings.get(text);
  if (name === undefined) {
    name = kerasStringTarget(text, 3)?.entry.name ?? null;
    kerasStrings.set(text, name);
  }
  return name ?? undefined;
}

interface StringVerdict {
  readonly name: string;
  readonly valid: boolean;
}

/**
 * Judges a string passed where a framework expects an activation. Keras strings are judged against the newest
 * Keras 3 (case-sensitive, no layer class names); PyTorch Transformer layers take only `'relu'` and `'gelu'`.
 * Returns undefined for strings that are not activation names at all when `strict` is false (config values).
 */
export function judgeActivationString(text: string, framework: Framework, strict: boolean): StringVerdict | undefined {
  if (framework === 'torch') {
    if (text === 'relu' || text === 'gelu') return { name: text, valid: true };
    const loose = canonicalOfLooseName(text);
    if (!loose && !strict) return undefined;
    return { name: text, valid: false };
  }
  const known = kerasCanonical(text);
  if (known) return { name: known, valid: true };
  const loose = canonicalOfLooseName(text);
  if (!loose && !strict) return undefined;
  return { name: text, valid: false };
}

/** For `dynamic` strings (factories, config dicts, defaults): the canonical name when the text names an activation. */
export function dynamicActivationName(text: string): string | undefined {
  return canonicalOfLooseName(text);
}
