// Where a bucket's replication rules send its objects, and whether that is another account: one
// answer for s3-cross-account-replication, org-backup-account and the blast radius.
import type { AccountInventory, Inventory, S3Bucket } from '../src/inventory/types';
import { ruleScope } from './common';

export interface ReplicationDestination {
  /** Destination bucket name. */
  bucket: string;
  rule: string;
  /** What part of the source the rule copies. */
  scope: string;
  whole: boolean;
  /** Owning account, when the rule names it or a scanned account lists the bucket. */
  owner?: string;
  /** In another account: the owner differs, or (owner unknown) the bucket is not the source account's own. */
  crossAccount: boolean;
  how: string;
}

/** Bucket name → owning account, over every account whose bucket list arrived. */
export function bucketOwners(inv: Inventory): Map<string, string> {
  const owners = new Map<string, string>();
  for (const a of inv.accounts) if (a.s3.buckets.ok) for (const b of a.s3.buckets.value) owners.set(b.name, a.accountId);
  return owners;
}

/** The enabled replication rules of `b` (owned by `account`); empty when there are none or they were not read. */
export function replicationDestinations(b: S3Bucket, account: AccountInventory, owners: Map<string, string>): ReplicationDestination[] {
  if (!b.replication.ok || !b.replication.value) return [];
  const out: ReplicationDestination[] = [];
  for (const r of b.replication.value.Rules ?? []) {
    if (r.Status !== 'Enabled') continue;
    const bucket = r.Destination.Bucket.replace(/^arn:[^:]+:s3:::/, '');
    const scope = ruleScope(r);
    const base = { bucket, rule: r.ID ?? '(unnamed)', scope: scope.text, whole: scope.whole };
    const known = owners.get(bucket);
    if (r.Destination.Account) out.push({ ...base, owner: r.Destination.Account, crossAccount: r.Destination.Account !== account.accountId, how: 'the rule names the owner' });
    else if (known) out.push({ ...base, owner: known, crossAccount: known !== account.accountId, how: 'found in the scanned accounts' });
    // Bucket names are global and ListBuckets returns all of an account's own: one not among them belongs to someone else.
    else out.push({ ...base, crossAccount: true, how: 'not among this account’s buckets; owner unknown' });
  }
  return out;
}
