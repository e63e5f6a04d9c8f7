import type { Severity } from '../src/model';
import { plural, worst } from './common';
import type { Check, CheckResult } from './types';
import { eachRegion, listUnknown } from './types';

// Point-in-time recovery is DynamoDB's undo: without it a bad batch write or a deleted table is final.
export const dynamodbRecoverability: Check = {
  meta: {
    id: 'dynamodb-recoverability',
    title: 'DynamoDB tables have point-in-time recovery and deletion protection',
    severity: 'high',
    threats: ['engineer-mistake', 'server-compromise'],
    resourceType: 'AWS::DynamoDB::Table',
    risk: 'Without point-in-time recovery, a bug that overwrites items or a script that deletes them cannot be rolled back. Without deletion protection, one DeleteTable call removes the table and, with it, its point-in-time history.',
    remediation: {
      console: 'DynamoDB console → Tables → the table → Backups → Point-in-time recovery → Edit → Enable (recovery period ≥ the minimum). Then Additional settings → Deletion protection → Turn on.',
      cli: 'aws dynamodb update-continuous-backups --table-name <table> --point-in-time-recovery-specification PointInTimeRecoveryEnabled=true,RecoveryPeriodInDays=35 && aws dynamodb update-table --table-name <table> --deletion-protection-enabled',
      cloudformation: 'AWS::DynamoDB::Table PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true, RecoveryPeriodInDays: 35 }, DeletionProtectionEnabled: true',
    },
    thresholds: { minRecoveryDays: { default: 7, unit: 'days', description: 'The point-in-time recovery period must be at least this long.' } },
    permissions: ['dynamodb:ListTables', 'dynamodb:DescribeTable', 'dynamodb:DescribeContinuousBackups'],
  },
  run({ inventory, thresholds }) {
    const out: CheckResult[] = [];
    for (const [account, region] of eachRegion(inventory)) {
      const where = { accountId: account.accountId, region: region.region };
      const tables = region.dynamodb.tables;
      const failed = listUnknown(tables, where, 'list the DynamoDB tables');
      if (failed || !tables.ok) {
        out.push(...(failed ?? []));
        continue;
      }
      for (const t of tables.value) {
        const base = { ...where, resourceId: t.TableArn };
        const problems: { severity: Severity; text: string }[] = [];
        const pitr = t.pointInTimeRecovery;
        if (pitr.ok) {
          const days = pitr.value.RecoveryPeriodInDays ?? 35; // AWS's default when the field is absent
          if (pitr.value.PointInTimeRecoveryStatus !== 'ENABLED') problems.push({ severity: 'high', text: 'point-in-time recovery is off: overwritten or deleted items cannot be restored' });
          else if (days < thresholds.minRecoveryDays) problems.push({ severity: 'medium', text: `point-in-time recovery reaches back only ${plural(days, 'day')} (minimum ${thresholds.minRecoveryDays})` });
        }
        if (!t.DeletionProtectionEnabled) problems.push({ severity: 'medium', text: 'deletion protection is off: one DeleteTable call removes it' });
        const details = { pitr: pitr.ok ? pitr.value.PointInTimeRecoveryStatus : undefined, recoveryPeriodDays: pitr.ok ? pitr.value.RecoveryPeriodInDays : undefined, deletionProtection: !!t.DeletionProtectionEnabled };
        if (problems.length) {
          const unknownPitr = pitr.ok ? '' : ` (Point-in-time recovery could not be read: grant ${pitr.error.permission}.)`;
          out.push({ ...base, status: 'FAIL', severity: worst(problems.map((p) => p.severity)), details, message: `Table ${t.TableName}: ${problems.map((p) => p.text).join('; ')}.${unknownPitr}` });
        } else if (!pitr.ok) {
          out.push({ ...base, status: 'UNKNOWN', missingPermissions: [pitr.error.permission], details, message: `Table ${t.TableName} has deletion protection, but its point-in-time recovery could not be read: grant ${pitr.error.permission}.` });
        } else {
          out.push({ ...base, status: 'PASS', details, message: `Table ${t.TableName} has ${plural(pitr.value.RecoveryPeriodInDays ?? 35, 'day')} of point-in-time recovery and deletion protection.` });
        }
      }
    }
    return out;
  },
};
