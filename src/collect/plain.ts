// Turns SDK output into inventory JSON: Dates become ISO strings, undefined and `$metadata` go away,
// so that a snapshot survives JSON.parse(JSON.stringify(x)) unchanged.

export function plain<T = unknown>(value: unknown): T {
  return convert(value) as T;
}

function convert(value: unknown): unknown {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value.toISOString();
  if (Array.isArray(value)) return value.map((v) => (v === undefined ? null : convert(v)));
  if (value instanceof Uint8Array) return Buffer.from(value).toString('utf8');
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      if (k === '$metadata' || v === undefined) continue;
      const c = convert(v);
      if (c !== undefined) out[k] = c;
    }
    return out;
  }
  if (typeof value === 'number' && !Number.isFinite(value)) return undefined;
  return value;
}

/** Keeps only `keys` of `obj` (after `plain`), dropping absent ones. */
export function pick<T>(obj: unknown, keys: readonly string[]): T {
  const src = plain<Record<string, unknown>>(obj ?? {});
  const out: Record<string, unknown> = {};
  for (const k of keys) if (src[k] !== undefined) out[k] = src[k];
  return out as T;
}

export function iso(d: Date | string | undefined): string | undefined {
  if (d === undefined) return undefined;
  const date = d instanceof Date ? d : new Date(d);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

/**
 * A policy document as JSON text: the one decoder for the collector, the linter and the blast radius.
 * AWS returns documents URL-encoded (RFC 3986); emulators sometimes do not, and some SDK paths hand
 * back an object.
 */
export function decodePolicyDocument(doc: unknown): string | undefined {
  if (doc === undefined || doc === null) return undefined;
  if (typeof doc !== 'string') return JSON.stringify(doc);
  if (looksLikeJson(doc)) return doc;
  try {
    return decodeURIComponent(doc);
  } catch {
    return doc;
  }
}

function looksLikeJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}
