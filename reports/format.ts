// Small formatting helpers shared by the renderers.
import type { Report } from '../src/report';
import { shortResource } from '../src/text';

export { listSome, plural, shortResource } from '../src/text';

export function scoreText(score: number | null): string {
  return score === null ? 'n/a' : `${score}/100`;
}

export function percent(ratio: number): string {
  return `${Math.round(ratio * 100)}%`;
}

/** What a reader recognises a finding's resource by: its name when known, else the short id. */
export function displayName(f: { resourceId: string; resourceName?: string }): string {
  return f.resourceName ?? shortResource(f.resourceId);
}

export function checkTitle(report: Report, checkId: string): string {
  return report.checks.find((c) => c.id === checkId)?.title ?? checkId;
}

/** Missing permissions behind UNKNOWN findings, with how many findings each one blinded. */
export function missingPermissions(report: Report): [permission: string, findings: number][] {
  const counts = new Map<string, number>();
  for (const f of report.findings) {
    if (f.status !== 'UNKNOWN') continue;
    for (const p of f.missingPermissions ?? ['(no permission named)']) counts.set(p, (counts.get(p) ?? 0) + 1);
  }
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}

/**
 * Splits words longer than `width` (ARNs have no spaces) so a table wraps them instead of cutting
 * them off: after a separator (- : /) when one is in the second half of the piece, else at `width`.
 */
export function breakLong(text: string, width: number): string {
  const split = (w: string): string => {
    const pieces: string[] = [];
    while (w.length > width) {
      const sep = Math.max(...['-', ':', '/', '_', '.'].map((c) => w.lastIndexOf(c, width - 1)));
      const cut = sep + 1 >= width / 2 ? sep + 1 : width;
      pieces.push(w.slice(0, cut));
      w = w.slice(cut);
    }
    return [...pieces, w].join('\n');
  };
  return text
    .split(' ')
    .map((w) => (w.length <= width ? w : split(w)))
    .join(' ');
}

/** One line a reviewer reads to judge whether the policy set can still be audited by a person. */
export function sprawlLine(report: Report): string | undefined {
  const s = report.lint.sprawl;
  if (!s) return undefined;
  const dup = s.nearDuplicateGroups.length ? `${s.nearDuplicatePolicies} near-duplicates in ${s.nearDuplicateGroups.length} group(s)` : 'no near-duplicates';
  return `Policy sprawl: ${s.customerManaged} customer-managed and ${s.inline} inline policies, ${s.unattached} unattached, ${dup}, ${s.statements} statements${s.largestPolicy ? ` (largest: ${s.largestPolicy.statements} in ${s.largestPolicy.policy})` : ''}.`;
}

/** Lint findings per code, most frequent first. */
export function lintCounts(findings: { code: string }[]): [code: string, n: number][] {
  const m = new Map<string, number>();
  for (const f of findings) m.set(f.code, (m.get(f.code) ?? 0) + 1);
  return [...m].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}

/** A timestamp people read: "3 Dec 2026, 20:30 UTC" (the raw ISO text when it is not a date). */
export function humanTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const date = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).format(d);
  return `${date}, ${d.toISOString().slice(11, 16)} UTC`;
}

