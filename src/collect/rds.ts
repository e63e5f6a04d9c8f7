// RDS (regional): instances and clusters, for backup retention, PITR and deletion protection.
import { paginateDescribeDBClusters, paginateDescribeDBInstances } from '@aws-sdk/client-rds';
import type { RdsDbCluster, RdsDbInstance, RdsInventory } from '../inventory/types';
import { call } from './call';
import { collectPages, type CollectContext } from './context';
import { pick } from './plain';

const INSTANCE_KEYS = [
  'DBInstanceIdentifier', 'DBInstanceArn', 'Engine', 'DBClusterIdentifier', 'BackupRetentionPeriod', 'DeletionProtection',
  'MultiAZ', 'DBInstanceStatus', 'LatestRestorableTime', 'ReadReplicaSourceDBInstanceIdentifier', 'TagList',
] as const;
const CLUSTER_KEYS = [
  'DBClusterIdentifier', 'DBClusterArn', 'Engine', 'BackupRetentionPeriod', 'DeletionProtection', 'Status', 'LatestRestorableTime',
  'DBClusterMembers', 'TagList',
] as const;

export async function collectRds(ctx: CollectContext, region: string): Promise<RdsInventory> {
  const client = ctx.clients.rds(region);
  const instances = await call(ctx, { api: 'rds:DescribeDBInstances', region }, async () =>
    (await collectPages(paginateDescribeDBInstances({ client }, {}), (p) => p.DBInstances)).map((i) => pick<RdsDbInstance>(i, INSTANCE_KEYS)),
  );
  const clusters = await call(ctx, { api: 'rds:DescribeDBClusters', region }, async () =>
    (await collectPages(paginateDescribeDBClusters({ client }, {}), (p) => p.DBClusters)).map((c) => {
      const cluster = pick<RdsDbCluster>(c, CLUSTER_KEYS);
      if (cluster.DBClusterMembers) cluster.DBClusterMembers = cluster.DBClusterMembers.map((m) => pick(m, ['DBInstanceIdentifier', 'IsClusterWriter']));
      return cluster;
    }),
  );
  return { instances, clusters };
}
