import assert from 'node:assert/strict';
import { s3DataClassified } from '../../checks/s3-data-classified';
import { account, bucket, denied, inventory, ok, withBuckets } from '../helpers/inventory';
import { runCheck } from '../helpers/run';

describe('s3-data-classified', () => {
  const cases = [
    { name: 'a sensitive tag marks it', bucket: bucket('hr', { tags: ok({ 'drready:sensitive': 'true' }) }), status: 'PASS', message: /hr is marked sensitive \(tag drready:sensitive=true\)/ },
    { name: 'a non-sensitive tag marks it', bucket: bucket('logs', { tags: ok({ 'drready:sensitive': 'false' }) }), status: 'PASS', message: /marked non-sensitive \(tag drready:sensitive=false\)/ },
    { name: 'a non-sensitive name prefix marks it', bucket: bucket('public-site'), status: 'PASS', message: /marked non-sensitive \(name prefix public-\)/ },
    { name: 'a sensitive tag wins over the prefix', bucket: bucket('nonsensitive.oops', { tags: ok({ 'drready:sensitive': 'true' }) }), status: 'PASS', message: /marked sensitive/ },
    { name: 'unmarked fails: treated as sensitive', bucket: bucket('app-data', { tags: ok({ team: 'x' }) }), status: 'FAIL', message: /drready treats it as sensitive; mark it/ },
    { name: 'tags unreadable and no prefix: unknown', bucket: bucket('app-data', { tags: denied('s3:GetBucketTagging') }), status: 'UNKNOWN', message: /s3:GetBucketTagging/ },
    { name: 'tags unreadable but the prefix decides', bucket: bucket('nonsensitive.assets', { tags: denied('s3:GetBucketTagging') }), status: 'PASS', message: /name prefix nonsensitive\./ },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const [f] = runCheck(s3DataClassified, withBuckets(c.bucket));
      assert.equal(f.status, c.status);
      assert.match(f.message, c.message);
      assert.equal(f.resourceId, c.bucket.arn);
      assert.equal(f.resourceType, 'AWS::S3::Bucket');
      assert.deepEqual(f.threats, ['data-leak']);
    });
  }

  it('names the missing permission on UNKNOWN', () => {
    const [f] = runCheck(s3DataClassified, withBuckets(bucket('x', { tags: denied('s3:GetBucketTagging') })));
    assert.deepEqual(f.missingPermissions, ['s3:GetBucketTagging']);
  });

  it('follows the config markers, not fixed names', () => {
    const sensitive = { nonSensitivePrefixes: ['tmp-'], sensitiveTags: { class: 'secret' }, nonSensitiveTags: { class: 'open' } };
    const inv = withBuckets(bucket('tmp-a'), bucket('b', { tags: ok({ class: 'open' }) }), bucket('public-c'), bucket('d', { tags: ok({ 'drready:sensitive': 'true' }) }));
    const st = runCheck(s3DataClassified, inv, {}, { sensitive }).map((f) => f.status);
    assert.deepEqual(st, ['PASS', 'PASS', 'FAIL', 'FAIL']);
  });

  it('one UNKNOWN for the account when buckets cannot be listed', () => {
    const inv = inventory([account({ s3: { buckets: denied('s3:ListBuckets', 's3:ListAllMyBuckets') } })]);
    const findings = runCheck(s3DataClassified, inv);
    assert.deepEqual(findings.map((f) => [f.status, f.missingPermissions]), [['UNKNOWN', ['s3:ListAllMyBuckets']]]);
  });
});
