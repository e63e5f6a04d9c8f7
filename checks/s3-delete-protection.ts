import { eachBucket, isCritical, plural } from './common';
import type { Check, CheckResult } from './types';
import { unknown } from './types';

// Versioning keeps old versions, but anyone with s3:DeleteObjectVersion can purge them. Only MFA
// delete or Object Lock (in compliance mode, with a default retention) stops a stolen admin key.
export const s3DeleteProtection: Check = {
  meta: {
    id: 's3-delete-protection',
    title: 'Old object versions cannot be purged by a stolen key',
    severity: 'high',
    threats: ['account-wipe', 'server-compromise'],
    resourceType: 'AWS::S3::Bucket',
    risk: 'Versioning keeps old versions, but anyone with delete rights can permanently delete them too. Object Lock in compliance mode (or MFA delete) is what keeps them when an admin key or a compromised server is used against the bucket. Governance mode can be bypassed by anyone with s3:BypassGovernanceRetention, and Object Lock with no default retention locks nothing unless each upload asks for it.',
    remediation: {
      console:
        'S3 console → the bucket → Properties → Object Lock → Edit → Enable default retention, mode Compliance, a retention period that covers the time to notice a problem (e.g. 30 days) → Save. (Object Lock can be enabled on an existing versioned bucket; compliance-mode versions cannot be deleted by anyone until they expire, so start with a short period.) MFA delete instead: only the root user can enable it, with the CLI.',
      cli: 'aws s3api put-object-lock-configuration --bucket <bucket> --object-lock-configuration \'{"ObjectLockEnabled":"Enabled","Rule":{"DefaultRetention":{"Mode":"COMPLIANCE","Days":30}}}\'   # or, as root: aws s3api put-bucket-versioning --bucket <bucket> --versioning-configuration Status=Enabled,MFADelete=Enabled --mfa "<mfa-serial> <code>"',
      cloudformation: 'AWS::S3::Bucket ObjectLockEnabled: true, ObjectLockConfiguration: { ObjectLockEnabled: Enabled, Rule: { DefaultRetention: { Mode: COMPLIANCE, Days: 30 } } }',
    },
    permissions: ['s3:ListAllMyBuckets', 's3:GetBucketVersioning', 's3:GetBucketObjectLockConfiguration', 's3:GetBucketTagging'],
  },
  run({ inventory, config }) {
    const out: CheckResult[] = [];
    for (const [, b, where] of eachBucket(inventory, out)) {
      if (b.bucketType === 'directory') {
        out.push({ ...where, status: 'NOT_APPLICABLE', message: `Directory bucket ${b.name} supports neither Object Lock nor MFA delete.` });
        continue;
      }
      const lock = b.objectLock.ok ? b.objectLock.value : undefined;
      const retention = lock?.ObjectLockEnabled === 'Enabled' ? lock.Rule?.DefaultRetention : undefined;
      const period = retention ? (retention.Years ? plural(retention.Years, 'year') : plural(retention.Days ?? 0, 'day')) : '';
      if (retention?.Mode === 'COMPLIANCE') {
        out.push({ ...where, status: 'PASS', message: `Object Lock in compliance mode keeps every new version of ${b.name} for ${period}; no one can delete it sooner.`, details: { objectLock: 'COMPLIANCE', period } });
        continue;
      }
      if (b.versioning.ok && b.versioning.value.mfaDelete === 'Enabled') {
        out.push({ ...where, status: 'PASS', message: `MFA delete is enabled on ${b.name}: versions can only be purged by the root user with its MFA device.`, details: { mfaDelete: 'Enabled' } });
        continue;
      }
      if (!b.versioning.ok) {
        out.push(unknown(b.versioning.error, where, `read the versioning and MFA delete state of ${b.name}`));
        continue;
      }
      if (b.versioning.value.status === 'Never' && b.objectLock.ok && !b.objectLock.value) {
        out.push({ ...where, status: 'NOT_APPLICABLE', message: `${b.name} is not versioned, so there are no old versions to protect (see s3-versioning).` });
        continue;
      }
      if (!b.objectLock.ok) {
        out.push(unknown(b.objectLock.error, where, `read the Object Lock configuration of ${b.name}`));
        continue;
      }
      // Every versioned bucket is judged; one marked critical (config) keeps the full severity.
      const critical = isCritical(config, b.name, b.tags.ok ? b.tags.value : undefined);
      const lower = critical === false;
      if (retention?.Mode === 'GOVERNANCE') {
        out.push({
          ...where,
          status: 'FAIL',
          severity: lower ? 'low' : 'medium',
          message: `Object Lock on ${b.name} is in governance mode (${period}): anyone with s3:BypassGovernanceRetention (any admin) can still delete locked versions. Switch the default retention to compliance mode, or enable MFA delete.`,
          details: { objectLock: 'GOVERNANCE', period, critical },
        });
      } else if (lock?.ObjectLockEnabled === 'Enabled') {
        out.push({
          ...where,
          status: 'FAIL',
          severity: lower ? 'medium' : undefined,
          message: `Object Lock is enabled on ${b.name} but has no default retention: objects are locked only when an upload asks for it, so most versions can be purged. Set a default retention in compliance mode.`,
          details: { objectLock: 'NO_DEFAULT_RETENTION', critical },
        });
      } else {
        out.push({
          ...where,
          status: 'FAIL',
          severity: lower ? 'medium' : undefined,
          message: `Neither Object Lock nor MFA delete protects ${b.name}: anyone with s3:DeleteObjectVersion can purge every old version. Enable Object Lock with a compliance-mode default retention.`,
          details: { objectLock: 'NONE', mfaDelete: b.versioning.value.mfaDelete, critical },
        });
      }
    }
    return out;
  },
};
