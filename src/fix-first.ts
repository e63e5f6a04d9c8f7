// "What to fix first": failing findings grouped into changes, ranked by the exposure each change
// removes. A change is one check's remediation in one account (so one backup copy rule that covers
// forty resources is one line); a check may split it further with `details.fixGroup`. The money
// removed is exact, not estimated: the findings of the group are re-scored as PASS and the
// difference in total exposure is taken.
import { worst } from '../checks/common';
import type { CheckMeta } from '../checks/types';
import type { Config } from './config';
import type { ScoreOptions } from './score';
import type { Finding, Severity, ThreatId } from './model';
import { SEVERITIES } from './model';
import { scoreWithExposure, totalExposure } from './exposure';

export interface FixFirstItem {
  title: string;
  /** Exposure removed by this change alone, in the config's currency. */
  exposureRemoved: number;
  /** The findings the change fixes. */
  findings: { checkId: string; accountId: string; region: string; resourceId: string }[];
  checkId: string;
  accountId: string;
  severity: Severity;
  threats: ThreatId[];
  /** How to do it (the check's console remediation). */
  action?: string;
  /** Total exposure left once this and every fix above it are made. */
  exposureAfter: number;
}

export function fixFirst(findings: readonly Finding[], checks: readonly CheckMeta[], config: Config, opts: ScoreOptions = {}): FixFirstItem[] {
  const groups = new Map<string, Finding[]>();
  for (const f of findings) {
    if (f.status !== 'FAIL' || f.suppressed) continue;
    const extra = typeof f.details?.fixGroup === 'string' ? `\u0000${f.details.fixGroup}` : '';
    const key = `${f.checkId}\u0000${f.accountId}${extra}`;
    groups.set(key, [...(groups.get(key) ?? []), f]);
  }
  const multiAccount = new Set(findings.map((f) => f.accountId)).size > 1;
  const base = totalExposure(scoreWithExposure(findings, config, opts));
  const fixed = (set: Set<Finding>) => findings.map((f) => (set.has(f) ? { ...f, status: 'PASS' as const } : f));
  const items = [...groups.values()].map((g) => {
    const removed = base - totalExposure(scoreWithExposure(fixed(new Set(g)), config, opts));
    const meta = checks.find((c) => c.id === g[0].checkId);
    const severity = worst(g.map((f) => f.severity));
    const n = g.length;
    const what = meta?.title ?? g[0].checkId;
    return {
      group: g,
      item: {
        title: `${what} (${n} resource${n === 1 ? '' : 's'}${multiAccount ? `, account ${g[0].accountId}` : ''})`,
        exposureRemoved: Math.round(removed),
        findings: g.map((f) => ({ checkId: f.checkId, accountId: f.accountId, region: f.region, resourceId: f.resourceId })),
        checkId: g[0].checkId,
        accountId: g[0].accountId,
        severity,
        threats: [...g[0].threats],
        action: meta?.remediation.console,
        exposureAfter: 0,
      } satisfies FixFirstItem,
    };
  });
  items.sort(
    (a, b) =>
      b.item.exposureRemoved - a.item.exposureRemoved ||
      SEVERITIES.indexOf(a.item.severity) - SEVERITIES.indexOf(b.item.severity) ||
      b.item.findings.length - a.item.findings.length ||
      a.item.title.localeCompare(b.item.title),
  );
  // Cumulative: fixes interact (two checks share one threat's points), so re-score after each.
  const done = new Set<Finding>();
  for (const x of items) {
    x.group.forEach((f) => done.add(f));
    x.item.exposureAfter = Math.round(totalExposure(scoreWithExposure(fixed(done), config, opts)));
  }
  return items.map((x) => x.item);
}
