// The shape of a check module. One file per check exports a `Check`: metadata plus a pure
// function from the inventory to results. The engine (src/engine.ts) adds the metadata to each
// result, applies suppressions and catches a check that throws.
import type { AccountInventory, CallError, Got, Inventory, RegionInventory, Tag } from '../src/inventory/types';
import type { Severity, Status, ThreatId } from '../src/model';

export interface Threshold {
  default: number;
  unit: 'days' | 'hours' | 'count' | 'percent';
  description: string;
}

export interface CheckMeta {
  id: string;
  title: string;
  /** Default severity of a FAIL; a result may override it. */
  severity: Severity;
  threats: ThreatId[];
  /** CloudFormation-style type of the resources judged, e.g. `AWS::S3::Bucket`. */
  resourceType: string;
  /** Why it matters for recovery, in one or two sentences a non-specialist can follow. */
  risk: string;
  remediation: {
    /** Console steps. */
    console: string;
    /** AWS CLI command(s), with placeholders in <angle brackets>. */
    cli?: string;
    /** The CloudFormation property to set. */
    cloudformation?: string;
  };
  /** Tunable numbers, overridable in the config under `checks.<id>.<name>`. */
  thresholds?: Record<string, Threshold>;
  /** The IAM permissions this check reads through (for the README and the deploy policy). */
  permissions: string[];
}

/** What a check returns per resource. The engine fills in checkId, threats and (default) severity. */
export interface CheckResult {
  status: Status;
  accountId: string;
  region: string;
  resourceId: string;
  /** Defaults to meta.resourceType. */
  resourceType?: string;
  message: string;
  /** Overrides meta.severity for this result (e.g. suspended versioning vs never enabled). */
  severity?: Severity;
  missingPermissions?: string[];
  details?: Record<string, unknown>;
}

export interface CheckContext {
  inventory: Inventory;
  /** Thresholds for this check: defaults merged with the config. */
  thresholds: Record<string, number>;
  /** The instant ages are measured against: the inventory's collectedAt. */
  now: Date;
  /** The full config (critical resources, sensitive data markers...). */
  config: import('../src/config').Config;
}

export interface Check {
  meta: CheckMeta;
  run(ctx: CheckContext): CheckResult[];
}

// ---------- helpers every check uses ----------

export const DAY_MS = 24 * 60 * 60 * 1000;

export function daysBetween(from: string | Date, to: Date): number {
  return (to.getTime() - new Date(from).getTime()) / DAY_MS;
}

/** UNKNOWN result for data that failed to arrive. */
export function unknown(
  error: CallError,
  where: { accountId: string; region: string; resourceId: string; resourceType?: string },
  what: string,
): CheckResult {
  return {
    status: 'UNKNOWN',
    ...where,
    message: `Could not ${what}: ${error.api} failed with ${error.code}. Grant ${error.permission} to judge this.`,
    missingPermissions: [error.permission],
    details: { api: error.api, errorCode: error.code },
  };
}

/**
 * The common case of a list that failed to arrive: one UNKNOWN for the whole account/region,
 * because the resources themselves are unknown. Prefer `listFailed`, which narrows `got`.
 */
export function listUnknown<T>(
  got: Got<T>,
  where: { accountId: string; region: string },
  what: string,
): CheckResult[] | null {
  const out: CheckResult[] = [];
  return listFailed(got, where, what, out) ? out : null;
}

/** True, with one UNKNOWN for the account/region pushed into `out`, when the list failed to arrive. */
export function listFailed<T>(
  got: Got<T>,
  where: { accountId: string; region: string },
  what: string,
  out: CheckResult[],
): got is { ok: false; error: CallError } {
  if (got.ok) return false;
  out.push(unknown(got.error, { ...where, resourceId: `${where.accountId}/${where.region}` }, what));
  return true;
}

export function* eachRegion(inv: Inventory): Generator<[AccountInventory, RegionInventory]> {
  for (const account of inv.accounts) for (const region of account.regions) yield [account, region];
}

export function tagValue(tags: { Key?: string; Value?: string }[] | Record<string, string> | undefined, key: string): string | undefined {
  if (!tags) return undefined;
  if (Array.isArray(tags)) return tags.find((t) => t.Key === key)?.Value;
  return tags[key];
}

/** Tags as a plain map, from either the AWS list form or a map. */
export function tagMap(tags: Tag[] | Record<string, string> | undefined): Record<string, string> {
  if (!tags) return {};
  if (Array.isArray(tags)) return Object.fromEntries(tags.map((t) => [t.Key, t.Value]));
  return tags;
}

/** The ARN of an EC2 resource, e.g. ec2Arn(account, 'us-east-1', 'instance', 'i-0abc'). */
export function ec2Arn(account: { partition: string; accountId: string }, region: string, kind: 'instance' | 'volume', id: string): string {
  return `arn:${account.partition}:ec2:${region}:${account.accountId}:${kind}/${id}`;
}
