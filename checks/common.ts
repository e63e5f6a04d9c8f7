// Helpers shared by several checks: buckets, critical resources, rule scopes, tags.
import type { Config } from '../src/config';
import { criticality } from '../src/marking';
import type { Severity } from '../src/model';
import { SEVERITIES } from '../src/model';
import { plural } from '../src/text';
import type { AccountInventory, Inventory, S3Bucket, S3LifecycleFilter } from '../src/inventory/types';
import type { CheckResult } from './types';
import { unknown } from './types';

export type Where = { accountId: string; region: string; resourceId: string };

export function bucketWhere(account: AccountInventory, b: S3Bucket): Where {
  return { accountId: account.accountId, region: b.region.ok ? b.region.value : 'unknown', resourceId: b.arn };
}

/** Every bucket of every account; an account whose bucket list failed yields one UNKNOWN into `out`. */
export function* eachBucket(inv: Inventory, out: CheckResult[]): Generator<[AccountInventory, S3Bucket, Where]> {
  for (const account of inv.accounts) {
    const buckets = account.s3.buckets;
    if (!buckets.ok) {
      out.push(unknown(buckets.error, { accountId: account.accountId, region: 'global', resourceId: `arn:${account.partition}:s3:::*` }, 'list the buckets'));
      continue;
    }
    for (const b of buckets.value) yield [account, b, bucketWhere(account, b)];
  }
}

export { tagMap } from './types';

/**
 * Deprecated: call `criticality` (src/marking.ts) with the ARN too. Kept so the checks that still
 * call it by name only (s3-delete-protection, s3-cross-account-replication) need not change now.
 */
export function isCritical(config: Config, name: string, tags: Record<string, string> | undefined): boolean | undefined {
  return criticality(config, { name, tags });
}

/** What part of a bucket a lifecycle or replication rule applies to; `whole` when it is not filtered. */
export function ruleScope(rule: { Prefix?: string; Filter?: S3LifecycleFilter }): { whole: boolean; text: string } {
  const parts: string[] = [];
  const f = rule.Filter ?? {};
  const prefix = f.And?.Prefix ?? f.Prefix ?? rule.Prefix;
  if (prefix) parts.push(`prefix "${prefix}"`);
  const tags = [...(f.Tag ? [f.Tag] : []), ...(f.And?.Tags ?? [])];
  for (const t of tags) parts.push(`tag ${t.Key}=${t.Value}`);
  const gt = f.And?.ObjectSizeGreaterThan ?? f.ObjectSizeGreaterThan;
  const lt = f.And?.ObjectSizeLessThan ?? f.ObjectSizeLessThan;
  if (gt !== undefined) parts.push(`objects larger than ${gt} bytes`);
  if (lt !== undefined) parts.push(`objects smaller than ${lt} bytes`);
  return parts.length ? { whole: false, text: `objects with ${parts.join(' and ')}` } : { whole: true, text: 'the whole bucket' };
}

export { plural };

/** A read replica's source, when it is one: the source's backups protect its data (rds-recoverability, backup-plan-coverage). */
export function replicaSource(i: { DBInstanceIdentifier: string; ReadReplicaSourceDBInstanceIdentifier?: string }): { source: string; reason: string } | undefined {
  const source = i.ReadReplicaSourceDBInstanceIdentifier;
  return source ? { source, reason: `${i.DBInstanceIdentifier} is a read replica of ${source}: the source's backups protect the data.` } : undefined;
}

/** A duration for a message: whole days from 48 hours up, else hours. */
export function hoursText(h: number): string {
  return h >= 48 ? plural(Math.floor(h / 24), 'day') : plural(Math.round(h), 'hour');
}

/** The most severe of several problems found on one resource. */
export function worst(severities: Severity[]): Severity {
  return [...severities].sort((a, b) => SEVERITIES.indexOf(a) - SEVERITIES.indexOf(b))[0];
}
