// The explicit registry: a check runs only if it is listed here (test/checks/registry.test.ts
// fails when a check file is not). Order: S3, AWS Backup, compute, databases, credentials, organization.
import { asgCanRelaunch } from './asg-can-relaunch';
import { backupCopyDestination } from './backup-copy-destination';
import { backupCrossAccountCopy } from './backup-cross-account-copy';
import { backupPlanCoverage } from './backup-plan-coverage';
import { backupRecoveryPointAge } from './backup-recovery-point-age';
import { backupRestoreTesting } from './backup-restore-testing';
import { backupVaultAccessPolicy } from './backup-vault-access-policy';
import { backupVaultLock } from './backup-vault-lock';
import { dynamodbRecoverability } from './dynamodb-recoverability';
import { ec2RecoverableByAutomation } from './ec2-recoverable-by-automation';
import { ec2RoleDataReach } from './ec2-role-data-reach';
import { iamAccessKeyAge } from './iam-access-key-age';
import { iamAccessKeyUnused } from './iam-access-key-unused';
import { iamConsoleUserMfa } from './iam-console-user-mfa';
import { iamLongLivedKeyUsage } from './iam-long-lived-key-usage';
import { iamPrincipalCanWipe } from './iam-principal-can-wipe';
import { iamRootAccessKeys } from './iam-root-access-keys';
import { iamRootMfa } from './iam-root-mfa';
import { iamTwoActiveKeys } from './iam-two-active-keys';
import { orgBackupAccount } from './org-backup-account';
import { rdsRecoverability } from './rds-recoverability';
import { s3CrossAccountReplication } from './s3-cross-account-replication';
import { s3DataClassified } from './s3-data-classified';
import { s3DeleteProtection } from './s3-delete-protection';
import { s3NoncurrentRetention } from './s3-noncurrent-retention';
import { s3Versioning } from './s3-versioning';
import type { Check } from './types';

export const CHECKS: readonly Check[] = [
  s3Versioning,
  s3NoncurrentRetention,
  s3DeleteProtection,
  s3CrossAccountReplication,
  s3DataClassified,
  backupPlanCoverage,
  backupCrossAccountCopy,
  backupCopyDestination,
  backupVaultLock,
  backupVaultAccessPolicy,
  backupRecoveryPointAge,
  backupRestoreTesting,
  ec2RecoverableByAutomation,
  asgCanRelaunch,
  ec2RoleDataReach,
  rdsRecoverability,
  dynamodbRecoverability,
  iamAccessKeyAge,
  iamAccessKeyUnused,
  iamTwoActiveKeys,
  iamRootAccessKeys,
  iamRootMfa,
  iamConsoleUserMfa,
  iamLongLivedKeyUsage,
  iamPrincipalCanWipe,
  orgBackupAccount,
];

/** Check id → its threshold names, for validating the config. */
export function knownThresholds(checks: readonly Check[] = CHECKS): Map<string, Set<string>> {
  return new Map(checks.map((c) => [c.meta.id, new Set(Object.keys(c.meta.thresholds ?? {}))]));
}
