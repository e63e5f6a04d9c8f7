import { eachBucket, plural, ruleScope } from './common';
import type { Check, CheckResult } from './types';
import { unknown } from './types';

// Versioning only helps for as long as the old versions are kept: a lifecycle rule that expires
// noncurrent versions after 3 days turns "we have versioning" into "we have 3 days".
export const s3NoncurrentRetention: Check = {
  meta: {
    id: 's3-noncurrent-retention',
    title: 'Lifecycle rules keep old object versions long enough',
    severity: 'medium',
    threats: ['server-compromise', 'engineer-mistake'],
    resourceType: 'AWS::S3::Bucket',
    risk: 'A lifecycle rule that deletes noncurrent versions after a few days silently limits versioning to those days: a corruption noticed a week later cannot be undone. NewerNoncurrentVersions only lengthens that: S3 deletes an old version once it is older than NoncurrentDays and N newer ones exist.',
    remediation: {
      console:
        'S3 console → the bucket → Management → Lifecycle rules → the rule → Edit → "Permanently delete noncurrent versions of objects": set "Days after objects become noncurrent" to at least the threshold (or move old versions to a cheaper storage class instead of deleting them) → Save.',
      cli: 'aws s3api get-bucket-lifecycle-configuration --bucket <bucket> > lc.json; raise Rules[].NoncurrentVersionExpiration.NoncurrentDays to >= <days>; aws s3api put-bucket-lifecycle-configuration --bucket <bucket> --lifecycle-configuration file://lc.json',
      cloudformation: 'AWS::S3::Bucket LifecycleConfiguration.Rules[].NoncurrentVersionExpiration.NoncurrentDays >= <days> (or NoncurrentVersionTransitions instead of expiration)',
    },
    thresholds: { minNoncurrentDays: { default: 30, unit: 'days', description: 'Noncurrent versions must be kept at least this many days.' } },
    permissions: ['s3:ListAllMyBuckets', 's3:GetBucketVersioning', 's3:GetLifecycleConfiguration'],
  },
  run({ inventory, thresholds }) {
    const out: CheckResult[] = [];
    const min = thresholds.minNoncurrentDays;
    for (const [, b, where] of eachBucket(inventory, out)) {
      if (b.bucketType === 'directory') {
        out.push({ ...where, status: 'NOT_APPLICABLE', message: `Directory bucket ${b.name} has no object versions.` });
        continue;
      }
      if (!b.versioning.ok) {
        out.push(unknown(b.versioning.error, where, `tell whether ${b.name} is versioned`));
        continue;
      }
      if (b.versioning.value.status === 'Never') {
        out.push({ ...where, status: 'NOT_APPLICABLE', message: `${b.name} is not versioned, so it has no old versions to keep (see s3-versioning).` });
        continue;
      }
      if (!b.lifecycle.ok) {
        out.push(unknown(b.lifecycle.error, where, `read the lifecycle rules of ${b.name}`));
        continue;
      }
      const short: { rule: string; days: number; newer?: number; scope: string; whole: boolean }[] = [];
      for (const r of b.lifecycle.value ?? []) {
        const exp = r.NoncurrentVersionExpiration;
        if (r.Status !== 'Enabled' || exp?.NoncurrentDays === undefined) continue;
        if (exp.NoncurrentDays < min) {
          const s = ruleScope(r);
          short.push({ rule: r.ID ?? '(unnamed)', days: exp.NoncurrentDays, newer: exp.NewerNoncurrentVersions, scope: s.text, whole: s.whole });
        }
      }
      if (!short.length) {
        const why = b.lifecycle.value?.length ? 'no enabled lifecycle rule deletes them sooner' : 'the bucket has no lifecycle rules';
        out.push({ ...where, status: 'PASS', message: `Old versions in ${b.name} are kept at least ${plural(min, 'day')}: ${why}.` });
        continue;
      }
      const kept = (s: { newer?: number }) => (s.newer ? ` (the ${s.newer} newest old versions are kept whatever their age)` : '');
      const fix = `Raise NoncurrentDays to at least ${min}, or transition old versions to a cheaper storage class instead of deleting them.`;
      const details = { rules: short, minNoncurrentDays: min, wholeBucket: short.some((s) => s.whole) };
      if (!details.wholeBucket) {
        // Only part of the bucket (often scratch space) loses its old versions early.
        const text = short.map((s) => `${s.scope} keep old versions only ${plural(s.days, 'day')} (rule ${s.rule})${kept(s)}`).join('; ');
        out.push({ ...where, status: 'FAIL', severity: 'low', details, message: `In ${b.name}, ${text}; the rest of the bucket keeps them at least ${plural(min, 'day')}. If that data matters, ${fix[0].toLowerCase()}${fix.slice(1)}` });
        continue;
      }
      const worst = Math.min(...short.filter((s) => s.whole).map((s) => s.days));
      const text = short.map((s) => `rule ${s.rule} deletes noncurrent versions of ${s.scope} after ${plural(s.days, 'day')}${kept(s)}`).join('; ');
      out.push({ ...where, status: 'FAIL', details, message: `Versioning on ${b.name} is worth only ${plural(worst, 'day')} (limit ${min}): ${text}. ${fix}` });
    }
    return out;
  },
};
