import assert from 'node:assert/strict';
import type { Finding } from '../../src/model';
import { scoreThreat, scoreThreats } from '../../src/score';
import { evaluate } from '../../src/audit';
import { defaultConfig } from '../../src/config';
import { bucket, ok, withBuckets } from '../helpers/inventory';

function f(checkId: string, status: Finding['status'], severity: Finding['severity'] = 'high', extra: Partial<Finding> = {}): Finding {
  return { checkId, status, severity, threats: ['account-wipe'], accountId: '1', region: 'r', resourceType: 't', resourceId: `${checkId}-${Math.random()}`, message: '', suppressed: false, ...extra };
}

describe('threat scoring', () => {
  it('weighs checks by severity and resources by pass ratio', () => {
    // critical check fully failing (w=10), high check half failing (w=5): lost = 100*(10*1 + 5*0.5)/15 = 83.3
    const s = scoreThreat('account-wipe', [f('root', 'FAIL', 'critical'), f('ver', 'PASS'), f('ver', 'FAIL')]);
    assert.equal(s.score, 17);
    assert.deepEqual(
      s.contributors.map((c) => [c.checkId, c.pointsLost]),
      [['root', 66.7], ['ver', 16.7]],
    );
    assert.equal(s.contributors[0].share, 0.8);
  });

  it('a fixed finding raises the score; a suppressed one does not count', () => {
    const before = scoreThreat('account-wipe', [f('a', 'FAIL'), f('a', 'PASS')]).score;
    const fixed = scoreThreat('account-wipe', [f('a', 'PASS'), f('a', 'PASS')]).score;
    const suppressed = scoreThreat('account-wipe', [f('a', 'FAIL', 'high', { suppressed: true }), f('a', 'PASS')]).score;
    assert.equal(before, 50);
    assert.equal(fixed, 100);
    assert.equal(suppressed, 100);
  });

  it('UNKNOWN lowers coverage, not the score; nothing judged gives null', () => {
    const s = scoreThreat('account-wipe', [f('a', 'PASS'), f('b', 'UNKNOWN')]);
    assert.equal(s.score, 100);
    assert.equal(s.coverage, 0.5);
    assert.equal(scoreThreat('account-wipe', [f('b', 'UNKNOWN')]).score, null);
  });

  it('only counts findings mapped to the threat', () => {
    const all = scoreThreats([f('a', 'FAIL')]);
    assert.deepEqual(all.map((t) => t.id), ['account-wipe', 'data-leak', 'server-compromise', 'engineer-mistake']);
    assert.equal(all[0].score, 0);
    assert.equal(all[1].score, null);
  });

  it("an account's own scores weigh critical resources as the overall scores do", () => {
    // One account: its section must agree with the whole report. The critical bucket fails, so with
    // critical weighting the score is lower than the unweighted one.
    const inv = withBuckets(
      bucket('crown-jewels', { tags: ok({ 'drready:critical': 'true' }), versioning: ok({ status: 'Never', mfaDelete: 'Never' }) }),
      bucket('plain-1'),
      bucket('plain-2'),
    );
    const report = evaluate(inv, defaultConfig());
    const overall = Object.fromEntries(report.threats.map((t) => [t.id, t.score]));
    const own = Object.fromEntries(report.accounts![0].threats.map((t) => [t.id, t.score]));
    assert.deepEqual(own, overall);
    const unweighted = Object.fromEntries(scoreThreats(report.findings).map((t) => [t.id, t.score]));
    assert.ok(own['engineer-mistake']! < unweighted['engineer-mistake']!, `${own['engineer-mistake']} vs ${unweighted['engineer-mistake']}`);
  });
});
