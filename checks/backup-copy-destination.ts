import { plural } from './common';
import { parseVaultArn } from './arn';
import { ACCOUNT_APIS } from '../src/org/merge';
import { lockState } from './backup-selection';
import type { Check, CheckResult } from './types';
import { eachRegion, unknown } from './types';

// Organization mode's cross-account fact: a copy into account B is only a way back if B's vault exists
// and is locked, and that is judged with B's own data when B is audited in the same run.
export const backupCopyDestination: Check = {
  meta: {
    id: 'backup-copy-destination',
    title: 'Backup copies to another account land in a locked vault there',
    severity: 'high',
    threats: ['account-wipe'],
    resourceType: 'AWS::Backup::BackupVault',
    risk: 'A copy action that names a vault in another account protects nothing if that vault does not exist (the copy jobs fail) or if it is not locked in compliance mode past its grace period (whoever administers the backup account can remove a governance lock, or a compliance lock still in its grace period, and delete the copies).',
    remediation: {
      console:
        'In the backup account: AWS Backup console → Backup vaults → the destination vault (create it if missing, and allow backup:CopyIntoBackupVault from the source account in its access policy) → Vault lock → Create vault lock → compliance mode with a minimum retention.',
      cli: 'aws backup put-backup-vault-lock-configuration --backup-vault-name <vault> --min-retention-days 30 --changeable-for-days 3   # run in the backup account',
      cloudformation: 'AWS::Backup::BackupVault: LockConfiguration { MinRetentionDays: 30, ChangeableForDays: 3 } (in the backup account)',
    },
    permissions: ['backup:ListBackupPlans', 'backup:GetBackupPlan', 'backup:ListBackupVaults'],
  },
  run({ inventory, now }) {
    const out: CheckResult[] = [];
    const seen = new Set<string>();
    for (const [account, region] of eachRegion(inventory)) {
      const plans = region.backup.plans;
      if (!plans.ok) continue; // backup-cross-account-copy reports the unknown plans
      for (const plan of plans.value)
        for (const rule of plan.Rules)
          for (const copy of rule.CopyActions ?? []) {
            const arn = copy.DestinationBackupVaultArn;
            const dest = parseVaultArn(arn);
            if (!dest || dest.accountId === account.accountId || seen.has(`${account.accountId} ${arn}`)) continue;
            seen.add(`${account.accountId} ${arn}`);
            const where = { accountId: account.accountId, region: dest.region, resourceId: arn };
            const base = { ...where, details: { sourcePlan: plan.BackupPlanArn, destinationAccount: dest.accountId } };
            const target = inventory.accounts.find((a) => a.accountId === dest.accountId);
            // Organization mode records an account whose collection failed as a top-level error, not an account.
            const failed = !target ? inventory.errors.find((e) => e.accountId === dest.accountId && ACCOUNT_APIS.has(e.api)) : undefined;
            if (failed) {
              out.push(unknown(failed, where, `check vault ${dest.name} in account ${dest.accountId}, whose collection failed`));
              continue;
            }
            if (!target) {
              out.push({ ...base, status: 'NOT_APPLICABLE', message: `Plan ${plan.BackupPlanName} copies to account ${dest.accountId}, which is not part of this audit: audit it too (--org, or add it to --accounts) to check that vault ${dest.name} exists and is locked.` });
              continue;
            }
            const vaults = target.regions.find((r) => r.region === dest.region)?.backup.vaults;
            if (!vaults) {
              out.push({ ...base, status: 'NOT_APPLICABLE', message: `Plan ${plan.BackupPlanName} copies to ${dest.region} in account ${dest.accountId}, a region this audit did not scan: add --region ${dest.region}.` });
              continue;
            }
            if (!vaults.ok) {
              out.push(unknown(vaults.error, where, `list the vaults of account ${dest.accountId} in ${dest.region}`));
              continue;
            }
            const vault = vaults.value.find((v) => v.BackupVaultArn === arn || v.BackupVaultName === dest.name);
            if (!vault) {
              out.push({ ...base, status: 'FAIL', severity: 'critical', message: `Plan ${plan.BackupPlanName} copies to vault ${dest.name}, which does not exist in account ${dest.accountId} (${dest.region}): the copy jobs fail and no copy leaves the account.` });
              continue;
            }
            const lock = lockState(vault, now);
            const copies = `Plan ${plan.BackupPlanName} copies to vault ${dest.name} in account ${dest.accountId}`;
            const details = { ...base.details, lockMode: lock.mode, minRetentionDays: vault.MinRetentionDays };
            if (lock.mode === 'none') out.push({ ...base, details, status: 'FAIL', message: `${copies}, which has no vault lock: an administrator of that account can delete the copies.` });
            else if (lock.mode === 'governance')
              out.push({ ...base, details, status: 'FAIL', severity: 'medium', message: `${copies}, locked only in governance mode: anyone there with backup:DeleteBackupVaultLockConfiguration can remove the lock and delete the copies. Make it a compliance lock.` });
            else if (lock.mode === 'grace')
              out.push({ ...base, details, status: 'FAIL', severity: 'low', message: `${copies}, whose compliance lock is still in its grace period: it can be removed until ${lock.until}.` });
            else out.push({ ...base, details, status: 'PASS', message: `${copies}, locked (${lock.mode === 'air-gapped' ? 'logically air-gapped' : 'compliance mode'}${vault.MinRetentionDays ? `, ${plural(vault.MinRetentionDays, 'day')} minimum` : ''}).` });
          }
    }
    return out;
  },
};
