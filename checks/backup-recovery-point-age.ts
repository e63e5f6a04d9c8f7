import type { BackupRecoveryPoint } from '../src/inventory/types';
import { hoursText, plural } from './common';
import { backupTargets, coverageOf, scheduleHours, stillExists, TARGET_PERMISSIONS } from './backup-selection';
import type { Check, CheckResult } from './types';
import { DAY_MS, eachRegion, listUnknown, unknown } from './types';

const CFN_TYPES: Record<string, string> = {
  RDS: 'AWS::RDS::DBInstance',
  Aurora: 'AWS::RDS::DBCluster',
  DynamoDB: 'AWS::DynamoDB::Table',
  EFS: 'AWS::EFS::FileSystem',
  EBS: 'AWS::EC2::Volume',
  EC2: 'AWS::EC2::Instance',
  S3: 'AWS::S3::Bucket',
};

interface Subject {
  arn: string;
  type: string;
  name: string;
  /** Expected hours between backups (the most frequent rule of the plans selecting it). */
  everyHours?: number;
  plans: string[];
  lastBackupTime?: string;
}

const HOUR_MS = 60 * 60 * 1000;

function retentionDays(rp: BackupRecoveryPoint): number | undefined {
  if (rp.Lifecycle?.DeleteAfterDays !== undefined) return rp.Lifecycle.DeleteAfterDays < 0 ? undefined : rp.Lifecycle.DeleteAfterDays; // -1: kept until deleted
  if (rp.CalculatedLifecycle?.DeleteAt && rp.CreationDate) return Math.round((Date.parse(rp.CalculatedLifecycle.DeleteAt) - Date.parse(rp.CreationDate)) / DAY_MS);
  return undefined;
}

/** The later of two timestamps, either of which may be missing. */
function later(a: string | undefined, b: string | undefined): string | undefined {
  if (!a || !b) return a ?? b;
  return Date.parse(a) >= Date.parse(b) ? a : b;
}

// "Backups are configured" is not "backups exist": jobs fail silently (role missing, resource
// opted out, KMS key denied). The newest recovery point and how long it is kept are the evidence.
export const backupRecoveryPointAge: Check = {
  meta: {
    id: 'backup-recovery-point-age',
    title: 'Protected resources have a recent recovery point, kept long enough',
    severity: 'high',
    threats: ['account-wipe', 'server-compromise', 'engineer-mistake'],
    resourceType: 'AWS::Backup::ProtectedResource',
    risk: 'A plan that selects a resource does not mean backups succeed: a missing role permission, a KMS key policy or an opt-out makes jobs fail quietly. The newest recovery point sets how much data is lost; a short retention means a problem noticed late has no good backup left.',
    remediation: {
      console:
        'AWS Backup console → Jobs → Backup jobs → filter by the resource → open the failed or expired job for its status message (often the IAM role or KMS key policy) → fix → Create on-demand backup to confirm. For retention: Backup plans → the plan → the rule → Edit → Retention period ≥ the minimum.',
      cli: 'aws backup list-backup-jobs --by-resource-arn <arn> --max-results 5   # read StatusMessage; then: aws backup start-backup-job --backup-vault-name <vault> --resource-arn <arn> --iam-role-arn <role>',
      cloudformation: 'AWS::Backup::BackupPlan BackupPlanRule[].Lifecycle.DeleteAfterDays >= <minRetentionDays>',
    },
    thresholds: {
      defaultFrequencyHours: { default: 24, unit: 'hours', description: 'Expected time between backups when no plan schedule says otherwise.' },
      slackHours: { default: 12, unit: 'hours', description: 'Allowance on top of the schedule for start and completion windows.' },
      minRetentionDays: { default: 35, unit: 'days', description: 'The newest recovery point must be kept at least this long.' },
    },
    permissions: ['backup:ListProtectedResources', 'backup:ListBackupVaults', 'backup:ListRecoveryPointsByBackupVault', 'backup:ListBackupPlans', 'backup:ListBackupSelections', ...TARGET_PERMISSIONS],
  },
  run({ inventory, thresholds, now }) {
    const out: CheckResult[] = [];
    for (const [account, region] of eachRegion(inventory)) {
      const where = { accountId: account.accountId, region: region.region };
      const bk = region.backup;
      const subjects = new Map<string, Subject>();
      // Resources some plan selects: they should have a recovery point within the plan's frequency.
      const { targets } = backupTargets(account, region); // list failures are backup-plan-coverage's to report
      if (bk.plans.ok) {
        for (const t of targets) {
          const cov = coverageOf(t, bk.plans.value);
          if (!cov.by.length) continue;
          const hours = cov.by.flatMap((b) => b.plan.Rules.map((r) => scheduleHours(r.ScheduleExpression))).filter((h): h is number => h !== undefined);
          subjects.set(t.arn, { arn: t.arn, type: t.type, name: t.name, everyHours: hours.length ? Math.min(...hours) : undefined, plans: [...new Set(cov.by.map((b) => b.plan.BackupPlanName))] });
        }
      } else out.push(...(listUnknown(bk.plans, where, 'list the backup plans (to find resources with no recovery point yet)') ?? []));
      // Resources that were backed up at some time.
      if (bk.protectedResources.ok) {
        for (const p of bk.protectedResources.value) {
          const s = subjects.get(p.ResourceArn);
          if (s) s.lastBackupTime = p.LastBackupTime;
          else subjects.set(p.ResourceArn, { arn: p.ResourceArn, type: p.ResourceType ?? 'resource', name: p.ResourceName ?? p.ResourceArn.split(/[:/]/).pop()!, plans: [], lastBackupTime: p.LastBackupTime });
        }
      } else out.push(...(listUnknown(bk.protectedResources, where, 'list the protected resources') ?? []));
      if (!subjects.size) continue;

      // Recovery points of the region's vaults, by resource.
      const points = new Map<string, BackupRecoveryPoint[]>();
      let pointsMissing: string | undefined;
      if (!bk.vaults.ok) pointsMissing = bk.vaults.error.permission;
      else
        for (const v of bk.vaults.value) {
          if (!v.recoveryPoints.ok) {
            pointsMissing = v.recoveryPoints.error.permission;
            continue;
          }
          for (const rp of v.recoveryPoints.value) {
            if (!rp.ResourceArn || (rp.Status && rp.Status !== 'COMPLETED' && rp.Status !== 'AVAILABLE')) continue;
            points.set(rp.ResourceArn, [...(points.get(rp.ResourceArn) ?? []), rp]);
          }
        }

      for (const s of subjects.values()) {
        const base = { ...where, resourceId: s.arn, resourceType: CFN_TYPES[s.type] };
        // A deleted resource makes no new backups by design; only one no plan selects can be gone.
        const exists = s.plans.length ? true : stillExists(targets, region, s.type, s.arn);
        if (exists === false) {
          out.push({ ...base, status: 'NOT_APPLICABLE', message: `${s.type} ${s.name} no longer exists: resource deleted; its recovery points remain until they expire.` });
          continue;
        }
        if (typeof exists === 'object') {
          out.push(unknown(exists, base, `tell whether ${s.type} ${s.name} (backed up before, selected by no plan now) still exists`));
          continue;
        }
        const every = s.everyHours ?? thresholds.defaultFrequencyHours;
        const maxAgeHours = every + thresholds.slackHours;
        const label = `${s.type} ${s.name}`;
        const rps = (points.get(s.arn) ?? []).sort((a, b) => Date.parse(b.CreationDate ?? '') - Date.parse(a.CreationDate ?? ''));
        const newest = rps[0];
        const continuous = newest?.RecoveryPointArn.includes(':continuous:');
        // With a vault unread, its newer point may be missing here; LastBackupTime covers every vault.
        const at = pointsMissing ? later(newest?.CreationDate, s.lastBackupTime) : newest?.CreationDate;
        const hoursSince = (t: string | undefined) => (t ? (now.getTime() - Date.parse(t)) / HOUR_MS : undefined);
        const ageHours = hoursSince(at);
        const details = { newest: at, ageHours: ageHours === undefined ? undefined : Math.round(ageHours), expectedEveryHours: every, plans: s.plans };
        if (!newest && !pointsMissing) {
          out.push({ ...base, status: 'FAIL', details, message: `${label} has no recovery point${s.plans.length ? ` although plan ${s.plans.join(', ')} selects it` : ' in this region’s vaults'}: its backup jobs have not succeeded. Check the backup jobs' status messages.` });
          continue;
        }
        const unread = (why: string): CheckResult => ({
          ...base,
          status: 'UNKNOWN',
          missingPermissions: [pointsMissing!],
          details,
          message: `${why}; a vault's recovery points could not be read (grant ${pointsMissing}), and it may hold a newer one.`,
        });
        if (ageHours !== undefined && !continuous && ageHours > maxAgeHours) {
          if (pointsMissing && !s.lastBackupTime) {
            out.push(unread(`The newest readable recovery point of ${label} is ${hoursText(ageHours)} old (limit ${hoursText(maxAgeHours)})`));
            continue;
          }
          out.push({ ...base, status: 'FAIL', details, message: `The newest recovery point of ${label} is ${hoursText(ageHours)} old; backups should run every ${hoursText(every)} (limit ${hoursText(maxAgeHours)} with slack). Recent backup jobs are failing or the plan no longer selects it.` });
          continue;
        }
        // The readable point is not the recent backup: that one's retention is in the unread vault.
        const newestAge = hoursSince(newest?.CreationDate);
        if (newest && pointsMissing && !continuous && newestAge !== undefined && newestAge > maxAgeHours) {
          out.push(unread(`${label} was last backed up ${hoursText(ageHours ?? 0)} ago, but that recovery point was not among those read`));
          continue;
        }
        if (!newest) {
          out.push({
            ...base,
            status: 'UNKNOWN',
            missingPermissions: [pointsMissing!],
            details,
            message: `Could not read the recovery points of ${label}: grant ${pointsMissing} to see its newest backup and its retention.`,
          });
          continue;
        }
        const kept = retentionDays(newest);
        if (kept !== undefined && kept < thresholds.minRetentionDays) {
          if (pointsMissing) {
            out.push({ ...unread(`The newest readable recovery point of ${label} is kept only ${plural(kept, 'day')} (minimum ${thresholds.minRetentionDays})`), details: { ...details, retentionDays: kept } });
            continue;
          }
          out.push({ ...base, status: 'FAIL', severity: 'medium', details: { ...details, retentionDays: kept }, message: `The newest recovery point of ${label} is kept only ${plural(kept, 'day')} (minimum ${thresholds.minRetentionDays}): a problem noticed later than that has no backup left. Raise the rule's retention.` });
          continue;
        }
        out.push({ ...base, status: 'PASS', details: { ...details, retentionDays: kept }, message: `${label} was backed up ${continuous ? 'continuously' : `${hoursText(ageHours ?? 0)} ago`}, kept ${kept === undefined ? 'until deleted' : plural(kept, 'day')}.` });
      }
    }
    return out;
  },
};
