// One factory for every AWS client the collectors use: same credentials, endpoint and retry policy.
import { S3Client, type S3ClientConfig } from '@aws-sdk/client-s3';
import { IAMClient } from '@aws-sdk/client-iam';
import { EC2Client } from '@aws-sdk/client-ec2';
import { AutoScalingClient } from '@aws-sdk/client-auto-scaling';
import { BackupClient } from '@aws-sdk/client-backup';
import { RDSClient } from '@aws-sdk/client-rds';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { EFSClient } from '@aws-sdk/client-efs';
import { OrganizationsClient } from '@aws-sdk/client-organizations';
import { STSClient } from '@aws-sdk/client-sts';
import { fromIni } from '@aws-sdk/credential-providers';

/** Static credentials or a provider, as every SDK client accepts. */
export type Credentials = NonNullable<S3ClientConfig['credentials']>;

export interface ClientFactoryOptions {
  /** Absent: the SDK default chain (env, profile, SSO, IMDS). */
  credentials?: Credentials;
  /** Named profile (`--profile`); ignored when `credentials` is given. */
  profile?: string;
  /** An AWS-compatible endpoint (`--endpoint-url`); S3 then uses path-style addressing. */
  endpoint?: string;
  /** Region for global services (IAM, Organizations, S3 ListBuckets). Default from the partition of the first region. */
  globalRegion?: string;
  /** Default 5: throttling and 5xx are retried by the SDK. */
  maxAttempts?: number;
  retryMode?: 'standard' | 'adaptive';
}

export interface ClientFactory {
  readonly options: ClientFactoryOptions;
  readonly globalRegion: string;
  s3(region: string): S3Client;
  iam(): IAMClient;
  ec2(region: string): EC2Client;
  autoscaling(region: string): AutoScalingClient;
  backup(region: string): BackupClient;
  rds(region: string): RDSClient;
  dynamodb(region: string): DynamoDBClient;
  efs(region: string): EFSClient;
  organizations(): OrganizationsClient;
  sts(region?: string): STSClient;
  /** Closes sockets of every client built so far. */
  destroy(): void;
}

/** `us-east-1`, `cn-north-1` or `us-gov-west-1`: where a partition's global services answer. */
export function globalRegionFor(region: string | undefined): string {
  if (region?.startsWith('cn-')) return 'cn-north-1';
  if (region?.startsWith('us-gov-')) return 'us-gov-west-1';
  return 'us-east-1';
}

export function createClientFactory(options: ClientFactoryOptions = {}): ClientFactory {
  const credentials = options.credentials ?? (options.profile ? fromIni({ profile: options.profile }) : undefined);
  const globalRegion = options.globalRegion ?? 'us-east-1';
  const cache = new Map<string, { destroy(): void }>();

  const base = (region: string) => ({
    region,
    maxAttempts: options.maxAttempts ?? 5,
    retryMode: options.retryMode ?? 'adaptive',
    ...(credentials ? { credentials } : {}),
    ...(options.endpoint ? { endpoint: options.endpoint } : {}),
  });

  function get<C extends { destroy(): void }>(kind: string, region: string, make: () => C): C {
    const key = `${kind}:${region}`;
    let client = cache.get(key) as C | undefined;
    if (!client) {
      client = make();
      cache.set(key, client);
    }
    return client;
  }

  return {
    options,
    globalRegion,
    s3: (r) => get('s3', r, () => new S3Client({ ...base(r), forcePathStyle: !!options.endpoint, followRegionRedirects: true })),
    iam: () => get('iam', globalRegion, () => new IAMClient(base(globalRegion))),
    ec2: (r) => get('ec2', r, () => new EC2Client(base(r))),
    autoscaling: (r) => get('autoscaling', r, () => new AutoScalingClient(base(r))),
    backup: (r) => get('backup', r, () => new BackupClient(base(r))),
    rds: (r) => get('rds', r, () => new RDSClient(base(r))),
    dynamodb: (r) => get('dynamodb', r, () => new DynamoDBClient(base(r))),
    efs: (r) => get('efs', r, () => new EFSClient(base(r))),
    organizations: () => get('organizations', globalRegion, () => new OrganizationsClient(base(globalRegion))),
    sts: (r = globalRegion) => get('sts', r, () => new STSClient(base(r))),
    destroy() {
      for (const c of cache.values()) c.destroy();
      cache.clear();
    },
  };
}

/** The region the SDK would use (AWS_REGION, the profile's `region`), or undefined when none is set. */
export async function configuredRegion(profile?: string): Promise<string | undefined> {
  const probe = new STSClient(profile ? { profile } : {});
  try {
    const region = await probe.config.region();
    return region || undefined;
  } catch {
    return undefined;
  } finally {
    probe.destroy();
  }
}
