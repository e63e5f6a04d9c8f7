// Readiness score per threat, 0-100, explainable as "points lost per check".
//
// For one threat, take the checks mapped to it that judged at least one resource (PASS or FAIL,
// not suppressed). Each such check c has a weight w(c) from its severity and a pass ratio r(c) =
// passed / (passed + failed). Then
//     score = 100 * sum(w(c) * r(c)) / sum(w(c))
// and check c "costs" 100 * w(c) * (1 - r(c)) / sum(w(c)) points: the costs add up to 100 - score.
// Counting per check, not per resource, keeps forty healthy buckets from hiding one root access key.
// UNKNOWN findings do not move the score; they lower `coverage`, shown next to it.
// A resource marked critical in the config counts `critical.weight` times in its check's pass ratio.
// Money (exposure) is added on top by src/exposure.ts; see docs/scoring.md.
import type { Finding, Severity, ThreatId } from './model';
import { THREAT_IDS, THREAT_TITLES } from './model';

export const SEVERITY_WEIGHT: Record<Severity, number> = { critical: 10, high: 5, medium: 3, low: 1, info: 0 };

export interface Contributor {
  checkId: string;
  title?: string;
  /** Points of the 100 this check costs the threat's score. */
  pointsLost: number;
  /** Share of the lost points, 0-1. */
  share: number;
  failed: number;
  passed: number;
  /** Money this check carries of the threat's exposure (exposure × share); set by src/exposure.ts. */
  exposure?: number;
}

export interface ThreatScore {
  id: ThreatId;
  title: string;
  /** Points lost, unrounded (100 − score before rounding): money is computed from this, so small fixes still count. */
  pointsLost?: number;
  /** 0-100; null when no check mapped to the threat could judge anything. */
  score: number | null;
  /** Share of this threat's findings that could be judged (not UNKNOWN), 0-1. */
  coverage: number;
  passed: number;
  failed: number;
  unknown: number;
  contributors: Contributor[];
  /** Estimated exposure in the config's currency; set by src/exposure.ts. */
  exposure?: number;
  /** What the threat costs if it happens, and how that figure was made (src/exposure.ts). */
  loss?: { amount: number; basis: string };
  /** False when no check could judge anything: the exposure is then the full loss. */
  measured?: boolean;
}

export interface ScoreOptions {
  /** Weight of a finding in its check's pass ratio (critical resources weigh more); default 1. */
  findingWeight?: (f: Finding) => number;
}

const round1 = (n: number) => Math.round(n * 10) / 10;

export function scoreThreat(id: ThreatId, findings: readonly Finding[], opts: ScoreOptions = {}): ThreatScore {
  const perCheck = new Map<string, { passed: number; failed: number; weight: number; wPassed: number; wFailed: number }>();
  let unknown = 0;
  let judged = 0;
  for (const f of findings) {
    if (f.suppressed || !f.threats.includes(id)) continue;
    if (f.status === 'UNKNOWN') unknown++;
    if (f.status !== 'PASS' && f.status !== 'FAIL') continue;
    judged++;
    const c = perCheck.get(f.checkId) ?? { passed: 0, failed: 0, weight: 0, wPassed: 0, wFailed: 0 };
    const w = opts.findingWeight?.(f) ?? 1;
    if (f.status === 'PASS') {
      c.passed++;
      c.wPassed += w;
    } else {
      c.failed++;
      c.wFailed += w;
    }
    c.weight = Math.max(c.weight, SEVERITY_WEIGHT[f.severity]);
    perCheck.set(f.checkId, c);
  }
  const totalWeight = [...perCheck.values()].reduce((s, c) => s + c.weight, 0);
  let lost = 0;
  const contributors: Contributor[] = [];
  for (const [checkId, c] of perCheck) {
    const ratio = c.wPassed + c.wFailed > 0 ? c.wPassed / (c.wPassed + c.wFailed) : 1;
    const pointsLost = totalWeight ? (100 * c.weight * (1 - ratio)) / totalWeight : 0;
    lost += pointsLost;
    if (c.failed) contributors.push({ checkId, pointsLost, share: 0, failed: c.failed, passed: c.passed });
  }
  for (const c of contributors) {
    c.share = lost ? Math.round((c.pointsLost / lost) * 1000) / 1000 : 0;
    c.pointsLost = round1(c.pointsLost);
  }
  contributors.sort((a, b) => b.pointsLost - a.pointsLost || a.checkId.localeCompare(b.checkId));
  const passed = [...perCheck.values()].reduce((s, c) => s + c.passed, 0);
  return {
    id,
    title: THREAT_TITLES[id],
    score: totalWeight ? Math.round(100 - lost) : null,
    pointsLost: totalWeight ? lost : undefined,
    coverage: judged + unknown ? Math.round((judged / (judged + unknown)) * 1000) / 1000 : 0,
    passed,
    failed: judged - passed,
    unknown,
    contributors,
  };
}

export function scoreThreats(findings: readonly Finding[], opts: ScoreOptions = {}): ThreatScore[] {
  return THREAT_IDS.map((id) => scoreThreat(id, findings, opts));
}
