import { eachBucket } from './common';
import type { Check, CheckResult } from './types';
import { unknown } from './types';

// Versioning is what turns an overwrite or a delete into something that can be undone.
export const s3Versioning: Check = {
  meta: {
    id: 's3-versioning',
    title: 'S3 buckets keep old versions of objects',
    severity: 'high',
    threats: ['account-wipe', 'server-compromise', 'engineer-mistake'],
    resourceType: 'AWS::S3::Bucket',
    risk: 'Without versioning, an overwrite or a delete of an object is final: a bad deploy, a script bug or an attacker destroys the data for good.',
    remediation: {
      console: 'S3 console → the bucket → Properties → Bucket Versioning → Edit → Enable → Save changes.',
      cli: 'aws s3api put-bucket-versioning --bucket <bucket> --versioning-configuration Status=Enabled',
      cloudformation: 'AWS::S3::Bucket: VersioningConfiguration: { Status: Enabled }',
    },
    permissions: ['s3:ListAllMyBuckets', 's3:GetBucketVersioning', 's3:GetBucketLocation'],
  },
  run({ inventory }) {
    const out: CheckResult[] = [];
    for (const [, b, where] of eachBucket(inventory, out)) {
      if (b.bucketType === 'directory') {
        out.push({ ...where, status: 'NOT_APPLICABLE', message: `Directory bucket ${b.name} (S3 Express One Zone) does not support versioning.` });
        continue;
      }
      if (!b.versioning.ok) {
        out.push(unknown(b.versioning.error, where, `read the versioning state of ${b.name}`));
        continue;
      }
      const status = b.versioning.value.status;
      if (status === 'Enabled') {
        out.push({ ...where, status: 'PASS', message: `Versioning is enabled on ${b.name}.` });
      } else if (status === 'Suspended') {
        out.push({
          ...where,
          status: 'FAIL',
          message: `Versioning on ${b.name} was on and is now suspended: old versions remain, but new overwrites and deletes are lost.`,
          details: { versioning: status },
        });
      } else {
        out.push({
          ...where,
          status: 'FAIL',
          message: `Versioning has never been enabled on ${b.name}: any overwrite or delete is permanent.`,
          details: { versioning: status },
        });
      }
    }
    return out;
  },
};
