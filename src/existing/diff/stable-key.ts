/**
 * A value as JSON with object keys sorted: two values that hold the same fields compare equal
 * whichever reader built them (zod, the introspector and the spec builder order keys differently).
 */
export function stableKey(value: unknown): string {
  return JSON.stringify(sorted(value));
}

function sorted(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sorted);
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) {
    const field = (value as Record<string, unknown>)[key];
    if (field !== undefined) out[key] = sorted(field);
  }
  return out;
}
