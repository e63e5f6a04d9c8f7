import type { Severity } from '../src/model';
import { plural, replicaSource, worst } from './common';
import type { Check, CheckResult } from './types';
import { eachRegion, listUnknown } from './types';

interface Db {
  kind: 'instance' | 'cluster';
  id: string;
  arn: string;
  engine?: string;
  retention?: number;
  deletionProtection?: boolean;
}

// Automated backups give point-in-time restore to any second of the retention window; deletion
// protection stops the one-click (or one-API-call) loss of the whole database.
export const rdsRecoverability: Check = {
  meta: {
    id: 'rds-recoverability',
    title: 'RDS and Aurora databases have automated backups and deletion protection',
    severity: 'high',
    threats: ['engineer-mistake', 'server-compromise'],
    resourceType: 'AWS::RDS::DBInstance',
    risk: 'With automated backups off there is no point-in-time restore: a bad migration or a DELETE without WHERE is final. A short retention window means a problem noticed late cannot be rolled back. Without deletion protection, one wrong command deletes the database (and, unless a final snapshot is taken, its automated backups).',
    remediation: {
      console:
        'RDS console → Databases → the instance (for Aurora: the cluster) → Modify → Backup: retention period ≥ the minimum; Deletion protection: enable → Continue → Apply immediately.',
      cli: 'aws rds modify-db-instance --db-instance-identifier <id> --backup-retention-period <days> --deletion-protection --apply-immediately   # Aurora: aws rds modify-db-cluster --db-cluster-identifier <id> --backup-retention-period <days> --deletion-protection --apply-immediately',
      cloudformation: 'AWS::RDS::DBInstance / AWS::RDS::DBCluster: BackupRetentionPeriod: <days>, DeletionProtection: true',
    },
    thresholds: { minRetentionDays: { default: 7, unit: 'days', description: 'Automated backup retention (point-in-time window) must be at least this long.' } },
    permissions: ['rds:DescribeDBInstances', 'rds:DescribeDBClusters'],
  },
  run({ inventory, thresholds }) {
    const out: CheckResult[] = [];
    for (const [account, region] of eachRegion(inventory)) {
      const where = { accountId: account.accountId, region: region.region };
      const dbs: Db[] = [];
      const clusters = region.rds.clusters;
      const instances = region.rds.instances;
      out.push(...(listUnknown(clusters, where, 'list the RDS/Aurora clusters') ?? []));
      out.push(...(listUnknown(instances, where, 'list the RDS instances') ?? []));
      if (clusters.ok)
        for (const c of clusters.value)
          dbs.push({ kind: 'cluster', id: c.DBClusterIdentifier, arn: c.DBClusterArn, engine: c.Engine, retention: c.BackupRetentionPeriod, deletionProtection: c.DeletionProtection });
      if (instances.ok)
        for (const i of instances.value) {
          const base = { ...where, resourceId: i.DBInstanceArn };
          if (i.DBClusterIdentifier) continue; // Aurora and Multi-AZ clusters: backups and deletion protection are the cluster's
          const replica = replicaSource(i);
          if (replica) {
            out.push({ ...base, status: 'NOT_APPLICABLE', message: replica.reason });
            continue;
          }
          dbs.push({ kind: 'instance', id: i.DBInstanceIdentifier, arn: i.DBInstanceArn, engine: i.Engine, retention: i.BackupRetentionPeriod, deletionProtection: i.DeletionProtection });
        }
      for (const db of dbs) {
        const base = { ...where, resourceId: db.arn, resourceType: db.kind === 'cluster' ? 'AWS::RDS::DBCluster' : 'AWS::RDS::DBInstance' };
        const label = `${db.kind === 'cluster' ? 'Cluster' : 'Database'} ${db.id}${db.engine ? ` (${db.engine})` : ''}`;
        const problems: { severity: Severity; text: string }[] = [];
        if (db.retention === undefined) {
          // Missing data: only UNKNOWN, unless deletion protection already fails it.
        } else if (db.retention === 0) problems.push({ severity: 'high', text: 'automated backups are off (retention 0): no point-in-time restore' });
        else if (db.retention < thresholds.minRetentionDays) problems.push({ severity: 'medium', text: `point-in-time restore reaches back only ${plural(db.retention, 'day')} (minimum ${thresholds.minRetentionDays})` });
        if (!db.deletionProtection) problems.push({ severity: 'medium', text: 'deletion protection is off: one delete call removes it' });
        const details = { retentionDays: db.retention, deletionProtection: !!db.deletionProtection };
        const api = db.kind === 'cluster' ? 'rds:DescribeDBClusters' : 'rds:DescribeDBInstances';
        const unreported = db.retention === undefined ? '; the backup retention was not reported' : '';
        if (problems.length)
          out.push({ ...base, status: 'FAIL', severity: worst(problems.map((p) => p.severity)), details, message: `${label}: ${problems.map((p) => p.text).join('; ')}${unreported}.` });
        else if (db.retention === undefined)
          out.push({ ...base, status: 'UNKNOWN', missingPermissions: [api], details, message: `${api} did not report the backup retention of ${label}, so its point-in-time window cannot be judged.` });
        else out.push({ ...base, status: 'PASS', details, message: `${label} keeps ${plural(db.retention, 'day')} of point-in-time backups and has deletion protection.` });
      }
    }
    return out;
  },
};
