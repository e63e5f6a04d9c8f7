import assert from 'node:assert/strict';
import { mockClient, type AwsClientStub } from 'aws-sdk-client-mock';
import { DescribeDBClustersCommand, DescribeDBInstancesCommand, RDSClient } from '@aws-sdk/client-rds';
import { DescribeContinuousBackupsCommand, DescribeTableCommand, DynamoDBClient, DynamoDBServiceException, ListTablesCommand, ListTagsOfResourceCommand } from '@aws-sdk/client-dynamodb';
import { DescribeFileSystemsCommand, EFSClient } from '@aws-sdk/client-efs';
import {
  AccessDeniedException,
  AWSOrganizationsNotInUseException,
  DescribeOrganizationCommand,
  DescribePolicyCommand,
  ListAccountsCommand,
  ListParentsCommand,
  ListPoliciesCommand,
  ListTargetsForPolicyCommand,
  OrganizationsClient,
} from '@aws-sdk/client-organizations';
import { collectRds } from '../../src/collect/rds';
import { collectDynamoDb } from '../../src/collect/dynamodb';
import { collectEfs } from '../../src/collect/efs';
import { collectOrganizations } from '../../src/collect/organizations';
import { awsError, roundTrips, testContext } from '../helpers/collect';

const scp = '{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":["backup:DeleteBackupVault","backup:DeleteRecoveryPoint"],"Resource":"*"}]}';

describe('collect/rds, dynamodb, efs, organizations', () => {
  let rds: AwsClientStub<RDSClient>;
  let ddb: AwsClientStub<DynamoDBClient>;
  let efs: AwsClientStub<EFSClient>;
  let org: AwsClientStub<OrganizationsClient>;
  before(() => {
    rds = mockClient(RDSClient);
    ddb = mockClient(DynamoDBClient);
    efs = mockClient(EFSClient);
    org = mockClient(OrganizationsClient);
  });
  beforeEach(() => [rds, ddb, efs, org].forEach((m) => m.reset()));
  after(() => [rds, ddb, efs, org].forEach((m) => m.restore()));

  it('RDS: instances (paged by Marker) and clusters', async () => {
    rds.on(DescribeDBInstancesCommand).resolves({
      Marker: 'm2',
      DBInstances: [
        { DBInstanceIdentifier: 'orders', DBInstanceArn: 'arn:aws:rds:eu-west-1:111122223333:db:orders', Engine: 'postgres', BackupRetentionPeriod: 7, DeletionProtection: true, MultiAZ: true, DBInstanceStatus: 'available', LatestRestorableTime: new Date('2024-12-01T09:55:00Z'), TagList: [{ Key: 'env', Value: 'prod' }], MasterUsername: 'admin' },
      ],
    });
    rds.on(DescribeDBInstancesCommand, { Marker: 'm2' }).resolves({
      DBInstances: [
        { DBInstanceIdentifier: 'aurora-1', DBInstanceArn: 'arn:aws:rds:eu-west-1:111122223333:db:aurora-1', DBClusterIdentifier: 'aurora', Engine: 'aurora-mysql', BackupRetentionPeriod: 1, DeletionProtection: false },
        { DBInstanceIdentifier: 'orders-replica', DBInstanceArn: 'arn:aws:rds:eu-west-1:111122223333:db:orders-replica', Engine: 'postgres', BackupRetentionPeriod: 0, ReadReplicaSourceDBInstanceIdentifier: 'orders', ReadReplicaDBInstanceIdentifiers: [] },
      ],
    });
    rds.on(DescribeDBClustersCommand).resolves({
      DBClusters: [{ DBClusterIdentifier: 'aurora', DBClusterArn: 'arn:aws:rds:eu-west-1:111122223333:cluster:aurora', Engine: 'aurora-mysql', BackupRetentionPeriod: 1, DeletionProtection: false, Status: 'available', DBClusterMembers: [{ DBInstanceIdentifier: 'aurora-1', IsClusterWriter: true, PromotionTier: 1 }] }],
    });
    const out = await collectRds(testContext(), 'eu-west-1');
    assert.ok(out.instances.ok && out.clusters.ok);
    assert.deepEqual(out.instances.value.map((i) => i.DBInstanceIdentifier), ['orders', 'aurora-1', 'orders-replica']);
    assert.deepEqual(out.instances.value.map((i) => i.ReadReplicaSourceDBInstanceIdentifier), [undefined, undefined, 'orders']);
    assert.deepEqual(out.instances.value[2], {
      DBInstanceIdentifier: 'orders-replica', DBInstanceArn: 'arn:aws:rds:eu-west-1:111122223333:db:orders-replica', Engine: 'postgres', BackupRetentionPeriod: 0, ReadReplicaSourceDBInstanceIdentifier: 'orders',
    });
    assert.deepEqual(out.instances.value[0], {
      DBInstanceIdentifier: 'orders', DBInstanceArn: 'arn:aws:rds:eu-west-1:111122223333:db:orders', Engine: 'postgres', BackupRetentionPeriod: 7,
      DeletionProtection: true, MultiAZ: true, DBInstanceStatus: 'available', LatestRestorableTime: '2024-12-01T09:55:00.000Z', TagList: [{ Key: 'env', Value: 'prod' }],
    });
    assert.deepEqual(out.clusters.value[0].DBClusterMembers, [{ DBInstanceIdentifier: 'aurora-1', IsClusterWriter: true }]);
    assert.ok(roundTrips(out));
  });

  it('DynamoDB: tables across ListTables pages with deletion protection, PITR and tags (paged by NextToken)', async () => {
    ddb.on(ListTablesCommand).resolves({ TableNames: ['orders'], LastEvaluatedTableName: 'orders' });
    ddb.on(ListTablesCommand, { ExclusiveStartTableName: 'orders' }).resolves({ TableNames: ['sessions'] });
    ddb.on(DescribeTableCommand, { TableName: 'orders' }).resolves({ Table: { TableName: 'orders', TableArn: 'arn:aws:dynamodb:eu-west-1:111122223333:table/orders', TableStatus: 'ACTIVE', DeletionProtectionEnabled: true, ItemCount: 5 } });
    ddb.on(DescribeTableCommand, { TableName: 'sessions' }).resolves({ Table: { TableName: 'sessions', TableArn: 'arn:aws:dynamodb:eu-west-1:111122223333:table/sessions', TableStatus: 'ACTIVE', DeletionProtectionEnabled: false } });
    ddb.on(DescribeContinuousBackupsCommand, { TableName: 'orders' }).resolves({
      ContinuousBackupsDescription: {
        ContinuousBackupsStatus: 'ENABLED',
        PointInTimeRecoveryDescription: { PointInTimeRecoveryStatus: 'ENABLED', RecoveryPeriodInDays: 35, EarliestRestorableDateTime: new Date('2024-10-27T00:00:00Z'), LatestRestorableDateTime: new Date('2024-12-01T09:55:00Z') },
      },
    });
    ddb.on(DescribeContinuousBackupsCommand, { TableName: 'sessions' }).rejects(awsError(DynamoDBServiceException, 'AccessDeniedException', 400, 'not authorized to perform: dynamodb:DescribeContinuousBackups'));
    ddb.on(ListTagsOfResourceCommand, { ResourceArn: 'arn:aws:dynamodb:eu-west-1:111122223333:table/orders' }).resolves({ Tags: [{ Key: 'backup', Value: 'daily' }, { Key: 'env', Value: 'prod' }], NextToken: 'env' });
    ddb.on(ListTagsOfResourceCommand, { ResourceArn: 'arn:aws:dynamodb:eu-west-1:111122223333:table/orders', NextToken: 'env' }).resolves({ Tags: [{ Key: 'team', Value: 'payments' }] });
    ddb.on(ListTagsOfResourceCommand, { ResourceArn: 'arn:aws:dynamodb:eu-west-1:111122223333:table/sessions' }).resolves({ Tags: [] });
    const ctx = testContext();
    const out = await collectDynamoDb(ctx, 'eu-west-1');
    assert.ok(out.tables.ok);
    const [orders, sessions] = out.tables.value;
    assert.deepEqual(orders, {
      TableName: 'orders', TableArn: 'arn:aws:dynamodb:eu-west-1:111122223333:table/orders', TableStatus: 'ACTIVE', DeletionProtectionEnabled: true,
      Tags: [{ Key: 'backup', Value: 'daily' }, { Key: 'env', Value: 'prod' }, { Key: 'team', Value: 'payments' }],
      pointInTimeRecovery: { ok: true, value: { PointInTimeRecoveryStatus: 'ENABLED', RecoveryPeriodInDays: 35, EarliestRestorableDateTime: '2024-10-27T00:00:00.000Z', LatestRestorableDateTime: '2024-12-01T09:55:00.000Z' } },
    });
    assert.equal(sessions.DeletionProtectionEnabled, false);
    assert.deepEqual(sessions.Tags, []);
    const ordersTagCalls = ddb.commandCalls(ListTagsOfResourceCommand).filter((c) => c.args[0].input.ResourceArn?.endsWith('/orders'));
    assert.deepEqual(ordersTagCalls.map((c) => c.args[0].input.NextToken), [undefined, 'env']);
    assert.ok(!sessions.pointInTimeRecovery.ok);
    assert.equal(sessions.pointInTimeRecovery.error.permission, 'dynamodb:DescribeContinuousBackups');
    assert.equal(sessions.pointInTimeRecovery.error.resource, 'sessions');
    assert.equal(ctx.errors.length, 1);
    assert.ok(roundTrips(out));
  });

  it('DynamoDB: a failing ListTagsOfResource leaves Tags absent (unknown) and records the error; the rest of the table arrives', async () => {
    ddb.on(ListTablesCommand).resolves({ TableNames: ['orders'] });
    ddb.on(DescribeTableCommand, { TableName: 'orders' }).resolves({ Table: { TableName: 'orders', TableArn: 'arn:aws:dynamodb:eu-west-1:111122223333:table/orders', TableStatus: 'ACTIVE', DeletionProtectionEnabled: true } });
    ddb.on(DescribeContinuousBackupsCommand, { TableName: 'orders' }).resolves({ ContinuousBackupsDescription: { ContinuousBackupsStatus: 'ENABLED', PointInTimeRecoveryDescription: { PointInTimeRecoveryStatus: 'ENABLED', RecoveryPeriodInDays: 35 } } });
    ddb.on(ListTagsOfResourceCommand).rejects(awsError(DynamoDBServiceException, 'AccessDeniedException', 400, 'User is not authorized to perform: dynamodb:ListTagsOfResource'));
    const ctx = testContext();
    const out = await collectDynamoDb(ctx, 'eu-west-1');
    assert.deepEqual(out.tables, {
      ok: true,
      value: [{ TableName: 'orders', TableArn: 'arn:aws:dynamodb:eu-west-1:111122223333:table/orders', TableStatus: 'ACTIVE', DeletionProtectionEnabled: true, pointInTimeRecovery: { ok: true, value: { PointInTimeRecoveryStatus: 'ENABLED', RecoveryPeriodInDays: 35 } } }],
    });
    assert.ok(out.tables.ok && !('Tags' in out.tables.value[0]));
    assert.deepEqual(ctx.errors.map((e) => [e.api, e.permission, e.code, e.resource, e.region]), [['dynamodb:ListTagsOfResource', 'dynamodb:ListTagsOfResource', 'AccessDeniedException', 'orders', 'eu-west-1']]);
  });

  it('DynamoDB: an endpoint repeating the same NextToken ends as a recorded error, not an endless loop', async () => {
    ddb.on(ListTablesCommand).resolves({ TableNames: ['orders'] });
    ddb.on(DescribeTableCommand).resolves({ Table: { TableName: 'orders', TableArn: 'arn:aws:dynamodb:eu-west-1:111122223333:table/orders' } });
    ddb.on(DescribeContinuousBackupsCommand).resolves({ ContinuousBackupsDescription: { ContinuousBackupsStatus: 'DISABLED' } });
    ddb.on(ListTagsOfResourceCommand).resolves({ Tags: [{ Key: 'env', Value: 'prod' }], NextToken: 'same' });
    const ctx = testContext();
    const out = await collectDynamoDb(ctx, 'eu-west-1');
    assert.ok(out.tables.ok);
    assert.equal(out.tables.value[0].Tags, undefined);
    assert.deepEqual(ctx.errors.map((e) => [e.api, e.code]), [['dynamodb:ListTagsOfResource', 'RepeatedNextToken']]);
    assert.equal(ddb.commandCalls(ListTagsOfResourceCommand).length, 2);
  });

  it('EFS: file systems across Marker pages, under the elasticfilesystem prefix when failing', async () => {
    efs.on(DescribeFileSystemsCommand).resolves({ NextMarker: 'f2', FileSystems: [{ FileSystemId: 'fs-1', FileSystemArn: 'arn:aws:elasticfilesystem:eu-west-1:111122223333:file-system/fs-1', Name: 'shared', Tags: [{ Key: 'Name', Value: 'shared' }], OwnerId: '111122223333', CreationToken: 't', CreationTime: new Date(), LifeCycleState: 'available', NumberOfMountTargets: 1, SizeInBytes: { Value: 1 }, PerformanceMode: 'generalPurpose' }] });
    efs.on(DescribeFileSystemsCommand, { Marker: 'f2' }).resolves({ FileSystems: [{ FileSystemId: 'fs-2', OwnerId: '1', CreationToken: 't', CreationTime: new Date(), LifeCycleState: 'available', NumberOfMountTargets: 0, SizeInBytes: { Value: 1 }, PerformanceMode: 'generalPurpose', Tags: [] }] });
    const out = await collectEfs(testContext(), 'eu-west-1');
    assert.deepEqual(out.fileSystems, {
      ok: true,
      value: [
        { FileSystemId: 'fs-1', FileSystemArn: 'arn:aws:elasticfilesystem:eu-west-1:111122223333:file-system/fs-1', Name: 'shared', Tags: [{ Key: 'Name', Value: 'shared' }] },
        { FileSystemId: 'fs-2', Tags: [] },
      ],
    });
    efs.reset();
    efs.on(DescribeFileSystemsCommand).rejects(new Error('socket hang up'));
    const ctx = testContext();
    const failed = await collectEfs(ctx, 'eu-west-1');
    assert.ok(!failed.fileSystems.ok);
    assert.equal(failed.fileSystems.error.api, 'elasticfilesystem:DescribeFileSystems');
  });

  it('Organizations: not in an organization → null and empty lists, no error', async () => {
    org.on(DescribeOrganizationCommand).rejects(new AWSOrganizationsNotInUseException({ $metadata: { httpStatusCode: 400 }, message: 'Your account is not a member of an organization.' }));
    const ctx = testContext();
    const out = await collectOrganizations(ctx);
    assert.deepEqual(out, { organization: { ok: true, value: null }, accounts: { ok: true, value: [] }, serviceControlPolicies: { ok: true, value: [] } });
    assert.deepEqual(ctx.errors, []);
    assert.equal(org.commandCalls(ListAccountsCommand).length, 0);
  });

  it('Organizations from a member account: AccessDenied on ListAccounts/ListPolicies is recorded, the org still arrives', async () => {
    org.on(DescribeOrganizationCommand).resolves({ Organization: { Id: 'o-abc123', Arn: 'arn:aws:organizations::999988887777:organization/o-abc123', MasterAccountId: '999988887777', MasterAccountEmail: 'root@example.com', FeatureSet: 'ALL', AvailablePolicyTypes: [] } });
    const denied = new AccessDeniedException({ $metadata: { httpStatusCode: 400 }, message: 'You don\'t have permissions to access this resource.' });
    org.on(ListAccountsCommand).rejects(denied);
    org.on(ListPoliciesCommand).rejects(denied);
    const ctx = testContext();
    const out = await collectOrganizations(ctx);
    assert.deepEqual(out.organization, { ok: true, value: { Id: 'o-abc123', Arn: 'arn:aws:organizations::999988887777:organization/o-abc123', MasterAccountId: '999988887777', FeatureSet: 'ALL' } });
    assert.ok(!out.accounts.ok);
    assert.equal(out.accounts.error.code, 'AccessDeniedException');
    assert.equal(out.accounts.error.region, 'global');
    assert.ok(!out.serviceControlPolicies.ok);
    assert.deepEqual(ctx.errors.map((e) => e.api), ['organizations:ListAccounts', 'organizations:ListPolicies']);
  });

  it('Organizations from the management account: accounts (paged) and SCPs with content and targets', async () => {
    org.on(DescribeOrganizationCommand).resolves({ Organization: { Id: 'o-abc123', MasterAccountId: '111122223333', FeatureSet: 'ALL' } });
    org.on(ListAccountsCommand).resolves({ NextToken: 'a2', Accounts: [{ Id: '111122223333', Name: 'management', Email: 'm@example.com', Status: 'ACTIVE', State: 'ACTIVE', JoinedTimestamp: new Date() }] });
    org.on(ListAccountsCommand, { NextToken: 'a2' }).resolves({ Accounts: [{ Id: '444455556666', Name: 'prod', Status: 'ACTIVE' }] });
    org.on(ListPoliciesCommand, { Filter: 'SERVICE_CONTROL_POLICY' }).resolves({ Policies: [{ Id: 'p-protect', Name: 'protect-backups', Type: 'SERVICE_CONTROL_POLICY', AwsManaged: false }] });
    org.on(DescribePolicyCommand, { PolicyId: 'p-protect' }).resolves({ Policy: { PolicySummary: { Id: 'p-protect', Arn: 'arn:aws:organizations::111122223333:policy/o-abc123/service_control_policy/p-protect', Name: 'protect-backups', Type: 'SERVICE_CONTROL_POLICY', AwsManaged: false }, Content: scp } });
    org.on(ListTargetsForPolicyCommand, { PolicyId: 'p-protect' }).resolves({ Targets: [{ TargetId: 'r-root', Arn: 'arn:x', Name: 'Root', Type: 'ROOT' }] });
    org.on(ListParentsCommand, { ChildId: '111122223333' }).resolves({ Parents: [{ Id: 'r-ab12', Type: 'ROOT' }] });
    org.on(ListParentsCommand, { ChildId: '444455556666' }).resolves({ Parents: [{ Id: 'ou-ab12-prod0001', Type: 'ORGANIZATIONAL_UNIT' }] });
    org.on(ListParentsCommand, { ChildId: 'ou-ab12-prod0001' }).resolves({ Parents: [{ Id: 'ou-ab12-work0001', Type: 'ORGANIZATIONAL_UNIT' }] });
    org.on(ListParentsCommand, { ChildId: 'ou-ab12-work0001' }).resolves({ Parents: [{ Id: 'r-ab12', Type: 'ROOT' }] });
    const ctx = testContext();
    const out = await collectOrganizations(ctx);
    assert.ok(out.accounts.ok);
    assert.deepEqual(out.accounts.value, [
      { Id: '111122223333', Name: 'management', Email: 'm@example.com', Status: 'ACTIVE', State: 'ACTIVE', ancestorIds: ['r-ab12'] },
      { Id: '444455556666', Name: 'prod', Status: 'ACTIVE', ancestorIds: ['ou-ab12-prod0001', 'ou-ab12-work0001', 'r-ab12'] },
    ]);
    assert.deepEqual(org.commandCalls(ListParentsCommand).map((c) => c.args[0].input.ChildId).sort(), ['111122223333', '444455556666', 'ou-ab12-prod0001', 'ou-ab12-work0001']);
    assert.deepEqual(ctx.errors, []);
    assert.ok(roundTrips(out));
    assert.deepEqual(out.serviceControlPolicies, {
      ok: true,
      value: [
        {
          Id: 'p-protect', Arn: 'arn:aws:organizations::111122223333:policy/o-abc123/service_control_policy/p-protect', Name: 'protect-backups', Type: 'SERVICE_CONTROL_POLICY', AwsManaged: false,
          Content: scp, targets: { ok: true, value: [{ TargetId: 'r-root', Name: 'Root', Type: 'ROOT' }] },
        },
      ],
    });
  });

  it('Organizations: ListParents is asked once per OU; a failing OU leaves its accounts without ancestorIds, recorded once', async () => {
    org.on(DescribeOrganizationCommand).resolves({ Organization: { Id: 'o-abc123', MasterAccountId: '111122223333', FeatureSet: 'ALL' } });
    org.on(ListAccountsCommand).resolves({ Accounts: [{ Id: '111122223333' }, { Id: '444455556666' }, { Id: '777788889999' }, { Id: '222233334444' }] });
    org.on(ListPoliciesCommand).resolves({ Policies: [] });
    org.on(ListParentsCommand, { ChildId: '111122223333' }).resolves({ Parents: [{ Id: 'r-ab12', Type: 'ROOT' }] });
    org.on(ListParentsCommand, { ChildId: '444455556666' }).resolves({ Parents: [{ Id: 'ou-ab12-prod0001', Type: 'ORGANIZATIONAL_UNIT' }] });
    org.on(ListParentsCommand, { ChildId: '777788889999' }).resolves({ Parents: [{ Id: 'ou-ab12-prod0001', Type: 'ORGANIZATIONAL_UNIT' }] });
    org.on(ListParentsCommand, { ChildId: 'ou-ab12-prod0001' }).rejects(new AccessDeniedException({ $metadata: { httpStatusCode: 400 }, message: 'You don\'t have permissions to access this resource.' }));
    // A loop in the answers (never in AWS) must end, as an error rather than a guess.
    org.on(ListParentsCommand, { ChildId: '222233334444' }).resolves({ Parents: [{ Id: 'ou-ab12-loop0001', Type: 'ORGANIZATIONAL_UNIT' }] });
    org.on(ListParentsCommand, { ChildId: 'ou-ab12-loop0001' }).resolves({ Parents: [{ Id: 'ou-ab12-loop0002', Type: 'ORGANIZATIONAL_UNIT' }] });
    org.on(ListParentsCommand, { ChildId: 'ou-ab12-loop0002' }).resolves({ Parents: [{ Id: 'ou-ab12-loop0001', Type: 'ORGANIZATIONAL_UNIT' }] });
    const ctx = testContext();
    const out = await collectOrganizations(ctx);
    assert.ok(out.accounts.ok);
    assert.deepEqual(out.accounts.value.map((a) => [a.Id, a.ancestorIds]), [
      ['111122223333', ['r-ab12']],
      ['444455556666', undefined],
      ['777788889999', undefined],
      ['222233334444', undefined],
    ]);
    assert.equal(org.commandCalls(ListParentsCommand, { ChildId: 'ou-ab12-prod0001' }).length, 1);
    assert.deepEqual(ctx.errors.map((e) => [e.api, e.permission, e.code, e.resource, e.region]), [
      ['organizations:ListParents', 'organizations:ListParents', 'AccessDeniedException', 'ou-ab12-prod0001', 'global'],
      ['organizations:ListParents', 'organizations:ListParents', 'ParentChainTooDeep', '222233334444', 'global'],
    ]);
    assert.deepEqual(out.serviceControlPolicies, { ok: true, value: [] });
  });
});
