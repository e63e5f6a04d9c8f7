// The bundled demo account: valid, and every check has something to say about it.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHECKS } from '../../checks';
import { evaluate } from '../../src/audit';
import { DEMO_SNAPSHOT } from '../../src/cli';
import { defaultConfig } from '../../src/config';
import { readSnapshot } from '../../src/inventory/snapshot';

const CLI = join(__dirname, '..', '..', 'src', 'cli.js');
// Checks that cannot fail on a single-account demo, and why.
const CANNOT_FIRE: Record<string, string> = {
  'backup-copy-destination': "judges the destination vault with the destination account's own data: needs that account in scope (--org)",
};

describe('demo account', () => {
  const inventory = readSnapshot(DEMO_SNAPSHOT);
  const report = evaluate(inventory, defaultConfig());

  it('is a valid snapshot captured by the collectors', () => {
    assert.equal(inventory.source, 'demo');
    assert.deepEqual(inventory.regions, ['us-east-1', 'eu-west-1']);
    assert.equal(inventory.accounts[0].name, 'northwind-production');
    assert.ok(inventory.accounts[0].s3.buckets.ok && inventory.accounts[0].s3.buckets.value.length >= 20);
  });

  for (const check of CHECKS) {
    const why = CANNOT_FIRE[check.meta.id];
    it(`${check.meta.id} ${why ? 'is not applicable (single account)' : 'fires on some resource, with a remediation'}`, () => {
      const mine = report.findings.filter((f) => f.checkId === check.meta.id);
      if (why) {
        assert.ok(mine.length > 0 && mine.every((f) => f.status === 'NOT_APPLICABLE'), why);
        return;
      }
      assert.ok(mine.some((f) => f.status === 'FAIL'), `${check.meta.id}: ${JSON.stringify(mine.map((f) => f.status))}`);
      assert.ok(check.meta.remediation.console.length > 20);
    });
  }

  it('shows UNKNOWN naming the permission the demo withholds in eu-west-1', () => {
    const unknown = report.findings.filter((f) => f.status === 'UNKNOWN' && f.region === 'eu-west-1');
    assert.ok(unknown.some((f) => f.missingPermissions?.includes('backup:ListRecoveryPointsByBackupVault')));
  });

  it('npm run demo: the built CLI prints the table and writes report.json and report.html', () => {
    const out = mkdtempSync(join(tmpdir(), 'drready-demo-'));
    const r = spawnSync(process.execPath, [CLI, 'audit', '--demo', '--out', out], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /Account wipe by powerful credentials/);
    assert.ok(existsSync(join(out, 'report.html')));
    const json = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8'));
    assert.equal(json.scope.accounts[0].id, '123456789012');
    assert.ok(json.lint.policiesLinted > 10 && json.lint.findings.length > 0);
    // The lint summary and the sprawl numbers in all three outputs.
    assert.equal(json.lint.sprawl.nearDuplicateGroups.length, 1);
    assert.match(r.stdout, /IAM lint: \d+ policies of this account, \d+ findings \(.*UNKNOWN_ACTION \d/);
    assert.match(r.stdout, /Policy sprawl: 5 customer-managed and 4 inline policies, 1 unattached, 2 near-duplicates/);
    assert.match(readFileSync(join(out, 'report.html'), 'utf8'), /<p id="sprawl">Policy sprawl: 5 customer-managed/);
    assert.ok(json.fixFirst.length >= 5);
    assert.ok(!/NodeVersionSupportWarning/.test(r.stderr), r.stderr);
  });
});
