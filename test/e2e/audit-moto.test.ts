// End to end: the built CLI against a real AWS emulator (moto server) seeded through the SDK.
// If moto cannot start, this suite fails (startMoto throws); it never skips.
import assert from 'node:assert/strict';
import { AutoScalingClient, CreateAutoScalingGroupCommand, DescribeAutoScalingGroupsCommand } from '@aws-sdk/client-auto-scaling';
import { BackupClient, CreateBackupPlanCommand, CreateBackupVaultCommand } from '@aws-sdk/client-backup';
import { CreateLaunchTemplateCommand, EC2Client, RunInstancesCommand } from '@aws-sdk/client-ec2';
import { CreateAccessKeyCommand, CreateUserCommand, IAMClient } from '@aws-sdk/client-iam';
import { CreateBucketCommand, PutBucketVersioningCommand, S3Client } from '@aws-sdk/client-s3';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import type { Finding } from '../../src/model';
import { auditCli, startMoto, type Moto } from '../helpers/moto';

const REGION = 'us-east-1';
const ACCOUNT = '123456789012';
const BACKUP_ACCOUNT = '222222222222';
const CREDS = { accessKeyId: 'testing', secretAccessKey: 'testing' };

describe('drready audit --endpoint-url against moto', function () {
  this.timeout(120_000);
  let moto: Moto;
  let report: { findings: Finding[]; errors: { api: string }[]; scope: { accounts: { id: string }[] } };
  let stderr = '';
  let exitCode: number | null;
  const ids: Record<string, string> = {};

  before(async () => {
    moto = await startMoto(20_000);
    const cfg = { endpoint: moto.endpoint, region: REGION, credentials: CREDS, forcePathStyle: true };
    const s3 = new S3Client(cfg);
    for (const [name, state] of [['e2e-enabled', 'Enabled'], ['e2e-suspended', 'Suspended'], ['e2e-never', undefined]] as const) {
      await s3.send(new CreateBucketCommand({ Bucket: name }));
      if (state === 'Suspended') await s3.send(new PutBucketVersioningCommand({ Bucket: name, VersioningConfiguration: { Status: 'Enabled' } }));
      if (state) await s3.send(new PutBucketVersioningCommand({ Bucket: name, VersioningConfiguration: { Status: state } }));
    }

    // A second account holds the backup vault: AssumeRole into it acts as that account in moto.
    const sts = new STSClient(cfg);
    const assumed = await sts.send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${BACKUP_ACCOUNT}:role/x`, RoleSessionName: 'seed' }));
    const other = { accessKeyId: assumed.Credentials!.AccessKeyId!, secretAccessKey: assumed.Credentials!.SecretAccessKey!, sessionToken: assumed.Credentials!.SessionToken };
    await new BackupClient({ ...cfg, credentials: other }).send(new CreateBackupVaultCommand({ BackupVaultName: 'central' }));
    const backup = new BackupClient(cfg);
    await backup.send(new CreateBackupVaultCommand({ BackupVaultName: 'local' }));
    const copying = await backup.send(
      new CreateBackupPlanCommand({
        BackupPlan: { BackupPlanName: 'copies-out', Rules: [{ RuleName: 'daily', TargetBackupVaultName: 'local', ScheduleExpression: 'cron(0 5 ? * * *)', CopyActions: [{ DestinationBackupVaultArn: `arn:aws:backup:${REGION}:${BACKUP_ACCOUNT}:backup-vault:central` }] }] },
      }),
    );
    const local = await backup.send(
      new CreateBackupPlanCommand({ BackupPlan: { BackupPlanName: 'stays-home', Rules: [{ RuleName: 'daily', TargetBackupVaultName: 'local', ScheduleExpression: 'cron(0 5 ? * * *)' }] } }),
    );
    ids.copying = copying.BackupPlanArn!;
    ids.local = local.BackupPlanArn!;

    const ec2 = new EC2Client(cfg);
    const lt = await ec2.send(new CreateLaunchTemplateCommand({ LaunchTemplateName: 'web', LaunchTemplateData: { ImageId: 'ami-03cf127a', InstanceType: 't3.micro' } }));
    const asg = new AutoScalingClient(cfg);
    await asg.send(new CreateAutoScalingGroupCommand({ AutoScalingGroupName: 'web', LaunchTemplate: { LaunchTemplateId: lt.LaunchTemplate!.LaunchTemplateId!, Version: '$Latest' }, MinSize: 1, MaxSize: 1, DesiredCapacity: 1, AvailabilityZones: [`${REGION}a`] }));
    const group = await asg.send(new DescribeAutoScalingGroupsCommand({ AutoScalingGroupNames: ['web'] }));
    ids.asgInstance = group.AutoScalingGroups![0].Instances![0].InstanceId!;
    const pet = await ec2.send(new RunInstancesCommand({ ImageId: 'ami-03cf127a', InstanceType: 't3.micro', MinCount: 1, MaxCount: 1 }));
    ids.pet = pet.Instances![0].InstanceId!;

    const iam = new IAMClient(cfg);
    await iam.send(new CreateUserCommand({ UserName: 'deployer' }));
    await iam.send(new CreateAccessKeyCommand({ UserName: 'deployer' }));

    const run = auditCli<typeof report>(moto.endpoint, REGION);
    stderr = run.stderr;
    exitCode = run.status;
    report = run.report;
  });

  after(async () => {
    await moto?.stop();
  });

  const verdict = (checkId: string, resourceId: string) => report.findings.find((f) => f.checkId === checkId && f.resourceId === resourceId);

  it('runs to completion (exit 0) on the caller account', () => {
    assert.equal(exitCode, 0, stderr);
    assert.deepEqual(report.scope.accounts.map((a) => a.id), [ACCOUNT]);
  });

  it('judges each bucket by its versioning state', () => {
    assert.equal(verdict('s3-versioning', 'arn:aws:s3:::e2e-enabled')?.status, 'PASS');
    const suspended = verdict('s3-versioning', 'arn:aws:s3:::e2e-suspended')!;
    assert.equal(suspended.status, 'FAIL');
    assert.match(suspended.message, /suspended/);
    const never = verdict('s3-versioning', 'arn:aws:s3:::e2e-never')!;
    assert.equal(never.status, 'FAIL');
    assert.match(never.message, /never been enabled/);
  });

  it('passes the plan that copies to the second account; the other cannot pass', () => {
    const copying = report.findings.find((f) => f.checkId === 'backup-cross-account-copy' && f.resourceId === ids.copying)!;
    const local = report.findings.find((f) => f.checkId === 'backup-cross-account-copy' && f.resourceId === ids.local)!;
    assert.ok(copying && local, `plan findings: ${JSON.stringify(report.findings.filter((f) => f.checkId === 'backup-cross-account-copy'))}`);
    assert.equal(copying.status, 'PASS', copying.message);
    assert.match(copying.message, new RegExp(BACKUP_ACCOUNT));
    // moto lacks ListBackupSelections: a plan that copies nothing away still FAILs, noting the unread selections.
    assert.equal(local.status, 'FAIL', local.message);
    assert.match(local.message, /no rule copies to another account.*grant backup:ListBackupSelections/);
  });

  it('tells the Auto Scaling instance from the pet', () => {
    const arn = (id: string) => `arn:aws:ec2:${REGION}:${ACCOUNT}:instance/${id}`;
    assert.equal(verdict('ec2-recoverable-by-automation', arn(ids.asgInstance))?.status, 'PASS');
    const pet = verdict('ec2-recoverable-by-automation', arn(ids.pet))!;
    assert.equal(pet.status, 'FAIL');
    assert.match(pet.message, /pet/);
  });

  it('judges the user key (new: PASS) and the root user (no keys: PASS)', () => {
    assert.equal(verdict('iam-access-key-age', `arn:aws:iam::${ACCOUNT}:user/deployer/access-key-1`)?.status, 'PASS');
    assert.equal(verdict('iam-root-access-keys', `arn:aws:iam::${ACCOUNT}:root`)?.status, 'PASS');
  });

  it('records the APIs moto lacks as errors, without sinking the run', () => {
    const apis = new Set(report.errors.map((e) => e.api));
    assert.ok(apis.has('backup:ListProtectedResources'), [...apis].join(', '));
    assert.ok(report.findings.some((f) => f.status === 'UNKNOWN' && f.missingPermissions?.includes('backup:ListProtectedResources')));
  });
});
