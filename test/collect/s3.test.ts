import assert from 'node:assert/strict';
import { mockClient, type AwsClientStub } from 'aws-sdk-client-mock';
import {
  GetBucketLifecycleConfigurationCommand,
  GetBucketLocationCommand,
  GetBucketPolicyCommand,
  GetBucketReplicationCommand,
  GetBucketTaggingCommand,
  GetBucketVersioningCommand,
  GetObjectLockConfigurationCommand,
  ListBucketsCommand,
  ListDirectoryBucketsCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { bucketRegion, collectS3 } from '../../src/collect/s3';
import { ACCOUNT, awsError, regionOf, roundTrips, testContext } from '../helpers/collect';
import type { S3Bucket } from '../../src/inventory/types';

// Stubbed only while this suite runs: other suites use the real SDK stack.
let s3: AwsClientStub<S3Client>;
const created = new Date('2024-03-01T10:00:00Z');

function absentEverything(): void {
  s3.on(GetBucketLocationCommand).resolves({ LocationConstraint: undefined });
  s3.on(GetBucketVersioningCommand).resolves({});
  s3.on(GetBucketLifecycleConfigurationCommand).rejects(awsError(S3ServiceException, 'NoSuchLifecycleConfiguration', 404, 'The lifecycle configuration does not exist'));
  s3.on(GetObjectLockConfigurationCommand).rejects(awsError(S3ServiceException, 'ObjectLockConfigurationNotFoundError', 404, 'Object Lock configuration does not exist for this bucket'));
  s3.on(GetBucketReplicationCommand).rejects(awsError(S3ServiceException, 'ReplicationConfigurationNotFoundError', 404, 'The replication configuration was not found'));
  s3.on(GetBucketPolicyCommand).rejects(awsError(S3ServiceException, 'NoSuchBucketPolicy', 404, 'The bucket policy does not exist'));
  s3.on(GetBucketTaggingCommand).rejects(awsError(S3ServiceException, 'NoSuchTagSet', 404, 'The TagSet does not exist'));
}

function bucket(buckets: S3Bucket[], name: string): S3Bucket {
  const b = buckets.find((x) => x.name === name);
  assert.ok(b, `bucket ${name} collected`);
  return b;
}

describe('collect/s3', () => {
  before(() => {
    s3 = mockClient(S3Client);
  });
  beforeEach(() => s3.reset());
  after(() => s3.restore());

  it('maps GetBucketLocation: empty → us-east-1, EU → eu-west-1, others as-is', () => {
    assert.equal(bucketRegion(undefined), 'us-east-1');
    assert.equal(bucketRegion(null), 'us-east-1');
    assert.equal(bucketRegion(''), 'us-east-1');
    assert.equal(bucketRegion('EU'), 'eu-west-1');
    assert.equal(bucketRegion('ap-southeast-2'), 'ap-southeast-2');
  });

  it('turns every "not configured" error into a value, not an error', async () => {
    s3.on(ListBucketsCommand).resolves({ Buckets: [{ Name: 'plain-bucket', CreationDate: created }], Owner: { ID: 'abc' } });
    absentEverything();
    const ctx = testContext();
    const { buckets } = await collectS3(ctx);
    assert.ok(buckets.ok);
    const b = bucket(buckets.value, 'plain-bucket');
    assert.deepEqual(b.region, { ok: true, value: 'us-east-1' });
    assert.deepEqual(b.versioning, { ok: true, value: { status: 'Never', mfaDelete: 'Never' } });
    assert.deepEqual(b.lifecycle, { ok: true, value: null });
    assert.deepEqual(b.objectLock, { ok: true, value: null });
    assert.deepEqual(b.replication, { ok: true, value: null });
    assert.deepEqual(b.policy, { ok: true, value: null });
    assert.deepEqual(b.tags, { ok: true, value: {} });
    assert.equal(b.arn, 'arn:aws:s3:::plain-bucket');
    assert.equal(b.creationDate, '2024-03-01T10:00:00.000Z');
    assert.equal(b.bucketType, 'general-purpose');
    assert.deepEqual(ctx.errors, []);
    assert.ok(roundTrips(buckets));
  });

  it('keeps configured values in AWS shape, dates as ISO strings', async () => {
    s3.on(ListBucketsCommand).resolves({ Buckets: [{ Name: 'prod-data', CreationDate: created }] });
    s3.on(GetBucketLocationCommand).resolves({ LocationConstraint: 'EU' });
    s3.on(GetBucketVersioningCommand).resolves({ Status: 'Suspended', MFADelete: 'Disabled' });
    s3.on(GetBucketLifecycleConfigurationCommand).resolves({
      Rules: [
        {
          ID: 'expire-noncurrent',
          Status: 'Enabled',
          Filter: { Prefix: 'logs/' },
          NoncurrentVersionExpiration: { NoncurrentDays: 30 },
          Expiration: { Date: new Date('2030-01-01T00:00:00Z') },
        },
      ],
    });
    s3.on(GetObjectLockConfigurationCommand).resolves({
      ObjectLockConfiguration: { ObjectLockEnabled: 'Enabled', Rule: { DefaultRetention: { Mode: 'COMPLIANCE', Days: 30 } } },
    });
    s3.on(GetBucketReplicationCommand).resolves({
      ReplicationConfiguration: {
        Role: 'arn:aws:iam::111122223333:role/replication',
        Rules: [{ ID: 'to-dr', Priority: 1, Status: 'Enabled', Filter: {}, DeleteMarkerReplication: { Status: 'Disabled' }, Destination: { Bucket: 'arn:aws:s3:::dr-copy', Account: '444455556666' } }],
      },
    });
    const policy = '{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Principal":"*","Action":"s3:DeleteBucket","Resource":"arn:aws:s3:::prod-data"}]}';
    s3.on(GetBucketPolicyCommand).resolves({ Policy: policy });
    s3.on(GetBucketTaggingCommand).resolves({ TagSet: [{ Key: 'data-class', Value: 'sensitive' }, { Key: 'team', Value: 'core' }] });

    const ctx = testContext();
    const { buckets } = await collectS3(ctx);
    assert.ok(buckets.ok);
    const b = bucket(buckets.value, 'prod-data');
    assert.deepEqual(b.region, { ok: true, value: 'eu-west-1' });
    assert.deepEqual(b.versioning, { ok: true, value: { status: 'Suspended', mfaDelete: 'Disabled' } });
    assert.deepEqual(b.lifecycle, {
      ok: true,
      value: [{ ID: 'expire-noncurrent', Status: 'Enabled', Filter: { Prefix: 'logs/' }, NoncurrentVersionExpiration: { NoncurrentDays: 30 }, Expiration: { Date: '2030-01-01T00:00:00.000Z' } }],
    });
    assert.deepEqual(b.objectLock, { ok: true, value: { ObjectLockEnabled: 'Enabled', Rule: { DefaultRetention: { Mode: 'COMPLIANCE', Days: 30 } } } });
    assert.ok(b.replication.ok && b.replication.value);
    assert.equal(b.replication.value.Role, 'arn:aws:iam::111122223333:role/replication');
    assert.equal(b.replication.value.Rules[0].Destination.Account, '444455556666');
    assert.deepEqual(b.policy, { ok: true, value: policy });
    assert.deepEqual(b.tags, { ok: true, value: { 'data-class': 'sensitive', team: 'core' } });
    assert.deepEqual(ctx.errors, []);
    assert.ok(roundTrips(buckets));
  });

  it('sends bucket-level calls to the bucket region, location and list to the global region', async () => {
    s3.on(ListBucketsCommand).resolves({ Buckets: [{ Name: 'in-sydney' }, { Name: 'in-virginia' }] });
    absentEverything();
    s3.on(GetBucketLocationCommand, { Bucket: 'in-sydney' }).resolves({ LocationConstraint: 'ap-southeast-2' });
    await collectS3(testContext());
    const calls = s3.calls();
    for (const c of calls) {
      const cmd = c.args[0] as { input: { Bucket?: string }; constructor: { name: string } };
      const name = cmd.constructor.name;
      const region = await regionOf(c);
      if (name === 'ListBucketsCommand' || name === 'GetBucketLocationCommand') assert.equal(region, 'us-east-1', name);
      else assert.equal(region, cmd.input.Bucket === 'in-sydney' ? 'ap-southeast-2' : 'us-east-1', `${name} ${cmd.input.Bucket}`);
    }
    assert.equal(s3.commandCalls(GetBucketVersioningCommand).length, 2);
  });

  it('records AccessDenied on one bucket call with its IAM permission; other fields and buckets are fine', async () => {
    s3.on(ListBucketsCommand).resolves({ Buckets: [{ Name: 'locked-down' }, { Name: 'open' }] });
    absentEverything();
    s3.on(GetBucketVersioningCommand).resolves({ Status: 'Enabled' });
    s3.on(GetBucketLifecycleConfigurationCommand, { Bucket: 'locked-down' }).rejects(awsError(S3ServiceException, 'AccessDenied', 403, 'Access Denied'));
    const ctx = testContext();
    const { buckets } = await collectS3(ctx);
    assert.ok(buckets.ok);
    const locked = bucket(buckets.value, 'locked-down');
    assert.equal(locked.lifecycle.ok, false);
    assert.ok(!locked.lifecycle.ok);
    assert.deepEqual(locked.lifecycle.error, {
      api: 's3:GetBucketLifecycleConfiguration',
      permission: 's3:GetLifecycleConfiguration',
      code: 'AccessDenied',
      message: 'Access Denied',
      accountId: ACCOUNT,
      region: 'us-east-1',
      resource: 'locked-down',
    });
    assert.deepEqual(locked.versioning, { ok: true, value: { status: 'Enabled', mfaDelete: 'Never' } });
    assert.deepEqual(locked.objectLock, { ok: true, value: null });
    const open = bucket(buckets.value, 'open');
    assert.deepEqual(open.lifecycle, { ok: true, value: null });
    assert.equal(ctx.errors.length, 1);
    assert.equal(ctx.errors[0], locked.lifecycle.error);
  });

  it('maps each failing S3 API to the IAM action it needs', async () => {
    s3.on(ListBucketsCommand).resolves({ Buckets: [{ Name: 'denied' }] });
    const denied = awsError(S3ServiceException, 'AccessDenied', 403, 'Access Denied');
    s3.on(GetBucketLocationCommand).resolves({ LocationConstraint: 'eu-central-1' });
    s3.on(GetBucketVersioningCommand).rejects(denied);
    s3.on(GetBucketLifecycleConfigurationCommand).rejects(denied);
    s3.on(GetObjectLockConfigurationCommand).rejects(denied);
    s3.on(GetBucketReplicationCommand).rejects(denied);
    s3.on(GetBucketPolicyCommand).rejects(denied);
    s3.on(GetBucketTaggingCommand).rejects(denied);
    const ctx = testContext();
    await collectS3(ctx);
    assert.deepEqual(
      ctx.errors.map((e) => [e.api, e.permission, e.region]),
      [
        ['s3:GetBucketVersioning', 's3:GetBucketVersioning', 'eu-central-1'],
        ['s3:GetBucketLifecycleConfiguration', 's3:GetLifecycleConfiguration', 'eu-central-1'],
        ['s3:GetObjectLockConfiguration', 's3:GetBucketObjectLockConfiguration', 'eu-central-1'],
        ['s3:GetBucketReplication', 's3:GetReplicationConfiguration', 'eu-central-1'],
        ['s3:GetBucketPolicy', 's3:GetBucketPolicy', 'eu-central-1'],
        ['s3:GetBucketTagging', 's3:GetBucketTagging', 'eu-central-1'],
      ],
    );
  });

  it('records a failed ListBuckets as the s3:ListAllMyBuckets permission, and stops there', async () => {
    s3.on(ListBucketsCommand).rejects(awsError(S3ServiceException, 'AccessDenied', 403, 'Access Denied'));
    const ctx = testContext();
    const { buckets } = await collectS3(ctx);
    assert.ok(!buckets.ok);
    assert.equal(buckets.error.permission, 's3:ListAllMyBuckets');
    assert.equal(buckets.error.region, 'global');
    assert.equal(s3.calls().length, 1);
  });

  it('follows ListBuckets pagination across pages', async () => {
    s3.on(ListBucketsCommand).resolves({ Buckets: [{ Name: 'page-one-a' }, { Name: 'page-one-b' }], ContinuationToken: 'tok-2' });
    s3.on(ListBucketsCommand, { ContinuationToken: 'tok-2' }).resolves({ Buckets: [{ Name: 'page-two-a' }] });
    absentEverything();
    const { buckets } = await collectS3(testContext());
    assert.ok(buckets.ok);
    assert.deepEqual(buckets.value.map((b) => b.name), ['page-one-a', 'page-one-b', 'page-two-a']);
    assert.equal(s3.commandCalls(ListBucketsCommand).length, 2);
  });

  it('when GetBucketLocation fails, records it and still reads the bucket (via the global region)', async () => {
    s3.on(ListBucketsCommand).resolves({ Buckets: [{ Name: 'where-am-i' }] });
    absentEverything();
    s3.on(GetBucketLocationCommand).rejects(awsError(S3ServiceException, 'AccessDenied', 403, 'Access Denied'));
    s3.on(GetBucketVersioningCommand).resolves({ Status: 'Enabled' });
    const ctx = testContext();
    const { buckets } = await collectS3(ctx);
    assert.ok(buckets.ok);
    const b = bucket(buckets.value, 'where-am-i');
    assert.ok(!b.region.ok);
    assert.equal(b.region.error.permission, 's3:GetBucketLocation');
    assert.deepEqual(b.versioning, { ok: true, value: { status: 'Enabled', mfaDelete: 'Never' } });
  });

  it('lists directory buckets in each audited region (paginated) beside the general-purpose ones', async () => {
    s3.on(ListBucketsCommand).resolves({ Buckets: [{ Name: 'plain-bucket' }] });
    absentEverything();
    s3.on(ListDirectoryBucketsCommand).callsFake(async (input: { ContinuationToken?: string }, getClient: () => S3Client) => {
      const region = await getClient().config.region();
      if (region !== 'eu-west-1') return { Buckets: [{ Name: 'plain-bucket' }] }; // not a directory bucket name (an emulator answering ListBuckets): ignored
      if (input.ContinuationToken === 'next') return { Buckets: [{ Name: 'more--euw1-az1--x-s3', BucketRegion: 'eu-west-1' }] };
      return { Buckets: [{ Name: 'fast--euw1-az1--x-s3', BucketRegion: 'eu-west-1' }], ContinuationToken: 'next' };
    });
    const ctx = testContext();
    const { buckets } = await collectS3(ctx, ['us-east-1', 'eu-west-1']);
    assert.ok(buckets.ok);
    assert.deepEqual(buckets.value.map((b) => [b.name, b.bucketType]), [['plain-bucket', 'general-purpose'], ['fast--euw1-az1--x-s3', 'directory'], ['more--euw1-az1--x-s3', 'directory']]);
    const d = bucket(buckets.value, 'fast--euw1-az1--x-s3');
    assert.equal(d.arn, `arn:aws:s3express:eu-west-1:${ACCOUNT}:bucket/fast--euw1-az1--x-s3`);
    assert.deepEqual(d.region, { ok: true, value: 'eu-west-1' });
    assert.deepEqual(ctx.errors, []);
  });

  it('a failing ListDirectoryBuckets is recorded once per region and leaves general-purpose buckets untouched', async () => {
    s3.on(ListBucketsCommand).resolves({ Buckets: [{ Name: 'plain-bucket' }] });
    absentEverything();
    s3.on(GetBucketVersioningCommand).resolves({ Status: 'Enabled' });
    s3.on(ListDirectoryBucketsCommand).rejects(awsError(S3ServiceException, 'AccessDenied', 403, 'Access Denied'));
    const ctx = testContext();
    const { buckets } = await collectS3(ctx, ['us-east-1', 'eu-west-1']);
    assert.ok(buckets.ok);
    assert.equal(buckets.value.length, 1);
    const b = buckets.value[0];
    assert.equal(b.bucketType, 'general-purpose');
    for (const k of ['region', 'versioning', 'lifecycle', 'objectLock', 'replication', 'policy', 'tags'] as const) assert.ok(b[k].ok, `${k} still read`);
    assert.deepEqual(ctx.errors.map((e) => [e.api, e.permission, e.region, e.code]), [
      ['s3:ListDirectoryBuckets', 's3express:ListAllMyDirectoryBuckets', 'us-east-1', 'AccessDenied'],
      ['s3:ListDirectoryBuckets', 's3express:ListAllMyDirectoryBuckets', 'eu-west-1', 'AccessDenied'],
    ]);
  });
});
