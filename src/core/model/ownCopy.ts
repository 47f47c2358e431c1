/**
 * A deep copy of plain data whose strings are new strings. In V8 a string sliced from a source text (or built from
 * such a slice) keeps the whole source text alive; a memo that outlives a document version copies what it keeps.
 */
export function ownCopy<T>(value: T): T {
  if (typeof value === 'string') return JSON.parse(JSON.stringify(value)) as T;
  if (Array.isArray(value)) return value.map(ownCopy) as T;
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = ownCopy(v);
    return out as T;
  }
  return value;
}
