import { eachBucket, isCritical } from './common';
import type { ReplicationDestination } from './replication';
import { bucketOwners, replicationDestinations } from './replication';
import type { Check, CheckResult } from './types';
import { unknown } from './types';

interface Dest extends Omit<ReplicationDestination, 'crossAccount'> {
  /** `same` or `other` account (owner known or unknown). */
  kind: 'same' | 'other';
}

// A replica in another account survives the source account being wiped; one in the same account
// survives only a bucket-level mistake.
export const s3CrossAccountReplication: Check = {
  meta: {
    id: 's3-cross-account-replication',
    title: 'Critical buckets replicate to another account',
    severity: 'high',
    threats: ['account-wipe'],
    resourceType: 'AWS::S3::Bucket',
    risk: 'Whoever can delete a bucket can usually delete a replica kept in the same account. A replica in a separate account (ideally with Object Lock) is what remains after the source account is wiped.',
    remediation: {
      console:
        'S3 console → the bucket → Management → Replication rules → Create replication rule → scope "Apply to all objects" → Destination "Specify a bucket in another account" → enter the account id and bucket → tick "Change object ownership to destination bucket owner" → IAM role: create new → Save (replicate existing objects with S3 Batch Replication when asked). The destination bucket needs versioning and a bucket policy that lets the role replicate.',
      cli: 'aws s3api put-bucket-replication --bucket <bucket> --replication-configuration \'{"Role":"arn:aws:iam::<account>:role/<replication-role>","Rules":[{"ID":"to-backup-account","Status":"Enabled","Priority":1,"Filter":{},"DeleteMarkerReplication":{"Status":"Disabled"},"Destination":{"Bucket":"arn:aws:s3:::<replica-bucket>","Account":"<backup-account-id>","AccessControlTranslation":{"Owner":"Destination"}}}]}\'',
      cloudformation: 'AWS::S3::Bucket ReplicationConfiguration.Rules[].Destination: { Bucket: arn:aws:s3:::<replica>, Account: <backup-account-id>, AccessControlTranslation: { Owner: Destination } }',
    },
    permissions: ['s3:ListAllMyBuckets', 's3:GetReplicationConfiguration', 's3:GetBucketTagging'],
  },
  run({ inventory, config }) {
    const out: CheckResult[] = [];
    const owners = bucketOwners(inventory);
    for (const [account, b, where] of eachBucket(inventory, out)) {
      if (b.bucketType === 'directory') {
        out.push({ ...where, status: 'NOT_APPLICABLE', message: `Directory bucket ${b.name} does not support replication.` });
        continue;
      }
      const critical = isCritical(config, b.name, b.tags.ok ? b.tags.value : undefined);
      if (!b.replication.ok) {
        out.push(unknown(b.replication.error, where, `read the replication rules of ${b.name}`));
        continue;
      }
      const dests: Dest[] = replicationDestinations(b, account, owners).map(({ crossAccount, ...d }) => ({ ...d, kind: crossAccount ? 'other' : 'same' }));
      const other = dests.filter((d) => d.kind === 'other');
      const describe = (d: Dest) => `${d.bucket} (${d.owner ? `account ${d.owner}` : 'owner unknown'}${d.whole ? '' : `, only ${d.scope}`})`;
      const details = { destinations: dests, critical };
      if (other.some((d) => d.whole)) {
        out.push({ ...where, status: 'PASS', details, message: `${b.name} replicates to another account: ${other.filter((d) => d.whole).map(describe).join(', ')}.` });
        continue;
      }
      if (critical === undefined && !b.tags.ok) {
        out.push(unknown(b.tags.error, where, `tell whether ${b.name} is marked critical`));
        continue;
      }
      if (other.length) {
        out.push({
          ...where,
          status: critical ? 'FAIL' : 'PASS',
          severity: critical ? 'medium' : undefined,
          details,
          message: `${b.name} replicates to another account only in part: ${other.map(describe).join(', ')}; other objects have no copy outside this account.${critical ? ' Widen the rule to the whole bucket.' : ''}`,
        });
      } else if (dests.length) {
        out.push({
          ...where,
          status: critical ? 'FAIL' : 'PASS',
          severity: critical ? 'medium' : undefined,
          details,
          message: `${b.name} replicates only within this account (${dests.map(describe).join(', ')}): a partial protection that survives a deleted bucket but not an account wipe.${critical ? ' Point the rule at a bucket in the backup account.' : ''}`,
        });
      } else if (critical) {
        out.push({ ...where, status: 'FAIL', details, message: `${b.name} is marked critical and has no replication: if the account is wiped, there is no copy. Replicate it to a bucket in the backup account.` });
      } else {
        out.push({ ...where, status: 'NOT_APPLICABLE', details, message: `${b.name} has no replication and is not marked critical (config: critical.tags / critical.namePatterns).` });
      }
    }
    return out;
  },
};
