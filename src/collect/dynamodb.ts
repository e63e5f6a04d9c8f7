// DynamoDB (regional): tables with deletion protection, point-in-time recovery and tags.
import { DescribeContinuousBackupsCommand, DescribeTableCommand, DynamoDBClient, ListTagsOfResourceCommand, paginateListTables } from '@aws-sdk/client-dynamodb';
import type { DynamoDbInventory, DynamoDbTable, Got, Tag } from '../inventory/types';
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
    const TableArn = t?.TableArn ?? `arn:${ctx.partition}:dynamodb:${region}:${ctx.accountId}:table/${TableName}`;
    // Tags only decide tag-based backup selections: on failure they stay absent ("unknown"), the table stays.
    const tags = await call(ctx, { api: 'dynamodb:ListTagsOfResource', region, resource: TableName }, () => listTags(client, TableArn));
    const table: DynamoDbTable = {
      ...pick<Omit<DynamoDbTable, 'pointInTimeRecovery' | 'TableName' | 'TableArn'>>(t, ['TableStatus', 'DeletionProtectionEnabled']),
      TableName: t?.TableName ?? TableName,
      TableArn,
      pointInTimeRecovery,
    };
    if (tags.ok) table.Tags = tags.value;
    return ok(table);
  });
  const failure = tables.find((t) => !t.ok);
  if (failure && !failure.ok) return { tables: failure };
  return { tables: ok(tables.flatMap((t) => (t.ok ? [t.value] : []))) };
}

// The SDK has no paginator for ListTagsOfResource: follow NextToken by hand.
async function listTags(client: DynamoDBClient, ResourceArn: string): Promise<Tag[]> {
  const tags: Tag[] = [];
  const seen = new Set<string>();
  let NextToken: string | undefined;
  do {
    const out = await client.send(new ListTagsOfResourceCommand({ ResourceArn, NextToken }));
    for (const tag of out.Tags ?? []) if (tag.Key !== undefined) tags.push({ Key: tag.Key, Value: tag.Value ?? '' });
    NextToken = out.NextToken;
    // A repeated token would loop forever, and a partial list could misjudge a tag-based selection: fail.
    if (NextToken !== undefined && seen.has(NextToken)) throw Object.assign(new Error(`ListTagsOfResource repeated NextToken ${NextToken}`), { name: 'RepeatedNextToken' });
    if (NextToken !== undefined) seen.add(NextToken);
  } while (NextToken);
  return tags;
}
