// Which resources AWS Backup plans select, as AWS Backup decides it: `Resources` (ARN patterns) OR
// `ListOfTags` (any one tag), then narrowed by every `Conditions` entry (AND), minus `NotResources`.
import { globMatch } from '../src/config';
import type { AccountInventory, BackupPlan, BackupSelection, CallError, Got, RegionInventory } from '../src/inventory/types';
import { asgMembersOf, groupNamesOf, recreation } from './automation';
import { replicaSource, tagMap } from './common';
import type { CheckResult } from './types';
import { listUnknown } from './types';

export interface BackupTarget {
  arn: string;
  /** AWS Backup's resource type name: RDS, Aurora, DynamoDB, EFS, EBS, EC2... */
  type: string;
  cfnType: string;
  name: string;
  /** `undefined`: the tags were not collected (only then can a tag condition not be judged). */
  tags?: Record<string, string>;
  tagsPermission?: string;
  /** EBS: the instances it is attached to (an EC2 backup is an AMI with its volumes). */
  attachedTo?: string[];
  /** RDS read replicas: why the source's backups protect the data (see replicaSource). */
  replicaOf?: string;
  /** EC2 fleet members (and volumes attached only to them): replaced by automation, not restored. */
  replacedBy?: string;
}

function clusterType(engine = ''): string {
  if (engine.startsWith('aurora')) return 'Aurora';
  if (engine === 'neptune') return 'Neptune';
  if (engine === 'docdb') return 'DocumentDB';
  return 'RDS';
}

/** The resources of a region AWS Backup can protect; lists that failed become UNKNOWN results in `failures`. */
export function backupTargets(account: AccountInventory, region: RegionInventory): { targets: BackupTarget[]; failures: CheckResult[] } {
  const where = { accountId: account.accountId, region: region.region };
  const arnBase = `arn:${account.partition}`;
  const targets: BackupTarget[] = [];
  const failures: CheckResult[] = [];
  const list = <T>(got: { ok: true; value: T[] } | { ok: false; error: import('../src/inventory/types').CallError }, what: string): T[] => {
    const f = listUnknown(got, where, what);
    if (f) failures.push(...f);
    return got.ok ? got.value : [];
  };
  // Aurora and Multi-AZ DB clusters are backed up per cluster, never per member instance.
  for (const c of list(region.rds.clusters, 'list the RDS/Aurora clusters'))
    targets.push({ arn: c.DBClusterArn, type: clusterType(c.Engine), cfnType: 'AWS::RDS::DBCluster', name: c.DBClusterIdentifier, tags: tagMap(c.TagList) });
  for (const i of list(region.rds.instances, 'list the RDS instances'))
    if (!i.DBClusterIdentifier) targets.push({ arn: i.DBInstanceArn, type: 'RDS', cfnType: 'AWS::RDS::DBInstance', name: i.DBInstanceIdentifier, tags: tagMap(i.TagList), replicaOf: replicaSource(i)?.reason });
  for (const t of list(region.dynamodb.tables, 'list the DynamoDB tables'))
    targets.push({ arn: t.TableArn, type: 'DynamoDB', cfnType: 'AWS::DynamoDB::Table', name: t.TableName, tags: t.Tags ? tagMap(t.Tags) : undefined, tagsPermission: 'dynamodb:ListTagsOfResource' });
  for (const f of list(region.efs.fileSystems, 'list the EFS file systems'))
    targets.push({
      arn: f.FileSystemArn ?? `${arnBase}:elasticfilesystem:${region.region}:${account.accountId}:file-system/${f.FileSystemId}`,
      type: 'EFS',
      cfnType: 'AWS::EFS::FileSystem',
      name: f.Name ?? f.FileSystemId,
      tags: tagMap(f.Tags),
    });
  const asgMembers = asgMembersOf(region.autoscaling.groups.ok ? region.autoscaling.groups.value : []);
  const groupNames = groupNamesOf(region.autoscaling.groups);
  const fleet = new Map<string, string>();
  for (const i of list(region.ec2.instances, 'list the EC2 instances')) {
    const state = i.State?.Name;
    if (state === 'terminated' || state === 'shutting-down') continue;
    const arn = `${arnBase}:ec2:${region.region}:${account.accountId}:instance/${i.InstanceId}`;
    const r = recreation(i, asgMembers, groupNames);
    if (r?.fleet) fleet.set(arn, r.by);
    targets.push({ arn, type: 'EC2', cfnType: 'AWS::EC2::Instance', name: i.InstanceId, tags: tagMap(i.Tags), replacedBy: r?.fleet ? r.by : undefined });
  }
  for (const v of list(region.ebsVolumes, 'list the EBS volumes')) {
    const attachedTo = (v.Attachments ?? []).filter((a) => a.InstanceId).map((a) => `${arnBase}:ec2:${region.region}:${account.accountId}:instance/${a.InstanceId}`);
    const onlyFleet = attachedTo.length > 0 && attachedTo.every((i) => fleet.has(i));
    targets.push({
      arn: `${arnBase}:ec2:${region.region}:${account.accountId}:volume/${v.VolumeId}`,
      type: 'EBS',
      cfnType: 'AWS::EC2::Volume',
      name: v.VolumeId,
      tags: tagMap(v.Tags),
      attachedTo,
      replacedBy: onlyFleet ? fleet.get(attachedTo[0]) : undefined,
    });
  }
  return { targets, failures };
}

// The lists backupTargets() builds each AWS Backup resource type from.
const SOURCES: Record<string, (r: RegionInventory) => Got<unknown[]>[]> = {
  RDS: (r) => [r.rds.instances, r.rds.clusters],
  Aurora: (r) => [r.rds.clusters],
  DynamoDB: (r) => [r.dynamodb.tables],
  EFS: (r) => [r.efs.fileSystems],
  EBS: (r) => [r.ebsVolumes],
  EC2: (r) => [r.ec2.instances],
};

/**
 * Whether a resource AWS Backup protected still exists (`targets`: backupTargets() of its region):
 * the failed list's error when its type's list was not read; undefined for a type not collected.
 */
export function stillExists(targets: BackupTarget[], region: RegionInventory, type: string | undefined, arn: string): boolean | CallError | undefined {
  if (targets.some((t) => t.arn === arn)) return true;
  const lists = type ? SOURCES[type]?.(region) : undefined;
  if (!lists) return undefined;
  const failed = lists.find((g): g is { ok: false; error: CallError } => !g.ok);
  return failed ? failed.error : false;
}

/** What backupTargets() reads: every check that calls it lists these permissions. */
export const TARGET_PERMISSIONS = [
  'rds:DescribeDBInstances',
  'rds:DescribeDBClusters',
  'dynamodb:ListTables',
  'dynamodb:DescribeTable',
  'dynamodb:ListTagsOfResource',
  'elasticfilesystem:DescribeFileSystems',
  'ec2:DescribeInstances',
  'ec2:DescribeVolumes',
];

const TAG_KEY = /^aws:ResourceTag\//;

function likeMatch(pattern: string, value: string): boolean {
  const re = new RegExp('^' + pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.') + '$');
  return re.test(value);
}

/** true / false, or 'unknown' when the answer depends on tags that were not collected. */
export function selects(sel: BackupSelection, t: BackupTarget): boolean | 'unknown' {
  if ((sel.NotResources ?? []).some((p) => globMatch(p, t.arn))) return false;
  const res = sel.Resources ?? [];
  const lot = sel.ListOfTags ?? [];
  const c = sel.Conditions ?? {};
  const conds = [...(c.StringEquals ?? []), ...(c.StringNotEquals ?? []), ...(c.StringLike ?? []), ...(c.StringNotLike ?? [])];
  const resMatch = res.some((p) => globMatch(p, t.arn));
  if (res.length && !resMatch && !lot.length) return false;
  if (!t.tags) {
    // Resources OR ListOfTags: a matching ARN selects it whatever the tags, unless Conditions narrow it.
    if (!conds.length && res.length && resMatch) return true;
    if (!lot.length && !conds.length) return res.length ? resMatch : true;
    return 'unknown';
  }
  const tags = t.tags;
  const tag = (key: string) => tags[key.replace(TAG_KEY, '')];
  const lotMatch = lot.some((x) => tag(x.ConditionKey) === x.ConditionValue);
  // Neither resources nor tags named: AWS Backup selects every supported resource.
  const base = (res.length > 0 && resMatch) || (lot.length > 0 && lotMatch) || (!res.length && !lot.length);
  if (!base) return false;
  return (
    (c.StringEquals ?? []).every((x) => tag(x.ConditionKey) === x.ConditionValue) &&
    (c.StringNotEquals ?? []).every((x) => tag(x.ConditionKey) !== x.ConditionValue) &&
    (c.StringLike ?? []).every((x) => tag(x.ConditionKey) !== undefined && likeMatch(x.ConditionValue, tag(x.ConditionKey)!)) &&
    (c.StringNotLike ?? []).every((x) => tag(x.ConditionKey) === undefined || !likeMatch(x.ConditionValue, tag(x.ConditionKey)!))
  );
}

export interface Coverage {
  /** `plan name / selection name` of every selection that picks the resource. */
  by: { plan: BackupPlan; selection: string }[];
  /** Permissions whose missing data left a plan undecided for this resource. */
  unknown: string[];
}

export function coverageOf(t: BackupTarget, plans: BackupPlan[]): Coverage {
  const cov: Coverage = { by: [], unknown: [] };
  for (const plan of plans) {
    if (!plan.selections.ok) {
      cov.unknown.push(plan.selections.error.permission);
      continue;
    }
    for (const sel of plan.selections.value) {
      const r = selects(sel, t);
      if (r === true) cov.by.push({ plan, selection: sel.SelectionName });
      else if (r === 'unknown') cov.unknown.push(t.tagsPermission ?? 'tags');
    }
  }
  cov.unknown = [...new Set(cov.unknown)];
  return cov;
}

/**
 * Roughly how often a backup rule runs, in hours, from its schedule expression
 * (`rate(12 hours)`, `cron(0 5 ? * * *)`, `cron(0 5 ? * SUN *)`, `cron(0 5 1 * ? *)`). Undefined when unreadable.
 */
export function scheduleHours(expr: string | undefined): number | undefined {
  if (!expr) return undefined;
  const rate = /^rate\((\d+)\s+(minute|hour|day)s?\)$/i.exec(expr.trim());
  if (rate) return (Number(rate[1]) * { minute: 1 / 60, hour: 1, day: 24 }[rate[2].toLowerCase() as 'minute' | 'hour' | 'day']);
  const cron = /^cron\((.+)\)$/i.exec(expr.trim());
  if (!cron) return undefined;
  const [, hours, dom, month, dow] = cron[1].trim().split(/\s+/);
  if (hours === undefined || dow === undefined) return undefined;
  if (month !== '*' && month !== '?') return 24 * 365 / Math.max(1, month.split(',').length);
  if (dom !== '*' && dom !== '?') return 24 * 31 / Math.max(1, dom.split(',').length);
  // A range such as MON-FRI: the longest gap (over the weekend) is what the age is judged against.
  if (dow !== '*' && dow !== '?') return dow.includes('-') ? 72 : (24 * 7) / dow.split(',').length;
  // A range (0-23, 8-18/2): every step inside it; the longest gap may be overnight, from the last run to the first.
  const range = /^(\d+)-(\d+)(?:\/(\d+))?$/.exec(hours);
  if (range) {
    const [from, to, every] = [Number(range[1]), Number(range[2]), Number(range[3] ?? 1)];
    if (to < from || every < 1) return undefined;
    const last = from + Math.floor((to - from) / every) * every;
    return Math.max(every, 24 - (last - from));
  }
  const step = /^(?:\*|\d+)\/(\d+)$/.exec(hours);
  if (step) return Number(step[1]);
  if (hours === '*') return 1;
  return 24 / hours.split(',').length;
}

export interface VaultWriter {
  plan: string;
  rule: string;
  /** `backup` (the rule's target vault) or `copy` (a copy action's destination). */
  how: 'backup' | 'copy';
  /** DeleteAfterDays of what lands in the vault; undefined = kept forever. */
  retentionDays?: number;
}

/**
 * Vault ARN → the plan rules that write into it, over every account and region of the inventory.
 * `unknownRegions` holds `account/region` keys whose plans could not be listed.
 */
export function vaultWriters(inv: import('../src/inventory/types').Inventory): { writers: Map<string, VaultWriter[]>; unknownPlans: Map<string, string> } {
  const writers = new Map<string, VaultWriter[]>();
  const unknownPlans = new Map<string, string>();
  const add = (arn: string, w: VaultWriter) => writers.set(arn, [...(writers.get(arn) ?? []), w]);
  for (const account of inv.accounts)
    for (const region of account.regions) {
      const plans = region.backup.plans;
      if (!plans.ok) {
        unknownPlans.set(`${account.accountId}/${region.region}`, plans.error.permission);
        continue;
      }
      for (const plan of plans.value)
        for (const rule of plan.Rules) {
          const target = `arn:${account.partition}:backup:${region.region}:${account.accountId}:backup-vault:${rule.TargetBackupVaultName}`;
          const kept = retention(rule.Lifecycle);
          add(target, { plan: plan.BackupPlanName, rule: rule.RuleName, how: 'backup', retentionDays: kept });
          // A copy action without its own lifecycle keeps the source's.
          for (const c of rule.CopyActions ?? [])
            add(c.DestinationBackupVaultArn, { plan: plan.BackupPlanName, rule: rule.RuleName, how: 'copy', retentionDays: c.Lifecycle ? retention(c.Lifecycle) : kept });
        }
    }
  return { writers, unknownPlans };
}

/** DeleteAfterDays; undefined (or AWS's -1) means kept until deleted by hand. */
function retention(l: import('../src/inventory/types').BackupLifecycle | undefined): number | undefined {
  const d = l?.DeleteAfterDays;
  return d === undefined || d < 0 ? undefined : d;
}

/** Vaults worth judging: those holding recovery points or written to by a plan. */
export function vaultInUse(v: import('../src/inventory/types').BackupVault, writers: Map<string, VaultWriter[]>): boolean {
  // NumberOfRecoveryPoints lags (and reads 0 in some snapshots); the listed points count too.
  const points = Math.max(v.NumberOfRecoveryPoints ?? 0, v.recoveryPoints.ok ? v.recoveryPoints.value.length : 0);
  return points > 0 || (writers.get(v.BackupVaultArn)?.length ?? 0) > 0;
}

/**
 * The result for a vault nothing uses (empty, no plan writes to it): NOT_APPLICABLE, or UNKNOWN when
 * the plans of its region could not be read. `null` when the vault is in use and should be judged.
 */
export function vaultNotInUse(
  v: import('../src/inventory/types').BackupVault,
  writers: Map<string, VaultWriter[]>,
  plansPermission: string | undefined,
  where: { accountId: string; region: string; resourceId: string },
): CheckResult | null {
  if (vaultInUse(v, writers)) return null;
  const name = v.BackupVaultName;
  if (plansPermission) return { ...where, status: 'UNKNOWN', missingPermissions: [plansPermission], message: `Vault ${name} is empty; whether a backup plan writes to it could not be read (grant ${plansPermission}).` };
  return { ...where, status: 'NOT_APPLICABLE', message: `Vault ${name} is empty and no backup plan writes to it.` };
}

export type LockState =
  | { mode: 'air-gapped' | 'compliance' | 'governance' | 'none' }
  /** A compliance lock that can still be removed until `until`. */
  | { mode: 'grace'; until: string };

/** How a vault is locked at `now`: only air-gapped and compliance past its lock date are immutable. */
export function lockState(v: import('../src/inventory/types').BackupVault, now: Date): LockState {
  if (v.VaultType === 'LOGICALLY_AIR_GAPPED_BACKUP_VAULT') return { mode: 'air-gapped' };
  if (!v.Locked) return { mode: 'none' };
  if (!v.LockDate) return { mode: 'governance' };
  return new Date(v.LockDate) > now ? { mode: 'grace', until: v.LockDate } : { mode: 'compliance' };
}
