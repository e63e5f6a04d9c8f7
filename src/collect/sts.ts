// STS: who are we (account id, partition). Member-account credentials: src/org/credentials.ts.
import { GetCallerIdentityCommand, type STSClient } from '@aws-sdk/client-sts';

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
