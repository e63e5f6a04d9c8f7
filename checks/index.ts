// The explicit registry: a check runs only if it is listed here (test/checks/registry.test.ts
// fails when a check file is not).
import { backupCopyDestination } from './backup-copy-destination';
import { backupCrossAccountCopy } from './backup-cross-account-copy';
import { ec2RecoverableByAutomation } from './ec2-recoverable-by-automation';
import { iamAccessKeyAge } from './iam-access-key-age';
import { iamRootAccessKeys } from './iam-root-access-keys';
import { s3Versioning } from './s3-versioning';
import type { Check } from './types';

export const CHECKS: readonly Check[] = [
  s3Versioning,
  backupCrossAccountCopy,
  backupCopyDestination,
  ec2RecoverableByAutomation,
  iamAccessKeyAge,
  iamRootAccessKeys,
];

/** Check id → its threshold names, for validating the config. */
export function knownThresholds(checks: readonly Check[] = CHECKS): Map<string, Set<string>> {
  return new Map(checks.map((c) => [c.meta.id, new Set(Object.keys(c.meta.thresholds ?? {}))]));
}
