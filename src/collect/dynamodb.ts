// DynamoDB (regional): tables with deletion protection and point-in-time recovery.
import { DescribeContinuousBackupsCommand, DescribeTableCommand, paginateListTables } from '@aws-sdk/client-dynamodb';
import type { DynamoDbInventory, DynamoDbTable, Got } from '../inventory/types';
import { call, ok } from './call';
import { collectPages, type CollectContext } from './context';
import { pick } from './plain';
import { mapLimit } from './pool';

export async function collectDynamoDb(ctx: CollectContext, region: string): Promise<DynamoDbInventory> {
  const client = ctx.clients.dynamodb(region);
  const names = await call(ctx, { api: 'dynamodb:ListTables', region }, () => collectPages(paginateListTables({ client }, {}), (p) => p.TableNames));
  if (!names.ok) return { tables: names };
  const tables = await mapLimit(names.value, ctx.concurrency, async (TableName): Promise<Got<DynamoDbTable>> => {
    const described = await call(ctx, { api: 'dynamodb:DescribeTable', region, resource: TableName }, async () =>
      (await client.send(new DescribeTableCommand({ TableName }))).Table,
    );
    // Without DescribeTable, deletion protection is unknown: the table list is then unknown as a whole.
    if (!described.ok) return described;
    const t = described.value;
    const pointInTimeRecovery = await call(ctx, { api: 'dynamodb:DescribeContinuousBackups', region, resource: TableName }, async () => {
      const out = await client.send(new DescribeContinuousBackupsCommand({ TableName }));
      return pick<DynamoDbTable['pointInTimeRecovery'] extends Got<infer V> ? V : never>(
        out.ContinuousBackupsDescription?.PointInTimeRecoveryDescription,
        ['PointInTimeRecoveryStatus', 'RecoveryPeriodInDays', 'EarliestRestorableDateTime', 'LatestRestorableDateTime'],
      );
    });
    const table: DynamoDbTable = {
      ...pick<Omit<DynamoDbTable, 'pointInTimeRecovery' | 'TableName' | 'TableArn'>>(t, ['TableStatus', 'DeletionProtectionEnabled']),
      TableName: t?.TableName ?? TableName,
      TableArn: t?.TableArn ?? `arn:${ctx.partition}:dynamodb:${region}:${ctx.accountId}:table/${TableName}`,
      pointInTimeRecovery,
    };
    return ok(table);
  });
  const failure = tables.find((t) => !t.ok);
  if (failure && !failure.ok) return { tables: failure };
  return { tables: ok(tables.flatMap((t) => (t.ok ? [t.value] : []))) };
}
