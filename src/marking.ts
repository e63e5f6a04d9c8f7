// Which resources are critical and which hold sensitive data, as the config says. Tags are looked
// up in the inventory by resource ARN, so findings (which carry only the ARN) can be marked too.
import type { Config } from './config';
import { globMatch } from './config';
import { ec2Arn, tagMap } from '../checks/types';
import type { Inventory } from './inventory/types';

export interface ResourceFacts {
  name: string;
  tags: Record<string, string>;
}

/** ARN → name and tags for every tagged kind of resource the inventory holds. */
export function indexResources(inv: Inventory): Map<string, ResourceFacts> {
  const out = new Map<string, ResourceFacts>();
  for (const a of inv.accounts) {
    if (a.s3.buckets.ok) for (const b of a.s3.buckets.value) out.set(b.arn, { name: b.name, tags: b.tags.ok ? b.tags.value : {} });
    if (a.iam.authorizationDetails.ok) {
      for (const u of a.iam.authorizationDetails.value.users) out.set(u.Arn, { name: u.UserName, tags: tagMap(u.Tags) });
      for (const r of a.iam.authorizationDetails.value.roles) out.set(r.Arn, { name: r.RoleName, tags: tagMap(r.Tags) });
    }
    for (const r of a.regions) {
      if (r.ec2.instances.ok) for (const i of r.ec2.instances.value) out.set(ec2Arn(a, r.region, 'instance', i.InstanceId), { name: tagMap(i.Tags).Name ?? i.InstanceId, tags: tagMap(i.Tags) });
      if (r.ebsVolumes.ok) for (const v of r.ebsVolumes.value) out.set(ec2Arn(a, r.region, 'volume', v.VolumeId), { name: v.VolumeId, tags: tagMap(v.Tags) });
      if (r.rds.instances.ok) for (const d of r.rds.instances.value) out.set(d.DBInstanceArn, { name: d.DBInstanceIdentifier, tags: tagMap(d.TagList) });
      if (r.rds.clusters.ok) for (const d of r.rds.clusters.value) out.set(d.DBClusterArn, { name: d.DBClusterIdentifier, tags: tagMap(d.TagList) });
      if (r.dynamodb.tables.ok) for (const t of r.dynamodb.tables.value) out.set(t.TableArn, { name: t.TableName, tags: tagMap(t.Tags) });
      if (r.efs.fileSystems.ok)
        for (const f of r.efs.fileSystems.value) if (f.FileSystemArn) out.set(f.FileSystemArn, { name: f.Name ?? f.FileSystemId, tags: tagMap(f.Tags) });
      if (r.backup.vaults.ok) for (const v of r.backup.vaults.value) out.set(v.BackupVaultArn, { name: v.BackupVaultName, tags: {} });
    }
  }
  return out;
}

const hasAnyTag = (tags: Record<string, string>, wanted: Record<string, string>) => Object.entries(wanted).some(([k, v]) => tags[k] === v);

/**
 * The one rule for "critical": a `critical.namePatterns` glob matching the name or the ARN, or a
 * `critical.tags` tag. `undefined` when only the tags could decide and they are not known.
 */
export function criticality(config: Config, r: { arn?: string; name?: string; tags: Record<string, string> | undefined }): boolean | undefined {
  const names = [r.arn, r.name].filter((n): n is string => n !== undefined);
  if (config.critical.namePatterns.some((p) => names.some((n) => globMatch(p, n)))) return true;
  if (!r.tags) return Object.keys(config.critical.tags).length ? undefined : false;
  return hasAnyTag(r.tags, config.critical.tags);
}

/** Critical, for a finding or a resource known by ARN; unknown tags count as not critical. */
export function isCritical(arn: string, facts: ResourceFacts | undefined, config: Config): boolean {
  return criticality(config, { arn, name: facts?.name, tags: facts?.tags }) ?? false;
}

/** How the config marks a data store: `marked` is false when no marker applies (then it counts as sensitive). */
export interface Sensitivity {
  sensitive: boolean;
  marked: boolean;
  /** The marker that decided, in words (e.g. `tag drready:sensitive=true`, `name prefix nonsensitive.`). */
  by?: string;
}

const tagHit = (tags: Record<string, string>, wanted: Record<string, string>) => Object.entries(wanted).find(([k, v]) => tags[k] === v);

/**
 * Sensitive unless marked otherwise: a `sensitive.nonSensitivePrefixes` name prefix or a
 * `sensitive.nonSensitiveTags` tag says it is not; a `sensitive.sensitiveTags` tag wins over both.
 * Unmarked data counts as sensitive, because nobody checked that it is not.
 */
export function sensitivityOf(facts: ResourceFacts | undefined, config: Config): Sensitivity {
  if (!facts) return { sensitive: true, marked: false };
  const yes = tagHit(facts.tags, config.sensitive.sensitiveTags);
  if (yes) return { sensitive: true, marked: true, by: `tag ${yes[0]}=${yes[1]}` };
  const no = tagHit(facts.tags, config.sensitive.nonSensitiveTags);
  if (no) return { sensitive: false, marked: true, by: `tag ${no[0]}=${no[1]}` };
  const prefix = config.sensitive.nonSensitivePrefixes.find((p) => facts.name.startsWith(p));
  if (prefix !== undefined) return { sensitive: false, marked: true, by: `name prefix ${prefix}` };
  return { sensitive: true, marked: false };
}

export function isSensitive(facts: ResourceFacts | undefined, config: Config): boolean {
  return sensitivityOf(facts, config).sensitive;
}
