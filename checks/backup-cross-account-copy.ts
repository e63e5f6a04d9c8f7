import { parseVaultArn } from './arn';
import type { Check, CheckResult } from './types';
import { eachRegion, listUnknown } from './types';

// A backup in the same account dies with the account: the copy in another account is the way back
// from the "account wipe" case.
export const backupCrossAccountCopy: Check = {
  meta: {
    id: 'backup-cross-account-copy',
    title: 'Backup plans copy recovery points to another account',
    severity: 'critical',
    threats: ['account-wipe'],
    resourceType: 'AWS::Backup::BackupPlan',
    risk: 'Whoever can delete this account’s resources can also delete the backups kept in it. A copy in a separate account that few people can reach survives an account wipe.',
    remediation: {
      console:
        'AWS Backup console → Backup plans → the plan → each backup rule → Edit → "Copy to destination" → choose "Copy to another account\'s vault" and enter the vault ARN in the backup account (the destination vault policy must allow backup:CopyIntoBackupVault from this account).',
      cli: 'aws backup update-backup-plan --backup-plan-id <id> --backup-plan file://plan.json   # add CopyActions: [{"DestinationBackupVaultArn": "arn:aws:backup:<region>:<backup-account>:backup-vault:<vault>"}] to each rule',
      cloudformation: 'AWS::Backup::BackupPlan: BackupPlanRule[].CopyActions[].DestinationBackupVaultArn = a vault ARN in the backup account',
    },
    permissions: ['backup:ListBackupPlans', 'backup:GetBackupPlan', 'backup:ListBackupSelections'],
  },
  run({ inventory }) {
    const out: CheckResult[] = [];
    for (const [account, region] of eachRegion(inventory)) {
      const where = { accountId: account.accountId, region: region.region };
      const plans = region.backup.plans;
      const failed = listUnknown(plans, where, 'list the backup plans');
      if (failed || !plans.ok) {
        out.push(...(failed ?? []));
        continue;
      }
      for (const plan of plans.value) {
        if (plan.selections.ok && plan.selections.value.length === 0) {
          out.push({ ...where, resourceId: plan.BackupPlanArn, status: 'NOT_APPLICABLE', message: `Plan ${plan.BackupPlanName} selects no resources, so it has nothing to copy (backup-plan-coverage reports it).` });
          continue;
        }
        const crossAccount: string[] = [];
        const sameAccount: string[] = [];
        const malformed: string[] = [];
        const rulesWithout: string[] = [];
        for (const rule of plan.Rules) {
          let ruleCopies = false;
          for (const copy of rule.CopyActions ?? []) {
            const dest = parseVaultArn(copy.DestinationBackupVaultArn);
            if (!dest) malformed.push(copy.DestinationBackupVaultArn);
            else if (dest.accountId !== account.accountId) {
              crossAccount.push(copy.DestinationBackupVaultArn);
              ruleCopies = true;
            } else sameAccount.push(copy.DestinationBackupVaultArn);
          }
          if (!ruleCopies) rulesWithout.push(rule.RuleName);
        }
        const base = { ...where, resourceId: plan.BackupPlanArn, details: { crossAccount, sameAccount, malformed, rulesWithout } };
        if (crossAccount.length) {
          const partial = rulesWithout.length ? ` Rules ${rulesWithout.join(', ')} keep their recovery points in this account only.` : '';
          out.push({ ...base, status: 'PASS', message: `Plan ${plan.BackupPlanName} copies to another account (${[...new Set(crossAccount)].join(', ')}).${partial}` });
        } else if (!plan.selections.ok) {
          // Failing a plan that may select nothing would be a guess either way.
          out.push({
            ...base,
            status: 'UNKNOWN',
            missingPermissions: [plan.selections.error.permission],
            message: `Plan ${plan.BackupPlanName} copies nothing to another account; whether it backs up any resource could not be read (grant ${plan.selections.error.permission}).`,
          });
        } else if (malformed.length) {
          out.push({ ...base, status: 'FAIL', message: `Plan ${plan.BackupPlanName} has a copy destination that is not a valid backup vault ARN (${malformed.join(', ')}); no rule copies to another account.` });
        } else if (sameAccount.length) {
          out.push({ ...base, status: 'FAIL', message: `Plan ${plan.BackupPlanName} copies only to vaults in this same account (${[...new Set(sameAccount)].join(', ')}): a copy to another region survives a regional outage, but an account wipe takes the copies too. Add a copy action to a vault in the backup account.` });
        } else {
          out.push({ ...base, status: 'FAIL', message: `Plan ${plan.BackupPlanName} keeps every recovery point in this account: no rule copies to another account. Add a copy action to a vault in the backup account.` });
        }
      }
    }
    return out;
  },
};
