// STS: who are we (account id, partition), and credentials for a member account in Organization mode.
import { AssumeRoleCommand, GetCallerIdentityCommand, type STSClient } from '@aws-sdk/client-sts';
import type { Credentials } from './clients';

export interface CallerIdentity {
  accountId: string;
  arn: string;
  partition: string;
}

/** Throws on failure: without an identity there is no account to audit. */
export async function getCallerIdentity(sts: STSClient): Promise<CallerIdentity> {
  const out = await sts.send(new GetCallerIdentityCommand({}));
  if (!out.Account || !out.Arn) throw new Error('sts:GetCallerIdentity returned no Account/Arn');
  return { accountId: out.Account, arn: out.Arn, partition: partitionOf(out.Arn) };
}

export function partitionOf(arn: string): string {
  return arn.split(':')[1] || 'aws';
}

/** Temporary credentials for `roleArn` (e.g. the audit role in a member account). */
export async function assumeRole(sts: STSClient, roleArn: string, sessionName = 'drready-audit', durationSeconds = 3600): Promise<Credentials> {
  const out = await sts.send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: sessionName, DurationSeconds: durationSeconds }));
  const c = out.Credentials;
  if (!c?.AccessKeyId || !c.SecretAccessKey) throw new Error(`sts:AssumeRole returned no credentials for ${roleArn}`);
  return { accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, sessionToken: c.SessionToken, expiration: c.Expiration };
}
