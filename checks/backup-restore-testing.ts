import { backupTargets, coverageOf, TARGET_PERMISSIONS } from './backup-selection';
import type { Check, CheckResult } from './types';
import { eachRegion, listUnknown } from './types';

// A backup that was never restored is a hope, not a backup: restore testing proves the recovery
// points restore and measures how long it takes.
export const backupRestoreTesting: Check = {
  meta: {
    id: 'backup-restore-testing',
    title: 'Restore testing covers every protected resource type',
    severity: 'medium',
    threats: ['account-wipe', 'server-compromise', 'engineer-mistake'],
    resourceType: 'AWS::Backup::RestoreTestingPlan',
    risk: 'Backups fail to restore for reasons nobody sees until the day they are needed: missing KMS permissions, wrong subnet or parameter group, an app that cannot start from a crash-consistent copy. A scheduled restore test finds this while there is time, and measures the real recovery time.',
    remediation: {
      console:
        'AWS Backup console → Restore testing → Create restore testing plan (frequency e.g. weekly, "latest recovery point") → Assign resources: one selection per protected resource type (RDS, Aurora, DynamoDB, EBS, EC2, EFS, S3...) with the restore metadata it needs → Create.',
      cli: 'aws backup create-restore-testing-plan --restore-testing-plan \'{"RestoreTestingPlanName":"weekly","ScheduleExpression":"cron(0 3 ? * SAT *)","RecoveryPointSelection":{"Algorithm":"LATEST_WITHIN_WINDOW","IncludeVaults":["*"],"RecoveryPointTypes":["SNAPSHOT"]}}\'; aws backup create-restore-testing-selection --restore-testing-plan-name weekly --restore-testing-selection \'{"RestoreTestingSelectionName":"rds","ProtectedResourceType":"RDS","IamRoleArn":"<role>","ProtectedResourceArns":["*"]}\'',
      cloudformation: 'AWS::Backup::RestoreTestingPlan + AWS::Backup::RestoreTestingSelection { ProtectedResourceType: <type> } per type',
    },
    permissions: ['backup:ListRestoreTestingPlans', 'backup:ListRestoreTestingSelections', 'backup:ListProtectedResources', 'backup:ListBackupPlans', 'backup:ListBackupSelections', ...TARGET_PERMISSIONS],
  },
  run({ inventory }) {
    const out: CheckResult[] = [];
    for (const [account, region] of eachRegion(inventory)) {
      const where = { accountId: account.accountId, region: region.region };
      const bk = region.backup;
      const types = new Set<string>();
      if (bk.protectedResources.ok) for (const p of bk.protectedResources.value) if (p.ResourceType) types.add(p.ResourceType);
      if (bk.plans.ok) for (const t of backupTargets(account, region).targets) if (coverageOf(t, bk.plans.value).by.length) types.add(t.type);
      if (!types.size) {
        // Nothing known to be protected: only a failed listing leaves this open.
        if (!bk.protectedResources.ok) out.push(...(listUnknown(bk.protectedResources, where, 'list the protected resources') ?? []));
        // A restore testing plan with nothing to test would otherwise leave its owner wondering
        // whether it was looked at; a region with neither stays silent (no noise per empty region).
        else if (bk.restoreTestingPlans.ok && bk.restoreTestingPlans.value.length) {
          const names = bk.restoreTestingPlans.value.map((p) => p.RestoreTestingPlanName).join(', ');
          out.push({
            ...where,
            resourceId: `arn:${account.partition}:backup:${region.region}:${account.accountId}:restore-testing/*`,
            status: 'NOT_APPLICABLE',
            message: `Nothing is backed up in ${region.region}, so there is nothing to restore-test (restore testing plans: ${names}); backup-plan-coverage judges what should be backed up.`,
          });
        }
        continue;
      }
      const rt = bk.restoreTestingPlans;
      const failed = listUnknown(rt, where, 'list the restore testing plans');
      if (failed || !rt.ok) {
        out.push(...(failed ?? []));
        continue;
      }
      const tested = new Map<string, string[]>();
      const missing = new Set<string>();
      for (const plan of rt.value) {
        if (!plan.selections.ok) {
          missing.add(plan.selections.error.permission);
          continue;
        }
        for (const s of plan.selections.value) if (s.ProtectedResourceType) tested.set(s.ProtectedResourceType, [...(tested.get(s.ProtectedResourceType) ?? []), plan.RestoreTestingPlanName]);
      }
      for (const type of [...types].sort()) {
        const base = { ...where, resourceId: `arn:${account.partition}:backup:${region.region}:${account.accountId}:restore-testing/${type}`, details: { resourceType: type } };
        const plans = tested.get(type);
        if (plans) out.push({ ...base, status: 'PASS', message: `${type} backups in ${region.region} are restore-tested by ${[...new Set(plans)].join(', ')}.` });
        else if (missing.size)
          out.push({ ...base, status: 'UNKNOWN', missingPermissions: [...missing], message: `Could not tell whether ${type} backups are restore-tested: grant ${[...missing].join(', ')} to read the restore testing selections.` });
        else
          out.push({
            ...base,
            status: 'FAIL',
            message: `${type} resources are backed up in ${region.region} but ${rt.value.length ? 'no restore testing plan selects' : 'there is no restore testing plan for'} ${type}: nobody knows whether those backups restore, or how long it takes.`,
          });
      }
    }
    return out;
  },
};
