// fixFirst works on the threats' tallies; these tests hold it to the straightforward algorithm it
// replaced: re-score every finding once per change, and once more per change for the running total.
import assert from 'node:assert/strict';
import { CHECKS } from '../../checks';
import { worst } from '../../checks/common';
import type { CheckMeta } from '../../checks/types';
import type { Config } from '../../src/config';
import { parseConfig } from '../../src/config';
import { runChecks } from '../../src/engine';
import { scoreOptions, scoreWithExposure, totalExposure } from '../../src/exposure';
import { fixFirst } from '../../src/fix-first';
import { indexResources, isCritical } from '../../src/marking';
import type { Finding, Severity, ThreatId } from '../../src/model';
import { SEVERITIES, THREAT_IDS } from '../../src/model';
import type { ScoreOptions } from '../../src/score';
import { richInventory } from '../helpers/rich-inventory';

/** The re-score-everything fix-first, kept here as the reference. */
function reference(findings: readonly Finding[], checks: readonly CheckMeta[], config: Config, opts: ScoreOptions) {
  const groups = new Map<string, Finding[]>();
  for (const f of findings) {
    if (f.status !== 'FAIL' || f.suppressed) continue;
    const key = `${f.checkId}|${f.accountId}|${typeof f.details?.fixGroup === 'string' ? f.details.fixGroup : ''}`;
    groups.set(key, [...(groups.get(key) ?? []), f]);
  }
  const total = (fixed: Set<Finding>) => totalExposure(scoreWithExposure(findings.map((f) => (fixed.has(f) ? { ...f, status: 'PASS' as const } : f)), config, opts));
  const base = total(new Set());
  const multi = new Set(findings.map((f) => f.accountId)).size > 1;
  const items = [...groups.values()].map((g) => {
    const what = checks.find((c) => c.id === g[0].checkId)?.title ?? g[0].checkId;
    return {
      g,
      removed: base - total(new Set(g)),
      severity: worst(g.map((f) => f.severity)),
      title: `${what} (${g.length} resource${g.length === 1 ? '' : 's'}${multi ? `, account ${g[0].accountId}` : ''})`,
    };
  });
  items.sort((a, b) => b.removed - a.removed || SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity) || b.g.length - a.g.length || a.title.localeCompare(b.title));
  const done = new Set<Finding>();
  return items.map((x) => {
    x.g.forEach((f) => done.add(f));
    return { title: x.title, exposureRemoved: x.removed, exposureAfter: total(done), n: x.g.length };
  });
}

const seen = (items: ReturnType<typeof fixFirst>) => items.map((i) => ({ title: i.title, exposureRemoved: i.exposureRemoved, exposureAfter: i.exposureAfter, n: i.findings.length }));

// A small deterministic PRNG, so a failure can be reproduced from the seed.
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

describe('fix first is the same as re-scoring every finding', () => {
  it('on a three-account organization with critical resources and suppressions', () => {
    const inv = richInventory();
    const config = parseConfig(
      {
        critical: { namePatterns: ['*orders*', '*customer*', 'arn:aws:iam::*:root'], weight: 4 },
        suppressions: [
          { checkId: 's3-versioning', resource: 'arn:aws:s3:::*scratch*', reason: 'scratch data' },
          { checkId: 'ec2-recoverable-by-automation', accountId: '111111111111', reason: 'accepted in this test' },
        ],
      },
      'test',
    );
    const { findings } = runChecks(inv, CHECKS, config);
    const facts = indexResources(inv);
    const opts = scoreOptions(config, (f) => isCritical(f.resourceId, facts.get(f.resourceId), config));
    // The fixture must exercise what the incremental path could get wrong.
    assert.ok(new Set(findings.map((f) => f.accountId)).size >= 3);
    assert.ok(findings.some((f) => f.suppressed && f.status === 'FAIL'), 'a suppressed failure');
    assert.ok(findings.some((f) => f.status === 'FAIL' && opts.findingWeight!(f) === 4), 'a critical failure');
    const metas = CHECKS.map((c) => c.meta);
    const want = reference(findings, metas, config, opts);
    assert.ok(want.length >= 10, `${want.length} changes`);
    assert.deepEqual(seen(fixFirst(findings, metas, config, opts)), want);
  });

  it('on random findings across accounts, threats, severities, weights, suppressions and fix groups', () => {
    const severities: Severity[] = ['critical', 'high', 'medium', 'low', 'info'];
    for (const seed of [1, 2, 3, 4, 5]) {
      const r = rng(seed);
      const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)];
      const checkThreats = new Map(Array.from({ length: 8 }, (_, c) => [`c${c}`, THREAT_IDS.filter(() => r() < 0.5) as ThreatId[]]));
      const findings: Finding[] = Array.from({ length: 400 }, (_, i) => {
        const checkId = pick([...checkThreats.keys()]);
        const g = r();
        return {
          checkId,
          status: pick(['PASS', 'FAIL', 'FAIL', 'UNKNOWN', 'NOT_APPLICABLE'] as const),
          severity: pick(severities),
          threats: checkThreats.get(checkId)!,
          accountId: pick(['111111111111', '222222222222', '333333333333', '444444444444']),
          region: 'us-east-1',
          resourceType: 't',
          resourceId: `r${i}`,
          message: '',
          suppressed: r() < 0.1,
          ...(g < 0.2 ? { details: { fixGroup: g < 0.1 ? 'p1' : 'p2' } } : {}),
        };
      });
      const config = parseConfig({ critical: { weight: 1 + Math.floor(r() * 5) } }, 'test');
      // By resource id, as the real marking is: the reference re-scores copies of the findings.
      const critical = new Set(findings.filter(() => r() < 0.15).map((f) => f.resourceId));
      const opts = scoreOptions(config, (f) => critical.has(f.resourceId));
      const want = reference(findings, [], config, opts);
      assert.ok(want.length > 20, `seed ${seed}: ${want.length} changes`);
      assert.deepEqual(seen(fixFirst(findings, [], config, opts)), want, `seed ${seed}`);
    }
  });

  it('leaves the findings it was given as they were', () => {
    const config = parseConfig({}, 'test');
    const { findings } = runChecks(richInventory(), CHECKS, config);
    const before = JSON.stringify(findings);
    const threats = JSON.stringify(scoreWithExposure(findings, config));
    fixFirst(findings, [], config);
    assert.equal(JSON.stringify(findings), before);
    assert.equal(JSON.stringify(scoreWithExposure(findings, config)), threats);
  });
});
