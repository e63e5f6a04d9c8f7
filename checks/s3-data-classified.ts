import { sensitivityOf } from '../src/marking';
import { eachBucket } from './common';
import type { Check, CheckResult } from './types';
import { unknown } from './types';

// Knowing which buckets hold sensitive data is what lets roles be narrowed to the rest; an unmarked
// bucket is counted as sensitive everywhere (blast radius, ec2-role-data-reach).
export const s3DataClassified: Check = {
  meta: {
    id: 's3-data-classified',
    title: 'S3 buckets are marked sensitive or non-sensitive',
    severity: 'low',
    threats: ['data-leak'],
    resourceType: 'AWS::S3::Bucket',
    risk: 'Nobody can keep servers away from sensitive data without knowing where it is. A bucket marked neither way is treated as sensitive, so every role that reads it counts as a possible leak.',
    remediation: {
      console: 'S3 console → the bucket → Properties → Tags → Edit → add drready:sensitive=true (or false), or the tags set in the config under sensitive.sensitiveTags / nonSensitiveTags. Buckets of public or throwaway data can instead use a name prefix from sensitive.nonSensitivePrefixes.',
      cli: 'aws s3api put-bucket-tagging --bucket <bucket> --tagging "TagSet=[{Key=drready:sensitive,Value=true}]" (put-bucket-tagging replaces every tag: include the existing ones)',
      cloudformation: 'AWS::S3::Bucket: Tags: [{ Key: drready:sensitive, Value: "true" }]',
    },
    permissions: ['s3:ListAllMyBuckets', 's3:GetBucketTagging', 's3:GetBucketLocation'],
  },
  run({ inventory, config }) {
    const out: CheckResult[] = [];
    for (const [, b, where] of eachBucket(inventory, out)) {
      const mark = sensitivityOf({ name: b.name, tags: b.tags.ok ? b.tags.value : {} }, config);
      // Without its tags only a name prefix can mark it (a tag could still make it sensitive, but it is marked either way).
      if (!b.tags.ok && !mark.marked) {
        out.push(unknown(b.tags.error, where, `read the tags of ${b.name}`));
        continue;
      }
      if (mark.marked) out.push({ ...where, status: 'PASS', message: `${b.name} is marked ${mark.sensitive ? 'sensitive' : 'non-sensitive'} (${mark.by}).`, details: { sensitive: mark.sensitive, by: mark.by } });
      else
        out.push({
          ...where,
          status: 'FAIL',
          message: `${b.name} is marked neither sensitive nor non-sensitive: drready treats it as sensitive; mark it (a sensitive.sensitiveTags or nonSensitiveTags tag, or a nonSensitivePrefixes name prefix).`,
          details: { sensitive: true, marked: false },
        });
    }
    return out;
  },
};
