// Small formatting helpers shared by the renderers.
import type { Report } from '../src/report';

export function scoreText(score: number | null): string {
  return score === null ? 'n/a' : `${score}/100`;
}

export function percent(ratio: number): string {
  return `${Math.round(ratio * 100)}%`;
}

/** Short resource name for tables: the part after the last `:` or `/` of an ARN, kept readable. */
export function shortResource(id: string): string {
  if (!id.startsWith('arn:')) return id;
  const rest = id.split(':').slice(5).join(':');
  return rest.replace(/^(user|role|instance|backup-plan|backup-vault)[/:]/, '') || id;
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
