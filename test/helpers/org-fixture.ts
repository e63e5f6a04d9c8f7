// An organization in moto: the management account (moto's default 123456789012) creates the
// organization and member accounts with CreateAccount, and seeds buckets in members through AssumeRole.
// Also a small real collector for tests (S3 buckets + versioning) until src/collect is wired in.
import { CreateAccountCommand, CreateOrganizationCommand, DescribeCreateAccountStatusCommand, OrganizationsClient } from '@aws-sdk/client-organizations';
import { CreateBucketCommand, GetBucketVersioningCommand, ListBucketsCommand, PutBucketVersioningCommand, S3Client } from '@aws-sdk/client-s3';
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import type { CollectAccountFn } from '../../src/org/types';
import type { S3Bucket } from '../../src/inventory/types';
import { account, bucket, ok } from './inventory';

export const MANAGEMENT = '123456789012';
export const REGION = 'us-east-1';

/** Dummy credentials for moto, set in the environment so the SDK default chain finds them. */
export function useDummyCredentials(): () => void {
  const saved = { ...process.env };
  Object.assign(process.env, { AWS_ACCESS_KEY_ID: 'testing', AWS_SECRET_ACCESS_KEY: 'testing', AWS_SESSION_TOKEN: 'testing', AWS_REGION: REGION });
  delete process.env.AWS_PROFILE;
  return () => {
    for (const k of ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_REGION']) {
      if (saved[k] === undefined) delete process.env[k];
      else process.env[k] = saved[k];
    }
  };
}

export async function createOrganization(endpoint: string, names: string[]): Promise<{ id: string; name: string }[]> {
  const org = new OrganizationsClient({ region: REGION, endpoint });
  try {
    await org.send(new CreateOrganizationCommand({ FeatureSet: 'ALL' }));
    const members: { id: string; name: string }[] = [];
    for (const name of names) {
      const created = await org.send(new CreateAccountCommand({ AccountName: name, Email: `${name}@example.com` }));
      const status = await org.send(new DescribeCreateAccountStatusCommand({ CreateAccountRequestId: created.CreateAccountStatus!.Id! }));
      if (status.CreateAccountStatus?.State !== 'SUCCEEDED' || !status.CreateAccountStatus.AccountId) throw new Error(`moto CreateAccount ${name}: ${status.CreateAccountStatus?.State}`);
      members.push({ id: status.CreateAccountStatus.AccountId, name });
    }
    return members;
  } finally {
    org.destroy();
  }
}

/** An S3 client acting in `accountId` (AssumeRole; moto returns credentials for that account). */
export async function s3In(endpoint: string, accountId: string): Promise<S3Client> {
  const sts = new STSClient({ region: REGION, endpoint });
  const out = await sts.send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${accountId}:role/seed`, RoleSessionName: 'seed' }));
  sts.destroy();
  const c = out.Credentials!;
  return new S3Client({ region: REGION, endpoint, forcePathStyle: true, credentials: { accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken } });
}

export async function seedBuckets(endpoint: string, accountId: string, buckets: { name: string; versioning?: 'Enabled' | 'Suspended' }[]): Promise<void> {
  const s3 = await s3In(endpoint, accountId);
  try {
    for (const b of buckets) {
      await s3.send(new CreateBucketCommand({ Bucket: b.name }));
      if (b.versioning) await s3.send(new PutBucketVersioningCommand({ Bucket: b.name, VersioningConfiguration: { Status: b.versioning } }));
    }
  } finally {
    s3.destroy();
  }
}

/**
 * A real (read-only) collector for tests: with the target's credentials it asks STS who it is and
 * reads S3 buckets and their versioning, so the result proves which account the credentials act in.
 * `failFor` makes one account's collection fail the way a denied call would.
 */
export function s3OnlyCollector(endpoint: string, failFor: string[] = []): CollectAccountFn {
  return async (t) => {
    const creds = t.credentials ? { credentials: t.credentials } : {};
    const sts = new STSClient({ region: REGION, endpoint, ...creds });
    const s3 = new S3Client({ region: REGION, endpoint, forcePathStyle: true, ...creds });
    try {
      const who = await sts.send(new GetCallerIdentityCommand({}));
      if (failFor.includes(who.Account!)) throw Object.assign(new Error('User is not authorized to perform: s3:ListAllMyBuckets'), { name: 'AccessDenied' });
      const list = (await s3.send(new ListBucketsCommand({}))).Buckets ?? [];
      const buckets: S3Bucket[] = [];
      for (const b of list) {
        const v = await s3.send(new GetBucketVersioningCommand({ Bucket: b.Name! }));
        buckets.push(bucket(b.Name!, { versioning: ok({ status: (v.Status as 'Enabled' | 'Suspended') ?? 'Never', mfaDelete: 'Never' }) }));
      }
      return account({ accountId: who.Account!, callerArn: who.Arn, s3: { buckets: ok(buckets) } });
    } finally {
      sts.destroy();
      s3.destroy();
    }
  };
}
