/** The scanner's view of the catalog's API names, memoised: the same few names are looked up over and over. */
import { lookupApi } from '../catalog/apiNames';
import type { Framework } from './types';

export interface ApiHit {
  readonly canonical: string;
  readonly framework: Framework;
  readonly kind: 'layer' | 'function';
  /** Parameter names in call order (functions start with their input). */
  readonly positional: readonly string[];
  readonly inplace: boolean;
}

const cache = new Map<string, ApiHit | null>();

/** The activation a fully qualified, normalised name (`torch.nn.functional.relu_`) denotes, if any. */
export function resolveApi(qualified: string): ApiHit | undefined {
  let hit = cache.get(qualified);
  if (hit === undefined) {
    const info = lookupApi(qualified);
    hit = info && info.kind !== 'method'
      ? { canonical: info.name, framework: info.framework, kind: info.kind, positional: info.positional, inplace: info.inplace }
      : null;
    cache.set(qualified, hit);
  }
  return hit ?? undefined;
}
