import assert from 'node:assert/strict';
import { s3DeleteProtection } from '../../checks/s3-delete-protection';
import type { S3Bucket } from '../../src/inventory/types';
import { bucket as plainBucket, denied, ok, withBuckets } from '../helpers/inventory';

// Marked critical, so failures keep the check's full severity (see the last test for ordinary buckets).
const bucket = (name: string, patch: Partial<S3Bucket> = {}) => plainBucket(name, { tags: ok({ 'drready:critical': 'true' }), ...patch });
import { runCheck } from '../helpers/run';

describe('s3-delete-protection', () => {
  const cases: { name: string; b: S3Bucket; status: string; severity?: string; message: RegExp }[] = [
    {
      name: 'compliance-mode default retention passes',
      b: bucket('a', { objectLock: ok({ ObjectLockEnabled: 'Enabled', Rule: { DefaultRetention: { Mode: 'COMPLIANCE', Days: 30 } } }) }),
      status: 'PASS',
      message: /compliance mode .* for 30 days/,
    },
    { name: 'MFA delete passes', b: bucket('b', { versioning: ok({ status: 'Enabled', mfaDelete: 'Enabled' }) }), status: 'PASS', message: /MFA delete/ },
    {
      name: 'governance mode fails as bypassable, at medium',
      b: bucket('c', { objectLock: ok({ ObjectLockEnabled: 'Enabled', Rule: { DefaultRetention: { Mode: 'GOVERNANCE', Years: 1 } } }) }),
      status: 'FAIL',
      severity: 'medium',
      message: /governance mode \(1 year\).*BypassGovernanceRetention/,
    },
    { name: 'Object Lock without default retention protects nothing by default', b: bucket('d', { objectLock: ok({ ObjectLockEnabled: 'Enabled' }) }), status: 'FAIL', severity: 'high', message: /no default retention/ },
    { name: 'versioning alone fails', b: bucket('e'), status: 'FAIL', severity: 'high', message: /Neither Object Lock nor MFA delete/ },
    { name: 'unversioned bucket is not applicable', b: bucket('f', { versioning: ok({ status: 'Never', mfaDelete: 'Never' }) }), status: 'NOT_APPLICABLE', message: /not versioned/ },
    { name: 'directory bucket is not applicable', b: bucket('g--use1-az4--x-s3', { bucketType: 'directory' }), status: 'NOT_APPLICABLE', message: /Directory bucket/ },
    { name: 'denied Object Lock read is unknown', b: bucket('h', { objectLock: denied('s3:GetObjectLockConfiguration', 's3:GetBucketObjectLockConfiguration') }), status: 'UNKNOWN', message: /s3:GetBucketObjectLockConfiguration/ },
    {
      name: 'MFA delete decides even when Object Lock is unreadable',
      b: bucket('i', { versioning: ok({ status: 'Enabled', mfaDelete: 'Enabled' }), objectLock: denied('s3:GetObjectLockConfiguration', 's3:GetBucketObjectLockConfiguration') }),
      status: 'PASS',
      message: /MFA delete/,
    },
    {
      name: 'compliance lock decides even when versioning is unreadable',
      b: bucket('j', { versioning: denied('s3:GetBucketVersioning'), objectLock: ok({ ObjectLockEnabled: 'Enabled', Rule: { DefaultRetention: { Mode: 'COMPLIANCE', Days: 7 } } }) }),
      status: 'PASS',
      message: /compliance/,
    },
    { name: 'denied versioning without a lock is unknown', b: bucket('k', { versioning: denied('s3:GetBucketVersioning') }), status: 'UNKNOWN', message: /s3:GetBucketVersioning/ },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const [f] = runCheck(s3DeleteProtection, withBuckets(c.b));
      assert.equal(f.status, c.status);
      assert.match(f.message, c.message);
      if (c.severity) assert.equal(f.severity, c.severity);
      if (c.status === 'UNKNOWN') assert.equal(f.missingPermissions?.length, 1);
    });
  }

  it('an ordinary (not critical) bucket fails one step lower; unreadable tags keep the full severity', () => {
    const [plain, governed, unknownTags] = runCheck(
      s3DeleteProtection,
      withBuckets(
        plainBucket('plain'),
        plainBucket('gov', { objectLock: ok({ ObjectLockEnabled: 'Enabled', Rule: { DefaultRetention: { Mode: 'GOVERNANCE', Days: 5 } } }) }),
        plainBucket('hidden', { tags: denied('s3:GetBucketTagging') }),
      ),
    );
    assert.deepEqual([plain.severity, governed.severity, unknownTags.severity], ['medium', 'low', 'high']);
  });
});
