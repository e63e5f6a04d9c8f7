import assert from 'node:assert/strict';
import { mockClient, type AwsClientStub } from 'aws-sdk-client-mock';
import { DescribeInstancesCommand, DescribeRegionsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { AutoScalingClient } from '@aws-sdk/client-auto-scaling';
import { BackupClient, ListBackupVaultsCommand } from '@aws-sdk/client-backup';
import { RDSClient } from '@aws-sdk/client-rds';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { EFSClient } from '@aws-sdk/client-efs';
import { S3Client, ListBucketsCommand } from '@aws-sdk/client-s3';
import { IAMClient } from '@aws-sdk/client-iam';
import { OrganizationsClient, DescribeOrganizationCommand, ListAccountsCommand, ListParentsCommand } from '@aws-sdk/client-organizations';
import { GetCallerIdentityCommand, STSClient, STSServiceException } from '@aws-sdk/client-sts';
import { collectAccount, collectInventory, collectRegion } from '../../src/collect';
import { InputError } from '../../src/errors';
import { TOOL } from '../../src/version';
import { awsError, testContext } from '../helpers/collect';

const BROKEN = 'ap-south-1';
const CLIENTS = [EC2Client, AutoScalingClient, BackupClient, RDSClient, DynamoDBClient, EFSClient, S3Client, IAMClient, OrganizationsClient, STSClient] as const;

function networkError(region: string): Error {
  return Object.assign(new Error(`getaddrinfo ENOTFOUND ec2.${region}.amazonaws.com`), { code: 'ENOTFOUND' });
}

/** Answers `value` everywhere except in the broken region, where the endpoint cannot be reached. */
function regional(value: object) {
  return async (_input: unknown, getClient: () => unknown) => {
    const region = await (getClient() as { config: { region: () => Promise<string> } }).config.region();
    if (region === BROKEN) throw networkError(region);
    return value;
  };
}

describe('collect: account and inventory', () => {
  let stubs: AwsClientStub<any>[] = [];
  let ec2: AwsClientStub<EC2Client>;
  let backup: AwsClientStub<BackupClient>;
  let s3: AwsClientStub<S3Client>;
  let org: AwsClientStub<OrganizationsClient>;
  let sts: AwsClientStub<STSClient>;

  before(() => {
    stubs = CLIENTS.map((C) => mockClient(C as never));
    ec2 = stubs[0] as AwsClientStub<EC2Client>;
    backup = stubs[2] as AwsClientStub<BackupClient>;
    s3 = stubs[6] as AwsClientStub<S3Client>;
    org = stubs[8] as AwsClientStub<OrganizationsClient>;
    sts = stubs[9] as AwsClientStub<STSClient>;
  });
  beforeEach(() => {
    for (const s of stubs) {
      s.reset();
      s.callsFake(regional({}));
    }
    ec2.on(DescribeInstancesCommand).callsFake(regional({ Reservations: [{ Instances: [{ InstanceId: 'i-east', ImageId: 'ami-1', State: { Name: 'running' } }] }] }));
    backup.on(ListBackupVaultsCommand).callsFake(regional({ BackupVaultList: [{ BackupVaultName: 'v', BackupVaultArn: 'arn:aws:backup:us-east-1:111122223333:backup-vault:v', Locked: true }] }));
    s3.on(ListBucketsCommand).resolves({ Buckets: [] });
    org.on(DescribeOrganizationCommand).resolves({ Organization: { Id: 'o-1', MasterAccountId: '111122223333' } });
    org.on(ListAccountsCommand).resolves({ Accounts: [{ Id: '111122223333', Name: 'shared-services' }] });
    org.on(ListParentsCommand).resolves({ Parents: [{ Id: 'r-ab12', Type: 'ROOT' }] });
  });
  after(() => stubs.forEach((s) => s.restore()));

  it('a whole region failing is recorded per call while the other region and global services arrive', async () => {
    const ctx = testContext();
    const account = await collectAccount({ clients: ctx.clients, accountId: '111122223333', regions: ['us-east-1', BROKEN], concurrency: 2 });
    assert.deepEqual(account.regions.map((r) => r.region), ['us-east-1', BROKEN]);
    const [east, broken] = account.regions;
    assert.ok(east.ec2.instances.ok);
    assert.deepEqual(east.ec2.instances.value.map((i) => i.InstanceId), ['i-east']);
    assert.ok(east.backup.vaults.ok);
    assert.equal(east.backup.vaults.value[0].Locked, true);
    assert.ok(!broken.ec2.instances.ok);
    assert.equal(broken.ec2.instances.error.code, 'NetworkError');
    assert.equal(broken.ec2.instances.error.region, BROKEN);
    for (const got of [broken.autoscaling.groups, broken.backup.vaults, broken.rds.instances, broken.dynamodb.tables, broken.efs.fileSystems, broken.ebsVolumes]) {
      assert.equal(got.ok, false);
    }
    assert.ok(account.errors.length >= 10);
    assert.ok(account.errors.every((e) => e.region === BROKEN && e.code === 'NetworkError' && e.accountId === '111122223333'));
    assert.deepEqual(account.s3.buckets, { ok: true, value: [] });
    assert.ok(account.iam.accountSummary.ok);
    assert.equal(account.name, 'shared-services');
    assert.equal(account.partition, 'aws');
    // Each regional list call once per region.
    assert.equal(ec2.commandCalls(DescribeInstancesCommand).length, 2);
    assert.equal(s3.commandCalls(ListBucketsCommand).length, 1);
    assert.deepEqual(JSON.parse(JSON.stringify(account)), account);
  });

  it('collectInventory: identity from STS, --all-regions from DescribeRegions, metadata filled', async () => {
    sts.on(GetCallerIdentityCommand).resolves({ Account: '111122223333', Arn: 'arn:aws:sts::111122223333:assumed-role/Auditor/alice', UserId: 'AROA:alice' });
    ec2.on(DescribeRegionsCommand).resolves({ Regions: [{ RegionName: 'us-east-1', Endpoint: 'ec2.us-east-1.amazonaws.com', OptInStatus: 'opt-in-not-required' }, { RegionName: 'eu-west-1' }] });
    const before = Date.now();
    const inv = await collectInventory({ clients: testContext().clients, regions: undefined, allRegions: true, concurrency: 2 });
    assert.equal(inv.kind, 'drready-inventory');
    assert.equal(inv.schemaVersion, 1);
    assert.equal(inv.source, 'aws');
    assert.deepEqual(inv.tool, { name: 'drready', version: TOOL.version });
    assert.deepEqual(inv.regions, ['eu-west-1', 'us-east-1']);
    assert.ok(Date.parse(inv.collectedAt) >= before - 1000);
    assert.equal(inv.accounts.length, 1);
    assert.equal(inv.accounts[0].accountId, '111122223333');
    assert.equal(inv.accounts[0].callerArn, 'arn:aws:sts::111122223333:assumed-role/Auditor/alice');
    assert.deepEqual(inv.accounts[0].regions.map((r) => r.region), ['eu-west-1', 'us-east-1']);
    assert.deepEqual(inv.errors, []);
    assert.deepEqual(JSON.parse(JSON.stringify(inv)), inv);
  });

  it('collectInventory: explicit regions are used as given (deduplicated); a bad name is an InputError', async () => {
    sts.on(GetCallerIdentityCommand).resolves({ Account: '111122223333', Arn: 'arn:aws-us-gov:iam::111122223333:user/auditor' });
    const inv = await collectInventory({ clients: testContext().clients, regions: ['us-gov-west-1', 'us-gov-west-1'] });
    assert.deepEqual(inv.regions, ['us-gov-west-1']);
    assert.equal(inv.accounts[0].partition, 'aws-us-gov');
    assert.equal(ec2.commandCalls(DescribeRegionsCommand).length, 0);
    await assert.rejects(collectInventory({ clients: testContext().clients, regions: ['eu_west_1'] }), InputError);
  });

  it('collectInventory: when the account cannot be identified it throws an InputError without secrets', async () => {
    sts.on(GetCallerIdentityCommand).rejects(awsError(STSServiceException, 'InvalidClientTokenId', 403, 'The security token included in the request is invalid. X-Amz-Credential=AKIAIOSFODNN7EXAMPLE/20241201'));
    await assert.rejects(collectInventory({ clients: testContext().clients, regions: ['us-east-1'] }), (err: Error) => {
      assert.ok(err instanceof InputError);
      assert.match(err.message, /sts:GetCallerIdentity failed with InvalidClientTokenId/);
      assert.doesNotMatch(err.message, /AKIAIOSFODNN7EXAMPLE/);
      return true;
    });
  });

  it('a bug or client failure inside one service collector is recorded and the region goes on', async () => {
    const ctx = testContext();
    const clients = { ...ctx.clients, backup: () => { throw new TypeError('cannot build client'); } };
    const region = await collectRegion({ ...ctx, clients }, 'us-east-1');
    assert.ok(!region.backup.vaults.ok);
    assert.equal(region.backup.vaults.error.code, 'CollectorError:TypeError');
    assert.equal(region.backup.vaults.error.api, 'backup:*');
    assert.ok(!region.backup.plans.ok && !region.backup.protectedResources.ok && !region.backup.restoreTestingPlans.ok);
    assert.ok(region.ec2.instances.ok);
    assert.deepEqual(region.ec2.instances.value.map((i) => i.InstanceId), ['i-east']);
    assert.ok(region.rds.instances.ok);
    assert.equal(ctx.errors.length, 1);
  });
});
