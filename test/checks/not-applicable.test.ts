// The not-applicable case of each check whose code has no NOT_APPLICABLE branch of its own (or, for
// backup-restore-testing, only a narrow one). Where a check is about a thing that is not there (a
// user with no key has no key to judge), the right answer is no finding, and the row asserts exactly
// that; where a resource only looks out of scope but is not (a scaled-to-zero group is what a pilot
// light scales up), the row asserts that it is still judged.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CHECKS } from '../../checks';
import { asgCanRelaunch } from '../../checks/asg-can-relaunch';
import { backupRestoreTesting } from '../../checks/backup-restore-testing';
import { dynamodbRecoverability } from '../../checks/dynamodb-recoverability';
import { ec2RecoverableByAutomation } from '../../checks/ec2-recoverable-by-automation';
import { iamAccessKeyAge } from '../../checks/iam-access-key-age';
import { iamAccessKeyUnused } from '../../checks/iam-access-key-unused';
import { iamConsoleUserMfa } from '../../checks/iam-console-user-mfa';
import { iamLongLivedKeyUsage } from '../../checks/iam-long-lived-key-usage';
import { iamRootAccessKeys } from '../../checks/iam-root-access-keys';
import { iamRootMfa } from '../../checks/iam-root-mfa';
import { iamTwoActiveKeys } from '../../checks/iam-two-active-keys';
import { s3DataClassified } from '../../checks/s3-data-classified';
import type { Check } from '../../checks/types';
import type { Inventory } from '../../src/inventory/types';
import { reportRow, withRows } from '../helpers/credentials';
import { account, ACCOUNT, bucket, inventory, ok, withBuckets, withRegion } from '../helpers/inventory';
import { runCheck } from '../helpers/run';

const rt = (type: string) => `arn:aws:backup:us-east-1:${ACCOUNT}:restore-testing/${type}`;
const old = '2020-01-01T00:00:00+00:00';
// Users with nothing a key check could judge: no key at all, and keys that are switched off. The root
// row's key is iam-root-access-keys' business, never a per-user key check's.
const noActiveKeys = () =>
  withRows(
    reportRow('no-keys'),
    reportRow('inactive-only', { active: 'false', rotated: old, used: old, service: 's3', region: 'us-east-1' }, { active: 'false', rotated: old }),
    reportRow('<root_account>', { active: 'true', rotated: old }),
  );

interface Row {
  name: string;
  check: Check;
  inv: Inventory;
  /** Every finding, in order: resource id, status and a message fragment. `[]`: no finding at all. */
  expect: { resourceId: string; status: string; message: RegExp }[];
}

/** An account whose only identity is root, as AWS reports it (no password columns), with no keys. */
function rootOnly(mfa: 'true' | 'false'): Inventory {
  return inventory([
    account({
      iam: {
        accountSummary: ok({ AccountAccessKeysPresent: 0 }),
        credentialReport: ok({ generatedTime: '2026-06-01T00:00:00Z', rows: [reportRow('<root_account>', {}, {}, { password_enabled: 'not_supported', mfa_active: mfa })] }),
      },
    }),
  ]);
}

const rows: Row[] = [
  {
    name: 'asg-can-relaunch: no Auto Scaling group in the region → no finding (no group, nothing to relaunch)',
    check: asgCanRelaunch,
    inv: withRegion({}),
    expect: [],
  },
  {
    name: 'asg-can-relaunch: a group scaled to 0/0/0 is still judged, not N/A (a pilot light is scaled up exactly when disaster strikes)',
    check: asgCanRelaunch,
    inv: withRegion({
      autoscaling: { groups: ok([{ AutoScalingGroupName: 'pilot', AutoScalingGroupARN: 'arn:asg:pilot', MinSize: 0, MaxSize: 0, DesiredCapacity: 0, LaunchTemplate: { LaunchTemplateId: 'lt-p' } }]) },
      ec2: { launchTemplateVersions: ok([{ LaunchTemplateId: 'lt-p', LaunchTemplateName: 'p', VersionNumber: 1, DefaultVersion: true, LaunchTemplateData: { ImageId: 'ami-gone' } }]), images: ok([]) },
    }),
    expect: [{ resourceId: 'arn:asg:pilot', status: 'FAIL', message: /Group pilot .* AMI ami-gone no longer exists/ }],
  },
  {
    name: 'backup-restore-testing: nothing backed up and no restore testing plan → no finding (an empty region stays silent)',
    check: backupRestoreTesting,
    inv: withRegion({}),
    expect: [],
  },
  {
    name: 'backup-restore-testing: a restore testing plan but nothing backed up → NOT_APPLICABLE (its owner would wonder why it never passes)',
    check: backupRestoreTesting,
    inv: withRegion({ backup: { restoreTestingPlans: ok([{ RestoreTestingPlanName: 'weekly', selections: ok([{ RestoreTestingSelectionName: 'rds', ProtectedResourceType: 'RDS' }]) }]) } }),
    expect: [{ resourceId: rt('*'), status: 'NOT_APPLICABLE', message: /Nothing is backed up in us-east-1, so there is nothing to restore-test \(restore testing plans: weekly\)/ }],
  },
  {
    name: 'ec2-recoverable-by-automation: no instances → no finding',
    check: ec2RecoverableByAutomation,
    inv: withRegion({}),
    expect: [],
  },
  {
    name: 'ec2-recoverable-by-automation: terminated and shutting-down instances are skipped → no finding (gone, nothing to re-create)',
    check: ec2RecoverableByAutomation,
    inv: withRegion({ ec2: { instances: ok([{ InstanceId: 'i-dead', State: { Name: 'terminated' } }, { InstanceId: 'i-dying', State: { Name: 'shutting-down' } }]) } }),
    expect: [],
  },
  {
    name: 'ec2-recoverable-by-automation: a stopped pet is still judged, not N/A (it must be rebuilt by hand just the same)',
    check: ec2RecoverableByAutomation,
    inv: withRegion({ ec2: { instances: ok([{ InstanceId: 'i-dead', State: { Name: 'terminated' } }, { InstanceId: 'i-off', State: { Name: 'stopped' } }]) } }),
    expect: [{ resourceId: `arn:aws:ec2:us-east-1:${ACCOUNT}:instance/i-off`, status: 'FAIL', message: /i-off is a "pet".* It is stopped\./ }],
  },
  {
    name: 'dynamodb-recoverability: no tables in the region → no finding',
    check: dynamodbRecoverability,
    inv: withRegion({}),
    expect: [],
  },
  {
    name: 's3-data-classified: an account with no buckets → no finding',
    check: s3DataClassified,
    inv: withBuckets(),
    expect: [],
  },
  {
    name: 's3-data-classified: a directory bucket holds data too, so it is judged, not N/A',
    check: s3DataClassified,
    inv: withBuckets(bucket('public-cache--use1-az4--x-s3', { bucketType: 'directory', arn: `arn:aws:s3express:us-east-1:${ACCOUNT}:bucket/public-cache--use1-az4--x-s3` })),
    expect: [{ resourceId: `arn:aws:s3express:us-east-1:${ACCOUNT}:bucket/public-cache--use1-az4--x-s3`, status: 'PASS', message: /marked non-sensitive \(name prefix public-\)/ }],
  },
  { name: 'iam-access-key-age: users with no key or only inactive keys (and root) → no finding (no active key to age)', check: iamAccessKeyAge, inv: noActiveKeys(), expect: [] },
  { name: 'iam-access-key-unused: users with no key or only inactive keys (and root) → no finding (an inactive key is already switched off)', check: iamAccessKeyUnused, inv: noActiveKeys(), expect: [] },
  { name: 'iam-two-active-keys: users with no key or only inactive keys (and root) → no finding (no active key, nothing to count)', check: iamTwoActiveKeys, inv: noActiveKeys(), expect: [] },
  {
    name: 'iam-long-lived-key-usage: no user with an active key → one PASS for the account, not N/A (an empty work list is the goal, and says so)',
    check: iamLongLivedKeyUsage,
    inv: noActiveKeys(),
    expect: [{ resourceId: `arn:aws:iam::${ACCOUNT}:user/*`, status: 'PASS', message: /No IAM user has an active access key: software uses roles\./ }],
  },
  {
    name: 'iam-console-user-mfa: a user without a console password → no finding (MFA is not what protects them; as the key checks skip keyless users)',
    check: iamConsoleUserMfa,
    inv: withRows(reportRow('api-only', {}, {}, { password_enabled: 'false', mfa_active: 'false' }), reportRow('<root_account>', {}, {}, { password_enabled: 'not_supported', mfa_active: 'false' })),
    expect: [],
  },
  {
    name: 'iam-root-mfa: never N/A, every account has a root user; a root row saying password not_supported (as AWS always does for root) is still judged',
    check: iamRootMfa,
    inv: rootOnly('false'),
    expect: [{ resourceId: `arn:aws:iam::${ACCOUNT}:root`, status: 'FAIL', message: /The root user has no MFA/ }],
  },
  {
    name: 'iam-root-access-keys: never N/A, every account has a root user; no key anywhere is a PASS',
    check: iamRootAccessKeys,
    inv: rootOnly('true'),
    expect: [{ resourceId: `arn:aws:iam::${ACCOUNT}:root`, status: 'PASS', message: /The root user has no access keys/ }],
  },
];

describe('not applicable: what each check says about a resource that is not there or out of scope', () => {
  for (const r of rows) {
    it(r.name, () => {
      const findings = runCheck(r.check, r.inv);
      assert.deepEqual(
        findings.map((f) => [f.resourceId, f.status]),
        r.expect.map((e) => [e.resourceId, e.status]),
      );
      findings.forEach((f, i) => assert.match(f.message, r.expect[i].message));
    });
  }

  it('has a row for every registered check whose code never returns NOT_APPLICABLE', () => {
    const elsewhere = new Set<string>();
    // Compiled checks live in dist/checks; vaultNotInUse is the shared helper that returns NOT_APPLICABLE.
    const source = (id: string) => readFileSync(join(__dirname, '..', '..', 'checks', `${id}.js`), 'utf8');
    const without = CHECKS.map((c) => c.meta.id).filter((id) => !/NOT_APPLICABLE|vaultNotInUse/.test(source(id)) && !elsewhere.has(id));
    const covered = new Set(rows.map((r) => r.check.meta.id));
    assert.deepEqual(without.filter((id) => !covered.has(id)), []);
    assert.ok(without.includes('iam-root-mfa') && !without.includes('s3-versioning'), `the source scan is broken: ${without.join(', ')}`);
  });
});
