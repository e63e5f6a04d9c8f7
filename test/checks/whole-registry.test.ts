// Tests over every registered check at once, on the rich inventory of test/helpers/rich-inventory.ts.
import assert from 'node:assert/strict';
import { CHECKS } from '../../checks';
import { defaultConfig } from '../../src/config';
import { runChecks } from '../../src/engine';
import type { Inventory } from '../../src/inventory/types';
import type { Finding } from '../../src/model';
import { richInventory } from '../helpers/rich-inventory';

function runAll(inv: Inventory): Finding[] {
  const { findings, checkFailures } = runChecks(inv, CHECKS, defaultConfig());
  assert.deepEqual(checkFailures, []);
  return findings;
}
const byCheck = (findings: Finding[], id: string) => findings.filter((f) => f.checkId === id);

/** Makes one API fail everywhere it appears, as AccessDenied naming `permission`. */
type Denial = { permission: string; deny(inv: Inventory): void; /** The rich inventory's verdicts do not depend on it. */ decidedAnyway?: boolean };
const err = (permission: string) => ({ ok: false as const, error: { api: permission, permission, code: 'AccessDenied', message: 'denied', accountId: 'x', region: 'x' } });
const DENIALS: Denial[] = [
  { permission: 'backup:ListRecoveryPointsByBackupVault', deny: (inv) => inv.accounts.forEach((a) => a.regions.forEach((r) => r.backup.vaults.ok && r.backup.vaults.value.forEach((v) => (v.recoveryPoints = err('backup:ListRecoveryPointsByBackupVault'))))) },
  { permission: 'backup:GetBackupVaultAccessPolicy', deny: (inv) => inv.accounts.forEach((a) => a.regions.forEach((r) => r.backup.vaults.ok && r.backup.vaults.value.forEach((v) => (v.accessPolicy = err('backup:GetBackupVaultAccessPolicy'))))) },
  { permission: 'backup:ListBackupPlans', deny: (inv) => inv.accounts.forEach((a) => a.regions.forEach((r) => (r.backup.plans = err('backup:ListBackupPlans')))) },
  { permission: 'backup:ListProtectedResources', deny: (inv) => inv.accounts.forEach((a) => a.regions.forEach((r) => (r.backup.protectedResources = err('backup:ListProtectedResources')))) },
  { permission: 'backup:ListRestoreTestingPlans', deny: (inv) => inv.accounts.forEach((a) => a.regions.forEach((r) => (r.backup.restoreTestingPlans = err('backup:ListRestoreTestingPlans')))) },
  { permission: 's3:GetLifecycleConfiguration', deny: (inv) => inv.accounts.forEach((a) => a.s3.buckets.ok && a.s3.buckets.value.forEach((b) => (b.lifecycle = err('s3:GetLifecycleConfiguration')))) },
  { permission: 's3:GetBucketObjectLockConfiguration', deny: (inv) => inv.accounts.forEach((a) => a.s3.buckets.ok && a.s3.buckets.value.forEach((b) => (b.objectLock = err('s3:GetBucketObjectLockConfiguration')))) },
  { permission: 's3:GetReplicationConfiguration', deny: (inv) => inv.accounts.forEach((a) => a.s3.buckets.ok && a.s3.buckets.value.forEach((b) => (b.replication = err('s3:GetReplicationConfiguration')))) },
  { permission: 'iam:GetCredentialReport', deny: (inv) => inv.accounts.forEach((a) => (a.iam.credentialReport = err('iam:GetCredentialReport'))) },
  { permission: 'ec2:DescribeImages', deny: (inv) => inv.accounts.forEach((a) => a.regions.forEach((r) => (r.ec2.images = err('ec2:DescribeImages')))) },
  { permission: 'dynamodb:DescribeContinuousBackups', deny: (inv) => inv.accounts.forEach((a) => a.regions.forEach((r) => r.dynamodb.tables.ok && r.dynamodb.tables.value.forEach((t) => (t.pointInTimeRecovery = err('dynamodb:DescribeContinuousBackups'))))) },
  { permission: 'ec2:DescribeLaunchTemplateVersions', deny: (inv) => inv.accounts.forEach((a) => a.regions.forEach((r) => (r.ec2.launchTemplateVersions = err('ec2:DescribeLaunchTemplateVersions')))) },
  { permission: 'autoscaling:DescribeAutoScalingGroups', deny: (inv) => inv.accounts.forEach((a) => a.regions.forEach((r) => (r.autoscaling.groups = err('autoscaling:DescribeAutoScalingGroups')))) },
  { permission: 'rds:DescribeDBInstances', deny: (inv) => inv.accounts.forEach((a) => a.regions.forEach((r) => (r.rds.instances = err('rds:DescribeDBInstances')))) },
  { permission: 'backup:ListBackupVaults', deny: (inv) => inv.accounts.forEach((a) => a.regions.forEach((r) => (r.backup.vaults = err('backup:ListBackupVaults')))) },
  { permission: 'backup:ListBackupSelections', deny: (inv) => inv.accounts.forEach((a) => a.regions.forEach((r) => r.backup.plans.ok && r.backup.plans.value.forEach((p) => (p.selections = err('backup:ListBackupSelections'))))) },
  { permission: 's3:GetBucketTagging', deny: (inv) => inv.accounts.forEach((a) => a.s3.buckets.ok && a.s3.buckets.value.forEach((b) => (b.tags = err('s3:GetBucketTagging')))) },
  { permission: 'iam:GetAccountAuthorizationDetails', deny: (inv) => inv.accounts.forEach((a) => (a.iam.authorizationDetails = err('iam:GetAccountAuthorizationDetails'))) },
  { permission: 'iam:GetAccountSummary', deny: (inv) => inv.accounts.forEach((a) => (a.iam.accountSummary = err('iam:GetAccountSummary'))) },
  { permission: 's3:ListAllMyBuckets', deny: (inv) => inv.accounts.forEach((a) => (a.s3.buckets = err('s3:ListAllMyBuckets'))) },
  { permission: 's3:GetBucketVersioning', deny: (inv) => inv.accounts.forEach((a) => a.s3.buckets.ok && a.s3.buckets.value.forEach((b) => (b.versioning = err('s3:GetBucketVersioning')))) },
  { permission: 'ec2:DescribeInstances', deny: (inv) => inv.accounts.forEach((a) => a.regions.forEach((r) => (r.ec2.instances = err('ec2:DescribeInstances')))) },
  { permission: 'ec2:DescribeVolumes', deny: (inv) => inv.accounts.forEach((a) => a.regions.forEach((r) => (r.ebsVolumes = err('ec2:DescribeVolumes')))) },
  { permission: 'elasticfilesystem:DescribeFileSystems', deny: (inv) => inv.accounts.forEach((a) => a.regions.forEach((r) => (r.efs.fileSystems = err('elasticfilesystem:DescribeFileSystems')))) },
  { permission: 'dynamodb:ListTables', deny: (inv) => inv.accounts.forEach((a) => a.regions.forEach((r) => (r.dynamodb.tables = err('dynamodb:ListTables')))) },
  { permission: 'rds:DescribeDBClusters', deny: (inv) => inv.accounts.forEach((a) => a.regions.forEach((r) => (r.rds.clusters = err('rds:DescribeDBClusters')))) },
  { permission: 'autoscaling:DescribeLaunchConfigurations', deny: (inv) => inv.accounts.forEach((a) => a.regions.forEach((r) => (r.autoscaling.launchConfigurations = err('autoscaling:DescribeLaunchConfigurations')))), decidedAnyway: true },
  { permission: 'organizations:DescribeOrganization', deny: (inv) => inv.accounts.forEach((a) => (a.organizations.organization = err('organizations:DescribeOrganization'))) },
  { permission: 'organizations:ListAccounts', deny: (inv) => inv.accounts.forEach((a) => (a.organizations.accounts = err('organizations:ListAccounts'))), decidedAnyway: true },
  { permission: 'organizations:ListPolicies', deny: (inv) => inv.accounts.forEach((a) => (a.organizations.serviceControlPolicies = err('organizations:ListPolicies'))) },
];

describe('the whole registry', () => {
  const full = runAll(richInventory());

  it('every check FAILs at least once on realistic data', () => {
    const silent = CHECKS.filter((c) => !byCheck(full, c.meta.id).some((f) => f.status === 'FAIL')).map((c) => c.meta.id);
    assert.deepEqual(silent, []);
  });

  it('every check also gives a PASS or NOT_APPLICABLE somewhere (it is not a check that always fails)', () => {
    const alwaysFail = CHECKS.filter((c) => !byCheck(full, c.meta.id).some((f) => f.status === 'PASS' || f.status === 'NOT_APPLICABLE')).map((c) => c.meta.id);
    assert.deepEqual(alwaysFail, []);
  });

  it('the full run has no UNKNOWN except where the inventory holds a denied call', () => {
    const unknowns = full.filter((f) => f.status === 'UNKNOWN');
    assert.ok(unknowns.every((f) => f.missingPermissions?.length), JSON.stringify(unknowns.map((f) => [f.checkId, f.message])));
  });

  for (const d of DENIALS) {
    it(`denying ${d.permission}: UNKNOWN naming it where it was needed, the same verdicts everywhere else`, () => {
      const inv = richInventory();
      d.deny(inv);
      const denied = runAll(inv);
      const affected = new Set<string>();
      for (const c of CHECKS) {
        const before = byCheck(full, c.meta.id);
        const after = byCheck(denied, c.meta.id);
        const names = after.filter((f) => f.missingPermissions?.includes(d.permission));
        if (!c.meta.permissions.includes(d.permission)) {
          // A check that does not read through this permission must not change at all.
          assert.deepEqual(after, before, `${c.meta.id} changed although it does not declare ${d.permission}`);
          continue;
        }
        if (names.length) affected.add(c.meta.id);
        for (const f of after) {
          if (f.status !== 'UNKNOWN') continue;
          assert.ok(f.missingPermissions?.length, `${c.meta.id}: UNKNOWN without a permission: ${f.message}`);
        }
        // Whatever the check still decides must agree with the full run (a denial never turns FAIL into PASS or back).
        const was = new Map(before.map((f) => [f.resourceId, f.status]));
        // Except a FAIL that stands whatever the unread data says and notes it (a plan copying nothing away: NOT_APPLICABLE only if it selects nothing).
        const notes = (f: Finding) => JSON.stringify(f.details ?? {}).includes(`"permission":"${d.permission}"`);
        for (const f of after) if (f.status !== 'UNKNOWN' && was.has(f.resourceId) && !(f.status === 'FAIL' && was.get(f.resourceId) === 'NOT_APPLICABLE' && notes(f))) assert.equal(f.status, was.get(f.resourceId), `${c.meta.id} ${f.resourceId}`);
      }
      if (!d.decidedAnyway) assert.ok(affected.size > 0, `no check reported ${d.permission} as missing`);
      else assert.deepEqual(denied.map((f) => f.status), full.map((f) => f.status));
    });
  }

  it('denying ListRecoveryPointsByBackupVault makes backup-recovery-point-age UNKNOWN for the fresh backups and keeps proven FAILs', () => {
    const inv = richInventory();
    DENIALS[0].deny(inv);
    const after = byCheck(runAll(inv), 'backup-recovery-point-age');
    const st = Object.fromEntries(after.map((f) => [f.resourceId.split(':').pop(), f.status]));
    assert.equal(st['db:orders'.split(':').pop()!], 'UNKNOWN');
    assert.equal(st['table/sessions'], 'FAIL'); // the last backup time alone proves it is 4 days old
    assert.ok(after.filter((f) => f.status === 'UNKNOWN').every((f) => f.missingPermissions!.includes('backup:ListRecoveryPointsByBackupVault')));
  });
});
