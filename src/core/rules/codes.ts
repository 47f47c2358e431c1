/** The rules' stable codes, default severities, one-line titles and documentation links. Codes never change meaning. */

export type Severity = 'error' | 'warning' | 'information' | 'hint';

export const RULE_CODES = [
  'invalid-activation-string',
  'leaky-relu-alpha',
  'single-unit-softmax',
  'output-loss-mismatch',
  'logits-mismatch',
  'regression-output-activation',
  'softmax-before-cross-entropy',
  'sigmoid-bce',
  'double-sigmoid',
  'softmax-nll',
  'softmax-without-dim',
  'deprecated-activation-api',
  'unknown-activation-api',
  'transformer-activation-string',
  'saturating-stack',
  'missing-nonlinearity',
  'double-activation',
  'selu-init',
  'vanishing-signal',
  'exploding-signal',
] as const;

export type RuleCode = (typeof RULE_CODES)[number];

interface RuleInfo {
  readonly code: RuleCode;
  readonly severity: Severity;
  readonly title: string;
  /** The framework documentation that backs the rule. */
  readonly docs: string;
}

const TORCH = 'https://pytorch.org/docs/stable/generated/';
const KERAS_ACT = 'https://keras.io/api/layers/activations/';
const KERAS_LOSS = 'https://keras.io/api/losses/';

/** Every rule, by code. Severities follow how sure a static reading can be that the code is wrong. */
export const RULES: Readonly<Record<RuleCode, RuleInfo>> = {
  'invalid-activation-string': { code: 'invalid-activation-string', severity: 'error', title: 'Activation string the targeted Keras version rejects', docs: KERAS_ACT },
  'leaky-relu-alpha': { code: 'leaky-relu-alpha', severity: 'warning', title: 'LeakyReLU slope passed under the other Keras version\'s name', docs: 'https://keras.io/api/layers/activation_layers/leaky_relu/' },
  'single-unit-softmax': { code: 'single-unit-softmax', severity: 'error', title: 'Softmax over one unit always outputs 1', docs: `${TORCH}torch.nn.Softmax.html` },
  'output-loss-mismatch': { code: 'output-loss-mismatch', severity: 'warning', title: 'Output activation does not suit the loss', docs: KERAS_LOSS },
  'logits-mismatch': { code: 'logits-mismatch', severity: 'warning', title: 'from_logits disagrees with the output activation', docs: 'https://keras.io/api/losses/probabilistic_losses/' },
  'regression-output-activation': { code: 'regression-output-activation', severity: 'warning', title: 'Regression loss after a bounded output activation', docs: 'https://keras.io/api/losses/regression_losses/' },
  'softmax-before-cross-entropy': { code: 'softmax-before-cross-entropy', severity: 'error', title: 'Softmax fed to a cross-entropy that applies log-softmax itself', docs: `${TORCH}torch.nn.CrossEntropyLoss.html` },
  'sigmoid-bce': { code: 'sigmoid-bce', severity: 'warning', title: 'Sigmoid + BCELoss instead of BCEWithLogitsLoss', docs: `${TORCH}torch.nn.BCEWithLogitsLoss.html` },
  'double-sigmoid': { code: 'double-sigmoid', severity: 'error', title: 'Sigmoid before BCEWithLogitsLoss', docs: `${TORCH}torch.nn.BCEWithLogitsLoss.html` },
  'softmax-nll': { code: 'softmax-nll', severity: 'error', title: 'Softmax probabilities fed to NLLLoss', docs: `${TORCH}torch.nn.NLLLoss.html` },
  'softmax-without-dim': { code: 'softmax-without-dim', severity: 'warning', title: 'Softmax without dim', docs: `${TORCH}torch.nn.functional.softmax.html` },
  'deprecated-activation-api': { code: 'deprecated-activation-api', severity: 'warning', title: 'Deprecated activation function', docs: `${TORCH}torch.sigmoid.html` },
  'unknown-activation-api': { code: 'unknown-activation-api', severity: 'error', title: 'Activation name that does not exist', docs: 'https://pytorch.org/docs/stable/nn.html#non-linear-activations-weighted-sum-nonlinearity' },
  'transformer-activation-string': { code: 'transformer-activation-string', severity: 'error', title: 'Transformer layers accept only \'relu\' and \'gelu\' strings', docs: `${TORCH}torch.nn.TransformerEncoderLayer.html` },
  'saturating-stack': { code: 'saturating-stack', severity: 'information', title: 'Stack of saturating activations', docs: `${KERAS_ACT}#sigmoid-function` },
  'missing-nonlinearity': { code: 'missing-nonlinearity', severity: 'warning', title: 'Consecutive linear layers without a nonlinearity', docs: 'https://keras.io/api/layers/core_layers/dense/' },
  'double-activation': { code: 'double-activation', severity: 'information', title: 'The same activation applied twice', docs: KERAS_ACT },
  'vanishing-signal': { code: 'vanishing-signal', severity: 'information', title: 'Gradients predicted to vanish through the model at initialisation', docs: 'https://arxiv.org/abs/1611.01232' },
  'exploding-signal': { code: 'exploding-signal', severity: 'information', title: 'Gradients predicted to explode through the model at initialisation', docs: 'https://arxiv.org/abs/1611.01232' },
  'selu-init': { code: 'selu-init', severity: 'information', title: 'SELU without its self-normalising setup', docs: `${KERAS_ACT}#selu-function` },
};

/** Whether a string is one of our codes (settings and ignore comments are user text). */
export function isRuleCode(s: string): s is RuleCode {
  return (RULE_CODES as readonly string[]).includes(s);
}
