/**
 * What-if edits for the "Signal through this model" view: swap every hidden activation or every weight
 * initialisation, predict again, and describe the result as the view shows it. No editor APIs.
 */
import type { SignalRow, SignalViewModel, WhatIf, WhatIfInit } from '../../shared/signalProtocol';
import { KERAS_DEFAULT, TORCH_DEFAULT, torchGainSquared, type KnownInit } from './init';
import { predictModel, type ModelSignal } from './models';
import type { SignalLayer } from './types';

export const NO_WHAT_IF: WhatIf = { activation: null, init: null };

/** The initialisation a what-if picks, matched to the activation for He (gain of relu or leaky_relu). */
function initFor(choice: WhatIfInit, activation: string | undefined): KnownInit {
  switch (choice) {
    case 'he': {
      const gain2 = activation === 'leaky_relu' ? torchGainSquared('leaky_relu', 0.01) ?? 2 : 2;
      return { init: { kind: 'scaling', scale: gain2, mode: 'fan_in' }, label: 'he_normal' };
    }
    case 'glorot': return KERAS_DEFAULT;
    case 'lecun': return { init: { kind: 'scaling', scale: 1, mode: 'fan_in' }, label: 'lecun_normal' };
    case 'torch-default': return TORCH_DEFAULT;
  }
}

/**
 * The layers with the what-if applied. Hidden activations are every activation except one that ends the model
 * (the output head keeps its own); fused Keras activations count as activations.
 */
export function applyWhatIf(layers: readonly SignalLayer[], w: WhatIf): SignalLayer[] {
  const lastWeight = layers.reduce((last, l, i) => (l.kind === 'linear' || l.kind === 'conv' ? i : last), -1);
  const hidden = (i: number): boolean => i < lastWeight;
  const firstAct = layers.find((l) => l.kind === 'activation' || ((l.kind === 'linear' || l.kind === 'conv') && l.activation));
  const actName = w.activation ?? (firstAct?.kind === 'activation' ? firstAct.activation.name : firstAct && 'activation' in firstAct ? firstAct.activation?.name : undefined);
  return layers.map((l, i) => {
    let out = l;
    if (w.activation && hidden(i)) {
      if (l.kind === 'activation') out = { ...l, activation: { name: w.activation, framework: l.activation.framework } };
      else if ((l.kind === 'linear' || l.kind === 'conv') && l.activation) out = { ...l, activation: { name: w.activation, framework: l.activation.framework } };
    }
    if (w.init && (out.kind === 'linear' || out.kind === 'conv')) {
      const k = initFor(w.init, actName);
      out = { ...out, init: k.init, initLabel: k.label, ...(w.init === 'torch-default' ? { bias: { kind: 'torch-default' as const } } : {}) };
    }
    return out;
  });
}

/** The view's description of a model under a what-if. */
export function viewModel(base: ModelSignal, w: WhatIf = NO_WHAT_IF): SignalViewModel {
  const s = w.activation || w.init ? predictModel(base.model, applyWhatIf(base.layers, w), base.sources) : base;
  const rows: SignalRow[] = s.prediction.layers.map((p) => {
    const l = s.layers[p.index];
    return { name: l.name, line: (l.line ?? 0) + 1, kind: l.kind, mean: p.mean, std: p.std, ...(p.grad === undefined ? {} : { grad: p.grad }) };
  });
  return {
    title: s.model.name ?? (s.model.framework === 'torch' ? 'PyTorch model' : 'Keras model'),
    framework: s.model.framework,
    summary: s.summary,
    verdict: s.prediction.verdict,
    rows,
    notes: s.prediction.notes,
    ...(s.prediction.stopped ? { stopped: s.prediction.stopped.reason } : {}),
    whatIf: w,
  };
}
