// The collectors against a real AWS emulator (moto). Seeding uses write calls: test code only.
import assert from 'node:assert/strict';
import {
  CreateBucketCommand,
  PutBucketLifecycleConfigurationCommand,
  PutBucketReplicationCommand,
  PutBucketTaggingCommand,
  PutBucketVersioningCommand,
  PutObjectLockConfigurationCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { AttachRolePolicyCommand, CreateAccessKeyCommand, CreatePolicyCommand, CreateRoleCommand, CreateUserCommand, IAMClient, PutUserPolicyCommand } from '@aws-sdk/client-iam';
import { CreateLaunchTemplateCommand, DescribeImagesCommand, EC2Client, RunInstancesCommand } from '@aws-sdk/client-ec2';
import { AutoScalingClient, CreateAutoScalingGroupCommand } from '@aws-sdk/client-auto-scaling';
import { BackupClient, CreateBackupPlanCommand, CreateBackupVaultCommand, PutBackupVaultLockConfigurationCommand } from '@aws-sdk/client-backup';
import { CreateTableCommand, DynamoDBClient, UpdateContinuousBackupsCommand } from '@aws-sdk/client-dynamodb';
import { CreateDBInstanceCommand, CreateDBInstanceReadReplicaCommand, RDSClient } from '@aws-sdk/client-rds';
import { CreateAccountCommand, CreateOrganizationalUnitCommand, CreateOrganizationCommand, ListRootsCommand, MoveAccountCommand } from '@aws-sdk/client-organizations';
import { collectAccount, collectInventory, createClientFactory } from '../../src/collect';
import { assumeRoleProvider } from '../../src/org/credentials';
import { collectOrganizations } from '../../src/collect/organizations';
import type { AccountInventory, Inventory, S3Bucket } from '../../src/inventory/types';
import { startMoto, type Moto } from '../helpers/moto';

const credentials = { accessKeyId: 'testing', secretAccessKey: 'testing' };
const REGION = 'us-east-1';
const DR_VAULT = 'arn:aws:backup:us-west-2:222222222222:backup-vault:dr-vault';
const inlinePolicy = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['s3:GetObject'], Resource: 'arn:aws:s3:::ver-enabled/*' }] };
// moto returns ListTagsOfResource 10 tags a page: 12 tags take two pages.
const TABLE_TAGS = Array.from({ length: 12 }, (_, i) => ({ Key: `k${String(i).padStart(2, '0')}`, Value: `v${i}` }));
const trustPolicy = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }] };

async function seed(endpoint: string): Promise<{ imageId: string; planId: string }> {
  const cfg = { region: REGION, endpoint, credentials };
  const s3 = new S3Client({ ...cfg, forcePathStyle: true });
  for (const Bucket of ['ver-enabled', 'ver-suspended', 'ver-never', 'with-lifecycle', 'repl-source', 'repl-dest']) await s3.send(new CreateBucketCommand({ Bucket }));
  await s3.send(new CreateBucketCommand({ Bucket: 'in-ireland', CreateBucketConfiguration: { LocationConstraint: 'eu-west-1' } }));
  await s3.send(new CreateBucketCommand({ Bucket: 'with-lock', ObjectLockEnabledForBucket: true }));
  await s3.send(new PutObjectLockConfigurationCommand({ Bucket: 'with-lock', ObjectLockConfiguration: { ObjectLockEnabled: 'Enabled', Rule: { DefaultRetention: { Mode: 'COMPLIANCE', Days: 30 } } } }));
  for (const Bucket of ['ver-enabled', 'ver-suspended', 'repl-source', 'repl-dest']) await s3.send(new PutBucketVersioningCommand({ Bucket, VersioningConfiguration: { Status: 'Enabled' } }));
  await s3.send(new PutBucketVersioningCommand({ Bucket: 'ver-suspended', VersioningConfiguration: { Status: 'Suspended' } }));
  await s3.send(new PutBucketTaggingCommand({ Bucket: 'ver-enabled', Tagging: { TagSet: [{ Key: 'data-class', Value: 'sensitive' }] } }));
  await s3.send(new PutBucketLifecycleConfigurationCommand({
    Bucket: 'with-lifecycle',
    LifecycleConfiguration: { Rules: [{ ID: 'noncurrent-30', Status: 'Enabled', Filter: { Prefix: '' }, NoncurrentVersionExpiration: { NoncurrentDays: 30 } }] },
  }));
  await s3.send(new PutBucketReplicationCommand({
    Bucket: 'repl-source',
    ReplicationConfiguration: {
      Role: 'arn:aws:iam::123456789012:role/replication',
      Rules: [{ ID: 'to-dr', Priority: 1, Status: 'Enabled', Filter: { Prefix: '' }, DeleteMarkerReplication: { Status: 'Disabled' }, Destination: { Bucket: 'arn:aws:s3:::repl-dest', Account: '222222222222' } }],
    },
  }));

  const iam = new IAMClient(cfg);
  await iam.send(new CreateUserCommand({ UserName: 'alice' }));
  await iam.send(new CreateAccessKeyCommand({ UserName: 'alice' }));
  await iam.send(new PutUserPolicyCommand({ UserName: 'alice', PolicyName: 'read-data', PolicyDocument: JSON.stringify(inlinePolicy) }));
  await iam.send(new CreateRoleCommand({ RoleName: 'web-role', AssumeRolePolicyDocument: JSON.stringify(trustPolicy) }));
  const managed = await iam.send(new CreatePolicyCommand({ PolicyName: 'web-backup', Path: '/app/', PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'backup:StartBackupJob', Resource: '*' }] }) }));
  await iam.send(new AttachRolePolicyCommand({ RoleName: 'web-role', PolicyArn: managed.Policy?.Arn }));

  const ec2 = new EC2Client(cfg);
  const images = await ec2.send(new DescribeImagesCommand({ Owners: ['amazon'] }));
  const imageId = images.Images?.[0]?.ImageId;
  if (!imageId) throw new Error('moto returned no AMI to launch from');
  await ec2.send(new RunInstancesCommand({ ImageId: imageId, InstanceType: 't3.micro', MinCount: 1, MaxCount: 1, TagSpecifications: [{ ResourceType: 'instance', Tags: [{ Key: 'Name', Value: 'pet' }] }] }));
  const lt = await ec2.send(new CreateLaunchTemplateCommand({ LaunchTemplateName: 'web', LaunchTemplateData: { ImageId: imageId, InstanceType: 't3.small' } }));
  await new AutoScalingClient(cfg).send(new CreateAutoScalingGroupCommand({
    AutoScalingGroupName: 'web-asg', MinSize: 1, MaxSize: 2, DesiredCapacity: 1, AvailabilityZones: ['us-east-1a'],
    LaunchTemplate: { LaunchTemplateId: lt.LaunchTemplate?.LaunchTemplateId, Version: '$Latest' },
  }));

  const backup = new BackupClient(cfg);
  await backup.send(new CreateBackupVaultCommand({ BackupVaultName: 'main' }));
  await backup.send(new PutBackupVaultLockConfigurationCommand({ BackupVaultName: 'main', MinRetentionDays: 7, MaxRetentionDays: 365 }));
  const plan = await backup.send(new CreateBackupPlanCommand({
    BackupPlan: { BackupPlanName: 'daily', Rules: [{ RuleName: 'daily', TargetBackupVaultName: 'main', ScheduleExpression: 'cron(0 5 ? * * *)', Lifecycle: { DeleteAfterDays: 35 }, CopyActions: [{ DestinationBackupVaultArn: DR_VAULT, Lifecycle: { DeleteAfterDays: 90 } }] }] },
  }));

  const ddb = new DynamoDBClient(cfg);
  await ddb.send(new CreateTableCommand({ TableName: 'orders', BillingMode: 'PAY_PER_REQUEST', AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }], KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }], Tags: TABLE_TAGS }));
  await ddb.send(new UpdateContinuousBackupsCommand({ TableName: 'orders', PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true } }));

  const rds = new RDSClient(cfg);
  await rds.send(new CreateDBInstanceCommand({ DBInstanceIdentifier: 'orders-db', DBInstanceClass: 'db.t3.micro', Engine: 'postgres', MasterUsername: 'admin', MasterUserPassword: 'not-a-secret-1', AllocatedStorage: 20, BackupRetentionPeriod: 7 }));
  await rds.send(new CreateDBInstanceReadReplicaCommand({ DBInstanceIdentifier: 'orders-db-replica', SourceDBInstanceIdentifier: 'orders-db' }));

  for (const c of [s3, iam, ec2, backup, ddb, rds]) c.destroy();
  return { imageId, planId: plan.BackupPlanId ?? '' };
}

function bucket(account: AccountInventory, name: string): S3Bucket {
  assert.ok(account.s3.buckets.ok, 'ListBuckets worked');
  const b = account.s3.buckets.value.find((x) => x.name === name);
  assert.ok(b, `bucket ${name} collected`);
  return b;
}

describe('collect against moto (emulator)', function () {
  this.timeout(60000);
  let moto: Moto | undefined;
  let inv: Inventory;
  let account: AccountInventory;
  let seeded: { imageId: string; planId: string };

  before(async () => {
    // Throws (the suite fails) when moto is missing: it must never be skipped silently.
    moto = await startMoto();
    await moto.reset();
    seeded = await seed(moto.endpoint);
    inv = await collectInventory({ endpoint: moto.endpoint, credentials, regions: [REGION, 'eu-west-1'], iam: { reportPollMs: 100 } });
    account = inv.accounts[0];
  });
  after(async () => {
    await moto?.stop();
  });

  it('identifies the account and survives a JSON round trip unchanged', () => {
    assert.equal(inv.accounts.length, 1);
    assert.equal(account.accountId, '123456789012');
    assert.equal(account.partition, 'aws');
    assert.deepEqual(inv.regions, [REGION, 'eu-west-1']);
    assert.deepEqual(JSON.parse(JSON.stringify(inv)), inv);
  });

  it('S3: versioning Enabled / Suspended / Never, lifecycle, object lock, replication, tags, regions', () => {
    assert.deepEqual(bucket(account, 'ver-enabled').versioning, { ok: true, value: { status: 'Enabled', mfaDelete: 'Never' } });
    assert.equal((bucket(account, 'ver-suspended').versioning as { value: { status: string } }).value.status, 'Suspended');
    assert.deepEqual(bucket(account, 'ver-never').versioning, { ok: true, value: { status: 'Never', mfaDelete: 'Never' } });
    assert.deepEqual(bucket(account, 'ver-never').lifecycle, { ok: true, value: null });
    assert.deepEqual(bucket(account, 'ver-never').objectLock, { ok: true, value: null });
    assert.deepEqual(bucket(account, 'ver-never').replication, { ok: true, value: null });
    assert.deepEqual(bucket(account, 'ver-never').policy, { ok: true, value: null });
    assert.deepEqual(bucket(account, 'ver-never').tags, { ok: true, value: {} });
    assert.deepEqual(bucket(account, 'ver-enabled').tags, { ok: true, value: { 'data-class': 'sensitive' } });

    const lifecycle = bucket(account, 'with-lifecycle').lifecycle;
    assert.ok(lifecycle.ok && lifecycle.value);
    assert.equal(lifecycle.value[0].ID, 'noncurrent-30');
    assert.deepEqual(lifecycle.value[0].NoncurrentVersionExpiration, { NoncurrentDays: 30 });

    const lock = bucket(account, 'with-lock').objectLock;
    assert.ok(lock.ok && lock.value);
    assert.equal(lock.value.ObjectLockEnabled, 'Enabled');
    // moto also returns `Years: 0`; kept as returned.
    assert.equal(lock.value.Rule?.DefaultRetention?.Mode, 'COMPLIANCE');
    assert.equal(lock.value.Rule?.DefaultRetention?.Days, 30);
    // Object Lock turns versioning on.
    assert.equal((bucket(account, 'with-lock').versioning as { value: { status: string } }).value.status, 'Enabled');

    const repl = bucket(account, 'repl-source').replication;
    assert.ok(repl.ok && repl.value);
    assert.equal(repl.value.Role, 'arn:aws:iam::123456789012:role/replication');
    assert.equal(repl.value.Rules[0].Destination.Bucket, 'arn:aws:s3:::repl-dest');
    assert.equal(repl.value.Rules[0].Destination.Account, '222222222222');

    assert.deepEqual(bucket(account, 'in-ireland').region, { ok: true, value: 'eu-west-1' });
    assert.deepEqual(bucket(account, 'ver-never').region, { ok: true, value: 'us-east-1' });
    assert.ok(!account.errors.some((e) => e.api.startsWith('s3:')), JSON.stringify(account.errors.filter((e) => e.api.startsWith('s3:'))));
  });

  it('S3: moto answers ListDirectoryBuckets with its ListBuckets body: no directory bucket, no duplicate, no error', () => {
    assert.ok(account.s3.buckets.ok);
    const names = account.s3.buckets.value.map((b) => b.name);
    assert.deepEqual([...new Set(names)], names);
    assert.ok(names.includes('ver-enabled'));
    assert.deepEqual(account.s3.buckets.value.filter((b) => b.bucketType !== 'general-purpose'), []);
    assert.deepEqual(account.errors.filter((e) => e.api === 's3:ListDirectoryBuckets'), []);
  });

  it('IAM: user with inline policy (decoded), role with trust policy, managed policy name from ARN, credential report', () => {
    const auth = account.iam.authorizationDetails;
    assert.ok(auth.ok);
    const alice = auth.value.users.find((u) => u.UserName === 'alice');
    assert.ok(alice);
    assert.deepEqual(alice.UserPolicyList?.map((p) => [p.PolicyName, JSON.parse(p.PolicyDocument)]), [['read-data', inlinePolicy]]);
    const role = auth.value.roles.find((r) => r.RoleName === 'web-role');
    assert.ok(role?.AssumeRolePolicyDocument);
    assert.deepEqual(JSON.parse(role.AssumeRolePolicyDocument), trustPolicy);
    assert.deepEqual(role.AttachedManagedPolicies?.map((p) => p.PolicyArn), ['arn:aws:iam::123456789012:policy/app/web-backup']);
    const policy = auth.value.policies.find((p) => p.Arn === 'arn:aws:iam::123456789012:policy/app/web-backup');
    assert.ok(policy);
    assert.equal(policy.PolicyName, 'web-backup');
    const doc = policy.PolicyVersionList?.find((v) => v.IsDefaultVersion)?.Document;
    assert.ok(doc);
    assert.equal(JSON.parse(doc).Statement[0].Action, 'backup:StartBackupJob');

    const report = account.iam.credentialReport;
    assert.ok(report.ok);
    const row = report.value.rows.find((r) => r.user === 'alice');
    assert.ok(row);
    assert.equal(row.access_key_1_active, 'true');
    assert.equal(row.access_key_2_active, 'false');
    assert.equal(row.access_key_2_last_rotated, 'N/A');
    assert.match(row.access_key_1_last_rotated, /^\d{4}-\d\d-\d\dT/);
    assert.ok(account.iam.accountSummary.ok && account.iam.accountSummary.value.Users >= 1);
  });

  it('EC2 and Auto Scaling: the instance, the launch template version, the ASG and the image they use', () => {
    const east = account.regions.find((r) => r.region === REGION);
    assert.ok(east);
    assert.ok(east.ec2.instances.ok);
    const pet = east.ec2.instances.value.find((i) => i.Tags?.some((t) => t.Key === 'Name' && t.Value === 'pet'));
    assert.ok(pet);
    assert.equal(pet.ImageId, seeded.imageId);
    assert.ok(east.ec2.launchTemplateVersions.ok);
    const v = east.ec2.launchTemplateVersions.value.find((x) => x.LaunchTemplateName === 'web');
    assert.equal(v?.LaunchTemplateData?.ImageId, seeded.imageId);
    assert.ok(east.autoscaling.groups.ok);
    const group = east.autoscaling.groups.value.find((g) => g.AutoScalingGroupName === 'web-asg');
    assert.ok(group);
    assert.equal(group.LaunchTemplate?.LaunchTemplateId, v?.LaunchTemplateId);
    assert.ok(east.ec2.images.ok);
    assert.deepEqual(east.ec2.images.value.map((i) => i.ImageId), [seeded.imageId]);
    assert.ok(east.ebsVolumes.ok);
  });

  it('Backup: locked vault and plan with a copy action arrive; APIs moto lacks are recorded as errors', () => {
    const east = account.regions.find((r) => r.region === REGION);
    assert.ok(east);
    assert.ok(east.backup.vaults.ok);
    const main = east.backup.vaults.value.find((vault) => vault.BackupVaultName === 'main');
    assert.ok(main);
    assert.equal(main.Locked, true);
    assert.equal(main.MinRetentionDays, 7);
    assert.equal(main.MaxRetentionDays, 365);
    assert.ok(east.backup.plans.ok);
    const plan = east.backup.plans.value.find((p) => p.BackupPlanId === seeded.planId);
    assert.ok(plan);
    assert.equal(plan.BackupPlanName, 'daily');
    assert.deepEqual(plan.Rules[0].CopyActions, [{ DestinationBackupVaultArn: DR_VAULT, Lifecycle: { DeleteAfterDays: 90 } }]);
    assert.deepEqual(plan.Rules[0].Lifecycle, { DeleteAfterDays: 35 });

    // Not implemented by moto 5.2: HTML 404 (or 500), recorded with the API and permission.
    assert.ok(!main.accessPolicy.ok);
    assert.equal(main.accessPolicy.error.code, 'NotImplemented');
    assert.equal(main.accessPolicy.error.permission, 'backup:GetBackupVaultAccessPolicy');
    assert.ok(!main.recoveryPoints.ok);
    assert.equal(main.recoveryPoints.error.code, 'NotImplemented');
    assert.ok(!east.backup.protectedResources.ok);
    assert.equal(east.backup.protectedResources.error.api, 'backup:ListProtectedResources');
    assert.ok(!plan.selections.ok);
    assert.equal(plan.selections.error.api, 'backup:ListBackupSelections');
    const apis = new Set(account.errors.map((e) => e.api));
    for (const api of ['backup:GetBackupVaultAccessPolicy', 'backup:ListRecoveryPointsByBackupVault', 'backup:ListProtectedResources', 'backup:ListBackupSelections']) assert.ok(apis.has(api), api);
  });

  it('DynamoDB, RDS, EFS, Organizations arrive; the second region is collected too', () => {
    const east = account.regions.find((r) => r.region === REGION);
    assert.ok(east?.dynamodb.tables.ok);
    const orders = east.dynamodb.tables.value.find((t) => t.TableName === 'orders');
    assert.ok(orders);
    assert.equal(orders.TableArn, 'arn:aws:dynamodb:us-east-1:123456789012:table/orders');
    assert.ok(orders.pointInTimeRecovery.ok);
    assert.equal(orders.pointInTimeRecovery.value.PointInTimeRecoveryStatus, 'ENABLED');
    assert.deepEqual(orders.Tags, TABLE_TAGS);
    assert.ok(east.rds.instances.ok);
    assert.deepEqual(east.rds.instances.value.map((i) => [i.DBInstanceIdentifier, i.ReadReplicaSourceDBInstanceIdentifier]), [['orders-db', undefined], ['orders-db-replica', 'orders-db']]);
    assert.deepEqual(east.efs.fileSystems, { ok: true, value: [] });
    assert.deepEqual(account.organizations.organization, { ok: true, value: null });
    const ireland = account.regions.find((r) => r.region === 'eu-west-1');
    assert.ok(ireland);
    assert.deepEqual(ireland.ec2.instances, { ok: true, value: [] });
    assert.deepEqual(ireland.backup.vaults, { ok: true, value: [] });
  });

  it('Organization-mode building block: collectAccount with assumed-role credentials reads the member account', async () => {
    assert.ok(moto);
    // The provider organization mode uses (src/org/credentials.ts), resolved now.
    const memberCredentials = await assumeRoleProvider('222222222222', { partition: 'aws', roleName: 'drready-audit', region: REGION, endpoint: moto.endpoint, masterCredentials: async () => credentials })();
    const member = createClientFactory({ endpoint: moto.endpoint, credentials: memberCredentials });
    try {
      // Seeding in the member account (test code only).
      await member.backup(REGION).send(new CreateBackupVaultCommand({ BackupVaultName: 'member-vault' }));
      const acct = await collectAccount({ clients: member, accountId: '222222222222', regions: [REGION] });
      assert.equal(acct.accountId, '222222222222');
      const vaults = acct.regions[0].backup.vaults;
      assert.ok(vaults.ok);
      assert.deepEqual(vaults.value.map((v) => v.BackupVaultArn), ['arn:aws:backup:us-east-1:222222222222:backup-vault:member-vault']);
      assert.ok(acct.errors.every((e) => e.accountId === '222222222222'));
    } finally {
      member.destroy();
    }
  });

  it('Organizations: account ancestorIds walk ListParents account → OU → OU → root', async () => {
    assert.ok(moto);
    // A fresh account of its own as management account, so the organization does not leak into the others.
    const mgmtCredentials = await assumeRoleProvider('333333333333', { partition: 'aws', roleName: 'drready-audit', region: REGION, endpoint: moto.endpoint, masterCredentials: async () => credentials })();
    const clients = createClientFactory({ endpoint: moto.endpoint, credentials: mgmtCredentials });
    try {
      // Seeding (test code only).
      const org = clients.organizations();
      await org.send(new CreateOrganizationCommand({ FeatureSet: 'ALL' }));
      const rootId = (await org.send(new ListRootsCommand({}))).Roots?.[0]?.Id ?? '';
      const workloads = (await org.send(new CreateOrganizationalUnitCommand({ ParentId: rootId, Name: 'workloads' }))).OrganizationalUnit?.Id ?? '';
      const prod = (await org.send(new CreateOrganizationalUnitCommand({ ParentId: workloads, Name: 'prod' }))).OrganizationalUnit?.Id ?? '';
      const created = await org.send(new CreateAccountCommand({ AccountName: 'prod-app', Email: 'prod-app@example.com' }));
      const prodAccount = created.CreateAccountStatus?.AccountId ?? '';
      await org.send(new MoveAccountCommand({ AccountId: prodAccount, SourceParentId: rootId, DestinationParentId: prod }));
      assert.match(rootId, /^r-/);
      assert.match(prod, /^ou-/);

      const ctx = { clients, accountId: '333333333333', errors: [], partition: 'aws', concurrency: 4 };
      const out = await collectOrganizations(ctx);
      assert.ok(out.accounts.ok);
      const ancestors = Object.fromEntries(out.accounts.value.map((a) => [a.Id, a.ancestorIds]));
      assert.deepEqual(ancestors, { '333333333333': [rootId], [prodAccount]: [prod, workloads, rootId] });
      assert.deepEqual(ctx.errors, []);
    } finally {
      clients.destroy();
    }
  });
});
