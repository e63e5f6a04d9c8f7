// Seeds an AWS emulator (moto server) with the demo scenario: "Northwind", a mid-size production
// account with the usual mix of good and bad disaster-recovery habits, and its backup account.
// scripts/make-demo.ts captures both with the real collectors into demo/demo-account.json. Writes
// happen here, against the emulator only — never in src/.
import { AutoScalingClient, CreateAutoScalingGroupCommand, CreateLaunchConfigurationCommand } from '@aws-sdk/client-auto-scaling';
import { BackupClient, CreateBackupPlanCommand, CreateBackupVaultCommand, PutBackupVaultLockConfigurationCommand } from '@aws-sdk/client-backup';
import type { BackupSelection } from '../src/inventory/types';
import { CloudFormationClient, CreateStackCommand } from '@aws-sdk/client-cloudformation';
import { CreateTableCommand, DynamoDBClient, UpdateContinuousBackupsCommand } from '@aws-sdk/client-dynamodb';
import { CreateLaunchTemplateCommand, EC2Client, RunInstancesCommand, StopInstancesCommand, CreateVolumeCommand } from '@aws-sdk/client-ec2';
import { CreateFileSystemCommand, EFSClient } from '@aws-sdk/client-efs';
import {
  AddRoleToInstanceProfileCommand,
  AddUserToGroupCommand,
  AttachGroupPolicyCommand,
  AttachRolePolicyCommand,
  AttachUserPolicyCommand,
  CreateAccessKeyCommand,
  CreateGroupCommand,
  CreateInstanceProfileCommand,
  CreateLoginProfileCommand,
  CreatePolicyCommand,
  CreateRoleCommand,
  CreateUserCommand,
  IAMClient,
  PutRolePolicyCommand,
  PutUserPolicyCommand,
  UpdateAccessKeyCommand,
} from '@aws-sdk/client-iam';
import { AttachPolicyCommand, CreateAccountCommand, CreateOrganizationCommand, CreatePolicyCommand as CreateOrgPolicyCommand, OrganizationsClient } from '@aws-sdk/client-organizations';
import { CreateDBClusterCommand, CreateDBInstanceCommand, RDSClient } from '@aws-sdk/client-rds';
import {
  CreateBucketCommand,
  PutBucketLifecycleConfigurationCommand,
  PutBucketPolicyCommand,
  PutBucketReplicationCommand,
  PutBucketTaggingCommand,
  PutBucketVersioningCommand,
  PutObjectLockConfigurationCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';

export const DEMO_ACCOUNT = '123456789012';
export const DEMO_REGIONS = ['us-east-1', 'eu-west-1'];

type Creds = { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
const DUMMY: Creds = { accessKeyId: 'testing', secretAccessKey: 'testing' };

function cfg(endpoint: string, region: string, credentials: Creds = DUMMY) {
  return { endpoint, region, credentials, forcePathStyle: true };
}

const json = (o: unknown) => JSON.stringify(o);
const assumeEc2 = json({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }] });

export interface KeyAge {
  createdDaysAgo: number;
  lastUsedDaysAgo?: number;
  service?: string;
  region?: string;
}

export interface DemoFacts {
  backupAccountId: string;
  /** Backup selections by plan name: moto does not implement CreateBackupSelection, so the capture step adds them. */
  selections: Record<string, BackupSelection[]>;
  /** Users whose keys the capture step backdates (moto stamps every key with "now"). */
  keyAges: Record<string, KeyAge[]>;
  /** Resources the scenario's backup plans protect, with how long ago their newest backup ran. */
  backedUp: { arn: string; type: string; region: string; vault: string; lastBackupHoursAgo: number; deleteAfterDays: number }[];
}

async function seedS3(endpoint: string, backupAccount: string, backupCreds: Creds): Promise<void> {
  const s3 = new S3Client(cfg(endpoint, 'us-east-1'));
  const s3eu = new S3Client(cfg(endpoint, 'eu-west-1'));
  const s3backup = new S3Client(cfg(endpoint, 'us-east-1', backupCreds));
  const make = async (name: string, opts: { eu?: boolean; lock?: boolean } = {}) => {
    const client = opts.eu ? s3eu : s3;
    await client.send(
      new CreateBucketCommand({
        Bucket: name,
        ObjectLockEnabledForBucket: opts.lock || undefined,
        CreateBucketConfiguration: opts.eu ? { LocationConstraint: 'eu-west-1' } : undefined,
      }),
    );
    return client;
  };
  const version = (c: S3Client, b: string, Status: 'Enabled' | 'Suspended') => c.send(new PutBucketVersioningCommand({ Bucket: b, VersioningConfiguration: { Status } }));
  const tag = (c: S3Client, b: string, tags: Record<string, string>) =>
    c.send(new PutBucketTaggingCommand({ Bucket: b, Tagging: { TagSet: Object.entries(tags).map(([Key, Value]) => ({ Key, Value })) } }));

  // Versioned production data, some of it marked critical.
  for (const name of ['northwind-prod-orders', 'northwind-prod-invoices', 'northwind-prod-customer-uploads', 'northwind-prod-ml-models', 'northwind-prod-config']) {
    const c = await make(name);
    await version(c, name, 'Enabled');
    await tag(c, name, { env: 'prod', 'drready:critical': name.includes('orders') || name.includes('invoices') ? 'true' : 'false' });
  }
  // Lifecycle that quietly defeats versioning: noncurrent versions gone after 3 days, or 1 kept.
  await s3.send(
    new PutBucketLifecycleConfigurationCommand({
      Bucket: 'northwind-prod-customer-uploads',
      LifecycleConfiguration: { Rules: [{ ID: 'purge-old-versions', Status: 'Enabled', Filter: { Prefix: '' }, NoncurrentVersionExpiration: { NoncurrentDays: 3 } }] },
    }),
  );
  await s3.send(
    new PutBucketLifecycleConfigurationCommand({
      Bucket: 'northwind-prod-ml-models',
      LifecycleConfiguration: {
        Rules: [
          { ID: 'tmp-only', Status: 'Enabled', Filter: { Prefix: 'tmp/' }, NoncurrentVersionExpiration: { NoncurrentDays: 1 } },
          { ID: 'keep-90d', Status: 'Enabled', Filter: { Prefix: '' }, NoncurrentVersionExpiration: { NoncurrentDays: 90 } },
        ],
      },
    }),
  );
  await s3.send(
    new PutBucketLifecycleConfigurationCommand({
      Bucket: 'northwind-prod-config',
      LifecycleConfiguration: { Rules: [{ ID: 'keep-one', Status: 'Enabled', Filter: { Prefix: '' }, NoncurrentVersionExpiration: { NoncurrentDays: 60, NewerNoncurrentVersions: 1 } }] },
    }),
  );

  // Object Lock: compliance with retention, governance, and lock with no default retention.
  await make('northwind-audit-logs', { lock: true });
  await s3.send(new PutObjectLockConfigurationCommand({ Bucket: 'northwind-audit-logs', ObjectLockConfiguration: { ObjectLockEnabled: 'Enabled', Rule: { DefaultRetention: { Mode: 'COMPLIANCE', Years: 7 } } } }));
  await make('northwind-finance-archive', { lock: true });
  await s3.send(new PutObjectLockConfigurationCommand({ Bucket: 'northwind-finance-archive', ObjectLockConfiguration: { ObjectLockEnabled: 'Enabled', Rule: { DefaultRetention: { Mode: 'GOVERNANCE', Days: 365 } } } }));
  await make('northwind-legal-hold');
  await s3.send(new PutBucketVersioningCommand({ Bucket: 'northwind-legal-hold', VersioningConfiguration: { Status: 'Enabled' } }));
  await tag(s3, 'northwind-legal-hold', { 'drready:critical': 'true' });

  // Replication: orders to the backup account (strong), invoices within this account (partial).
  await s3backup.send(new CreateBucketCommand({ Bucket: 'northwind-dr-orders-replica' }));
  await s3backup.send(new PutBucketVersioningCommand({ Bucket: 'northwind-dr-orders-replica', VersioningConfiguration: { Status: 'Enabled' } }));
  await make('northwind-prod-invoices-copy');
  await version(s3, 'northwind-prod-invoices-copy', 'Enabled');
  await s3.send(
    new PutBucketReplicationCommand({
      Bucket: 'northwind-prod-orders',
      ReplicationConfiguration: {
        Role: `arn:aws:iam::${DEMO_ACCOUNT}:role/s3-replication`,
        Rules: [{ ID: 'to-backup-account', Priority: 1, Status: 'Enabled', Filter: { Prefix: '' }, DeleteMarkerReplication: { Status: 'Disabled' }, Destination: { Bucket: 'arn:aws:s3:::northwind-dr-orders-replica', Account: backupAccount, AccessControlTranslation: { Owner: 'Destination' } } }],
      },
    }),
  );
  await s3.send(
    new PutBucketReplicationCommand({
      Bucket: 'northwind-prod-invoices',
      ReplicationConfiguration: {
        Role: `arn:aws:iam::${DEMO_ACCOUNT}:role/s3-replication`,
        Rules: [{ ID: 'same-account-copy', Priority: 1, Status: 'Enabled', Filter: { Prefix: '' }, DeleteMarkerReplication: { Status: 'Disabled' }, Destination: { Bucket: 'arn:aws:s3:::northwind-prod-invoices-copy' } }],
      },
    }),
  );

  // Suspended: someone turned versioning off "to save money".
  for (const name of ['northwind-analytics-raw', 'northwind-etl-staging', 'northwind-data-lake']) {
    const c = await make(name);
    await version(c, name, 'Enabled');
    await version(c, name, 'Suspended');
  }
  await tag(s3, 'northwind-data-lake', { 'drready:critical': 'true' });
  // Never versioned: a mix of sensitive and explicitly non-sensitive data.
  for (const name of ['northwind-marketing-site', 'northwind-tmp-exports', 'northwind-hr-documents', 'northwind-payroll-exports', 'nonsensitive.northwind-public-assets', 'nonsensitive.northwind-build-cache', 'northwind-ci-artifacts', 'northwind-prod-backups-manual']) {
    await make(name);
  }
  await tag(s3, 'northwind-hr-documents', { 'drready:sensitive': 'true' });
  // EU buckets.
  for (const [name, state] of [['northwind-eu-customers', 'Enabled'], ['northwind-eu-logs', 'never'], ['northwind-eu-reports', 'Suspended']] as const) {
    const c = await make(name, { eu: true });
    if (state !== 'never') {
      await version(c, name, 'Enabled');
      if (state === 'Suspended') await version(c, name, 'Suspended');
    }
  }
  // A bucket policy with mistakes the linter should catch (s3:HeadObject is not an action).
  await s3.send(
    new PutBucketPolicyCommand({
      Bucket: 'northwind-marketing-site',
      Policy: json({
        Version: '2012-10-17',
        Statement: [
          { Sid: 'PublicRead', Effect: 'Allow', Principal: '*', Action: ['s3:GetObject', 's3:HeadObject'], Resource: 'arn:aws:s3:::northwind-marketing-site' },
        ],
      }),
    }),
  );
  await s3.send(
    new PutBucketPolicyCommand({
      Bucket: 'northwind-prod-orders',
      Policy: json({
        Version: '2012-10-17',
        Statement: [
          { Sid: 'DenyInsecure', Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: ['arn:aws:s3:::northwind-prod-orders', 'arn:aws:s3:::northwind-prod-orders/*'], Condition: { Bool: { 'aws:SecureTransport': 'false' } } },
        ],
      }),
    }),
  );
}

async function seedIam(endpoint: string): Promise<DemoFacts['keyAges']> {
  const iam = new IAMClient(cfg(endpoint, 'us-east-1'));
  const policy = async (name: string, doc: unknown) =>
    (await iam.send(new CreatePolicyCommand({ PolicyName: name, PolicyDocument: json(doc) }))).Policy!.Arn!;
  const admin = 'arn:aws:iam::aws:policy/AdministratorAccess';
  const readOnly = 'arn:aws:iam::aws:policy/ReadOnlyAccess';

  const appData = await policy('northwind-app-data', {
    Version: '2012-10-17',
    Statement: [
      { Sid: 'Orders', Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'], Resource: 'arn:aws:s3:::northwind-prod-orders/*' },
      { Sid: 'Queue', Effect: 'Allow', Action: ['sqs:SendMessage', 's3:GetObject'], Resource: 'arn:aws:sqs:us-east-1:123456789012:orders' },
      { Sid: 'Tables', Effect: 'Allow', Action: ['dyanmodb:PutItem', 'dynamodb:GetItem'], Resource: 'arn:aws:dynamodb:us-east-1:123456789012:table/orders' },
    ],
  });
  const etl = await policy('northwind-etl', {
    Version: '2012-10-17',
    Statement: [
      { Effect: 'Allow', Action: ['s3:*'], Resource: '*' },
      { Effect: 'Allow', Action: ['s3:ListObjects', 's3:GetObject'], Resource: 'arn:aws:s3:::northwind-data-lake' },
    ],
  });
  const etlCopy = await policy('northwind-etl-v2', {
    Version: '2012-10-17',
    Statement: [
      { Effect: 'Allow', Action: ['s3:*'], Resource: '*' },
      { Effect: 'Allow', Action: ['s3:ListObjects', 's3:GetObject'], Resource: 'arn:aws:s3:::northwind-data-lake' },
    ],
  });
  await policy('northwind-unused-legacy', {
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' }],
  });
  const deployer = await policy('northwind-deployer', {
    Version: '2012-10-17',
    Statement: [
      { Effect: 'Allow', Action: ['ec2:*', 'autoscaling:*', 'cloudformation:*'], Resource: '*' },
      { Effect: 'Allow', Action: 'iam:PassRole', Resource: '*' },
      { Effect: 'Deny', Action: ['ec2:TerminateInstances'], Resource: '*', Condition: { StringEquals: { 'aws:ResourceTag/env': 'prod' } } },
    ],
  });

  await iam.send(new CreateGroupCommand({ GroupName: 'admins' }));
  await iam.send(new AttachGroupPolicyCommand({ GroupName: 'admins', PolicyArn: admin }));
  await iam.send(new CreateGroupCommand({ GroupName: 'analysts' }));
  await iam.send(new AttachGroupPolicyCommand({ GroupName: 'analysts', PolicyArn: readOnly }));

  const users: [name: string, opts: { console?: boolean; group?: string; policy?: string; inline?: unknown; keys?: number; deactivate?: boolean }][] = [
    ['alice', { console: true, group: 'admins' }],
    ['bob', { console: true, group: 'analysts' }],
    ['carol', { console: true, group: 'analysts' }],
    ['deploy-bot', { group: 'admins', keys: 1 }],
    ['ci-runner', { policy: deployer, keys: 2 }],
    ['etl-service', { policy: etl, keys: 1 }],
    ['legacy-backup-script', { inline: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['s3:*', 'backup:*'], Resource: '*' }] }, keys: 1 }],
    ['reporting', { policy: etlCopy, keys: 1 }],
    ['former-contractor', { console: true, keys: 1, deactivate: true }],
    ['metrics-agent', { inline: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'cloudwatch:PutMetricData', Resource: '*' }] }, keys: 1 }],
  ];
  for (const [name, o] of users) {
    await iam.send(new CreateUserCommand({ UserName: name }));
    if (o.console) await iam.send(new CreateLoginProfileCommand({ UserName: name, Password: 'Demo-Passw0rd!-not-real' }));
    if (o.group) await iam.send(new AddUserToGroupCommand({ GroupName: o.group, UserName: name }));
    if (o.policy) await iam.send(new AttachUserPolicyCommand({ UserName: name, PolicyArn: o.policy }));
    if (o.inline) await iam.send(new PutUserPolicyCommand({ UserName: name, PolicyName: `${name}-inline`, PolicyDocument: json(o.inline) }));
    for (let k = 0; k < (o.keys ?? 0); k++) {
      const key = await iam.send(new CreateAccessKeyCommand({ UserName: name }));
      if (o.deactivate) await iam.send(new UpdateAccessKeyCommand({ UserName: name, AccessKeyId: key.AccessKey!.AccessKeyId!, Status: 'Inactive' }));
    }
  }

  // Roles: an app server role that can delete far more than it needs, a read-only one, and a
  // role trusted by an outside account.
  const role = async (name: string, trust: string, managed: string[], inline?: unknown) => {
    await iam.send(new CreateRoleCommand({ RoleName: name, AssumeRolePolicyDocument: trust }));
    for (const arn of managed) await iam.send(new AttachRolePolicyCommand({ RoleName: name, PolicyArn: arn }));
    if (inline) await iam.send(new PutRolePolicyCommand({ RoleName: name, PolicyName: `${name}-inline`, PolicyDocument: json(inline) }));
  };
  await role('northwind-web', assumeEc2, [appData]);
  await role('northwind-worker', assumeEc2, [], { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['s3:*', 'dynamodb:*', 'rds:*'], Resource: '*' }] });
  await role('northwind-reporting', assumeEc2, [readOnly]);
  await role('vendor-monitoring', json({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::999988887777:root' }, Action: 'sts:AssumeRole' }] }), [readOnly]);
  await role('break-glass', json({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::444455556666:root' }, Action: 'sts:AssumeRole' }] }), [admin]);
  await role('s3-replication', json({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 's3.amazonaws.com' }, Action: 'sts:AssumeRole' }] }), [], {
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Action: ['s3:GetReplicationConfiguration', 's3:ListBucket', 's3:GetObjectVersionForReplication', 's3:ReplicateObject', 's3:ReplicateDelete'], Resource: '*' }],
  });
  for (const r of ['northwind-web', 'northwind-worker', 'northwind-reporting']) {
    await iam.send(new CreateInstanceProfileCommand({ InstanceProfileName: r }));
    await iam.send(new AddRoleToInstanceProfileCommand({ InstanceProfileName: r, RoleName: r }));
  }
  return {
    'deploy-bot': [{ createdDaysAgo: 812, lastUsedDaysAgo: 2, service: 'cloudformation', region: 'us-east-1' }],
    'ci-runner': [
      { createdDaysAgo: 40, lastUsedDaysAgo: 0, service: 'ec2', region: 'us-east-1' },
      { createdDaysAgo: 410, lastUsedDaysAgo: 200, service: 'autoscaling', region: 'eu-west-1' },
    ],
    'etl-service': [{ createdDaysAgo: 400, lastUsedDaysAgo: 1, service: 's3', region: 'us-east-1' }],
    'legacy-backup-script': [{ createdDaysAgo: 1500, lastUsedDaysAgo: 300, service: 's3', region: 'us-east-1' }],
    reporting: [{ createdDaysAgo: 200 }],
    'former-contractor': [{ createdDaysAgo: 700, lastUsedDaysAgo: 500, service: 'iam', region: 'us-east-1' }],
    'metrics-agent': [{ createdDaysAgo: 3 }],
  };
}

async function seedCompute(endpoint: string, region: string, prefix: string): Promise<{ pets: string[]; volumeId: string }> {
  const ec2 = new EC2Client(cfg(endpoint, region));
  const asg = new AutoScalingClient(cfg(endpoint, region));
  const ami = region === 'us-east-1' ? 'ami-03cf127a' : 'ami-0b1a2c3d';
  const lt = await ec2.send(new CreateLaunchTemplateCommand({ LaunchTemplateName: `${prefix}-web`, LaunchTemplateData: { ImageId: ami, InstanceType: 't3.medium', IamInstanceProfile: { Name: 'northwind-web' } } }));
  await asg.send(
    new CreateAutoScalingGroupCommand({
      AutoScalingGroupName: `${prefix}-web`,
      LaunchTemplate: { LaunchTemplateId: lt.LaunchTemplate!.LaunchTemplateId!, Version: '$Latest' },
      MinSize: 3,
      MaxSize: 6,
      DesiredCapacity: 3,
      AvailabilityZones: [`${region}a`, `${region}b`],
    }),
  );
  // The old way: a launch configuration (deprecated) with an image that no longer exists.
  await asg.send(new CreateLaunchConfigurationCommand({ LaunchConfigurationName: `${prefix}-batch-lc`, ImageId: 'ami-0deadbeef0000000', InstanceType: 't3.large' }));
  await asg.send(new CreateAutoScalingGroupCommand({ AutoScalingGroupName: `${prefix}-batch`, LaunchConfigurationName: `${prefix}-batch-lc`, MinSize: 1, MaxSize: 2, DesiredCapacity: 1, AvailabilityZones: [`${region}a`] }));
  // Pets: hand-launched, one of them stopped.
  const pets: string[] = [];
  for (const [name, profile] of [[`${prefix}-legacy-reporting`, 'northwind-reporting'], [`${prefix}-jump-host`, undefined], [`${prefix}-worker-01`, 'northwind-worker']] as const) {
    const r = await ec2.send(
      new RunInstancesCommand({
        ImageId: ami,
        InstanceType: 't3.large',
        MinCount: 1,
        MaxCount: 1,
        IamInstanceProfile: profile ? { Name: profile } : undefined,
        TagSpecifications: [{ ResourceType: 'instance', Tags: [{ Key: 'Name', Value: name }] }],
      }),
    );
    pets.push(r.Instances![0].InstanceId!);
  }
  await ec2.send(new StopInstancesCommand({ InstanceIds: [pets[1]] }));
  // An instance launched from the launch template directly.
  await ec2.send(new RunInstancesCommand({ MinCount: 1, MaxCount: 1, LaunchTemplate: { LaunchTemplateId: lt.LaunchTemplate!.LaunchTemplateId! } }));
  const vol = await ec2.send(new CreateVolumeCommand({ AvailabilityZone: `${region}a`, Size: 100, TagSpecifications: [{ ResourceType: 'volume', Tags: [{ Key: 'backup', Value: 'daily' }] }] }));
  return { pets, volumeId: vol.VolumeId! };
}

async function seedStack(endpoint: string): Promise<void> {
  const cfn = new CloudFormationClient(cfg(endpoint, 'us-east-1'));
  await cfn.send(
    new CreateStackCommand({
      StackName: 'northwind-search',
      TemplateBody: json({ Resources: { Search: { Type: 'AWS::EC2::Instance', Properties: { ImageId: 'ami-03cf127a', InstanceType: 't3.large' } } } }),
    }),
  );
}

async function seedData(endpoint: string): Promise<{ sharedFileSystemArn: string }> {
  const rds = new RDSClient(cfg(endpoint, 'us-east-1'));
  await rds.send(new CreateDBInstanceCommand({ DBInstanceIdentifier: 'northwind-orders-db', Engine: 'postgres', DBInstanceClass: 'db.m5.large', AllocatedStorage: 100, MasterUsername: 'admin1', MasterUserPassword: 'not-a-real-password', BackupRetentionPeriod: 14, DeletionProtection: true, Tags: [{ Key: 'backup', Value: 'daily' }] }));
  await rds.send(new CreateDBInstanceCommand({ DBInstanceIdentifier: 'northwind-reporting-db', Engine: 'mysql', DBInstanceClass: 'db.t3.medium', AllocatedStorage: 50, MasterUsername: 'admin1', MasterUserPassword: 'not-a-real-password', BackupRetentionPeriod: 1, DeletionProtection: false }));
  await rds.send(new CreateDBClusterCommand({ DBClusterIdentifier: 'northwind-billing', Engine: 'aurora-postgresql', MasterUsername: 'admin1', MasterUserPassword: 'not-a-real-password', BackupRetentionPeriod: 7, DeletionProtection: false, Tags: [{ Key: 'backup', Value: 'daily' }] }));
  for (const i of [1, 2]) await rds.send(new CreateDBInstanceCommand({ DBInstanceIdentifier: `northwind-billing-${i}`, DBClusterIdentifier: 'northwind-billing', Engine: 'aurora-postgresql', DBInstanceClass: 'db.r6g.large' }));

  const ddb = new DynamoDBClient(cfg(endpoint, 'us-east-1'));
  for (const [name, pitr, protect] of [['orders', true, true], ['sessions', false, false], ['customer-profiles', false, true], ['feature-flags', true, false]] as const) {
    await ddb.send(new CreateTableCommand({ TableName: name, AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }], KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }], BillingMode: 'PAY_PER_REQUEST', DeletionProtectionEnabled: protect }));
    if (pitr) await ddb.send(new UpdateContinuousBackupsCommand({ TableName: name, PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true } }));
  }
  const efs = new EFSClient(cfg(endpoint, 'us-east-1'));
  const shared = await efs.send(new CreateFileSystemCommand({ CreationToken: 'northwind-shared', Tags: [{ Key: 'Name', Value: 'northwind-shared' }, { Key: 'backup', Value: 'daily' }] }));
  await efs.send(new CreateFileSystemCommand({ CreationToken: 'northwind-scratch', Tags: [{ Key: 'Name', Value: 'northwind-scratch' }] }));
  return { sharedFileSystemArn: shared.FileSystemArn ?? `arn:aws:elasticfilesystem:us-east-1:${DEMO_ACCOUNT}:file-system/${shared.FileSystemId}` };
}

async function seedBackup(endpoint: string, backupAccount: string, backupCreds: Creds): Promise<DemoFacts['selections']> {
  const central = new BackupClient(cfg(endpoint, 'us-east-1', backupCreds));
  await central.send(new CreateBackupVaultCommand({ BackupVaultName: 'northwind-central' }));
  await central.send(new PutBackupVaultLockConfigurationCommand({ BackupVaultName: 'northwind-central', MinRetentionDays: 35, MaxRetentionDays: 3650, ChangeableForDays: 3 }));
  const centralArn = `arn:aws:backup:us-east-1:${backupAccount}:backup-vault:northwind-central`;

  const b = new BackupClient(cfg(endpoint, 'us-east-1'));
  await b.send(new CreateBackupVaultCommand({ BackupVaultName: 'Default' }));
  await b.send(new CreateBackupVaultCommand({ BackupVaultName: 'northwind-prod' }));
  await b.send(new PutBackupVaultLockConfigurationCommand({ BackupVaultName: 'northwind-prod', MinRetentionDays: 7, MaxRetentionDays: 365 }));
  await b.send(new CreateBackupVaultCommand({ BackupVaultName: 'northwind-dev' }));
  const role = `arn:aws:iam::${DEMO_ACCOUNT}:role/service-role/AWSBackupDefaultServiceRole`;

  await b.send(
    new CreateBackupPlanCommand({
      BackupPlan: {
        BackupPlanName: 'northwind-daily-prod',
        Rules: [
          { RuleName: 'daily', TargetBackupVaultName: 'northwind-prod', ScheduleExpression: 'cron(0 5 ? * * *)', Lifecycle: { DeleteAfterDays: 35 }, CopyActions: [{ DestinationBackupVaultArn: centralArn, Lifecycle: { DeleteAfterDays: 90 } }] },
          { RuleName: 'monthly', TargetBackupVaultName: 'northwind-prod', ScheduleExpression: 'cron(0 6 1 * ? *)', Lifecycle: { DeleteAfterDays: 365 } },
        ],
      },
    }),
  );

  await b.send(
    new CreateBackupPlanCommand({
      BackupPlan: { BackupPlanName: 'northwind-weekly-dev', Rules: [{ RuleName: 'weekly', TargetBackupVaultName: 'northwind-dev', ScheduleExpression: 'cron(0 3 ? * SUN *)', Lifecycle: { DeleteAfterDays: 14 } }] },
    }),
  );
  await b.send(
    new CreateBackupPlanCommand({
      BackupPlan: { BackupPlanName: 'northwind-same-account-copy', Rules: [{ RuleName: 'nightly', TargetBackupVaultName: 'Default', ScheduleExpression: 'cron(0 1 ? * * *)', Lifecycle: { DeleteAfterDays: 30 }, CopyActions: [{ DestinationBackupVaultArn: `arn:aws:backup:us-east-1:${DEMO_ACCOUNT}:backup-vault:northwind-dev` }] }] },
    }),
  );
  // A plan someone created and never gave a selection: it backs up nothing.
  await b.send(new CreateBackupPlanCommand({ BackupPlan: { BackupPlanName: 'northwind-efs-plan-draft', Rules: [{ RuleName: 'daily', TargetBackupVaultName: 'Default', ScheduleExpression: 'cron(0 2 ? * * *)' }] } }));

  // eu-west-1: a vault and a plan copying across accounts and regions.
  const eu = new BackupClient(cfg(endpoint, 'eu-west-1'));
  await eu.send(new CreateBackupVaultCommand({ BackupVaultName: 'northwind-eu' }));
  await eu.send(
    new CreateBackupPlanCommand({
      BackupPlan: { BackupPlanName: 'northwind-eu-daily', Rules: [{ RuleName: 'daily', TargetBackupVaultName: 'northwind-eu', ScheduleExpression: 'cron(0 4 ? * * *)', Lifecycle: { DeleteAfterDays: 35 }, CopyActions: [{ DestinationBackupVaultArn: centralArn }] }] },
    }),
  );
  const sel = (SelectionId: string, s: Omit<BackupSelection, 'SelectionId' | 'IamRoleArn'>): BackupSelection => ({ SelectionId, IamRoleArn: role, ...s });
  return {
    'northwind-daily-prod': [
      sel('sel-daily-tagged', { SelectionName: 'tagged-daily', ListOfTags: [{ ConditionType: 'STRINGEQUALS', ConditionKey: 'backup', ConditionValue: 'daily' }] }),
      sel('sel-daily-orders', { SelectionName: 'orders-table', Resources: [`arn:aws:dynamodb:us-east-1:${DEMO_ACCOUNT}:table/orders`] }),
    ],
    'northwind-weekly-dev': [sel('sel-dev-all', { SelectionName: 'dev-all', Resources: ['*'], Conditions: { StringEquals: [{ ConditionKey: 'aws:ResourceTag/env', ConditionValue: 'dev' }] } })],
    'northwind-same-account-copy': [sel('sel-sessions', { SelectionName: 'sessions', Resources: [`arn:aws:dynamodb:us-east-1:${DEMO_ACCOUNT}:table/sessions`] })],
    'northwind-eu-daily': [sel('sel-eu', { SelectionName: 'eu-tagged', ListOfTags: [{ ConditionType: 'STRINGEQUALS', ConditionKey: 'backup', ConditionValue: 'daily' }] })],
  };
}

async function seedOrganization(endpoint: string): Promise<string> {
  const org = new OrganizationsClient(cfg(endpoint, 'us-east-1'));
  await org.send(new CreateOrganizationCommand({ FeatureSet: 'ALL' }));
  let backupAccount = '';
  for (const name of ['northwind-backup', 'northwind-security', 'northwind-sandbox']) {
    const r = await org.send(new CreateAccountCommand({ AccountName: name, Email: `${name}@example.com` }));
    if (name === 'northwind-backup') backupAccount = r.CreateAccountStatus!.AccountId!;
  }
  // An SCP that exists but protects nothing about backups: it only blocks leaving the organization.
  const scp = await org.send(
    new CreateOrgPolicyCommand({
      Name: 'deny-leave-org',
      Description: 'Members may not leave',
      Type: 'SERVICE_CONTROL_POLICY',
      Content: json({ Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: 'organizations:LeaveOrganization', Resource: '*' }] }),
    }),
  );
  await org.send(new AttachPolicyCommand({ PolicyId: scp.Policy!.PolicySummary!.Id!, TargetId: backupAccount }));
  return backupAccount;
}

async function credentialsFor(endpoint: string, accountId: string): Promise<Creds> {
  const sts = new STSClient(cfg(endpoint, 'us-east-1'));
  const r = await sts.send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${accountId}:role/OrganizationAccountAccessRole`, RoleSessionName: 'drready-seed' }));
  const c = r.Credentials!;
  return { accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken };
}

export async function seedDemo(endpoint: string): Promise<DemoFacts> {
  const backupAccountId = await seedOrganization(endpoint);
  const backupCreds = await credentialsFor(endpoint, backupAccountId);
  await seedS3(endpoint, backupAccountId, backupCreds);
  const keyAges = await seedIam(endpoint);
  const volumes: Record<string, string> = {};
  for (const r of DEMO_REGIONS) volumes[r] = (await seedCompute(endpoint, r, r === 'us-east-1' ? 'northwind' : 'northwind-eu')).volumeId;
  await seedStack(endpoint);
  const { sharedFileSystemArn } = await seedData(endpoint);
  const selections = await seedBackup(endpoint, backupAccountId, backupCreds);
  const a = DEMO_ACCOUNT;
  // What the plans' selections pick up, and how fresh each backup is (the shared file system's job
  // has been failing for six days; the sessions table is kept only 30 days).
  const backedUp: DemoFacts['backedUp'] = [
    { arn: `arn:aws:rds:us-east-1:${a}:db:northwind-orders-db`, type: 'RDS', region: 'us-east-1', vault: 'northwind-prod', lastBackupHoursAgo: 5, deleteAfterDays: 35 },
    { arn: `arn:aws:rds:us-east-1:${a}:cluster:northwind-billing`, type: 'Aurora', region: 'us-east-1', vault: 'northwind-prod', lastBackupHoursAgo: 5, deleteAfterDays: 35 },
    { arn: sharedFileSystemArn, type: 'EFS', region: 'us-east-1', vault: 'northwind-prod', lastBackupHoursAgo: 6 * 24 + 5, deleteAfterDays: 35 },
    { arn: `arn:aws:ec2:us-east-1:${a}:volume/${volumes['us-east-1']}`, type: 'EBS', region: 'us-east-1', vault: 'northwind-prod', lastBackupHoursAgo: 5, deleteAfterDays: 35 },
    { arn: `arn:aws:dynamodb:us-east-1:${a}:table/orders`, type: 'DynamoDB', region: 'us-east-1', vault: 'northwind-prod', lastBackupHoursAgo: 5, deleteAfterDays: 35 },
    { arn: `arn:aws:dynamodb:us-east-1:${a}:table/sessions`, type: 'DynamoDB', region: 'us-east-1', vault: 'Default', lastBackupHoursAgo: 9, deleteAfterDays: 30 },
    { arn: `arn:aws:ec2:eu-west-1:${a}:volume/${volumes['eu-west-1']}`, type: 'EBS', region: 'eu-west-1', vault: 'northwind-eu', lastBackupHoursAgo: 20, deleteAfterDays: 35 },
  ];
  return { backupAccountId, keyAges, selections, backedUp };
}

if (require.main === module) {
  const endpoint = process.argv[2];
  if (!endpoint) {
    process.stderr.write('usage: node dist/scripts/seed-demo.js http://127.0.0.1:PORT\n');
    process.exit(2);
  }
  seedDemo(endpoint).then(
    (facts) => process.stdout.write(JSON.stringify(facts, null, 2) + '\n'),
    (e) => {
      process.stderr.write(`seeding failed: ${e.stack ?? e}\n`);
      process.exit(1);
    },
  );
}
