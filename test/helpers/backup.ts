// Small builders for AWS Backup test data.
import type { BackupPlan, BackupRecoveryPoint, BackupRule, BackupSelection, BackupVault } from '../../src/inventory/types';
import { ACCOUNT, ok } from './inventory';

export const vaultArn = (name: string, acct = ACCOUNT, region = 'us-east-1') => `arn:aws:backup:${region}:${acct}:backup-vault:${name}`;

export function rule(name: string, patch: Partial<BackupRule> = {}): BackupRule {
  return { RuleName: name, TargetBackupVaultName: 'main', ScheduleExpression: 'cron(0 5 ? * * *)', Lifecycle: { DeleteAfterDays: 35 }, ...patch };
}

export function selection(name: string, patch: Partial<BackupSelection> = {}): BackupSelection {
  return { SelectionId: name, SelectionName: name, IamRoleArn: `arn:aws:iam::${ACCOUNT}:role/backup`, ...patch };
}

export function plan(name: string, rules: BackupRule[] = [rule('daily')], selections: BackupSelection[] | BackupPlan['selections'] = []): BackupPlan {
  return {
    BackupPlanId: name,
    BackupPlanArn: `arn:aws:backup:us-east-1:${ACCOUNT}:backup-plan:${name}`,
    BackupPlanName: name,
    Rules: rules,
    selections: Array.isArray(selections) ? ok(selections) : selections,
  };
}

export function vault(name: string, patch: Partial<BackupVault> = {}): BackupVault {
  return { BackupVaultName: name, BackupVaultArn: vaultArn(name), NumberOfRecoveryPoints: 1, accessPolicy: ok(null), recoveryPoints: ok([]), ...patch };
}

export function recoveryPoint(resourceArn: string, created: string, patch: Partial<BackupRecoveryPoint> = {}): BackupRecoveryPoint {
  return { RecoveryPointArn: `${resourceArn}:rp:${created}`, ResourceArn: resourceArn, Status: 'COMPLETED', CreationDate: created, Lifecycle: { DeleteAfterDays: 35 }, ...patch };
}
