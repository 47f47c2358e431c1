/**
 * A string key for plain data (numbers, strings, booleans, null, arrays and objects of them), for memo tables.
 * Strings carry their length, so two different values never share a key; written by hand because
 * `JSON.stringify` per field cost more than the predictions it keyed.
 */
export function valueKey(value: unknown, skip?: string): string {
  switch (typeof value) {
    case 'number': return String(value);
    case 'string': return `${value.length}'${value}`;
    case 'boolean': return value ? 'T' : 'F';
    case 'undefined': return 'U';
    case 'object': {
      if (value === null) return 'N';
      let key = Array.isArray(value) ? '[' : '{';
      for (const field in value) {
        if (field === skip) continue;
        key += `${field}:${valueKey((value as Record<string, unknown>)[field])},`;
      }
      return `${key}}`;
    }
    default: return `?${String(value)}`;
  }
}
