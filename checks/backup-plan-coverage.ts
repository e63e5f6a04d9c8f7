import { backupTargets, coverageOf, TARGET_PERMISSIONS } from './backup-selection';
import { plural } from './common';
import type { Check, CheckResult } from './types';
import { eachRegion, listUnknown } from './types';

// A backup plan protects only what its resource assignments select. Plans that look right in the
// console but select nothing (or select by a tag nobody set) are common.
export const backupPlanCoverage: Check = {
  meta: {
    id: 'backup-plan-coverage',
    title: 'Databases, file systems, volumes and instances are selected by a backup plan',
    severity: 'high',
    threats: ['account-wipe', 'server-compromise', 'engineer-mistake'],
    resourceType: 'AWS::Backup::BackupPlan',
    risk: 'A resource no backup plan selects has no scheduled backup: when it is deleted or corrupted, there is nothing to restore. A plan without a resource assignment covers nothing, however good its rules.',
    remediation: {
      console:
        'AWS Backup console → Backup plans → the plan → Resource assignments → Assign resources → "Include specific resource types" (or all) and, to scale, "Refine selection using tags" with a tag such as backup=daily → Assign. Then tag the resource accordingly.',
      cli: 'aws backup create-backup-selection --backup-plan-id <plan-id> --backup-selection \'{"SelectionName":"all-tagged","IamRoleArn":"arn:aws:iam::<account>:role/service-role/AWSBackupDefaultServiceRole","Resources":["*"],"Conditions":{"StringEquals":[{"ConditionKey":"aws:ResourceTag/backup","ConditionValue":"daily"}]}}\'   # then: tag the resource backup=daily',
      cloudformation: 'AWS::Backup::BackupSelection { BackupPlanId, BackupSelection: { SelectionName, IamRoleArn, Resources: ["*"], Conditions: { StringEquals: [{ ConditionKey: aws:ResourceTag/backup, ConditionValue: daily }] } } }',
    },
    permissions: ['backup:ListBackupPlans', 'backup:GetBackupPlan', 'backup:ListBackupSelections', 'backup:GetBackupSelection', ...TARGET_PERMISSIONS],
  },
  run({ inventory }) {
    const out: CheckResult[] = [];
    for (const [account, region] of eachRegion(inventory)) {
      const where = { accountId: account.accountId, region: region.region };
      const plans = region.backup.plans;
      const { targets, failures } = backupTargets(account, region);
      out.push(...failures);
      if (!plans.ok) {
        if (targets.length) out.push(...(listUnknown(plans, where, 'list the backup plans') ?? []));
        continue;
      }
      for (const plan of plans.value) {
        if (plan.selections.ok && plan.selections.value.length === 0)
          out.push({ ...where, resourceId: plan.BackupPlanArn, status: 'FAIL', severity: 'medium', message: `Backup plan ${plan.BackupPlanName} has no resource assignment: it backs up nothing.` });
      }
      const coverage = new Map(targets.map((t) => [t.arn, coverageOf(t, plans.value)]));
      for (const t of targets) {
        const base = { ...where, resourceId: t.arn, resourceType: t.cfnType };
        const label = `${t.type} ${t.name}`;
        if (t.replacedBy) {
          out.push({ ...base, status: 'NOT_APPLICABLE', message: `${label} is replaced, not restored: its ${t.replacedBy} launches a fresh one (keep its state in a backed-up store).` });
          continue;
        }
        if (t.replicaOf) {
          out.push({ ...base, status: 'NOT_APPLICABLE', message: t.replicaOf });
          continue;
        }
        const cov = coverage.get(t.arn)!;
        if (cov.by.length) {
          const by = [...new Set(cov.by.map((b) => `${b.plan.BackupPlanName} (${b.selection})`))];
          out.push({ ...base, status: 'PASS', message: `${label} is backed up by plan ${by.join(', ')}.`, details: { plans: by } });
          continue;
        }
        const viaInstance = (t.attachedTo ?? []).find((i) => coverage.get(i)?.by.length);
        if (viaInstance) {
          out.push({ ...base, status: 'PASS', message: `${label} is attached to ${viaInstance.split('/').pop()}, whose EC2 backup (an AMI) includes its volumes.` });
          continue;
        }
        const instances = region.ec2.instances;
        if (t.attachedTo?.length && !instances.ok) cov.unknown.push(instances.error.permission); // its instance's backup may cover it
        if (cov.unknown.length) {
          const perms = cov.unknown.filter((p) => p !== 'tags');
          out.push({
            ...base,
            status: 'UNKNOWN',
            missingPermissions: perms.length ? perms : undefined,
            message: `Could not tell whether ${label} is selected by a backup plan: ${perms.length ? `grant ${perms.join(', ')}` : 'its tags were not collected'} (a selection depends on it).`,
          });
          continue;
        }
        const none = plans.value.length === 0 ? 'there is no backup plan in this region' : `none of the ${plural(plans.value.length, 'backup plan')} in this region selects it`;
        out.push({ ...base, status: 'FAIL', message: `${label} has no scheduled backup: ${none}. Add it to a plan's resource assignment (by ARN, or by a tag the plan selects).` });
      }
    }
    return out;
  },
};
