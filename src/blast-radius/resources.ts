// The account's resources a destructive action can hit, and whether each could be brought back.
// "Recoverable" means a copy or a lock survives the person holding the power:
// - S3: cross-account replication, or Object Lock in compliance mode (governance mode only against
//   someone without s3:BypassGovernanceRetention); versioning alone only against someone who cannot
//   purge versions (s3:DeleteObjectVersion, s3:PutLifecycleConfiguration).
// - EC2 instances: re-creatable by automation (Auto Scaling group or the tags AWS services set).
// - RDS, DynamoDB, EFS, EBS: a backup plan whose selection covers them copies to another account.
// - Backup vaults: locked in compliance mode past its lock date, or their plans copy to another account.
import { parseVaultArn } from '../../checks/arn';
import { replicationDestinations } from '../../checks/replication';
import { ec2Arn, tagMap } from '../../checks/types';
import type { AccountInventory, BackupPlan, RegionInventory, S3Bucket } from '../inventory/types';
import type { Target } from './catalog';
import { wildcardMatch } from './policy';

export interface AccountResource {
  arn: string;
  type: string;
  target: Target;
  region: string;
  /** ARN each action target is checked against (S3 objects are `bucket/*`). */
  arnFor(target: Target): string | undefined;
  /** Given the actions a principal holds on it, can it come back? */
  recoverable(actions: ReadonlySet<string>): { recoverable: boolean; why: string };
}

function crossAccountReplication(b: S3Bucket, account: AccountInventory, owners: Map<string, string>): string | undefined {
  const d = replicationDestinations(b, account, owners).find((x) => x.crossAccount);
  if (!d) return undefined;
  return d.owner ? `${d.bucket} in account ${d.owner}` : `${d.bucket} in another account (owner unknown)`;
}

function bucketResource(b: S3Bucket, account: AccountInventory, owners: Map<string, string>): AccountResource {
  const replica = crossAccountReplication(b, account, owners);
  const versioned = b.versioning.ok && b.versioning.value.status === 'Enabled';
  const lock = b.objectLock.ok ? b.objectLock.value?.Rule?.DefaultRetention?.Mode : undefined;
  return {
    arn: b.arn,
    type: 'AWS::S3::Bucket',
    target: 's3-bucket',
    region: b.region.ok ? b.region.value : 'unknown',
    arnFor: (t) => (t === 's3-object' ? `${b.arn}/*` : t === 's3-bucket' ? b.arn : undefined),
    recoverable(actions) {
      // DeleteBucket alone fails on a bucket that holds objects; governance bypass alone deletes nothing.
      if (!['s3:DeleteObject', 's3:DeleteObjectVersion', 's3:PutLifecycleConfiguration'].some((a) => actions.has(a)))
        return { recoverable: true, why: 'holds no action that deletes objects' };
      if (replica) return { recoverable: true, why: `replicated to ${replica}` };
      if (lock === 'COMPLIANCE') return { recoverable: true, why: 'Object Lock in compliance mode' };
      if (lock === 'GOVERNANCE' && !actions.has('s3:BypassGovernanceRetention')) return { recoverable: true, why: 'Object Lock in governance mode, no bypass permission' };
      const purge = ['s3:DeleteObjectVersion', 's3:PutLifecycleConfiguration'].filter((a) => actions.has(a));
      if (versioned && !purge.length) return { recoverable: true, why: 'versioned, and the principal cannot delete versions' };
      if (versioned) return { recoverable: false, why: `versioned, but ${purge.join(' and ')} can purge every version and no copy exists in another account` };
      if (!b.versioning.ok) return { recoverable: false, why: 'versioning unknown (could not be read), no copy in another account' };
      return { recoverable: false, why: 'not versioned and not copied to another account' };
    },
  };
}

/** Does any backup plan that copies to another account select this resource? */
function backupCopiedElsewhere(arn: string, tags: Record<string, string>, region: RegionInventory, accountId: string): string | undefined {
  if (!region.backup.plans.ok) return undefined;
  for (const plan of region.backup.plans.value) {
    if (!copiesElsewhere(plan, accountId) || !plan.selections.ok) continue;
    for (const s of plan.selections.value) {
      const listed = (s.Resources ?? []).some((p) => wildcardMatch(p, arn));
      const excluded = (s.NotResources ?? []).some((p) => wildcardMatch(p, arn));
      const tagged = (s.ListOfTags ?? []).some((t) => tags[t.ConditionKey] === t.ConditionValue);
      const cond = (s.Conditions?.StringEquals ?? []).some((c) => tags[c.ConditionKey.replace(/^aws:ResourceTag\//, '')] === c.ConditionValue);
      if ((listed || tagged || cond) && !excluded) return `backup plan ${plan.BackupPlanName} copies it to another account`;
    }
  }
  return undefined;
}

function copiesElsewhere(plan: BackupPlan, accountId: string): boolean {
  return plan.Rules.some((r) => (r.CopyActions ?? []).some((c) => {
    const v = parseVaultArn(c.DestinationBackupVaultArn);
    return v !== null && v.accountId !== accountId;
  }));
}

function backedUp(arn: string, type: string, target: Target, regionInv: RegionInventory, accountId: string, tags: Record<string, string>): AccountResource {
  const copy = backupCopiedElsewhere(arn, tags, regionInv, accountId);
  return {
    arn,
    type,
    target,
    region: regionInv.region,
    arnFor: (t) => (t === target ? arn : undefined),
    recoverable: () => (copy ? { recoverable: true, why: copy } : { recoverable: false, why: 'no backup copied to another account' }),
  };
}

const AUTOMATION_TAGS = ['aws:autoscaling:groupName', 'eks:nodegroup-name', 'elasticbeanstalk:environment-name', 'aws:cloudformation:stack-name', 'aws:ec2launchtemplate:id'];

export function accountResources(account: AccountInventory, owners: Map<string, string>, now: Date): { resources: AccountResource[]; notes: string[] } {
  const out: AccountResource[] = [];
  const notes: string[] = [];
  const miss = (what: string, got: { ok: boolean; error?: { code: string; permission: string } }, where = '') => {
    if (!got.ok) notes.push(`${what}${where} unknown (${got.error!.code}): grant ${got.error!.permission}`);
  };
  const buckets = account.s3.buckets;
  miss('S3 buckets', buckets);
  if (buckets.ok) for (const b of buckets.value) out.push(bucketResource(b, account, owners));
  for (const r of account.regions) {
    const where = ` in ${r.region}`;
    miss('EC2 instances', r.ec2.instances, where);
    if (r.ec2.instances.ok) {
      const members = new Set(r.autoscaling.groups.ok ? r.autoscaling.groups.value.flatMap((g) => (g.Instances ?? []).map((i) => i.InstanceId)) : []);
      for (const i of r.ec2.instances.value) {
        if (i.State?.Name === 'terminated' || i.State?.Name === 'shutting-down') continue;
        const tags = tagMap(i.Tags);
        const auto = members.has(i.InstanceId) || AUTOMATION_TAGS.some((t) => tags[t]);
        const arn = ec2Arn(account, r.region, 'instance', i.InstanceId);
        out.push({
          arn,
          type: 'AWS::EC2::Instance',
          target: 'ec2-instance',
          region: r.region,
          arnFor: (t) => (t === 'ec2-instance' ? arn : undefined),
          recoverable: () => (auto ? { recoverable: true, why: 're-created by automation' } : { recoverable: false, why: 'built by hand: nothing re-creates it' }),
        });
      }
    }
    if (r.ebsVolumes.ok) for (const v of r.ebsVolumes.value) out.push(backedUp(ec2Arn(account, r.region, 'volume', v.VolumeId), 'AWS::EC2::Volume', 'ebs-volume', r, account.accountId, tagMap(v.Tags)));
    miss('RDS instances', r.rds.instances, where);
    if (r.rds.instances.ok)
      for (const d of r.rds.instances.value) if (!d.DBClusterIdentifier) out.push(backedUp(d.DBInstanceArn, 'AWS::RDS::DBInstance', 'rds-instance', r, account.accountId, tagMap(d.TagList)));
    if (r.rds.clusters.ok) for (const c of r.rds.clusters.value) out.push(backedUp(c.DBClusterArn, 'AWS::RDS::DBCluster', 'rds-cluster', r, account.accountId, tagMap(c.TagList)));
    miss('DynamoDB tables', r.dynamodb.tables, where);
    if (r.dynamodb.tables.ok) for (const t of r.dynamodb.tables.value) out.push(backedUp(t.TableArn, 'AWS::DynamoDB::Table', 'dynamodb-table', r, account.accountId, {}));
    if (r.efs.fileSystems.ok)
      for (const f of r.efs.fileSystems.value) {
        const arn = f.FileSystemArn ?? `arn:${account.partition}:elasticfilesystem:${r.region}:${account.accountId}:file-system/${f.FileSystemId}`;
        out.push(backedUp(arn, 'AWS::EFS::FileSystem', 'efs', r, account.accountId, tagMap(f.Tags)));
      }
    miss('Backup vaults', r.backup.vaults, where);
    if (r.backup.vaults.ok) {
      for (const v of r.backup.vaults.value) {
        const copied = r.backup.plans.ok && r.backup.plans.value.some((p) => copiesElsewhere(p, account.accountId) && p.Rules.some((x) => x.TargetBackupVaultName === v.BackupVaultName));
        // Compliance-mode lock: LockDate set and passed. Governance (no LockDate) can be removed by the holder.
        const immutable = v.Locked === true && v.LockDate !== undefined && Date.parse(v.LockDate) <= now.getTime();
        out.push({
          arn: v.BackupVaultArn,
          type: 'AWS::Backup::BackupVault',
          target: 'backup-vault',
          region: r.region,
          arnFor: (t) => (t === 'backup-vault' ? v.BackupVaultArn : undefined),
          recoverable: () =>
            immutable
              ? { recoverable: true, why: 'vault lock in compliance mode' }
              : copied
                ? { recoverable: true, why: 'its plans copy recovery points to another account' }
                : { recoverable: false, why: v.Locked ? 'vault lock in governance mode can be removed; no copy in another account' : 'not locked and not copied to another account' },
        });
      }
    }
  }
  return { resources: out, notes };
}
