// A small but realistic organization on which every check fires at least once: a workload account
// with the usual gaps, a backup account that receives its copies, and the management account.
// Used by the whole-registry tests; it is also a guide for the demo snapshot.
import type { AccountInventory, Inventory } from '../../src/inventory/types';
import { plan, recoveryPoint, rule, selection, vault, vaultArn } from './backup';
import { reportRow } from './credentials';
import { account, ACCOUNT, bucket, inventory, ok, OTHER_ACCOUNT, region } from './inventory';

export const MGMT_ACCOUNT = '999999999999';
const ORG = { Id: 'o-demo', MasterAccountId: MGMT_ACCOUNT, FeatureSet: 'ALL' };
const R = 'us-east-1';
const arn = (svc: string, res: string, acct = ACCOUNT) => `arn:aws:${svc}:${R}:${acct}:${res}`;
const daily = [{ Key: 'backup', Value: 'daily' }];
const profile = (name: string) => `arn:aws:iam::${ACCOUNT}:instance-profile/${name}`;

/** A server role with this inline policy, used through the instance profile of the same name. */
function serverRole(name: string, statements: object[]) {
  return {
    RoleName: name,
    Arn: `arn:aws:iam::${ACCOUNT}:role/${name}`,
    InstanceProfileList: [{ InstanceProfileName: name, Arn: profile(name) }],
    RolePolicyList: [{ PolicyName: `${name}-access`, PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: statements }) }],
  };
}

function workload(): AccountInventory {
  const rds = arn('rds', 'db:orders');
  const users = arn('rds', 'cluster:users');
  const sessions = arn('dynamodb', 'table/sessions');
  const efs = arn('elasticfilesystem', 'file-system/fs-shared');
  const critical = { 'drready:critical': 'true' };
  return account({
    regions: [
      region(R, {
        ec2: {
          instances: ok([
            { InstanceId: 'i-pet', State: { Name: 'running' }, Tags: [{ Key: 'Name', Value: 'legacy-cron' }], IamInstanceProfile: { Arn: profile('legacy-cron') } },
            { InstanceId: 'i-web1', State: { Name: 'running' }, Tags: [{ Key: 'aws:autoscaling:groupName', Value: 'web' }, ...daily], IamInstanceProfile: { Arn: profile('web') } },
            { InstanceId: 'i-api1', State: { Name: 'running' }, Tags: [{ Key: 'aws:autoscaling:groupName', Value: 'api' }] },
          ]),
          launchTemplateVersions: ok([
            { LaunchTemplateId: 'lt-web', LaunchTemplateName: 'web', VersionNumber: 2, DefaultVersion: true, LaunchTemplateData: { ImageId: 'ami-deregistered' } },
            { LaunchTemplateId: 'lt-api', LaunchTemplateName: 'api', VersionNumber: 5, DefaultVersion: false, LaunchTemplateData: { ImageId: 'ami-current' } },
          ]),
          images: ok([{ ImageId: 'ami-current', State: 'available' }]),
        },
        autoscaling: {
          groups: ok([
            { AutoScalingGroupName: 'web', AutoScalingGroupARN: arn('autoscaling', 'autoScalingGroup:1:autoScalingGroupName/web'), LaunchTemplate: { LaunchTemplateId: 'lt-web', Version: '$Default' }, Instances: [{ InstanceId: 'i-web1' }] },
            { AutoScalingGroupName: 'api', AutoScalingGroupARN: arn('autoscaling', 'autoScalingGroup:3:autoScalingGroupName/api'), LaunchTemplate: { LaunchTemplateId: 'lt-api', Version: '$Latest' }, Instances: [{ InstanceId: 'i-api1' }] },
            { AutoScalingGroupName: 'batch', AutoScalingGroupARN: arn('autoscaling', 'autoScalingGroup:2:autoScalingGroupName/batch'), LaunchConfigurationName: 'batch-lc' },
          ]),
          launchConfigurations: ok([{ LaunchConfigurationName: 'batch-lc', ImageId: 'ami-current' }]),
        },
        rds: {
          instances: ok([
            { DBInstanceIdentifier: 'orders', DBInstanceArn: rds, Engine: 'postgres', BackupRetentionPeriod: 1, DeletionProtection: false, TagList: daily },
            { DBInstanceIdentifier: 'users-1', DBInstanceArn: arn('rds', 'db:users-1'), Engine: 'aurora-postgresql', DBClusterIdentifier: 'users' },
          ]),
          clusters: ok([{ DBClusterIdentifier: 'users', DBClusterArn: users, Engine: 'aurora-postgresql', BackupRetentionPeriod: 14, DeletionProtection: true, TagList: daily }]),
        },
        dynamodb: {
          tables: ok([
            { TableName: 'sessions', TableArn: sessions, Tags: daily, DeletionProtectionEnabled: true, pointInTimeRecovery: ok({ PointInTimeRecoveryStatus: 'DISABLED' }) },
            { TableName: 'ledger', TableArn: arn('dynamodb', 'table/ledger'), Tags: daily, DeletionProtectionEnabled: true, pointInTimeRecovery: ok({ PointInTimeRecoveryStatus: 'ENABLED', RecoveryPeriodInDays: 35 }) },
            { TableName: 'cache', TableArn: arn('dynamodb', 'table/cache'), Tags: [], DeletionProtectionEnabled: false, pointInTimeRecovery: ok({ PointInTimeRecoveryStatus: 'ENABLED', RecoveryPeriodInDays: 35 }) },
          ]),
        },
        efs: { fileSystems: ok([{ FileSystemId: 'fs-shared', FileSystemArn: efs, Tags: [] }]) },
        ebsVolumes: ok([{ VolumeId: 'vol-web1', Attachments: [{ InstanceId: 'i-web1' }] }, { VolumeId: 'vol-pet', Attachments: [{ InstanceId: 'i-pet' }] }]),
        backup: {
          vaults: ok([
            vault('main', {
              NumberOfRecoveryPoints: 4,
              accessPolicy: ok(null),
              recoveryPoints: ok([
                recoveryPoint(rds, '2026-05-31T05:00:00Z'),
                recoveryPoint(users, '2026-05-31T05:00:00Z', { Lifecycle: { DeleteAfterDays: 7 } }),
                recoveryPoint(sessions, '2026-05-27T05:00:00Z'),
                recoveryPoint(efs, '2026-05-31T05:00:00Z'),
              ]),
            }),
            vault('scratch', { NumberOfRecoveryPoints: 0 }),
          ]),
          plans: ok([
            plan('daily', [rule('daily', { CopyActions: [{ DestinationBackupVaultArn: vaultArn('central', OTHER_ACCOUNT) }] })], [
              selection('tagged', { Resources: ['*'], Conditions: { StringEquals: [{ ConditionKey: 'aws:ResourceTag/backup', ConditionValue: 'daily' }] } }),
            ]),
            plan('files', [rule('nightly')], [selection('efs', { Resources: [efs] })]),
            // Copies to a vault the backup account does not have (deleted, or a typo): nothing lands.
            plan('archive', [rule('monthly', { ScheduleExpression: 'cron(0 5 1 * ? *)', CopyActions: [{ DestinationBackupVaultArn: vaultArn('archive', OTHER_ACCOUNT) }] })], [
              selection('ledger-db', { Resources: [rds] }),
            ]),
            plan('forgotten', [rule('weekly', { ScheduleExpression: 'cron(0 5 ? * SUN *)' })], []),
          ]),
          protectedResources: ok([
            { ResourceArn: rds, ResourceType: 'RDS', LastBackupTime: '2026-05-31T05:00:00Z' },
            { ResourceArn: users, ResourceType: 'Aurora', LastBackupTime: '2026-05-31T05:00:00Z' },
            { ResourceArn: sessions, ResourceType: 'DynamoDB', LastBackupTime: '2026-05-27T05:00:00Z' },
            { ResourceArn: efs, ResourceType: 'EFS', LastBackupTime: '2026-05-31T05:00:00Z' },
          ]),
          restoreTestingPlans: ok([{ RestoreTestingPlanName: 'weekly-rds', selections: ok([{ RestoreTestingSelectionName: 'rds', ProtectedResourceType: 'RDS' }]) }]),
        },
      }),
    ],
    s3: {
      buckets: ok([
        bucket('app-data', {
          tags: ok(critical),
          lifecycle: ok([{ ID: 'trim-old-versions', Status: 'Enabled', Filter: {}, NoncurrentVersionExpiration: { NoncurrentDays: 7 } }]),
          replication: ok({ Role: 'arn:aws:iam::111111111111:role/replication', Rules: [{ ID: 'copy', Status: 'Enabled', Filter: {}, Destination: { Bucket: 'arn:aws:s3:::app-data-copy' } }] }),
        }),
        bucket('app-data-copy'),
        bucket('ledger', {
          tags: ok(critical),
          objectLock: ok({ ObjectLockEnabled: 'Enabled', Rule: { DefaultRetention: { Mode: 'COMPLIANCE', Days: 30 } } }),
          replication: ok({ Role: 'arn:aws:iam::111111111111:role/replication', Rules: [{ ID: 'offsite', Status: 'Enabled', Filter: {}, Destination: { Bucket: 'arn:aws:s3:::ledger-replica', Account: OTHER_ACCOUNT } }] }),
        }),
        bucket('build-logs', { versioning: ok({ status: 'Never', mfaDelete: 'Never' }), tags: ok({ 'drready:sensitive': 'false' }) }),
        bucket('uploads', { versioning: ok({ status: 'Suspended', mfaDelete: 'Disabled' }) }),
        bucket('fast-scratch--use1-az4--x-s3', { bucketType: 'directory', versioning: ok({ status: 'Never', mfaDelete: 'Never' }) }),
      ]),
    },
    iam: {
      // The cron box reads everything; the web servers read the build logs, and uploads only from the VPC.
      authorizationDetails: ok({
        users: [],
        groups: [],
        policies: [],
        roles: [
          serverRole('legacy-cron', [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }]),
          serverRole('web', [
            { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::build-logs/*' },
            { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::uploads/*', Condition: { StringEquals: { 'aws:SourceVpc': 'vpc-web' } } },
          ]),
        ],
      }),
      accountSummary: ok({ AccountAccessKeysPresent: 1, AccountMFAEnabled: 0 }),
      credentialReport: ok({
        rows: [
          reportRow('<root_account>', { active: 'true', rotated: '2019-03-01T00:00:00+00:00' }, {}, { password_enabled: 'not_supported', mfa_active: 'false' }),
          reportRow('deploy-bot', { active: 'true', rotated: '2024-02-01T00:00:00+00:00', used: '2026-05-31T12:00:00+00:00', service: 's3', region: 'us-east-1' }, { active: 'true', rotated: '2025-09-01T00:00:00+00:00', used: '2026-01-10T00:00:00+00:00', service: 'ec2', region: 'eu-west-1' }),
          reportRow('ci', { active: 'true', rotated: '2026-04-15T00:00:00+00:00', used: '2026-05-31T20:00:00+00:00', service: 'ecr', region: 'us-east-1' }),
          reportRow('alice', {}, {}, { password_enabled: 'true', mfa_active: 'true' }),
          reportRow('bob', {}, {}, { password_enabled: 'true', mfa_active: 'false' }),
        ],
      }),
    },
    organizations: { organization: ok(ORG), accounts: { ok: false, error: denied('organizations:ListAccounts') }, serviceControlPolicies: { ok: false, error: denied('organizations:ListPolicies') } },
  });
}

function denied(permission: string) {
  return { api: permission, permission, code: 'AccessDenied', message: 'member accounts cannot read the organization', accountId: ACCOUNT, region: 'global' };
}

function backupAccount(): AccountInventory {
  return account({
    accountId: OTHER_ACCOUNT,
    regions: [
      region(R, {
        backup: {
          vaults: ok([
            vault('central', {
              BackupVaultArn: vaultArn('central', OTHER_ACCOUNT),
              NumberOfRecoveryPoints: 3,
              Locked: true,
              LockDate: '2026-01-01T00:00:00Z',
              MinRetentionDays: 30,
              MaxRetentionDays: 3650,
              accessPolicy: ok(
                JSON.stringify({
                  Version: '2012-10-17',
                  Statement: [
                    { Effect: 'Deny', Principal: '*', Action: ['backup:DeleteRecoveryPoint', 'backup:UpdateRecoveryPointLifecycle', 'backup:PutBackupVaultAccessPolicy', 'backup:DeleteBackupVaultAccessPolicy'], Resource: '*' },
                  ],
                }),
              ),
            }),
          ]),
        },
      }),
    ],
    s3: { buckets: ok([bucket('ledger-replica', { objectLock: ok({ ObjectLockEnabled: 'Enabled', Rule: { DefaultRetention: { Mode: 'GOVERNANCE', Days: 90 } } }) })]) },
    iam: { credentialReport: ok({ rows: [reportRow('<root_account>', {}, {}, { mfa_active: 'true' })] }) },
    organizations: { organization: ok(ORG), accounts: { ok: false, error: denied('organizations:ListAccounts') }, serviceControlPolicies: { ok: false, error: denied('organizations:ListPolicies') } },
  });
}

function managementAccount(): AccountInventory {
  return account({
    accountId: MGMT_ACCOUNT,
    regions: [region(R)],
    organizations: {
      organization: ok(ORG),
      accounts: ok([{ Id: ACCOUNT, ancestorIds: ['ou-workloads', 'r-demo'] }, { Id: OTHER_ACCOUNT, ancestorIds: ['ou-backup', 'r-demo'] }, { Id: MGMT_ACCOUNT, ancestorIds: ['r-demo'] }]),
      // Only the default allow-all policy: nothing stops the backup account's admins.
      serviceControlPolicies: ok([
        {
          Id: 'p-FullAWSAccess',
          Name: 'FullAWSAccess',
          AwsManaged: true,
          Content: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] }),
          targets: ok([{ TargetId: 'r-demo' }]),
        },
      ]),
    },
  });
}

export function richInventory(): Inventory {
  return inventory([workload(), backupAccount(), managementAccount()]);
}
