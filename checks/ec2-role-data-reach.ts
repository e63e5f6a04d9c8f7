import { plural } from './common';
import type { RoleReads } from '../src/blast-radius';
import { instanceRoleReads } from '../src/blast-radius';
import type { AccountInventory, CallError, S3Bucket } from '../src/inventory/types';
import { sensitivityOf } from '../src/marking';
import type { Check, CheckContext, CheckResult } from './types';
import { unknown } from './types';

// A compromised server leaks whatever its role can read: each instance role should reach only the
// buckets its software needs, and none marked sensitive unless that is its job.
export const ec2RoleDataReach: Check = {
  meta: {
    id: 'ec2-role-data-reach',
    title: 'Server roles cannot read sensitive buckets or every bucket',
    severity: 'high',
    threats: ['data-leak', 'server-compromise'],
    resourceType: 'AWS::IAM::Role',
    risk: 'Anyone who takes over a server (a web exploit, a leaked SSH key) gets its role. A role that reads sensitive buckets, or every bucket, turns one compromised server into a data leak.',
    remediation: {
      console: 'IAM console → Roles → the role → Permissions: replace s3:GetObject on * (or s3:*, ReadOnlyAccess) with s3:GetObject on arn:aws:s3:::<bucket>/<prefix>/* for the buckets the software needs; if it truly needs a sensitive bucket, give that bucket its own role on its own servers.',
      cli: 'aws iam put-role-policy --role-name <role> --policy-name <name> --policy-document file://scoped-read.json; then aws iam detach-role-policy --role-name <role> --policy-arn <broad-policy-arn> (or delete-role-policy for an inline one)',
      cloudformation: 'AWS::IAM::Role: Policies: [{ PolicyDocument: { Statement: [{ Effect: Allow, Action: s3:GetObject, Resource: arn:aws:s3:::<bucket>/<prefix>/* }] } }]',
    },
    permissions: ['ec2:DescribeInstances', 'iam:GetAccountAuthorizationDetails', 's3:ListAllMyBuckets', 's3:GetBucketTagging'],
  },
  run(ctx) {
    return ctx.inventory.accounts.flatMap((a) => judgeAccount(a, ctx));
  },
};

const bucketName = (arn: string) => arn.replace(/^arn:[^:]+:s3:::/, '');
const listed = (arns: string[], max = 5) => arns.slice(0, max).map(bucketName).join(', ') + (arns.length > max ? ` and ${arns.length - max} more` : '');

/** Instance ARNs per instance profile ARN; instances without a profile and failed regions go to `out`. */
function instancesByProfile(account: AccountInventory, out: CheckResult[]): Map<string, string[]> {
  const byProfile = new Map<string, string[]>();
  for (const r of account.regions) {
    if (!r.ec2.instances.ok) {
      out.push(unknown(r.ec2.instances.error, { accountId: account.accountId, region: r.region, resourceId: `${account.accountId}/${r.region}` }, 'list the EC2 instances'));
      continue;
    }
    for (const i of r.ec2.instances.value) {
      if (i.State?.Name === 'terminated' || i.State?.Name === 'shutting-down') continue;
      const arn = `arn:${account.partition}:ec2:${r.region}:${account.accountId}:instance/${i.InstanceId}`;
      const profile = i.IamInstanceProfile?.Arn;
      // No role, nothing to judge: counting these as passes would let idle role-less servers hide the roles that read everything.
      if (!profile) {
        out.push({ accountId: account.accountId, region: r.region, resourceId: arn, resourceType: 'AWS::EC2::Instance', status: 'NOT_APPLICABLE', message: `Instance ${i.InstanceId} has no role: a compromise of it reads no AWS data through IAM.` });
        continue;
      }
      byProfile.set(profile, [...(byProfile.get(profile) ?? []), arn]);
    }
  }
  return byProfile;
}

function judgeAccount(account: AccountInventory, ctx: CheckContext): CheckResult[] {
  const out: CheckResult[] = [];
  const byProfile = instancesByProfile(account, out);
  if (!byProfile.size) return out;
  const base = { accountId: account.accountId, region: 'global' };
  const auth = account.iam.authorizationDetails;
  if (!auth.ok) {
    for (const [profile, instances] of byProfile)
      out.push({ ...unknown(auth.error, { ...base, resourceId: profile, resourceType: 'AWS::IAM::InstanceProfile' }, `find the role of instance profile ${profile} and what it can read`), details: { instances } });
    return out;
  }
  // Role ARN → its instances.
  const byRole = new Map<string, string[]>();
  for (const [profile, instances] of byProfile) {
    const role = auth.value.roles.find((r) => r.InstanceProfileList?.some((p) => p.Arn === profile));
    if (!role) {
      out.push({ ...base, resourceId: profile, resourceType: 'AWS::IAM::InstanceProfile', status: 'NOT_APPLICABLE', message: `Instance profile ${profile} holds no role: its instances (${instances.length}) read no AWS data.`, details: { instances } });
      continue;
    }
    byRole.set(role.Arn, [...(byRole.get(role.Arn) ?? []), ...instances]);
  }
  const buckets = account.s3.buckets;
  if (!buckets.ok) {
    for (const [role, instances] of byRole) out.push({ ...unknown(buckets.error, { ...base, resourceId: role }, 'list the buckets the role could read'), details: { instances } });
    return out;
  }
  const reads = new Map((instanceRoleReads(account, ctx.now) ?? []).map((r) => [r.role, r]));
  for (const [role, instances] of byRole) {
    const r = reads.get(role);
    if (r) out.push(judgeRole(account.accountId, r, instances, buckets.value, ctx));
  }
  return out;
}

function judgeRole(accountId: string, r: RoleReads, instances: string[], buckets: S3Bucket[], ctx: CheckContext): CheckResult {
  const where = { accountId, region: 'global', resourceId: r.role };
  const byArn = new Map(buckets.map((b) => [b.arn, b]));
  // Tags unknown: a tag could mark the bucket either way, so its sensitivity is unknown.
  const sensitivity = (arn: string): boolean | CallError => {
    const b = byArn.get(arn)!;
    if (!b.tags.ok) return b.tags.error;
    return sensitivityOf({ name: b.name, tags: b.tags.value }, ctx.config).sensitive;
  };
  const sensitive = r.reads.filter((a) => sensitivity(a) === true);
  const unsure = r.reads.filter((a) => typeof sensitivity(a) === 'object');
  const every = buckets.length > 0 && r.reads.length === buckets.length && (r.anyBucket || buckets.length >= 2);
  const who = `Role ${r.name} (used by ${plural(instances.length, 'instance')}: ${instances.map((i) => i.split('/').pop()).join(', ')})`;
  const conditional = r.readsConditional.length
    ? ` It can read ${listed(r.readsConditional)} only if a condition holds (conditional: ${r.conditions.slice(0, 3).join('; ')}).`
    : '';
  const details = { instances, reads: r.reads, readsSensitive: sensitive, readsConditional: r.readsConditional, anyBucket: r.anyBucket, grants: r.grants, conditions: r.conditions };
  if (sensitive.length || every) {
    const what = [
      sensitive.length ? `${plural(sensitive.length, 'sensitive bucket')} (${listed(sensitive)})` : '',
      every ? `every bucket of the account (${buckets.length})${r.anyBucket ? ', and any bucket created later' : ''}` : '',
    ].filter(Boolean);
    const narrow = r.grants.length ? ` Narrow ${r.grants.join(', ')} to the buckets it needs.` : ' Narrow its policies to the buckets it needs.';
    return { ...where, status: 'FAIL', message: `${who} can read objects in ${what.join(' and ')}: a compromise of one of them leaks that data.${narrow}${conditional}`, details };
  }
  if (unsure.length) {
    const err = byArn.get(unsure[0])!.tags as { ok: false; error: CallError };
    return { ...unknown(err.error, where, `tell whether ${listed(unsure)}, which role ${r.name} can read, hold${unsure.length === 1 ? 's' : ''} sensitive data`), details };
  }
  const reach = r.reads.length ? `reads only non-sensitive buckets (${listed(r.reads)})` : 'reads no bucket';
  return { ...where, status: 'PASS', message: `${who} ${reach}.${conditional}`, details };
}
