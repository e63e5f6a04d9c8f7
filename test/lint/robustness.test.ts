// Garbage in, findings out: lintPolicy never throws, whatever the document holds.
import assert from 'node:assert/strict';
import { lintPolicy, POLICY_TYPES } from '../../src/lint/index.js';

const VALUES: unknown[] = [null, undefined, 1, 'x', '*', [], [null], {}, { a: 1 }, { AWS: null }, true, 's3:*', 'arn:aws:s3:::b', '${x}', 'arn:', 'arn:aws:s3:::b:*', [1, 's3:Get*'], { AWS: 1 }, 'a:b:c', ':', 's3:', '*:Get*', '${a', 'arn:aws:s3:::${'];
const KEYS = ['Sid', 'Effect', 'Action', 'NotAction', 'Resource', 'NotResource', 'Principal', 'NotPrincipal', 'Condition'];

describe('lintPolicy robustness', () => {
  it('never throws on 3,000 random documents (seeded)', () => {
    let seed = 42;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    const pick = <T>(a: T[]): T => a[Math.floor(rnd() * a.length)];
    for (let i = 0; i < 3000; i++) {
      const st: Record<string, unknown> = {};
      for (const k of KEYS) {
        if (rnd() < 0.5) continue;
        st[k] = k === 'Effect' ? pick(['Allow', 'Deny', 1, null]) : k === 'Condition' ? pick([{ StringEquals: pick(VALUES) }, { [pick(['Bool', 'X', 'ForAnyValue:StringLike', ''])]: { [pick(['aws:x', 's3:prefix', '', 'a:b:c'])]: pick(VALUES) } }, pick(VALUES)]) : pick(VALUES);
      }
      const doc = pick<unknown>([{ Version: pick(['2012-10-17', 1, null]), Statement: pick([[st], st, [st, null], null, 'x']) }, [st], '{', null, 5, JSON.stringify({ Statement: [st] })]);
      for (const policyType of POLICY_TYPES) {
        const f = lintPolicy(doc as object, { policyType, name: 'fuzz' });
        assert.ok(Array.isArray(f));
      }
    }
  });

  it('reports nulls that would crash the grammar validator', () => {
    const f = lintPolicy({ Version: '2012-10-17', Statement: [null, { Effect: 'Allow', Action: 's3:GetObject', Resource: '*', Principal: null, Condition: { StringEquals: null } }] } as unknown as object, { policyType: 'resource', name: 'x' });
    const msgs = f.filter((x) => x.code === 'MALFORMED').map((x) => x.message).join(' | ');
    assert.match(msgs, /statement is null/);
    assert.match(msgs, /Principal is null/);
    assert.match(msgs, /Condition\.StringEquals is null/);
  });
});
