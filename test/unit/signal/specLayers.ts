// Turns a model spec of the PyTorch signal fixture into the prediction's layer list (the same facts the
// generator used to build the torch modules).
import { TORCH_DEFAULT, kerasWeightInit, torchWeightInit, type SignalLayer } from '../../../src/core/signal';
import type { BiasInit } from '../../../src/core/signal/types';

type Json = Record<string, unknown>;
export interface ModelSpec {
  name: string; family: string; kind: 'mlp' | 'cnn'; depth: number; width: number;
  input: { features: number; spatial?: number };
  layers: Json[];
  measured: { mean: number; std: number; grad: number }[];
}

function weightInit(spec: Json | null | undefined): { init: SignalLayer & { kind: 'linear' } extends { init: infer I } ? I : never; label: string } {
  if (!spec) return { init: TORCH_DEFAULT.init, label: TORCH_DEFAULT.label };
  const { fn, ...args } = spec as { fn: string } & Json;
  const known = fn.endsWith('_') ? torchWeightInit(fn, args as never) : kerasWeightInit(fn, args as never);
  if (!known) throw new Error(`fixture init ${fn} not recognised`);
  return { init: known.init, label: known.label };
}

function biasInit(spec: unknown): BiasInit {
  if (spec === undefined || spec === 'default') return { kind: 'torch-default' };
  if (spec === 'zeros') return { kind: 'constant', value: 0 };
  return { kind: 'constant', value: (spec as { constant: number }).constant };
}

export function layersFromSpec(spec: ModelSpec): SignalLayer[] {
  return spec.layers.map((l): SignalLayer => {
    switch (l.kind) {
      case 'linear': {
        const { init, label } = weightInit(l.init as Json);
        return { kind: 'linear', name: 'nn.Linear', fanIn: l.in as number, fanOut: l.out as number, init, initLabel: label, bias: biasInit(l.bias) };
      }
      case 'conv': {
        const { init, label } = weightInit(l.init as Json);
        const area = (l.k as number) ** 2;
        return {
          kind: 'conv', name: 'nn.Conv2d', fanIn: (l.in as number) * area, fanOut: (l.out as number) * area,
          kernelArea: area, strideArea: ((l.stride as number) ?? 1) ** 2,
          kernel: [l.k as number, l.k as number], stride: [(l.stride as number) ?? 1, (l.stride as number) ?? 1], padding: [0, 0], init, initLabel: label, bias: biasInit(l.bias),
        };
      }
      case 'activation':
        return { kind: 'activation', name: String(l.name), activation: { name: String(l.name), framework: 'torch', params: (l.params ?? {}) as never } };
      case 'batchnorm': return { kind: 'norm', name: 'nn.BatchNorm', norm: 'batch' };
      case 'layernorm': return { kind: 'norm', name: 'nn.LayerNorm', norm: 'layer' };
      case 'dropout': return { kind: 'dropout', name: 'nn.Dropout', p: l.p as number };
      case 'alpha_dropout': return { kind: 'dropout', name: 'nn.AlphaDropout', p: l.p as number, alpha: true };
      case 'maxpool': return { kind: 'pool', name: 'nn.MaxPool2d', pool: 'max', window: (l.k as number) ** 2, kernel: [l.k as number, l.k as number] };
      case 'avgpool': return { kind: 'pool', name: 'nn.AvgPool2d', pool: 'avg', window: (l.k as number) ** 2, kernel: [l.k as number, l.k as number] };
      case 'flatten': return { kind: 'flatten', name: 'nn.Flatten' };
      case 'add': return { kind: 'add', name: '+', from: l.from as number };
      default: throw new Error(`fixture layer ${String(l.kind)}`);
    }
  });
}
