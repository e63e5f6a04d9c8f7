// Small wording helpers shared by the core (src/) and the checks (checks/common.ts re-exports them).

/** "1 bucket", "2 buckets", "0 buckets". */
export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
