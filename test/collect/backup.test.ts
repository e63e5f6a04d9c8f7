import assert from 'node:assert/strict';
import { mockClient, type AwsClientStub } from 'aws-sdk-client-mock';
import {
  BackupClient,
  BackupServiceException,
  GetBackupPlanCommand,
  GetBackupSelectionCommand,
  GetBackupVaultAccessPolicyCommand,
  ListBackupPlansCommand,
  ListBackupSelectionsCommand,
  ListBackupVaultsCommand,
  ListProtectedResourcesCommand,
  ListRecoveryPointsByBackupVaultCommand,
  ListRestoreTestingPlansCommand,
  ListRestoreTestingSelectionsCommand,
  ResourceNotFoundException,
} from '@aws-sdk/client-backup';
import { collectBackup } from '../../src/collect/backup';
import { awsError, roundTrips, testContext } from '../helpers/collect';

let backup: AwsClientStub<BackupClient>;
const REGION = 'eu-west-1';
const VAULT_ARN = 'arn:aws:backup:eu-west-1:111122223333:backup-vault:prod';
const PLAN_ARN = 'arn:aws:backup:eu-west-1:111122223333:backup-plan:8a3a1c4e-plan';
const DR_VAULT = 'arn:aws:backup:eu-central-1:999988887777:backup-vault:dr';
const vaultPolicy = '{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Principal":"*","Action":"backup:DeleteRecoveryPoint","Resource":"*"}]}';
const notFound = (message: string) => new ResourceNotFoundException({ $metadata: { httpStatusCode: 404 }, message });

function mockHappyPath(): void {
  backup.on(ListBackupVaultsCommand).resolves({
    BackupVaultList: [
      {
        BackupVaultName: 'prod',
        BackupVaultArn: VAULT_ARN,
        VaultType: 'BACKUP_VAULT',
        CreationDate: new Date('2023-01-01T00:00:00Z'),
        EncryptionKeyArn: 'arn:aws:kms:eu-west-1:111122223333:key/abc',
        CreatorRequestId: 'x',
        NumberOfRecoveryPoints: 3,
        Locked: true,
        MinRetentionDays: 7,
        MaxRetentionDays: 365,
        LockDate: new Date('2023-01-04T00:00:00Z'),
      },
      { BackupVaultName: 'scratch', BackupVaultArn: 'arn:aws:backup:eu-west-1:111122223333:backup-vault:scratch', Locked: false, NumberOfRecoveryPoints: 0 },
    ],
  });
  backup.on(GetBackupVaultAccessPolicyCommand, { BackupVaultName: 'prod' }).resolves({ BackupVaultName: 'prod', BackupVaultArn: VAULT_ARN, Policy: vaultPolicy });
  backup.on(GetBackupVaultAccessPolicyCommand, { BackupVaultName: 'scratch' }).rejects(notFound('Backup vault scratch has no access policy'));
  backup.on(ListRecoveryPointsByBackupVaultCommand).resolves({ RecoveryPoints: [] });
  backup.on(ListRecoveryPointsByBackupVaultCommand, { BackupVaultName: 'prod' }).resolves({
    NextToken: 'rp-2',
    RecoveryPoints: [
      {
        RecoveryPointArn: 'arn:aws:ec2:eu-west-1::snapshot/snap-1',
        BackupVaultName: 'prod',
        BackupVaultArn: VAULT_ARN,
        ResourceArn: 'arn:aws:ec2:eu-west-1:111122223333:volume/vol-1',
        ResourceType: 'EBS',
        Status: 'COMPLETED',
        CreationDate: new Date('2024-11-30T05:00:00Z'),
        CompletionDate: new Date('2024-11-30T05:20:00Z'),
        Lifecycle: { DeleteAfterDays: 35 },
        CalculatedLifecycle: { DeleteAt: new Date('2025-01-04T05:00:00Z') },
        BackupSizeInBytes: 1024,
      },
    ],
  });
  backup.on(ListRecoveryPointsByBackupVaultCommand, { BackupVaultName: 'prod', NextToken: 'rp-2' }).resolves({
    RecoveryPoints: [{ RecoveryPointArn: 'arn:aws:backup:eu-west-1:111122223333:recovery-point:rp-3', ResourceType: 'DynamoDB', Status: 'COMPLETED', SourceBackupVaultArn: DR_VAULT }],
  });
  backup.on(ListBackupPlansCommand).resolves({
    BackupPlansList: [{ BackupPlanId: '8a3a1c4e-plan', BackupPlanArn: PLAN_ARN, BackupPlanName: 'daily', VersionId: 'ver-1' }],
  });
  backup.on(GetBackupPlanCommand, { BackupPlanId: '8a3a1c4e-plan' }).resolves({
    BackupPlanId: '8a3a1c4e-plan',
    BackupPlanArn: PLAN_ARN,
    VersionId: 'ver-1',
    BackupPlan: {
      BackupPlanName: 'daily',
      Rules: [
        {
          RuleName: 'daily-35d',
          RuleId: 'rule-1',
          TargetBackupVaultName: 'prod',
          ScheduleExpression: 'cron(0 5 ? * * *)',
          StartWindowMinutes: 60,
          CompletionWindowMinutes: 180,
          Lifecycle: { DeleteAfterDays: 35, OptInToArchiveForSupportedResources: false },
          EnableContinuousBackup: true,
          CopyActions: [{ DestinationBackupVaultArn: DR_VAULT, Lifecycle: { DeleteAfterDays: 90 } }],
        },
      ],
    },
  });
  backup.on(ListBackupSelectionsCommand).resolves({
    BackupSelectionsList: [{ SelectionId: 'sel-1', SelectionName: 'tagged', BackupPlanId: '8a3a1c4e-plan', IamRoleArn: 'arn:aws:iam::111122223333:role/backup' }],
  });
  backup.on(GetBackupSelectionCommand).resolves({
    SelectionId: 'sel-1',
    BackupPlanId: '8a3a1c4e-plan',
    BackupSelection: {
      SelectionName: 'tagged',
      IamRoleArn: 'arn:aws:iam::111122223333:role/backup',
      Resources: ['arn:aws:ec2:*:*:volume/*'],
      ListOfTags: [{ ConditionType: 'STRINGEQUALS', ConditionKey: 'backup', ConditionValue: 'daily' }],
      Conditions: { StringEquals: [{ ConditionKey: 'aws:ResourceTag/env', ConditionValue: 'prod' }] },
    },
  });
  backup.on(ListProtectedResourcesCommand).resolves({
    Results: [{ ResourceArn: 'arn:aws:ec2:eu-west-1:111122223333:volume/vol-1', ResourceType: 'EBS', LastBackupTime: new Date('2024-11-30T05:00:00Z'), LastBackupVaultArn: VAULT_ARN }],
  });
  backup.on(ListRestoreTestingPlansCommand).resolves({
    RestoreTestingPlans: [
      {
        RestoreTestingPlanName: 'monthly_restore',
        RestoreTestingPlanArn: 'arn:aws:backup:eu-west-1:111122223333:restore-testing-plan:monthly_restore-abc',
        ScheduleExpression: 'cron(0 1 1 * ? *)',
        CreationTime: new Date('2024-01-01T00:00:00Z'),
        LastExecutionTime: new Date('2024-11-01T01:00:00Z'),
      },
    ],
  });
  backup.on(ListRestoreTestingSelectionsCommand).resolves({
    RestoreTestingSelections: [
      { RestoreTestingSelectionName: 'ebs_sel', ProtectedResourceType: 'EBS', RestoreTestingPlanName: 'monthly_restore', IamRoleArn: 'arn:aws:iam::111122223333:role/rt', CreationTime: new Date('2024-01-01T00:00:00Z') },
    ],
  });
}

describe('collect/backup', () => {
  before(() => {
    backup = mockClient(BackupClient);
  });
  beforeEach(() => backup.reset());
  after(() => backup.restore());

  it('collects vaults with lock fields, access policies (none → null) and paged recovery points', async () => {
    mockHappyPath();
    const ctx = testContext();
    const out = await collectBackup(ctx, REGION);
    assert.ok(out.vaults.ok);
    const [prod, scratch] = out.vaults.value;
    assert.equal(prod.Locked, true);
    assert.equal(prod.MinRetentionDays, 7);
    assert.equal(prod.MaxRetentionDays, 365);
    assert.equal(prod.LockDate, '2023-01-04T00:00:00.000Z');
    assert.equal(prod.VaultType, 'BACKUP_VAULT');
    assert.equal((prod as unknown as Record<string, unknown>).CreatorRequestId, undefined);
    assert.deepEqual(prod.accessPolicy, { ok: true, value: vaultPolicy });
    assert.deepEqual(scratch.accessPolicy, { ok: true, value: null });
    assert.ok(prod.recoveryPoints.ok);
    assert.deepEqual(prod.recoveryPoints.value.map((r) => r.RecoveryPointArn), [
      'arn:aws:ec2:eu-west-1::snapshot/snap-1',
      'arn:aws:backup:eu-west-1:111122223333:recovery-point:rp-3',
    ]);
    assert.deepEqual(prod.recoveryPoints.value[0].CalculatedLifecycle, { DeleteAt: '2025-01-04T05:00:00.000Z' });
    assert.equal(prod.recoveryPoints.value[0].CompletionDate, '2024-11-30T05:20:00.000Z');
    assert.equal(prod.recoveryPoints.value[1].SourceBackupVaultArn, DR_VAULT);
    assert.deepEqual(ctx.errors, []);
    assert.ok(roundTrips(out));
  });

  it('collects plans with rules, copy actions and selections', async () => {
    mockHappyPath();
    const out = await collectBackup(testContext(), REGION);
    assert.ok(out.plans.ok);
    assert.deepEqual(out.plans.value, [
      {
        BackupPlanId: '8a3a1c4e-plan',
        BackupPlanArn: PLAN_ARN,
        BackupPlanName: 'daily',
        VersionId: 'ver-1',
        Rules: [
          {
            RuleName: 'daily-35d',
            RuleId: 'rule-1',
            TargetBackupVaultName: 'prod',
            ScheduleExpression: 'cron(0 5 ? * * *)',
            StartWindowMinutes: 60,
            CompletionWindowMinutes: 180,
            EnableContinuousBackup: true,
            Lifecycle: { DeleteAfterDays: 35 },
            CopyActions: [{ DestinationBackupVaultArn: DR_VAULT, Lifecycle: { DeleteAfterDays: 90 } }],
          },
        ],
        selections: {
          ok: true,
          value: [
            {
              SelectionId: 'sel-1',
              SelectionName: 'tagged',
              IamRoleArn: 'arn:aws:iam::111122223333:role/backup',
              Resources: ['arn:aws:ec2:*:*:volume/*'],
              ListOfTags: [{ ConditionType: 'STRINGEQUALS', ConditionKey: 'backup', ConditionValue: 'daily' }],
              Conditions: { StringEquals: [{ ConditionKey: 'aws:ResourceTag/env', ConditionValue: 'prod' }] },
            },
          ],
        },
      },
    ]);
    assert.deepEqual(out.protectedResources, {
      ok: true,
      value: [{ ResourceArn: 'arn:aws:ec2:eu-west-1:111122223333:volume/vol-1', ResourceType: 'EBS', LastBackupTime: '2024-11-30T05:00:00.000Z', LastBackupVaultArn: VAULT_ARN }],
    });
    assert.deepEqual(out.restoreTestingPlans, {
      ok: true,
      value: [
        {
          RestoreTestingPlanName: 'monthly_restore',
          RestoreTestingPlanArn: 'arn:aws:backup:eu-west-1:111122223333:restore-testing-plan:monthly_restore-abc',
          ScheduleExpression: 'cron(0 1 1 * ? *)',
          LastExecutionTime: '2024-11-01T01:00:00.000Z',
          selections: { ok: true, value: [{ RestoreTestingSelectionName: 'ebs_sel', ProtectedResourceType: 'EBS' }] },
        },
      ],
    });
  });

  it('a failing ListBackupSelections only makes that plan\'s selections unknown', async () => {
    mockHappyPath();
    backup.on(ListBackupSelectionsCommand).rejects(awsError(BackupServiceException, 'AccessDeniedException', 403, 'not authorized to perform: backup:ListBackupSelections'));
    const ctx = testContext();
    const out = await collectBackup(ctx, REGION);
    assert.ok(out.plans.ok);
    const sel = out.plans.value[0].selections;
    assert.ok(!sel.ok);
    assert.equal(sel.error.code, 'AccessDeniedException');
    assert.equal(sel.error.permission, 'backup:ListBackupSelections');
    assert.equal(sel.error.resource, PLAN_ARN);
    assert.equal(out.plans.value[0].Rules[0].CopyActions?.[0].DestinationBackupVaultArn, DR_VAULT);
    assert.equal(ctx.errors.length, 1);
  });

  it('a plan whose rules cannot be read makes the plan list unknown (not "no copy actions")', async () => {
    mockHappyPath();
    backup.on(GetBackupPlanCommand).rejects(awsError(BackupServiceException, 'AccessDeniedException', 403, 'denied'));
    const out = await collectBackup(testContext(), REGION);
    assert.ok(!out.plans.ok);
    assert.equal(out.plans.error.api, 'backup:GetBackupPlan');
    assert.equal(out.plans.error.resource, PLAN_ARN);
    assert.ok(out.vaults.ok);
  });

  it('a real ResourceNotFoundException elsewhere is still an error (only the vault policy maps to null)', async () => {
    mockHappyPath();
    backup.on(ListRecoveryPointsByBackupVaultCommand, { BackupVaultName: 'scratch' }).rejects(notFound('Backup vault scratch does not exist'));
    const ctx = testContext();
    const out = await collectBackup(ctx, REGION);
    assert.ok(out.vaults.ok);
    const scratch = out.vaults.value[1];
    assert.ok(!scratch.recoveryPoints.ok);
    assert.equal(scratch.recoveryPoints.error.code, 'ResourceNotFoundException');
    assert.deepEqual(ctx.errors.map((e) => e.api), ['backup:ListRecoveryPointsByBackupVault']);
  });
});
