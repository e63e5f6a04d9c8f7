// The bundled demo (production + backup account): valid, and every check fails on some resource.
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

describe('demo account', () => {
  const inventory = readSnapshot(DEMO_SNAPSHOT);
  const report = evaluate(inventory, defaultConfig());

  it('is a valid snapshot captured by the collectors', () => {
    assert.equal(inventory.source, 'demo');
    assert.deepEqual(inventory.regions, ['us-east-1', 'eu-west-1']);
    assert.deepEqual(
      inventory.accounts.map((a) => [a.accountId, a.name]),
      [['123456789012', 'northwind-production'], ['676561703267', 'northwind-backup']],
    );
    assert.deepEqual(inventory.errors, []);
    assert.ok(inventory.accounts[0].s3.buckets.ok && inventory.accounts[0].s3.buckets.value.length >= 20);
  });

  for (const check of CHECKS) {
    it(`${check.meta.id} fires on some resource, with a remediation`, () => {
      const mine = report.findings.filter((f) => f.checkId === check.meta.id);
      assert.ok(mine.some((f) => f.status === 'FAIL'), `${check.meta.id}: ${JSON.stringify(mine.map((f) => f.status))}`);
      assert.ok(check.meta.remediation.console.length > 20);
    });
  }

  it("judges the copy destination with the backup account's own vault (lock still in its grace period)", () => {
    const [f, ...more] = report.findings.filter((x) => x.checkId === 'backup-copy-destination');
    assert.equal(more.length, 0); // two plans copy there; one finding per source account and vault
    assert.equal(f.status, 'FAIL');
    assert.equal(f.resourceId, 'arn:aws:backup:us-east-1:676561703267:backup-vault:northwind-central');
    assert.match(f.message, /compliance lock is still in its grace period/);
  });

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
    assert.deepEqual(json.scope.accounts.map((a: { id: string }) => a.id), ['123456789012', '676561703267']);
    assert.ok(json.lint.policiesLinted > 10 && json.lint.findings.length > 0);
    // The lint summary and the sprawl numbers in all three outputs.
    assert.equal(json.lint.sprawl.nearDuplicateGroups.length, 1);
    assert.match(r.stdout, /IAM lint: \d+ policies of the audited accounts, \d+ findings \(.*UNKNOWN_ACTION \d/);
    assert.match(r.stdout, /Policy sprawl: 5 customer-managed and 4 inline policies, 1 unattached, 2 near-duplicates/);
    assert.match(readFileSync(join(out, 'report.html'), 'utf8'), /<p id="sprawl">Policy sprawl: 5 customer-managed/);
    assert.ok(json.fixFirst.length >= 5);
    assert.ok(!/NodeVersionSupportWarning/.test(r.stderr), r.stderr);
  });
});
