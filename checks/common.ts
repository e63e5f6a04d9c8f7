// Helpers shared by several checks: buckets, critical resources, rule scopes, tags.
import type { Config } from '../src/config';
import { globMatch } from '../src/config';
import type { Severity } from '../src/model';
import { SEVERITIES } from '../src/model';
import type { AccountInventory, Inventory, S3Bucket, S3LifecycleFilter, Tag } from '../src/inventory/types';
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

export function tagMap(tags: Tag[] | Record<string, string> | undefined): Record<string, string> {
  if (!tags) return {};
  if (Array.isArray(tags)) return Object.fromEntries(tags.map((t) => [t.Key, t.Value]));
  return tags;
}

/**
 * Is the resource marked critical in the config (by tag, or by name pattern)?
 * `undefined` when only the tags could decide and they are not known.
 */
export function isCritical(config: Config, name: string, tags: Record<string, string> | undefined): boolean | undefined {
  if (config.critical.namePatterns.some((p) => globMatch(p, name))) return true;
  if (!tags) return Object.keys(config.critical.tags).length ? undefined : false;
  return Object.entries(config.critical.tags).some(([k, v]) => tags[k] === v);
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

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** The most severe of several problems found on one resource. */
export function worst(severities: Severity[]): Severity {
  return [...severities].sort((a, b) => SEVERITIES.indexOf(a) - SEVERITIES.indexOf(b))[0];
}
