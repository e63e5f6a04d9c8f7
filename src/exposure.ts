// Money on top of the readiness scores (docs/scoring.md explains it for readers):
//   exposure(threat) = loss(threat) × (100 − score) / 100
// where loss is what the threat costs if it happens, from the config's `money` section. Each failing
// check carries its share of the lost points, so its money is exposure × share. A threat no check
// could judge counts in full: nothing shows we are ready for it.
import type { Config, MoneyConfig } from './config';
import { DEFAULT_CRITICAL_WEIGHT } from './config';
import type { Finding, ThreatId } from './model';
import type { ScoreOptions, ThreatScore } from './score';
import { scoreThreats } from './score';

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

const round = (n: number) => Math.round(n);

/** Adds exposure, loss and per-contributor money to each threat score (in place) and returns them. */
export function addExposure(threats: ThreatScore[], config: Config): ThreatScore[] {
  for (const t of threats) {
    const loss = threatLoss(t.id, config.money);
    t.loss = loss;
    t.measured = t.score !== null;
    t.exposure = round(t.score === null ? loss.amount : (loss.amount * (t.pointsLost ?? 100 - t.score)) / 100);
    for (const c of t.contributors) c.exposure = round(t.exposure * c.share);
  }
  return threats;
}

/** Weight of each finding in its check's pass ratio: critical resources count `critical.weight` times. */
export function scoreOptions(config: Config, critical: (f: Finding) => boolean): ScoreOptions {
  return { findingWeight: (f) => (critical(f) ? (config.critical.weight ?? DEFAULT_CRITICAL_WEIGHT) : 1) };
}

/** Scores with money, from findings: the one function fix-first re-runs on "what if" findings. */
export function scoreWithExposure(findings: readonly Finding[], config: Config, opts: ScoreOptions = {}): ThreatScore[] {
  return addExposure(scoreThreats(findings, opts), config);
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
