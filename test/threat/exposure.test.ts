import assert from 'node:assert/strict';
import { CHECKS } from '../../checks';
import { evaluate } from '../../src/audit';
import { defaultConfig, parseConfig } from '../../src/config';
import type { Config } from '../../src/config';
import { overallScore, scoreWithExposure, splitWhole, threatLoss, totalExposure } from '../../src/exposure';
import { fixFirst } from '../../src/fix-first';
import type { Finding, Severity, ThreatId } from '../../src/model';
import { readSnapshot } from '../../src/inventory/snapshot';
import { DEMO_SNAPSHOT } from '../../src/cli';
import { ACCOUNT, bucket, ok, withBuckets } from '../helpers/inventory';

const f = (checkId: string, status: Finding['status'], resourceId: string, threats: ThreatId[] = ['account-wipe'], severity: Severity = 'high'): Finding => ({
  checkId,
  status,
  severity,
  threats,
  accountId: ACCOUNT,
  region: 'us-east-1',
  resourceType: 'AWS::S3::Bucket',
  resourceId,
  message: '',
  suppressed: false,
});

const cfg = (): Config => {
  const c = defaultConfig();
  c.money = { currency: 'EUR', accountWipeLoss: 1_000_000, dataIncidentCost: 500_000, outageCostPerHour: 1000, hoursToRecoverByHand: 10, hoursToRecoverByAutomation: 2, engineerCostPerHour: 100 };
  return c;
};
const wipe = (threats: ReturnType<typeof scoreWithExposure>) => threats.find((t) => t.id === 'account-wipe')!;

describe('exposure in money', () => {
  it('loss per threat comes from the config; outages count the hours automation would save', () => {
    const m = cfg().money;
    assert.equal(threatLoss('account-wipe', m).amount, 1_000_000);
    assert.equal(threatLoss('data-leak', m).amount, 500_000);
    assert.equal(threatLoss('engineer-mistake', m).amount, (1000 + 100) * 8);
    assert.equal(threatLoss('server-compromise', m).amount, 8800);
  });

  it('exposure = loss × missing readiness, split over the failing checks by their share', () => {
    // One critical check half failing (weight 10, ratio .5) and one high check failing (weight 5, ratio 0):
    // lost = 100×(10×.5 + 5×1)/15 = 66.67 → score 33 (shown rounded); exposure uses the unrounded 66.67%: 666 667.
    const findings = [f('a', 'PASS', 'r1', ['account-wipe'], 'critical'), f('a', 'FAIL', 'r2', ['account-wipe'], 'critical'), f('b', 'FAIL', 'r3')];
    const t = wipe(scoreWithExposure(findings, cfg()));
    assert.equal(t.score, 33);
    assert.equal(t.exposure, 666_667);
    // Two exact halves of 666 667: whole units that add up to it, the odd unit to the first.
    assert.deepEqual(t.contributors.map((c) => [c.checkId, c.share, c.exposure]), [['a', 0.5, 333_334], ['b', 0.5, 333_333]]);
  });

  it("the checks' money adds up exactly to the threat's exposure, from unrounded shares", () => {
    // Three checks of one threat: weights 10, 5, 3; pass ratios 1/3, 1/7, 0 → shares that are not round.
    const n = (checkId: string, sev: Severity, pass: number, fail: number) => [
      ...Array.from({ length: pass }, (_, i) => f(checkId, 'PASS', `${checkId}p${i}`, ['account-wipe'], sev)),
      ...Array.from({ length: fail }, (_, i) => f(checkId, 'FAIL', `${checkId}f${i}`, ['account-wipe'], sev)),
    ];
    const t = wipe(scoreWithExposure([...n('a', 'critical', 1, 2), ...n('b', 'high', 1, 6), ...n('c', 'medium', 0, 1)], cfg()));
    const lost = 100 * (10 * (2 / 3) + 5 * (6 / 7) + 3) / 18;
    assert.equal(t.exposure, Math.round(1_000_000 * lost / 100));
    assert.equal(t.contributors.reduce((s, c) => s + c.exposure!, 0), t.exposure);
    // Each is within one unit of its exact part: exposure × its unrounded points ÷ all points lost.
    const exact = { a: (100 * 10 * (2 / 3)) / 18, b: (100 * 5 * (6 / 7)) / 18, c: (100 * 3) / 18 };
    for (const c of t.contributors) assert.ok(Math.abs(c.exposure! - (t.exposure! * exact[c.checkId as 'a' | 'b' | 'c']) / lost) < 1, `${c.checkId}: ${c.exposure}`);
  });

  it('splitWhole gives whole units that add up, the leftover units to the largest remainders', () => {
    assert.deepEqual(splitWhole(10, [1, 1, 1]), [4, 3, 3]);
    assert.deepEqual(splitWhole(100, [0.5, 0.3, 0.2]), [50, 30, 20]);
    assert.deepEqual(splitWhole(7, [2, 3, 5]), [1, 2, 4], '1.4, 2.1, 3.5: one unit left, to 3.5');
    assert.deepEqual(splitWhole(5, [0, 0]), [0, 0]);
    assert.deepEqual(splitWhole(0, [3, 4]), [0, 0]);
  });

  it('a fix too small to move the rounded score still lowers the exposure', () => {
    // 1 failing of 200 in a high check, next to a fully failing critical one: the score stays 33.
    const many = (status: 'PASS' | 'FAIL', n: number) => Array.from({ length: n }, (_, i) => f('b', status, `r${status}${i}`));
    const before = wipe(scoreWithExposure([f('a', 'FAIL', 'x', ['account-wipe'], 'critical'), ...many('PASS', 199), ...many('FAIL', 1)], cfg()));
    const after = wipe(scoreWithExposure([f('a', 'FAIL', 'x', ['account-wipe'], 'critical'), ...many('PASS', 200)], cfg()));
    assert.equal(before.score, after.score);
    assert.ok(before.exposure! - after.exposure! > 1000, `${before.exposure} → ${after.exposure}`);
  });

  it('fixing a finding raises the score and lowers the exposure', () => {
    const before = wipe(scoreWithExposure([f('a', 'FAIL', 'r1'), f('a', 'FAIL', 'r2')], cfg()));
    const after = wipe(scoreWithExposure([f('a', 'PASS', 'r1'), f('a', 'FAIL', 'r2')], cfg()));
    assert.equal(before.score, 0);
    assert.equal(before.exposure, 1_000_000);
    assert.equal(after.score, 50);
    assert.equal(after.exposure, 500_000);
  });

  it('a suppressed finding does not count', () => {
    const sup = { ...f('a', 'FAIL', 'r2'), suppressed: true };
    const t = wipe(scoreWithExposure([f('a', 'PASS', 'r1'), sup], cfg()));
    assert.equal(t.score, 100);
    assert.equal(t.exposure, 0);
    assert.deepEqual(t.contributors, []);
  });

  it('a threat nothing could judge counts in full and says so', () => {
    const t = scoreWithExposure([f('a', 'UNKNOWN', 'r1', ['data-leak'])], cfg()).find((x) => x.id === 'data-leak')!;
    assert.equal(t.score, null);
    assert.equal(t.measured, false);
    assert.equal(t.exposure, 500_000);
  });

  it('critical resources weigh more in their check', () => {
    const c = cfg();
    const findings = [f('a', 'PASS', 'r1'), f('a', 'FAIL', 'crit')];
    const plain = wipe(scoreWithExposure(findings, c));
    const weighted = wipe(scoreWithExposure(findings, c, { findingWeight: (x) => (x.resourceId === 'crit' ? c.critical.weight! : 1) }));
    assert.equal(plain.score, 50);
    assert.equal(weighted.score, 25, 'weight 3: 1 passed of 4');
  });

  it('overall score is one minus the share of the possible loss exposed', () => {
    const threats = scoreWithExposure([f('a', 'FAIL', 'r1'), f('b', 'PASS', 'r2', ['data-leak', 'engineer-mistake', 'server-compromise'])], cfg());
    const loss = 1_000_000 + 500_000 + 8800 * 2;
    assert.equal(totalExposure(threats), 1_000_000);
    assert.equal(overallScore(threats), Math.round(100 * (1 - 1_000_000 / loss)));
  });
});

describe('fix first', () => {
  it('groups one check’s findings in one account into one change, ranked by exposure removed', () => {
    const findings = [
      ...Array.from({ length: 40 }, (_, i) => f('backup-plan-coverage', 'FAIL', `db-${i}`, ['account-wipe'], 'high')),
      f('s3-versioning', 'FAIL', 'b1', ['engineer-mistake'], 'high'),
      f('s3-versioning', 'PASS', 'b2', ['engineer-mistake'], 'high'),
      { ...f('iam-root-access-keys', 'FAIL', 'root', ['account-wipe'], 'critical'), suppressed: true },
    ];
    const items = fixFirst(findings, [], cfg());
    assert.equal(items.length, 2, 'suppressed findings are not something to fix');
    assert.equal(items[0].checkId, 'backup-plan-coverage');
    assert.equal(items[0].findings.length, 40);
    // Check and account are the item's, not repeated in each of its findings.
    assert.deepEqual(items[0].findings[0], { region: 'us-east-1', resourceId: 'db-0' });
    assert.equal(items[0].accountId, ACCOUNT);
    assert.equal(items[0].exposureRemoved, 1_000_000);
    assert.equal(items[1].exposureRemoved, 4400);
    // Left after both: the threats no finding judged (data-leak 500 000, server-compromise 8 800) count in full.
    assert.equal(items[1].exposureAfter, 508_800);
    assert.equal(items[0].exposureAfter, 508_800 + 4400);
  });

  it('a check can split its findings into separate changes with details.fixGroup', () => {
    const g = (r: string, plan: string) => ({ ...f('backup-cross-account-copy', 'FAIL', r), details: { fixGroup: plan } });
    const items = fixFirst([g('r1', 'p1'), g('r2', 'p1'), g('r3', 'p2')], [], cfg());
    assert.deepEqual(items.map((i) => i.findings.length).sort(), [1, 2]);
  });
});

describe('evaluate with money', () => {
  // Both marked non-sensitive, so s3-data-classified passes and versioning is the first fix.
  const plain = ok({ 'drready:sensitive': 'false' });
  const inv = withBuckets(bucket('good', { tags: plain }), bucket('bad', { tags: plain, versioning: ok({ status: 'Never', mfaDelete: 'Never' }) }));
  const config = parseConfig({ money: { currency: 'EUR', accountWipeLoss: 2_000_000 } }, 'test');

  it('report.json gets exposure and contributors per threat, fixFirst and blastRadius', () => {
    const r = evaluate(inv, config, { checks: CHECKS });
    const w = r.threats.find((t) => t.id === 'account-wipe')!;
    assert.equal(r.currency, 'EUR');
    assert.equal(typeof w.exposure, 'number');
    assert.ok(w.contributors.some((c) => c.checkId === 's3-versioning' && c.share > 0 && (c.exposure ?? 0) > 0));
    assert.ok(r.fixFirst!.length >= 1);
    assert.equal(r.fixFirst![0].findings[0].resourceId, 'arn:aws:s3:::bad');
    assert.ok(Array.isArray(r.blastRadius));
    assert.equal(r.overall!.exposure, r.threats.reduce((s, t) => s + t.exposure!, 0));
  });

  it("on the demo, every threat's checks add up to its exposure, and a one-threat, one-account check's money is what fixing it removes", () => {
    const r = evaluate(readSnapshot(DEMO_SNAPSHOT), defaultConfig());
    for (const t of r.threats) assert.equal(t.contributors.reduce((s, c) => s + c.exposure!, 0), t.exposure, t.id);
    const root = r.fixFirst!.find((x) => x.checkId === 'iam-root-access-keys')!;
    assert.deepEqual(root.threats, ['account-wipe']);
    const c = r.threats.find((t) => t.id === 'account-wipe')!.contributors.find((x) => x.checkId === 'iam-root-access-keys')!;
    assert.ok(c.exposure! > 100_000);
    // Both are rounded to whole units on their own, so they may part by one unit, no more.
    assert.ok(Math.abs(c.exposure! - root.exposureRemoved) <= 1, `${c.exposure} vs ${root.exposureRemoved}`);
  });

  it('suppressing the failing bucket removes its exposure', () => {
    const before = evaluate(inv, config).threats.find((t) => t.id === 'account-wipe')!;
    const suppressed = parseConfig({ money: { accountWipeLoss: 2_000_000 }, suppressions: [{ checkId: 's3-versioning', resource: 'arn:aws:s3:::bad', reason: 'scratch data' }] }, 'test');
    const after = evaluate(inv, suppressed).threats.find((t) => t.id === 'account-wipe')!;
    assert.ok(before.exposure! > 0);
    assert.ok(after.exposure! < before.exposure!, `${after.exposure} < ${before.exposure}`);
    assert.equal(after.contributors.find((c) => c.checkId === 's3-versioning'), undefined);
  });

  it('a critical bucket failing costs more than an ordinary one', () => {
    const crit = parseConfig({ critical: { namePatterns: ['bad'] } }, 'test');
    const plain = evaluate(inv, parseConfig({}, 'test')).threats.find((t) => t.id === 'account-wipe')!;
    const weighted = evaluate(inv, crit).threats.find((t) => t.id === 'account-wipe')!;
    assert.ok(weighted.exposure! > plain.exposure!, `${weighted.exposure} > ${plain.exposure}`);
  });
});
