// Builders for small hand-made inventories in tests: every field defaults to "nothing there",
// and a test sets only what its case is about.
import type { AccountInventory, CallError, Got, Inventory, RegionInventory, S3Bucket } from '../../src/inventory/types';

export const ACCOUNT = '111111111111';
export const OTHER_ACCOUNT = '222222222222';
export const REGION = 'us-east-1';
export const COLLECTED_AT = '2026-06-01T00:00:00.000Z';

export function ok<T>(value: T): Got<T> {
  return { ok: true, value };
}

export function denied(api: string, permission = api, extra: Partial<CallError> = {}): { ok: false; error: CallError } {
  return {
    ok: false,
    error: { api, permission, code: 'AccessDenied', message: 'User is not authorized to perform this action', accountId: ACCOUNT, region: REGION, ...extra },
  };
}

export function region(name = REGION, patch: DeepPartial<RegionInventory> = {}): RegionInventory {
  const base: RegionInventory = {
    region: name,
    ec2: { instances: ok([]), launchTemplateVersions: ok([]), images: ok([]) },
    autoscaling: { groups: ok([]), launchConfigurations: ok([]) },
    backup: { vaults: ok([]), plans: ok([]), protectedResources: ok([]), restoreTestingPlans: ok([]) },
    rds: { instances: ok([]), clusters: ok([]) },
    dynamodb: { tables: ok([]) },
    efs: { fileSystems: ok([]) },
    ebsVolumes: ok([]),
  };
  return merge(base, patch);
}

export function account(patch: DeepPartial<AccountInventory> = {}): AccountInventory {
  const base: AccountInventory = {
    accountId: ACCOUNT,
    partition: 'aws',
    regions: [region()],
    s3: { buckets: ok([]) },
    iam: {
      authorizationDetails: ok({ users: [], groups: [], roles: [], policies: [] }),
      credentialReport: ok({ generatedTime: COLLECTED_AT, rows: [] }),
      accountSummary: ok({ AccountAccessKeysPresent: 0, AccountMFAEnabled: 1 }),
    },
    organizations: { organization: ok(null), accounts: ok([]), serviceControlPolicies: ok([]) },
    errors: [],
  };
  return merge(base, patch);
}

export function inventory(accounts: AccountInventory[] = [account()], patch: Partial<Inventory> = {}): Inventory {
  return {
    kind: 'drready-inventory',
    schemaVersion: 1,
    collectedAt: COLLECTED_AT,
    tool: { name: 'drready', version: 'test' },
    source: 'test',
    regions: [...new Set(accounts.flatMap((a) => a.regions.map((r) => r.region)))],
    accounts,
    errors: [],
    ...patch,
  };
}

export function bucket(name: string, patch: Partial<S3Bucket> = {}): S3Bucket {
  return {
    name,
    arn: `arn:aws:s3:::${name}`,
    region: ok(REGION),
    bucketType: 'general-purpose',
    versioning: ok({ status: 'Enabled', mfaDelete: 'Never' }),
    lifecycle: ok(null),
    objectLock: ok(null),
    replication: ok(null),
    policy: ok(null),
    tags: ok({}),
    ...patch,
  };
}

/** A one-account inventory holding these buckets. */
export function withBuckets(...buckets: S3Bucket[]): Inventory {
  return inventory([account({ s3: { buckets: ok(buckets) } })]);
}

/** A one-account, one-region inventory with this region content. */
export function withRegion(patch: DeepPartial<RegionInventory>): Inventory {
  return inventory([account({ regions: [region(REGION, patch)] })]);
}

type DeepPartial<T> = T extends (infer U)[] ? U[] : T extends object ? { [K in keyof T]?: DeepPartial<T[K]> } : T;

// Objects merge key by key; arrays and Got values (objects with `ok`) replace whole.
function merge<T>(base: T, patch: unknown): T {
  if (!isPlain(patch) || !isPlain(base) || 'ok' in (patch as object)) return (patch === undefined ? base : patch) as T;
  const out: Record<string, unknown> = { ...(base as Record<string, unknown>) };
  for (const [k, v] of Object.entries(patch as Record<string, unknown>)) out[k] = merge(out[k], v);
  return out as T;
}

function isPlain(v: unknown): boolean {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
