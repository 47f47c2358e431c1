/** The rule registry: every rule function, run in this order. */
import { doubleActivation, missingNonlinearity, saturatingStack, seluInit } from './architecture';
import type { Rule } from './context';
import { leakyReluAlpha } from './kerasParams';
import { kerasOutputRules, singleUnitSoftmax } from './outputs';
import { invalidActivationString, transformerActivationString } from './strings';
import { deprecatedActivationApi, softmaxWithoutDim, unknownActivationApi } from './torchApi';
import { torchLossRules } from './torchLosses';
import { seluTorchInit } from './seluTorchInit';
import { signalRules } from './signal';

export const ALL_RULES: readonly Rule[] = [
  invalidActivationString,
  transformerActivationString,
  leakyReluAlpha,
  singleUnitSoftmax,
  kerasOutputRules,
  torchLossRules,
  softmaxWithoutDim,
  deprecatedActivationApi,
  unknownActivationApi,
  saturatingStack,
  missingNonlinearity,
  doubleActivation,
  seluInit,
  seluTorchInit,
  signalRules,
];
