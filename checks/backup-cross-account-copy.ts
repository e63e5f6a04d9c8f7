import { parseVaultArn } from './arn';
import { hoursText } from './common';
import { scheduleHours } from './backup-selection';
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
        const copying: { rule: string; hours?: number }[] = [];
        const without: { rule: string; hours?: number }[] = [];
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
          (ruleCopies ? copying : without).push({ rule: rule.RuleName, hours: scheduleHours(rule.ScheduleExpression) });
        }
        const rulesWithout = without.map((r) => r.rule);
        const sel = plan.selections.ok ? undefined : plan.selections.error;
        const details = { crossAccount, sameAccount, malformed, rulesWithout, ...(sel ? { selectionsUnread: { api: sel.api, permission: sel.permission, errorCode: sel.code } } : {}) };
        const base = { ...where, resourceId: plan.BackupPlanArn, details };
        const name = plan.BackupPlanName;
        // Selections only decide FAIL vs NOT_APPLICABLE: a plan that copies nothing away never passes.
        const unread = sel ? ` Its resource selections could not be read (grant ${sel.permission}), so it may back up nothing.` : '';
        const bad = malformed.length ? `Copy destination ${malformed.join(', ')} is not a valid backup vault ARN: those copy jobs fail.` : '';
        if (crossAccount.length) {
          const dests = [...new Set(crossAccount)].join(', ');
          // Rules that run more often than any copying rule leave the newest copy up to that rule's interval old.
          // Copying rules with no (readable) schedule say nothing about the interval, so they stay out of the minimum;
          // with no scheduled copying rule at all there is no interval to judge against.
          const every = Math.min(...copying.flatMap((r) => (r.hours === undefined ? [] : [r.hours])));
          const faster = Number.isFinite(every) ? without.filter((r) => r.hours !== undefined && r.hours < every) : [];
          if (faster.length) {
            out.push({
              ...base,
              status: 'FAIL',
              severity: 'medium',
              message: `Plan ${name} copies to another account (${dests}) only from rule ${copying.map((r) => r.rule).join(', ')}: the most recent cross-account copy can be up to ${hoursText(every)} old. Add a copy action to rule ${faster.map((r) => r.rule).join(', ')} too.${bad ? ` ${bad}` : ''}`,
            });
          } else if (bad) {
            out.push({ ...base, status: 'FAIL', severity: 'low', message: `Plan ${name} copies to another account (${dests}), but ${bad[0].toLowerCase()}${bad.slice(1)} Fix or remove it.` });
          } else {
            const partial = rulesWithout.length ? ` Rules ${rulesWithout.join(', ')} keep their recovery points in this account only.` : '';
            out.push({ ...base, status: 'PASS', message: `Plan ${name} copies to another account (${dests}).${partial}` });
          }
        } else if (malformed.length) {
          out.push({ ...base, status: 'FAIL', message: `Plan ${name} has a copy destination that is not a valid backup vault ARN (${malformed.join(', ')}); no rule copies to another account.${unread}` });
        } else if (sameAccount.length) {
          out.push({ ...base, status: 'FAIL', message: `Plan ${name} copies only to vaults in this same account (${[...new Set(sameAccount)].join(', ')}): a copy to another region survives a regional outage, but an account wipe takes the copies too. Add a copy action to a vault in the backup account.${unread}` });
        } else {
          out.push({ ...base, status: 'FAIL', message: `Plan ${name} keeps every recovery point in this account: no rule copies to another account. Add a copy action to a vault in the backup account.${unread}` });
        }
      }
    }
    return out;
  },
};
