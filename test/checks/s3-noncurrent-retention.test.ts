import assert from 'node:assert/strict';
import { s3NoncurrentRetention } from '../../checks/s3-noncurrent-retention';
import type { S3Bucket, S3LifecycleRule } from '../../src/inventory/types';
import { bucket, denied, ok, withBuckets } from '../helpers/inventory';
import { runCheck } from '../helpers/run';

const expire = (days: number, extra: Partial<S3LifecycleRule> = {}): S3LifecycleRule => ({ ID: `nc-${days}`, Status: 'Enabled', Filter: {}, NoncurrentVersionExpiration: { NoncurrentDays: days }, ...extra });

describe('s3-noncurrent-retention', () => {
  const cases: { name: string; b: S3Bucket; status: string; message: RegExp; severity?: string }[] = [
    { name: 'no lifecycle keeps versions forever', b: bucket('a'), status: 'PASS', message: /no lifecycle rules/ },
    { name: 'noncurrent expiry at 90 days passes', b: bucket('b', { lifecycle: ok([expire(90)]) }), status: 'PASS', message: /at least 30 days/ },
    { name: 'noncurrent expiry at 7 days fails', b: bucket('c', { lifecycle: ok([expire(7)]) }), status: 'FAIL', message: /worth only 7 days \(limit 30\).*the whole bucket/ },
    {
      name: 'keeping N newest versions does not rescue a short expiry',
      b: bucket('d', { lifecycle: ok([expire(1, { NoncurrentVersionExpiration: { NoncurrentDays: 1, NewerNoncurrentVersions: 3 } })]) }),
      status: 'FAIL',
      message: /after 1 day \(the 3 newest old versions are kept whatever their age\)/,
    },
    { name: 'a rule scoped to a prefix fails low, naming the scope', b: bucket('e', { lifecycle: ok([expire(1, { Filter: { Prefix: 'tmp/' } })]) }), status: 'FAIL', severity: 'low', message: /In e, objects with prefix "tmp\/" keep old versions only 1 day \(rule nc-1\); the rest of the bucket/ },
    { name: 'a scoped rule next to a whole-bucket one is judged as whole-bucket', b: bucket('e3', { lifecycle: ok([expire(1, { Filter: { Prefix: 'tmp/' } }), expire(7)]) }), status: 'FAIL', severity: 'medium', message: /worth only 7 days \(limit 30\).*prefix "tmp\/" after 1 day;.*the whole bucket after 7 days/ },
    { name: 'the deprecated top-level prefix is read too', b: bucket('e2', { lifecycle: ok([expire(3, { Filter: undefined, Prefix: 'logs/' })]) }), status: 'FAIL', message: /prefix "logs\/"/ },
    { name: 'a disabled rule does not count', b: bucket('f', { lifecycle: ok([expire(1, { Status: 'Disabled' })]) }), status: 'PASS', message: /no enabled lifecycle rule/ },
    { name: 'suspended versioning still keeps old versions: judged', b: bucket('g', { versioning: ok({ status: 'Suspended', mfaDelete: 'Disabled' }), lifecycle: ok([expire(5)]) }), status: 'FAIL', message: /5 days/ },
    { name: 'never-versioned bucket is not applicable', b: bucket('h', { versioning: ok({ status: 'Never', mfaDelete: 'Never' }) }), status: 'NOT_APPLICABLE', message: /not versioned/ },
    { name: 'directory bucket is not applicable', b: bucket('i--use1-az4--x-s3', { bucketType: 'directory' }), status: 'NOT_APPLICABLE', message: /Directory bucket/ },
    { name: 'denied lifecycle is unknown', b: bucket('j', { lifecycle: denied('s3:GetBucketLifecycleConfiguration', 's3:GetLifecycleConfiguration') }), status: 'UNKNOWN', message: /s3:GetLifecycleConfiguration/ },
    { name: 'denied versioning is unknown', b: bucket('k', { versioning: denied('s3:GetBucketVersioning') }), status: 'UNKNOWN', message: /s3:GetBucketVersioning/ },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const [f] = runCheck(s3NoncurrentRetention, withBuckets(c.b));
      assert.equal(f.status, c.status);
      assert.match(f.message, c.message);
      assert.equal(f.resourceId, c.b.arn);
      if (c.severity) assert.equal(f.severity, c.severity);
    });
  }

  it('the risk text does not claim NewerNoncurrentVersions pushes the good copy out (it only lengthens retention)', () => {
    assert.doesNotMatch(s3NoncurrentRetention.meta.risk, /pushes the good copy out/);
    assert.match(s3NoncurrentRetention.meta.risk, /only lengthens/);
  });

  it('the threshold comes from the config', () => {
    const inv = withBuckets(bucket('a', { lifecycle: ok([expire(20)]) }));
    assert.equal(runCheck(s3NoncurrentRetention, inv)[0].status, 'FAIL');
    assert.equal(runCheck(s3NoncurrentRetention, inv, { minNoncurrentDays: 14 })[0].status, 'PASS');
  });

  it('names the missing permission on UNKNOWN', () => {
    const [f] = runCheck(s3NoncurrentRetention, withBuckets(bucket('j', { lifecycle: denied('s3:GetBucketLifecycleConfiguration', 's3:GetLifecycleConfiguration') })));
    assert.deepEqual(f.missingPermissions, ['s3:GetLifecycleConfiguration']);
  });
});
