import assert from 'node:assert/strict';
import { orgBackupAccount } from '../../checks/org-backup-account';
import type { AccountInventory, OrganizationPolicy } from '../../src/inventory/types';
import { plan, rule, selection, vaultArn } from '../helpers/backup';
import { account, ACCOUNT, bucket, denied, inventory, ok, OTHER_ACCOUNT, region } from '../helpers/inventory';
import { runCheck, verdicts } from '../helpers/run';

const MGMT = '999999999999';
const ORG = { Id: 'o-abc', MasterAccountId: MGMT };
const copyingPlan = (dest = OTHER_ACCOUNT) => plan('p', [rule('daily', { CopyActions: [{ DestinationBackupVaultArn: vaultArn('central', dest) }] })], [selection('all', { Resources: ['*'] })]);
const scp = (actions: string[], targets: string[], extra: object = {}): OrganizationPolicy => ({
  Id: 'p-protect',
  Name: 'protect-backups',
  Content: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: actions, Resource: '*', ...extra }] }),
  targets: ok(targets.map((TargetId) => ({ TargetId }))),
});
const workload = (patch: Partial<AccountInventory> = {}) =>
  account({ regions: [region('us-east-1', { backup: { plans: ok([copyingPlan()]) } })], organizations: { organization: ok(ORG), accounts: denied('organizations:ListAccounts'), serviceControlPolicies: denied('organizations:ListPolicies') }, ...patch });
const management = (policies: OrganizationPolicy[], ancestors?: string[]) =>
  account({
    accountId: MGMT,
    regions: [region('us-east-1')],
    organizations: { organization: ok(ORG), accounts: ok([{ Id: ACCOUNT }, { Id: OTHER_ACCOUNT, ancestorIds: ancestors }, { Id: MGMT }]), serviceControlPolicies: ok(policies) },
  });
const backupAccount = () => account({ accountId: OTHER_ACCOUNT, regions: [region('us-east-1')], organizations: { organization: ok(ORG), accounts: denied('organizations:ListAccounts'), serviceControlPolicies: denied('organizations:ListPolicies') } });

describe('org-backup-account', () => {
  it('PASS when copies land in a member account an SCP protects; the backup account itself is not judged', () => {
    const findings = runCheck(orgBackupAccount, inventory([workload(), backupAccount(), management([scp(['backup:DeleteRecoveryPoint', 'backup:UpdateRecoveryPointLifecycle'], [OTHER_ACCOUNT])])]));
    assert.deepEqual(verdicts(findings), { [ACCOUNT]: 'PASS', [OTHER_ACCOUNT]: 'NOT_APPLICABLE', [MGMT]: 'NOT_APPLICABLE' });
    assert.match(findings[0].message, /222222222222, an account of organization o-abc where an SCP denies deleting them and shortening their lifecycle/);
  });

  // Shortening the lifecycle purges by expiry what the delete deny protects.
  const partial: { name: string; actions: string[]; s3?: boolean; message: RegExp }[] = [
    { name: 'deleting recovery points denied, lifecycle changes not', actions: ['backup:DeleteRecoveryPoint'], message: /protection is partial: an SCP denies backup:DeleteRecoveryPoint in account 222222222222, but not backup:UpdateRecoveryPointLifecycle, which purge recovery points by expiry/ },
    { name: 'deleting object versions denied, lifecycle configuration not', actions: ['s3:DeleteObjectVersion'], s3: true, message: /but not s3:PutLifecycleConfiguration, which purge object versions by expiry/ },
  ];
  for (const c of partial)
    it(`FAIL medium, naming the missing actions: ${c.name}`, () => {
      const src = bucket('src', { replication: ok({ Rules: [{ Status: 'Enabled', Destination: { Bucket: 'arn:aws:s3:::replica', Account: OTHER_ACCOUNT } }] }) });
      const w = c.s3 ? workload({ regions: [region('us-east-1')], s3: { buckets: ok([src]) } }) : workload();
      const [f] = runCheck(orgBackupAccount, inventory([w, backupAccount(), management([scp(c.actions, [OTHER_ACCOUNT])])]));
      assert.equal(f.status, 'FAIL');
      assert.equal(f.severity, 'medium');
      assert.match(f.message, c.message);
    });

  it('an SCP on the root or on an OU above the account counts; exempting a break-glass role is fine', () => {
    const exempt = { Condition: { ArnNotLike: { 'aws:PrincipalArn': `arn:aws:iam::${OTHER_ACCOUNT}:role/break-glass` } } };
    for (const [target, ancestors] of [['r-root', undefined], ['ou-backup', ['ou-backup', 'r-root']]] as const) {
      const findings = runCheck(orgBackupAccount, inventory([workload(), backupAccount(), management([scp(['backup:Delete*', 'backup:UpdateRecoveryPointLifecycle'], [target], exempt)], ancestors ? [...ancestors] : undefined)]));
      assert.equal(findings[0].status, 'PASS', target);
    }
  });

  const failing: { name: string; accounts: () => AccountInventory[]; message: RegExp }[] = [
    { name: 'no SCP denies deleting recovery points', accounts: () => [workload(), backupAccount(), management([scp(['s3:DeleteBucket'], [OTHER_ACCOUNT])])], message: /no SCP attached to account 222222222222.*denies backup:DeleteRecoveryPoint/ },
    { name: 'the SCP is attached elsewhere', accounts: () => [workload(), backupAccount(), management([scp(['backup:DeleteRecoveryPoint'], ['333333333333'])], ['ou-x', 'r-root'])], message: /no SCP attached/ },
    { name: 'copies land in the management account, which SCPs never bind', accounts: () => [workload({ regions: [region('us-east-1', { backup: { plans: ok([copyingPlan(MGMT)]) } })] }), management([scp(['backup:*'], ['r-root'])])], message: /management account, which SCPs never bind/ },
    { name: 'copies land outside the organization', accounts: () => [workload({ regions: [region('us-east-1', { backup: { plans: ok([copyingPlan('444444444444')]) } })] }), management([])], message: /444444444444 is not a member of organization o-abc/ },
    {
      name: 'a replica bucket whose owner is unknown',
      accounts: () => [workload({ regions: [region('us-east-1')], s3: { buckets: ok([bucket('src', { replication: ok({ Rules: [{ Status: 'Enabled', Destination: { Bucket: 'arn:aws:s3:::far-away' } }] }) })]) } }), management([])],
      message: /owner is unknown/,
    },
    { name: 'SCP deny only under a condition', accounts: () => [workload(), backupAccount(), management([scp(['backup:DeleteRecoveryPoint'], [OTHER_ACCOUNT], { Condition: { StringEquals: { 'aws:RequestedRegion': 'us-east-1' } } })])], message: /applies only under conditions/ },
    // An SCP that denies the action on some other resource protects nothing here.
    ...(
      [
        ['one unrelated bucket', { Resource: 'arn:aws:s3:::unrelated/*' }],
        ['everything but the backup vaults (NotResource)', { Resource: undefined, NotResource: 'arn:aws:backup:*:*:recovery-point:*' }],
      ] as const
    ).map(([what, res]) => ({
      name: `an SCP denying deletes only on ${what}`,
      accounts: () => [workload(), backupAccount(), management([scp(['backup:DeleteRecoveryPoint', 's3:DeleteObjectVersion'], [OTHER_ACCOUNT], res)])],
      message: /the SCP denying backup:DeleteRecoveryPoint in account 222222222222 applies only under conditions or only on some resources/,
    })),
    // A role name in any account, an account or the organization: any admin of the backup account can become such a principal.
    ...(
      [
        ['a role name in any account', { ArnNotLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/break-glass' } }],
        ['the backup account itself', { StringNotEquals: { 'aws:PrincipalAccount': OTHER_ACCOUNT } }],
        ['the whole organization', { StringNotEquals: { 'aws:PrincipalOrgID': 'o-abc' } }],
      ] as const
    ).map(([what, Condition]) => ({ name: `an SCP exempting ${what}`, accounts: () => [workload(), backupAccount(), management([scp(['backup:DeleteRecoveryPoint'], [OTHER_ACCOUNT], { Condition })])], message: /applies only under conditions/ })),
  ];
  for (const c of failing)
    it(`FAIL: ${c.name}`, () => {
      const [f] = runCheck(orgBackupAccount, inventory(c.accounts()));
      assert.equal(f.resourceId, ACCOUNT);
      assert.equal(f.status, 'FAIL');
      assert.match(f.message, c.message);
    });

  it('S3 replicas need an SCP denying s3:DeleteObjectVersion', () => {
    const src = bucket('src', { replication: ok({ Rules: [{ Status: 'Enabled', Destination: { Bucket: 'arn:aws:s3:::replica', Account: OTHER_ACCOUNT } }] }) });
    const inv = (actions: string[]) => inventory([workload({ regions: [region('us-east-1')], s3: { buckets: ok([src]) } }), backupAccount(), management([scp(actions, [OTHER_ACCOUNT])])]);
    assert.equal(runCheck(orgBackupAccount, inv(['backup:DeleteRecoveryPoint']))[0].status, 'FAIL');
    assert.equal(runCheck(orgBackupAccount, inv(['s3:DeleteObjectVersion', 's3:PutLifecycleConfiguration']))[0].status, 'PASS');
  });

  it('FAIL when nothing leaves the account', () => {
    const [f] = runCheck(orgBackupAccount, inventory([account({ regions: [region('us-east-1', { backup: { plans: ok([plan('local')]) } })] })]));
    assert.equal(f.status, 'FAIL');
    assert.match(f.message, /No backup copy or S3 replica/);
  });

  it('FAIL (medium) when copies go to another account but there is no organization', () => {
    const [f] = runCheck(orgBackupAccount, inventory([workload({ organizations: { organization: ok(null), accounts: ok([]), serviceControlPolicies: ok([]) } })]));
    assert.equal(f.status, 'FAIL');
    assert.equal(f.severity, 'medium');
    assert.match(f.message, /not in an AWS Organization/);
  });

  it('NOT_APPLICABLE for an account with nothing to protect', () => {
    assert.equal(runCheck(orgBackupAccount, inventory([account()]))[0].status, 'NOT_APPLICABLE');
  });

  // Nothing leaves the account and no bucket or plan is there: whether it has anything to protect
  // depends on the resource lists, so a failed list is UNKNOWN, not NOT_APPLICABLE.
  const unlisted: { name: string; patch: Parameters<typeof region>[1]; missing: string[] }[] = [
    { name: 'RDS instances', patch: { rds: { instances: denied('rds:DescribeDBInstances') } }, missing: ['rds:DescribeDBInstances'] },
    { name: 'DynamoDB tables and EBS volumes', patch: { dynamodb: { tables: denied('dynamodb:ListTables') }, ebsVolumes: denied('ec2:DescribeVolumes') }, missing: ['dynamodb:ListTables', 'ec2:DescribeVolumes'] },
  ];
  for (const c of unlisted)
    it(`UNKNOWN, not NOT_APPLICABLE, when the ${c.name} cannot be listed`, () => {
      const [f] = runCheck(orgBackupAccount, inventory([account({ regions: [region('us-east-1', c.patch)] })]));
      assert.equal(f.status, 'UNKNOWN');
      assert.deepEqual(f.missingPermissions, c.missing);
      assert.match(f.message, /whether account 111111111111 has resources to back up could not be read/);
    });

  it('a failed resource list does not hide a FAIL when a bucket is there to protect', () => {
    const inv = inventory([account({ regions: [region('us-east-1', { rds: { instances: denied('rds:DescribeDBInstances') } })], s3: { buckets: ok([bucket('data')]) } })]);
    assert.equal(runCheck(orgBackupAccount, inv)[0].status, 'FAIL');
  });

  it('UNKNOWN naming organizations:ListPolicies when scanned from a member account only', () => {
    const [f] = runCheck(orgBackupAccount, inventory([workload()]));
    assert.equal(f.status, 'UNKNOWN');
    assert.deepEqual(f.missingPermissions, ['organizations:ListPolicies']);
  });

  it('UNKNOWN naming organizations:ListParents when an SCP is on an OU and the account’s OUs are not known', () => {
    const [f] = runCheck(orgBackupAccount, inventory([workload(), backupAccount(), management([scp(['backup:DeleteRecoveryPoint'], ['ou-backup'])])]));
    assert.equal(f.status, 'UNKNOWN');
    assert.deepEqual(f.missingPermissions, ['organizations:ListParents']);
  });

  it('UNKNOWN when the plans that would say where copies go are denied', () => {
    const [f] = runCheck(orgBackupAccount, inventory([account({ regions: [region('us-east-1', { backup: { plans: denied('backup:ListBackupPlans') } })] })]));
    assert.equal(f.status, 'UNKNOWN');
    assert.deepEqual(f.missingPermissions, ['backup:ListBackupPlans']);
  });
});
