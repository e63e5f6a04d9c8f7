// "What to fix first": failing findings grouped into changes, ranked by the exposure each change
// removes. A change is one check's remediation in one account (so one backup copy rule that covers
// forty resources is one line); a check may split it further with `details.fixGroup`. The money
// removed is exact, not estimated: it is the drop in total exposure when the group's findings pass.
// That drop is computed on the threats' tallies: a group moves weight from failed to passed in its
// own check only, so only the threats it maps to are re-scored, from their per-check counts rather
// than from every finding (the same sums, so the same figures as re-scoring the whole run).
import { plural } from './text';
import { worst } from '../checks/common';
import type { CheckMeta } from '../checks/types';
import type { Config } from './config';
import type { CheckTally, ScoreOptions, ThreatTally } from './score';
import { tallyThreat } from './score';
import type { Finding, Severity, ThreatId } from './model';
import { SEVERITIES, THREAT_IDS } from './model';
import { tallyExposure, threatLoss } from './exposure';

export interface FixFirstItem {
  title: string;
  /** Exposure removed by this change alone, in the config's currency. */
  exposureRemoved: number;
  /** The findings the change fixes; their check and account are the item's (not repeated: 30,000 entries at 100 accounts). */
  findings: { region: string; resourceId: string }[];
  checkId: string;
  accountId: string;
  severity: Severity;
  threats: ThreatId[];
  /** How to do it (the check's console remediation). */
  action?: string;
  /** Total exposure left once this and every fix above it are made. */
  exposureAfter: number;
}

/** Weight a group moves from failed to passed, per threat and check. */
type Moves = { tally: ThreatTally; check: CheckTally; weight: number }[];

export function fixFirst(findings: readonly Finding[], checks: readonly CheckMeta[], config: Config, opts: ScoreOptions = {}): FixFirstItem[] {
  const groups = new Map<string, Finding[]>();
  for (const f of findings) {
    if (f.status !== 'FAIL' || f.suppressed) continue;
    const extra = typeof f.details?.fixGroup === 'string' ? `\u0000${f.details.fixGroup}` : '';
    const key = `${f.checkId}\u0000${f.accountId}${extra}`;
    const g = groups.get(key);
    if (g) g.push(f);
    else groups.set(key, [f]);
  }
  const multiAccount = new Set(findings.map((f) => f.accountId)).size > 1;
  const tallies = new Map(THREAT_IDS.map((id) => [id, tallyThreat(id, findings, opts)]));
  const loss = new Map(THREAT_IDS.map((id) => [id, threatLoss(id, config.money).amount]));
  const exposure = new Map(THREAT_IDS.map((id) => [id, tallyExposure(loss.get(id)!, tallies.get(id)!)]));
  const metas = new Map(checks.map((c) => [c.id, c]));
  const items = [...groups.values()].map((g) => {
    const moves = movesOf(g, tallies, opts);
    const meta = metas.get(g[0].checkId);
    const severity = worst(g.map((f) => f.severity));
    const n = g.length;
    const what = meta?.title ?? g[0].checkId;
    return {
      moves,
      item: {
        title: `${what} (${plural(n, 'resource')}${multiAccount ? `, account ${g[0].accountId}` : ''})`,
        exposureRemoved: removedBy(moves, loss, exposure, false),
        findings: g.map((f) => ({ region: f.region, resourceId: f.resourceId })),
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
  // Cumulative: each fix stays made and the touched threats are re-scored, not the removals summed,
  // so the whole-unit rounding of each threat is the same as re-scoring every finding.
  let left = [...exposure.values()].reduce((s, e) => s + e, 0);
  for (const x of items) {
    left -= removedBy(x.moves, loss, exposure, true);
    x.item.exposureAfter = left;
  }
  return items.map((x) => x.item);
}

function movesOf(group: readonly Finding[], tallies: ReadonlyMap<ThreatId, ThreatTally>, opts: ScoreOptions): Moves {
  const moves: Moves = [];
  for (const f of group)
    for (const id of new Set(f.threats)) {
      const tally = tallies.get(id);
      const check = tally?.perCheck.get(f.checkId);
      if (!tally || !check) continue;
      const w = opts.findingWeight?.(f) ?? 1;
      const m = moves.find((x) => x.check === check);
      if (m) m.weight += w;
      else moves.push({ tally, check, weight: w });
    }
  return moves;
}

/**
 * Exposure removed by making the moves: the touched threats are re-scored with the moved weight.
 * `keep` leaves the moves made (and `exposure` updated) for the cumulative figure; otherwise every
 * count is put back as it was.
 */
function removedBy(moves: Moves, loss: ReadonlyMap<ThreatId, number>, exposure: Map<ThreatId, number>, keep: boolean): number {
  const saved = moves.map((m) => [m.check.wPassed, m.check.wFailed] as const);
  for (const m of moves) {
    m.check.wPassed += m.weight;
    m.check.wFailed -= m.weight;
  }
  let removed = 0;
  for (const id of new Set(moves.map((m) => m.tally.id))) {
    const after = tallyExposure(loss.get(id)!, moves.find((m) => m.tally.id === id)!.tally);
    removed += exposure.get(id)! - after;
    if (keep) exposure.set(id, after);
  }
  if (!keep) moves.forEach((m, i) => ([m.check.wPassed, m.check.wFailed] = saved[i]));
  return removed;
}
