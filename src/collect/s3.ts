// S3: ListBuckets once, then per bucket (bounded) the DR-relevant configuration, in the bucket's region;
// directory buckets (S3 Express One Zone) come from ListDirectoryBuckets in each audited region.
import {
  GetBucketLifecycleConfigurationCommand,
  GetBucketLocationCommand,
  GetBucketPolicyCommand,
  GetBucketReplicationCommand,
  GetBucketTaggingCommand,
  GetBucketVersioningCommand,
  GetObjectLockConfigurationCommand,
  paginateListBuckets,
  paginateListDirectoryBuckets,
  type Bucket,
} from '@aws-sdk/client-s3';
import type { Got, S3Bucket, S3LifecycleRule, S3ObjectLock, S3Replication, S3Versioning } from '../inventory/types';
import { call, ok } from './call';
import { collectPages, type CollectContext } from './context';
import { plain, iso } from './plain';
import { mapLimit } from './pool';

/** GetBucketLocation's LocationConstraint → region: empty means us-east-1, `EU` is the old name of eu-west-1. */
export function bucketRegion(locationConstraint: string | null | undefined): string {
  if (!locationConstraint) return 'us-east-1';
  if (locationConstraint === 'EU') return 'eu-west-1';
  return locationConstraint;
}

export async function collectS3(ctx: CollectContext, regions: readonly string[] = []): Promise<{ buckets: Got<S3Bucket[]> }> {
  const client = ctx.clients.s3(ctx.clients.globalRegion);
  const list = await call(ctx, { api: 's3:ListBuckets', region: 'global' }, () =>
    // Page explicitly: AWS only serves unpaginated ListBuckets to accounts at the default 10,000-bucket quota.
    collectPages(paginateListBuckets({ client, pageSize: 1000 }, {}), (p) => p.Buckets),
  );
  if (!list.ok) return { buckets: list };
  const named = list.value.filter((b): b is Bucket & { Name: string } => !!b.Name);
  const general = await mapLimit(named, ctx.concurrency, (b) => collectBucket(ctx, b));
  const directory = (await mapLimit(regions, ctx.concurrency, (r) => directoryBuckets(ctx, r))).flat();
  return { buckets: ok([...general, ...directory]) };
}

/** AWS's naming rule for directory buckets: `base-name--zone-id--x-s3`. */
const DIRECTORY_NAME = /--x-s3$/;

/**
 * One region's directory buckets. A failure is recorded (errors) and adds nothing: the general-purpose
 * buckets are judged as usual. Names that are not directory-bucket names are dropped: an emulator
 * lacking the API may answer with its ListBuckets body.
 */
async function directoryBuckets(ctx: CollectContext, region: string): Promise<S3Bucket[]> {
  const s3 = ctx.clients.s3(region);
  const list = await call(ctx, { api: 's3:ListDirectoryBuckets', region }, () =>
    collectPages(paginateListDirectoryBuckets({ client: s3 }, {}), (p) => p.Buckets),
  );
  if (!list.ok) return [];
  return list.value
    .filter((b): b is typeof b & { Name: string } => !!b.Name && DIRECTORY_NAME.test(b.Name))
    .map((b) => {
      const where = b.BucketRegion ?? region;
      // Versioning, Object Lock and replication do not exist for directory buckets; the checks judge
      // them NOT_APPLICABLE from bucketType before reading lifecycle, policy or tags, which are not read.
      const bucket: S3Bucket = {
        name: b.Name,
        arn: `arn:${ctx.partition}:s3express:${where}:${ctx.accountId}:bucket/${b.Name}`,
        region: ok(where),
        bucketType: 'directory',
        versioning: ok({ status: 'Never', mfaDelete: 'Never' }),
        lifecycle: ok(null),
        objectLock: ok(null),
        replication: ok(null),
        policy: ok(null),
        tags: ok({}),
      };
      const created = iso(b.CreationDate);
      if (created) bucket.creationDate = created;
      return bucket;
    });
}

async function collectBucket(ctx: CollectContext, b: Bucket & { Name: string }): Promise<S3Bucket> {
  const Bucket = b.Name;
  const global = ctx.clients.s3(ctx.clients.globalRegion);
  const region = await call(ctx, { api: 's3:GetBucketLocation', region: 'global', resource: Bucket }, async () =>
    bucketRegion((await global.send(new GetBucketLocationCommand({ Bucket }))).LocationConstraint),
  );
  // Unknown region: ask the global endpoint and let the SDK follow the redirect.
  const where = region.ok ? region.value : ctx.clients.globalRegion;
  const s3 = ctx.clients.s3(where);
  const spec = (api: string) => ({ api: `s3:${api}`, region: where, resource: Bucket });

  const versioning = await call(ctx, spec('GetBucketVersioning'), async (): Promise<S3Versioning> => {
    const out = await s3.send(new GetBucketVersioningCommand({ Bucket }));
    return { status: out.Status ?? 'Never', mfaDelete: out.MFADelete ?? 'Never' };
  });
  const lifecycle = await call(
    ctx,
    { ...spec('GetBucketLifecycleConfiguration'), absent: { codes: ['NoSuchLifecycleConfiguration'], value: null } },
    async () => plain<S3LifecycleRule[]>((await s3.send(new GetBucketLifecycleConfigurationCommand({ Bucket }))).Rules ?? []),
  );
  const objectLock = await call(
    ctx,
    { ...spec('GetObjectLockConfiguration'), absent: { codes: ['ObjectLockConfigurationNotFoundError'], value: null } },
    async () => plain<S3ObjectLock>((await s3.send(new GetObjectLockConfigurationCommand({ Bucket }))).ObjectLockConfiguration ?? {}),
  );
  const replication = await call(
    ctx,
    { ...spec('GetBucketReplication'), absent: { codes: ['ReplicationConfigurationNotFoundError'], value: null } },
    async () => {
      const cfg = (await s3.send(new GetBucketReplicationCommand({ Bucket }))).ReplicationConfiguration;
      return cfg ? plain<S3Replication>({ Role: cfg.Role, Rules: cfg.Rules ?? [] }) : null;
    },
  );
  const policy = await call(ctx, { ...spec('GetBucketPolicy'), absent: { codes: ['NoSuchBucketPolicy'], value: null } }, async () =>
    (await s3.send(new GetBucketPolicyCommand({ Bucket }))).Policy ?? null,
  );
  const tags = await call(ctx, { ...spec('GetBucketTagging'), absent: { codes: ['NoSuchTagSet'], value: {} } }, async () => {
    const out: Record<string, string> = {};
    for (const t of (await s3.send(new GetBucketTaggingCommand({ Bucket }))).TagSet ?? []) if (t.Key !== undefined) out[t.Key] = t.Value ?? '';
    return out;
  });

  const bucket: S3Bucket = {
    name: Bucket,
    arn: `arn:${ctx.partition}:s3:::${Bucket}`,
    region,
    bucketType: 'general-purpose',
    versioning,
    lifecycle,
    objectLock,
    replication,
    policy,
    tags,
  };
  const created = iso(b.CreationDate);
  if (created) bucket.creationDate = created;
  return bucket;
}
