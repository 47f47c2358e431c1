/**
 * Signal propagation at initialisation: from a model's layers (widths, activations, initialisers), the predicted
 * mean and standard deviation of every layer's output and the gradient scale relative to the last output, by
 * mean-field recursions with Gauss–Hermite quadrature. No editor APIs.
 */
export type {
  ActivationSpec, BiasInit, LayerSignal, SignalLayer, SignalLayerKind, SignalPrediction, SignalThresholds, Verdict, WeightInit, WeightLayer,
} from './types';
export { DEFAULT_THRESHOLDS, predictSignal } from './propagate';
export { short, verdictLine } from './verdict';
export { KERAS_DEFAULT, TORCH_DEFAULT, kerasWeightInit, torchWeightInit, truncatedVariance, weightVariance } from './init';
export { gaussHermite, gaussLegendre, maxOfNormals } from './quadrature';
export { predictModel, predictModels, type ModelSignal } from './models';
export { signalLayersOf } from './fromGraph';
