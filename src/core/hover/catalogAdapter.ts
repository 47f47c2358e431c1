/** The real catalog behind the CatalogPort, with the per-parameter results memoised for repeated hovers. */
import { compileResolved, getActivation, listActivations, lookupApi, propertiesOf, resolveParams } from '../catalog';
import type { ActivationProperties, CompiledActivation, ResolvedParams } from '../catalog';
import type { CatalogPort, ResolveRequest } from './catalogPort';
import { MemoOnKey } from '../memoOnKey';

const LIMIT = 500;
const resolvedCache = new Map<string, ResolvedParams | undefined>();
const compiledCache = new MemoOnKey<ResolvedParams, CompiledActivation | undefined>('compiled');
const propertiesCache = new Map<string, ActivationProperties | undefined>();

function remember<V>(cache: Map<string, V>, key: string, make: () => V): V {
  if (cache.has(key)) return cache.get(key) as V;
  const value = make();
  if (cache.size >= LIMIT) cache.clear();
  cache.set(key, value);
  return value;
}

function attempt<T>(run: () => T): T | undefined {
  try {
    return run();
  } catch {
    // Unknown names or a framework without the activation: the hover simply says less.
    return undefined;
  }
}

/** Properties depend only on the formula and its numbers, so they are shared across usages. */
function propertiesKey(r: ResolvedParams): string {
  return `${r.name}|${r.formula}|${JSON.stringify(r.math)}`;
}

/** The catalog port used by the extension, the bench and the tests. */
export const catalogPort: CatalogPort = {
  entries: listActivations,
  get: getActivation,
  resolve: (r: ResolveRequest) =>
    remember(resolvedCache, JSON.stringify([r.name, r.framework, r.form, r.params, r.kerasVersion ?? null, r.qualified ?? null, r.raw ?? null]), () =>
      attempt(() => resolveParams(r.name, r.framework, r.params, r.kerasVersion, { form: r.form === 'custom' ? undefined : r.form, qualified: r.qualified, raw: r.raw })),
    ),
  compile: (resolved) => {
    if (!compiledCache.has(resolved)) compiledCache.set(resolved, attempt(() => compileResolved(resolved)));
    return compiledCache.get(resolved);
  },
  properties: (resolved) =>
    remember(propertiesCache, propertiesKey(resolved), () => {
      const compiled = catalogPort.compile(resolved);
      return compiled ? attempt(() => propertiesOf(compiled.f, compiled.df)) : undefined;
    }),
  api: (qualified) => attempt(() => lookupApi(qualified)),
};

/** Every docs URL the catalog holds: the only URLs `activationLens.openDocs` opens. */
export function knownDocsUrls(): ReadonlySet<string> {
  const urls = new Set<string>();
  for (const entry of listActivations()) for (const url of Object.values(entry.docs)) if (url) urls.add(url);
  return urls;
}
