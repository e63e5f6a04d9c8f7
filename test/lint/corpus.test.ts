import assert from 'node:assert/strict';
import { lintPolicy, type LintFinding } from '../../src/lint/index.js';
import { managedPolicies } from './corpus.js';

describe('real corpus: every AWS-managed policy', function () {
  this.timeout(120000);
  it('lints without a crash and without MALFORMED', () => {
    const corpus = managedPolicies();
    assert.ok(corpus.length > 1000, `only ${corpus.length} policies`);
    const all: LintFinding[] = [];
    for (const { name, doc } of corpus) all.push(...lintPolicy(doc, { policyType: 'identity', name: `arn:aws:iam::aws:policy/${name}` }));
    const malformed = all.filter((f) => f.code === 'MALFORMED' || f.code === 'MALFORMED_JSON');
    assert.deepEqual(malformed, []);
    // Spot checks that were verified by hand (docs/lint-corpus.md).
    assert.deepEqual(all.filter((f) => f.policy.endsWith('/AdministratorAccess')).map((f) => f.code), ['FULL_ADMIN']);
    assert.ok(all.some((f) => f.policy.endsWith('/PowerUserAccess') && f.code === 'NOT_ACTION_WITH_ALLOW'));
  });
});
