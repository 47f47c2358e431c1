/** Resolving a name as written (`nn.ReLU`) through a file's scope to its qualified framework name. */
import { resolveApi } from './api';
import { own, TORCH_TRANSFORMER_ACTIVATION } from './callees';
import { normalizeModule, type Scope } from './scope';

/** Resolves a written dotted name through a scope: `nn.ReLU` -> `torch.nn.ReLU`. Undefined for local names. */
export function qualifyName(scope: Scope, text: string): string | undefined {
  const dot = text.indexOf('.');
  const head = dot === -1 ? text : text.slice(0, dot);
  if (scope.locals.has(head) && !scope.aliases.has(head)) return undefined;
  const base = scope.aliases.get(head);
  if (base) return normalizeModule(dot === -1 ? base : base + text.slice(dot));
  for (const module of scope.starModules) {
    const candidate = normalizeModule(`${module}.${text}`);
    if (resolveApi(candidate) || isCallee(candidate)) return candidate;
  }
  return undefined;
}

/** Framework callables that take activations (Keras layers, Transformer layers, `activations.get`). */
export function isCallee(qualified: string): boolean {
  return qualified.startsWith('keras.layers.') || own(TORCH_TRANSFORMER_ACTIVATION, qualified) !== undefined || qualified === 'keras.activations.get';
}

