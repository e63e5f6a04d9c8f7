import assert from 'node:assert/strict';
import { s3Versioning } from '../../checks/s3-versioning';
import { bucket, denied, inventory, account, ok, withBuckets } from '../helpers/inventory';
import { runCheck } from '../helpers/run';

describe('s3-versioning', () => {
  const cases = [
    { name: 'enabled passes', bucket: bucket('a'), status: 'PASS', message: /enabled/ },
    { name: 'suspended fails, saying it was on', bucket: bucket('b', { versioning: ok({ status: 'Suspended', mfaDelete: 'Disabled' }) }), status: 'FAIL', message: /suspended/ },
    { name: 'never enabled fails', bucket: bucket('c', { versioning: ok({ status: 'Never', mfaDelete: 'Never' }) }), status: 'FAIL', message: /never been enabled/ },
    { name: 'directory bucket is not applicable', bucket: bucket('d--use1-az4--x-s3', { bucketType: 'directory', versioning: ok({ status: 'Never', mfaDelete: 'Never' }) }), status: 'NOT_APPLICABLE', message: /Directory bucket/ },
    { name: 'denied GetBucketVersioning is unknown', bucket: bucket('e', { versioning: denied('s3:GetBucketVersioning') }), status: 'UNKNOWN', message: /s3:GetBucketVersioning/ },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const [f] = runCheck(s3Versioning, withBuckets(c.bucket));
      assert.equal(f.status, c.status);
      assert.match(f.message, c.message);
      assert.equal(f.resourceId, c.bucket.arn);
      assert.equal(f.resourceType, 'AWS::S3::Bucket');
    });
  }

  it('names the missing permission on UNKNOWN', () => {
    const [f] = runCheck(s3Versioning, withBuckets(bucket('e', { versioning: denied('s3:GetBucketVersioning') })));
    assert.deepEqual(f.missingPermissions, ['s3:GetBucketVersioning']);
  });

  it('one UNKNOWN for the account when buckets cannot be listed', () => {
    const inv = inventory([account({ s3: { buckets: denied('s3:ListBuckets', 's3:ListAllMyBuckets') } })]);
    const findings = runCheck(s3Versioning, inv);
    assert.equal(findings.length, 1);
    assert.equal(findings[0].status, 'UNKNOWN');
    assert.deepEqual(findings[0].missingPermissions, ['s3:ListAllMyBuckets']);
  });

  for (const partition of ['aws', 'aws-cn', 'aws-us-gov']) {
    it(`the account-wide UNKNOWN names the ${partition} partition`, () => {
      const inv = inventory([account({ partition, s3: { buckets: denied('s3:ListBuckets', 's3:ListAllMyBuckets') } })]);
      assert.equal(runCheck(s3Versioning, inv)[0].resourceId, `arn:${partition}:s3:::*`);
    });
  }

  it('suspended and never-enabled give different messages', () => {
    const [s, n] = runCheck(
      s3Versioning,
      withBuckets(bucket('s', { versioning: ok({ status: 'Suspended', mfaDelete: 'Disabled' }) }), bucket('n', { versioning: ok({ status: 'Never', mfaDelete: 'Never' }) })),
    );
    assert.notEqual(s.message.replace(/\bs\b/, ''), n.message.replace(/\bn\b/, ''));
  });
});
