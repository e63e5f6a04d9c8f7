// End to end, the rest of the catalog moto can hold: lifecycle, Object Lock, replication, vault lock,
// RDS, DynamoDB PITR and console users, seeded through the SDK and judged by the built CLI.
// If moto cannot start, this suite fails (startMoto throws); it never skips.
import assert from 'node:assert/strict';
import { BackupClient, CreateBackupPlanCommand, CreateBackupVaultCommand, PutBackupVaultLockConfigurationCommand } from '@aws-sdk/client-backup';
import { CreateTableCommand, DynamoDBClient, UpdateContinuousBackupsCommand } from '@aws-sdk/client-dynamodb';
import { CreateAccessKeyCommand, CreateLoginProfileCommand, CreateUserCommand, IAMClient } from '@aws-sdk/client-iam';
import { CreateDBInstanceCommand, RDSClient } from '@aws-sdk/client-rds';
import {
  CreateBucketCommand,
  PutBucketLifecycleConfigurationCommand,
  PutBucketReplicationCommand,
  PutBucketTaggingCommand,
  PutBucketVersioningCommand,
  PutObjectLockConfigurationCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import type { Finding } from '../../src/model';
import { auditCli, startMoto, type Moto } from '../helpers/moto';

const REGION = 'us-east-1';
const ACCOUNT = '123456789012';
const OTHER = '222222222222';
const CREDS = { accessKeyId: 'testing', secretAccessKey: 'testing' };
const bucketArn = (name: string) => `arn:aws:s3:::${name}`;

describe('drready audit --endpoint-url against moto: the wider catalog', function () {
  this.timeout(180_000);
  let moto: Moto;
  let report: { findings: Finding[] };
  let run: { status: number | null; stderr: string };

  before(async () => {
    moto = await startMoto(20_000);
    const cfg = { endpoint: moto.endpoint, region: REGION, credentials: CREDS, forcePathStyle: true };
    const s3 = new S3Client(cfg);
    const versioned = async (name: string) => {
      await s3.send(new CreateBucketCommand({ Bucket: name }));
      await s3.send(new PutBucketVersioningCommand({ Bucket: name, VersioningConfiguration: { Status: 'Enabled' } }));
    };

    // Noncurrent retention: 3 days (too short) vs 90 days.
    for (const [name, days] of [['cat-short', 3], ['cat-long', 90]] as const) {
      await versioned(name);
      await s3.send(
        new PutBucketLifecycleConfigurationCommand({
          Bucket: name,
          LifecycleConfiguration: { Rules: [{ ID: 'old-versions', Status: 'Enabled', Filter: { Prefix: '' }, NoncurrentVersionExpiration: { NoncurrentDays: days } }] },
        }),
      );
    }

    // Delete protection: Object Lock compliance with a default retention vs Object Lock with none.
    await s3.send(new CreateBucketCommand({ Bucket: 'cat-locked', ObjectLockEnabledForBucket: true }));
    await s3.send(new PutObjectLockConfigurationCommand({ Bucket: 'cat-locked', ObjectLockConfiguration: { ObjectLockEnabled: 'Enabled', Rule: { DefaultRetention: { Mode: 'COMPLIANCE', Days: 30 } } } }));
    await s3.send(new CreateBucketCommand({ Bucket: 'cat-lock-no-default', ObjectLockEnabledForBucket: true }));

    // Replication of critical buckets: to another account (PASS) vs none (FAIL).
    const sts = new STSClient(cfg);
    const assumed = await sts.send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${OTHER}:role/x`, RoleSessionName: 'seed' }));
    const otherCreds = { accessKeyId: assumed.Credentials!.AccessKeyId!, secretAccessKey: assumed.Credentials!.SecretAccessKey!, sessionToken: assumed.Credentials!.SessionToken };
    const s3Other = new S3Client({ ...cfg, credentials: otherCreds });
    await s3Other.send(new CreateBucketCommand({ Bucket: 'cat-replica' }));
    await s3Other.send(new PutBucketVersioningCommand({ Bucket: 'cat-replica', VersioningConfiguration: { Status: 'Enabled' } }));
    for (const name of ['cat-critical-replicated', 'cat-critical-alone']) {
      await versioned(name);
      await s3.send(new PutBucketTaggingCommand({ Bucket: name, Tagging: { TagSet: [{ Key: 'drready:critical', Value: 'true' }] } }));
    }
    await s3.send(
      new PutBucketReplicationCommand({
        Bucket: 'cat-critical-replicated',
        ReplicationConfiguration: {
          Role: `arn:aws:iam::${ACCOUNT}:role/replication`,
          Rules: [{ ID: 'to-backup', Status: 'Enabled', Priority: 1, Filter: { Prefix: '' }, DeleteMarkerReplication: { Status: 'Disabled' }, Destination: { Bucket: bucketArn('cat-replica'), Account: OTHER } }],
        },
      }),
    );

    // Vault lock: no lock vs governance mode (no lock date), each vault written to by a plan (an idle,
    // empty vault is not applicable).
    const backup = new BackupClient(cfg);
    for (const vault of ['cat-unlocked', 'cat-governance']) {
      await backup.send(new CreateBackupVaultCommand({ BackupVaultName: vault }));
      await backup.send(new CreateBackupPlanCommand({ BackupPlan: { BackupPlanName: `${vault}-plan`, Rules: [{ RuleName: 'daily', TargetBackupVaultName: vault, ScheduleExpression: 'cron(0 5 ? * * *)', Lifecycle: { DeleteAfterDays: 35 } }] } }));
    }
    await backup.send(new PutBackupVaultLockConfigurationCommand({ BackupVaultName: 'cat-governance', MinRetentionDays: 7 }));

    // RDS: backups kept 7 days with deletion protection vs no automated backups.
    const rds = new RDSClient(cfg);
    const db = (id: string, retention: number, protect: boolean) =>
      rds.send(new CreateDBInstanceCommand({ DBInstanceIdentifier: id, Engine: 'postgres', DBInstanceClass: 'db.t3.micro', AllocatedStorage: 20, MasterUsername: 'admin1', MasterUserPassword: 'not-a-real-secret-1', BackupRetentionPeriod: retention, DeletionProtection: protect }));
    await db('cat-db-good', 7, true);
    await db('cat-db-bare', 0, false);

    // DynamoDB: point-in-time recovery on vs off.
    const ddb = new DynamoDBClient(cfg);
    for (const name of ['cat-pitr', 'cat-no-pitr'])
      await ddb.send(new CreateTableCommand({ TableName: name, BillingMode: 'PAY_PER_REQUEST', AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }], KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }], DeletionProtectionEnabled: true }));
    await ddb.send(new UpdateContinuousBackupsCommand({ TableName: 'cat-pitr', PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true } }));

    // IAM: a console user without MFA, a user with two active keys, a key-only user.
    const iam = new IAMClient(cfg);
    await iam.send(new CreateUserCommand({ UserName: 'cat-console' }));
    await iam.send(new CreateLoginProfileCommand({ UserName: 'cat-console', Password: 'Not-a-real-secret-1!' }));
    await iam.send(new CreateUserCommand({ UserName: 'cat-two-keys' }));
    await iam.send(new CreateAccessKeyCommand({ UserName: 'cat-two-keys' }));
    await iam.send(new CreateAccessKeyCommand({ UserName: 'cat-two-keys' }));
    await iam.send(new CreateUserCommand({ UserName: 'cat-one-key' }));
    await iam.send(new CreateAccessKeyCommand({ UserName: 'cat-one-key' }));

    const r = auditCli<typeof report>(moto.endpoint, REGION);
    run = r;
    report = r.report;
  });

  after(async () => {
    await moto?.stop();
  });

  const find = (checkId: string, match: (id: string) => boolean) => {
    const f = report.findings.find((x) => x.checkId === checkId && match(x.resourceId));
    assert.ok(f, `no ${checkId} finding; have: ${report.findings.filter((x) => x.checkId === checkId).map((x) => `${x.resourceId}=${x.status}`).join(', ')}`);
    return f;
  };
  const on = (checkId: string, resourceId: string) => find(checkId, (id) => id === resourceId);
  const ending = (checkId: string, tail: string) => find(checkId, (id) => id.endsWith(tail));

  it('runs to completion', () => assert.equal(run.status, 0, run.stderr));

  it('s3-noncurrent-retention: 3 days of old versions fail, 90 pass', () => {
    const short = on('s3-noncurrent-retention', bucketArn('cat-short'));
    assert.equal(short.status, 'FAIL', short.message);
    assert.match(short.message, /\b3 days\b/);
    assert.equal(on('s3-noncurrent-retention', bucketArn('cat-long')).status, 'PASS');
  });

  it('s3-delete-protection: compliance Object Lock with a default retention passes; none by default fails', () => {
    assert.equal(on('s3-delete-protection', bucketArn('cat-locked')).status, 'PASS');
    const bare = on('s3-delete-protection', bucketArn('cat-lock-no-default'));
    assert.equal(bare.status, 'FAIL', bare.message);
    assert.match(bare.message, /default retention/i);
  });

  it('s3-cross-account-replication: a critical bucket replicating to another account passes, one with none fails', () => {
    const good = on('s3-cross-account-replication', bucketArn('cat-critical-replicated'));
    assert.equal(good.status, 'PASS', good.message);
    assert.match(good.message, /another account/);
    assert.equal(on('s3-cross-account-replication', bucketArn('cat-critical-alone')).status, 'FAIL');
  });

  it('backup-vault-lock: no lock and a governance lock both fail, with different messages', () => {
    const unlocked = ending('backup-vault-lock', ':backup-vault:cat-unlocked');
    const governance = ending('backup-vault-lock', ':backup-vault:cat-governance');
    assert.equal(unlocked.status, 'FAIL', unlocked.message);
    assert.equal(governance.status, 'FAIL', governance.message);
    assert.match(governance.message, /governance/i);
    assert.match(unlocked.message, /not locked|no (vault )?lock/i);
    assert.doesNotMatch(unlocked.message, /governance/i);
  });

  it('rds-recoverability: retention and deletion protection pass; no automated backups fail', () => {
    assert.equal(ending('rds-recoverability', ':db:cat-db-good').status, 'PASS');
    const bare = ending('rds-recoverability', ':db:cat-db-bare');
    assert.equal(bare.status, 'FAIL', bare.message);
    assert.match(bare.message, /automated backups|retention/i);
  });

  it('dynamodb-recoverability: PITR on passes, off fails', () => {
    assert.equal(ending('dynamodb-recoverability', ':table/cat-pitr').status, 'PASS');
    const off = ending('dynamodb-recoverability', ':table/cat-no-pitr');
    assert.equal(off.status, 'FAIL', off.message);
    assert.match(off.message, /point-in-time/i);
  });

  it('credentials: the console user without MFA fails, two active keys fail, one key passes', () => {
    assert.equal(ending('iam-console-user-mfa', ':user/cat-console').status, 'FAIL');
    assert.ok(!report.findings.some((f) => f.checkId === 'iam-console-user-mfa' && f.resourceId.endsWith(':user/cat-one-key')), 'a key-only user has no console to protect');
    assert.equal(ending('iam-two-active-keys', ':user/cat-two-keys').status, 'FAIL');
    assert.equal(ending('iam-two-active-keys', ':user/cat-one-key').status, 'PASS');
  });
});
