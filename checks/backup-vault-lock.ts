import type { Severity } from '../src/model';
import { lockState, vaultNotInUse, vaultWriters } from './backup-selection';
import { plural, worst } from './common';
import type { Check, CheckResult } from './types';
import { eachRegion, listUnknown } from './types';

// Vault Lock is what stops an admin (or a stolen admin key) from deleting recovery points. Only
// compliance mode past its grace period is immutable.
export const backupVaultLock: Check = {
  meta: {
    id: 'backup-vault-lock',
    title: 'Backup vaults are locked in compliance mode',
    severity: 'high',
    threats: ['account-wipe'],
    resourceType: 'AWS::Backup::BackupVault',
    risk: 'Without Vault Lock, anyone with backup:DeleteRecoveryPoint can delete every backup. Governance mode can be removed by anyone with backup:DeleteBackupVaultLockConfiguration, and compliance mode can still be removed during its grace period. A lock whose minimum or maximum retention disagrees with a plan makes that plan\'s backup or copy jobs fail.',
    remediation: {
      console:
        'AWS Backup console → Backup vaults → the vault → Vault lock → Create vault lock → mode Compliance, minimum retention (e.g. 7 days), maximum retention (≥ the longest plan retention), grace time (≥ 3 days to test) → Create. After the grace time the lock cannot be removed. Make each plan rule\'s retention fall between the minimum and maximum.',
      cli: 'aws backup put-backup-vault-lock-configuration --backup-vault-name <vault> --min-retention-days 7 --max-retention-days 3650 --changeable-for-days 3',
      cloudformation: 'AWS::Backup::BackupVault LockConfiguration: { MinRetentionDays: 7, MaxRetentionDays: 3650, ChangeableForDays: 3 }',
    },
    permissions: ['backup:ListBackupVaults', 'backup:ListBackupPlans', 'backup:GetBackupPlan'],
  },
  run({ inventory, now }) {
    const out: CheckResult[] = [];
    const { writers, unknownPlans } = vaultWriters(inventory);
    for (const [account, region] of eachRegion(inventory)) {
      const where = { accountId: account.accountId, region: region.region };
      const vaults = region.backup.vaults;
      const failed = listUnknown(vaults, where, 'list the backup vaults');
      if (failed || !vaults.ok) {
        out.push(...(failed ?? []));
        continue;
      }
      const plansPermission = unknownPlans.get(`${account.accountId}/${region.region}`);
      for (const v of vaults.value) {
        const base = { ...where, resourceId: v.BackupVaultArn };
        const ws = writers.get(v.BackupVaultArn) ?? [];
        const idle = vaultNotInUse(v, writers, plansPermission, base);
        if (idle) {
          out.push(idle);
          continue;
        }
        const lock = lockState(v, now);
        if (lock.mode === 'air-gapped') {
          out.push({ ...base, status: 'PASS', message: `Vault ${v.BackupVaultName} is a logically air-gapped vault, always locked in compliance mode.` });
          continue;
        }
        const problems: { severity: Severity; text: string }[] = [];
        if (lock.mode === 'none') {
          problems.push({ severity: 'high', text: `Vault ${v.BackupVaultName} is not locked: anyone with backup:DeleteRecoveryPoint can delete its recovery points. Add a compliance-mode Vault Lock.` });
        } else if (lock.mode === 'governance') {
          problems.push({ severity: 'medium', text: `Vault ${v.BackupVaultName} is locked in governance mode: anyone with backup:DeleteBackupVaultLockConfiguration can remove the lock. Re-apply it with --changeable-for-days to make it a compliance lock.` });
        } else if (lock.mode === 'grace') {
          problems.push({ severity: 'low', text: `Vault ${v.BackupVaultName} has a compliance lock still in its grace period: it can be removed until ${lock.until}, after which it is immutable.` });
        }
        if (v.Locked) {
          for (const w of ws) {
            const kept = w.retentionDays === undefined ? 'forever' : plural(w.retentionDays, 'day');
            const what = `${w.how === 'copy' ? 'copies from' : 'backups of'} plan ${w.plan} rule ${w.rule} (kept ${kept})`;
            if (v.MinRetentionDays !== undefined && w.retentionDays !== undefined && w.retentionDays < v.MinRetentionDays)
              problems.push({ severity: 'high', text: `${what} are shorter than the vault's minimum retention of ${plural(v.MinRetentionDays, 'day')}: those jobs fail.` });
            if (v.MaxRetentionDays !== undefined && (w.retentionDays === undefined || w.retentionDays > v.MaxRetentionDays))
              problems.push({ severity: 'high', text: `${what} exceed the vault's maximum retention of ${plural(v.MaxRetentionDays, 'day')}: those jobs fail.` });
          }
        }
        const details = { locked: !!v.Locked, lockDate: v.LockDate, minRetentionDays: v.MinRetentionDays, maxRetentionDays: v.MaxRetentionDays, writers: ws };
        if (problems.length) {
          const severity = worst(problems.map((p) => p.severity));
          out.push({ ...base, status: 'FAIL', severity, details, message: problems.map((p) => p.text).join(' ') });
        } else if (plansPermission) {
          out.push({
            ...base,
            status: 'UNKNOWN',
            missingPermissions: [plansPermission],
            details,
            message: `Vault ${v.BackupVaultName} is immutably locked, but the backup plans could not be read (grant ${plansPermission}) to check their retention against the lock's limits.`,
          });
        } else {
          out.push({ ...base, status: 'PASS', details, message: `Vault ${v.BackupVaultName} is locked in compliance mode since ${v.LockDate} (retention ${v.MinRetentionDays ?? '-'}–${v.MaxRetentionDays ?? '-'} days), and every plan writing to it fits.` });
        }
      }
    }
    return out;
  },
};
