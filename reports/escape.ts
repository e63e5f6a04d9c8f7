// HTML escaping for every string that may come from the account (names, tags, policy text).
export function esc(s: unknown): string {
  return String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** Money in the report's currency; an unknown currency code falls back to "1 234 XYZ". */
export function money(n: number | undefined, currency = 'USD', compact = false): string {
  const v = n ?? 0;
  try {
    return new Intl.NumberFormat('en-US', { style: 'currency', currency, maximumFractionDigits: compact && v >= 1000 ? 1 : 0, notation: compact ? 'compact' : 'standard' }).format(v);
  } catch {
    return `${Math.round(v).toLocaleString('en-US')} ${currency}`;
  }
}
