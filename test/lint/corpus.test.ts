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
    const at = (p: string, i: number) => all.filter((f) => f.policy.endsWith(`/${p}`) && f.statementIndex === i).map((f) => `${f.code}/${f.severity}`);
    assert.deepEqual(at('AmazonBedrockFullAccess', 3), ['RESOURCE_MISMATCH/error']); // kms on arn:*:kms:*:::*
    assert.deepEqual(at('AmazonRedshiftQueryEditorV2FullAccess', 2), ['WILDCARD_CROSSES_COLON/warning']); // ...:*:*:sqlworkbench!*
    // Per-code counts (docs/lint-corpus.md); iam-data and the corpus are locked in package-lock.json,
    // so a change here means the linter's behaviour (or an upgrade) changed: re-check and update both.
    const by: Record<string, number> = {};
    for (const f of all) by[`${f.code}/${f.severity}`] = (by[`${f.code}/${f.severity}`] ?? 0) + 1;
    assert.deepEqual(by, {
      'UNKNOWN_SERVICE/error': 95, 'UNKNOWN_ACTION/error': 53,
      'RESOURCE_MISMATCH/error': 879, 'RESOURCE_MISMATCH/warning': 21, 'RESOURCE_MISMATCH/info': 225,
      'WILDCARD_CROSSES_COLON/warning': 12, 'NOT_ACTION_WITH_ALLOW/security': 2, 'NOT_RESOURCE_WITH_ALLOW/security': 8,
      'PASSROLE_WITH_STAR/security': 9, 'PASSROLE_WITH_STAR/info': 132, 'FULL_ADMIN/security': 1, 'UNKNOWN_CONDITION_KEY/warning': 6,
    });
  });
});
