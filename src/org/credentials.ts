// Credentials for a member account: the SDK's own AssumeRole provider. Our code never sees a
// long-lived secret, only the temporary credentials the SDK hands to its clients.
import { fromTemporaryCredentials } from '@aws-sdk/credential-providers';
import type { AwsCredentials, CredentialProvider } from './types';

export const DEFAULT_ROLE_NAME = 'OrganizationAccountAccessRole';

export function roleArn(partition: string, accountId: string, roleName: string): string {
  return `arn:${partition}:iam::${accountId}:role/${roleName}`;
}

export interface AssumeOptions {
  partition: string;
  roleName: string;
  /** Region of the STS endpoint used to assume (regional endpoints are the SDK default). */
  region: string;
  /** AWS-compatible endpoint (an emulator) for STS. */
  endpoint?: string;
  /** The caller's credentials; absent = the SDK default chain. */
  masterCredentials?: CredentialProvider;
  sessionName?: string;
}

export function assumeRoleProvider(accountId: string, opts: AssumeOptions): CredentialProvider {
  const provider = fromTemporaryCredentials({
    params: { RoleArn: roleArn(opts.partition, accountId, opts.roleName), RoleSessionName: opts.sessionName ?? 'drready-audit', DurationSeconds: 3600 },
    ...(opts.masterCredentials ? { masterCredentials: opts.masterCredentials } : {}),
    clientConfig: { region: opts.region, ...(opts.endpoint ? { endpoint: opts.endpoint } : {}) },
  });
  return memoize(() => provider());
}

const REFRESH_MS = 5 * 60 * 1000;

/**
 * One AssumeRole per account, not one per SDK client: reuses the credentials until five minutes
 * before they expire, and shares one call between concurrent callers.
 */
export function memoize(provider: CredentialProvider, now: () => number = Date.now): CredentialProvider {
  let cached: Promise<AwsCredentials> | undefined;
  const fresh = (c: AwsCredentials) => !c.expiration || c.expiration.getTime() - now() > REFRESH_MS;
  return async () => {
    const mine = cached;
    if (mine) {
      const c = await mine.catch(() => undefined);
      if (c && fresh(c)) return c;
      if (cached !== mine && cached) return cached; // another caller already refreshed
    }
    const p = provider();
    cached = p;
    p.catch(() => {
      if (cached === p) cached = undefined; // retry on the next call
    });
    return p;
  };
}
