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
  /** Money this check carries of the threat's exposure: whole units split by unrounded points, summing to it exactly; set by src/exposure.ts. */
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

/** One check's counts within one threat; `weight` is its severity weight, `wPassed`/`wFailed` the weighted counts. */
export interface CheckTally {
  passed: number;
  failed: number;
  weight: number;
  wPassed: number;
  wFailed: number;
}

/** What a threat's score is computed from: per-check counts (in the order checks were first seen) and UNKNOWNs. */
export interface ThreatTally {
  id: ThreatId;
  perCheck: Map<string, CheckTally>;
  unknown: number;
  judged: number;
}

export function tallyThreat(id: ThreatId, findings: readonly Finding[], opts: ScoreOptions = {}): ThreatTally {
  const perCheck = new Map<string, CheckTally>();
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
  return { id, perCheck, unknown, judged };
}

/**
 * Points lost per check, unrounded, and their sum (`total`; null when no check carries weight, i.e.
 * the threat has no score). Fix-first calls this on tallies it edits, so keep it the one place the
 * formula lives.
 */
export function lostPoints(t: ThreatTally): { total: number | null; byCheck: Map<string, number> } {
  let totalWeight = 0;
  for (const c of t.perCheck.values()) totalWeight += c.weight;
  let total = 0;
  const byCheck = new Map<string, number>();
  for (const [checkId, c] of t.perCheck) {
    const ratio = c.wPassed + c.wFailed > 0 ? c.wPassed / (c.wPassed + c.wFailed) : 1;
    const points = totalWeight ? (100 * c.weight * (1 - ratio)) / totalWeight : 0;
    total += points;
    byCheck.set(checkId, points);
  }
  return { total: totalWeight ? total : null, byCheck };
}

export function scoreTally(t: ThreatTally): ThreatScore {
  const { total, byCheck } = lostPoints(t);
  const lost = total ?? 0;
  const contributors: Contributor[] = [];
  for (const [checkId, c] of t.perCheck) {
    if (!c.failed) continue;
    const points = byCheck.get(checkId)!;
    contributors.push({ checkId, pointsLost: round1(points), share: lost ? Math.round((points / lost) * 1000) / 1000 : 0, failed: c.failed, passed: c.passed });
  }
  contributors.sort((a, b) => b.pointsLost - a.pointsLost || a.checkId.localeCompare(b.checkId));
  const passed = [...t.perCheck.values()].reduce((s, c) => s + c.passed, 0);
  const { judged, unknown } = t;
  return {
    id: t.id,
    title: THREAT_TITLES[t.id],
    score: total === null ? null : Math.round(100 - total),
    pointsLost: total ?? undefined,
    coverage: judged + unknown ? Math.round((judged / (judged + unknown)) * 1000) / 1000 : 0,
    passed,
    failed: judged - passed,
    unknown,
    contributors,
  };
}

export function scoreThreat(id: ThreatId, findings: readonly Finding[], opts: ScoreOptions = {}): ThreatScore {
  return scoreTally(tallyThreat(id, findings, opts));
}

export function scoreThreats(findings: readonly Finding[], opts: ScoreOptions = {}): ThreatScore[] {
  return THREAT_IDS.map((id) => scoreThreat(id, findings, opts));
}
