// Money on top of the readiness scores (docs/scoring.md explains it for readers):
//   exposure(threat) = loss(threat) × (100 − score) / 100
// where loss is what the threat costs if it happens, from the config's `money` section. Each failing
// check carries its share of the lost points, so its money is exposure × share (split in whole units
// that add up to the exposure). A threat no check could judge counts in full: nothing shows we are ready for it.
import type { Config, MoneyConfig } from './config';
import { DEFAULT_CRITICAL_WEIGHT } from './config';
import type { Finding, ThreatId } from './model';
import { THREAT_IDS } from './model';
import type { ScoreOptions, ThreatScore, ThreatTally } from './score';
import { lostPoints, scoreTally, tallyThreat } from './score';

export function threatLoss(id: ThreatId, m: MoneyConfig): { amount: number; basis: string } {
  const outageHours = Math.max(0, m.hoursToRecoverByHand - m.hoursToRecoverByAutomation);
  const outage = (m.outageCostPerHour + m.engineerCostPerHour) * outageHours;
  const outageBasis = `outage of ${m.hoursToRecoverByHand} h recovering by hand instead of ${m.hoursToRecoverByAutomation} h by automation, at ${m.outageCostPerHour} outage + ${m.engineerCostPerHour} engineer cost per hour`;
  switch (id) {
    case 'account-wipe':
      return { amount: m.accountWipeLoss, basis: 'money.accountWipeLoss: what the company loses if the account is wiped with no way back' };
    case 'data-leak':
      return { amount: m.dataIncidentCost, basis: 'money.dataIncidentCost: one sensitive-data incident' };
    case 'server-compromise':
      return { amount: outage, basis: outageBasis };
    case 'engineer-mistake':
      return { amount: outage, basis: outageBasis };
  }
}

/** A threat's exposure in whole currency units, from its tally: the one formula fix-first re-runs too. */
export function tallyExposure(loss: number, t: ThreatTally): number {
  const lost = lostPoints(t).total;
  return Math.round(lost === null ? loss : (loss * lost) / 100);
}

/**
 * Splits a whole amount in proportion to `parts`, in whole units that add up to it exactly: each
 * gets the floor of its exact part, and what is left goes one unit at a time to the largest remainders.
 */
export function splitWhole(amount: number, parts: readonly number[]): number[] {
  const sum = parts.reduce((s, p) => s + p, 0);
  if (!sum) return parts.map(() => 0);
  const exact = parts.map((p) => (amount * p) / sum);
  const out = exact.map(Math.floor);
  let left = amount - out.reduce((s, n) => s + n, 0);
  const byRemainder = exact.map((x, i) => i).sort((a, b) => exact[b] - out[b] - (exact[a] - out[a]) || a - b);
  for (const i of byRemainder) {
    if (left <= 0) break;
    out[i]++;
    left--;
  }
  return out;
}

/** Adds exposure, loss and per-contributor money to a threat score (in place) and returns it. */
function addExposure(t: ThreatScore, tally: ThreatTally, config: Config): ThreatScore {
  const loss = threatLoss(t.id, config.money);
  t.loss = loss;
  t.measured = t.score !== null;
  t.exposure = tallyExposure(loss.amount, tally);
  // From the unrounded points, not the rounded `share`, so the checks' money adds up to the threat's.
  const points = lostPoints(tally).byCheck;
  const money = splitWhole(t.exposure, t.contributors.map((c) => points.get(c.checkId) ?? 0));
  t.contributors.forEach((c, i) => (c.exposure = money[i]));
  return t;
}

/** Weight of each finding in its check's pass ratio: critical resources count `critical.weight` times. */
export function scoreOptions(config: Config, critical: (f: Finding) => boolean): ScoreOptions {
  const weight = config.critical.weight ?? DEFAULT_CRITICAL_WEIGHT;
  // Asked about each finding once per threat, in the scores, fix-first and every account's section.
  const known = new WeakMap<Finding, number>();
  return {
    findingWeight: (f) => {
      let w = known.get(f);
      if (w === undefined) known.set(f, (w = critical(f) ? weight : 1));
      return w;
    },
  };
}

/** Scores with money, from findings. */
export function scoreWithExposure(findings: readonly Finding[], config: Config, opts: ScoreOptions = {}): ThreatScore[] {
  return THREAT_IDS.map((id) => {
    const tally = tallyThreat(id, findings, opts);
    return addExposure(scoreTally(tally), tally, config);
  });
}

export function totalExposure(threats: readonly ThreatScore[]): number {
  return threats.reduce((s, t) => s + (t.exposure ?? 0), 0);
}

/** Overall readiness 0-100: one minus the share of the possible loss still exposed. */
export function overallScore(threats: readonly ThreatScore[]): number | null {
  const loss = threats.reduce((s, t) => s + (t.loss?.amount ?? 0), 0);
  if (!loss) return null;
  return Math.round(100 * (1 - totalExposure(threats) / loss));
}
