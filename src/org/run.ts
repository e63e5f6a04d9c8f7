// One call from "who am I" to the merged inventory, shared by `drready audit --org` and the Lambda.
import { OrganizationsClient } from '@aws-sdk/client-organizations';
import { STSClient } from '@aws-sdk/client-sts';
import { fromIni } from '@aws-sdk/credential-providers';
import { InputError } from '../errors';
import type { Inventory } from '../inventory/types';
import { listActiveAccounts } from './accounts';
import { collectAccounts, planTargets, type Scope, type ScopeHints } from './collect';
import { assumeRoleProvider, memoize, roleArn } from './credentials';
import { mergeOutcomes } from './merge';
import { identityHint, redact, toCallError } from '../collect/call';
import { configuredRegion, globalRegionFor } from '../collect/clients';
import { getCallerIdentity, type CallerIdentity } from '../collect/sts';
import type { AccountTarget, CollectAccountFn, CredentialProvider } from './types';

export interface AwsAccess {
  /** Named profile for the caller's credentials; absent = the SDK default chain. */
  profile?: string;
  /** AWS-compatible endpoint (an emulator) for every client. */
  endpoint?: string;
  /** Where STS and Organizations are called. Default us-east-1. */
  globalRegion?: string;
}

/** Who the caller is (sts:GetCallerIdentity). */
export type Identity = CallerIdentity;

/** Clients for the caller's own identity and organization, and how member credentials are made. */
export class OrgAccess {
  readonly credentials: CredentialProvider | undefined;
  readonly region: string;
  constructor(readonly access: AwsAccess) {
    this.credentials = access.profile ? memoize(fromIni({ profile: access.profile })) : undefined;
    this.region = access.globalRegion ?? 'us-east-1';
  }

  private config() {
    return { region: this.region, ...(this.credentials ? { credentials: this.credentials } : {}), ...(this.access.endpoint ? { endpoint: this.access.endpoint } : {}) };
  }

  async identity(): Promise<Identity> {
    const sts = new STSClient(this.config());
    try {
      return await getCallerIdentity(sts);
    } catch (e) {
      const err = e as Error;
      const hint = identityHint(toCallError(e, { api: 'sts:GetCallerIdentity', region: this.region }, '').code, this.access);
      throw new InputError(`Could not identify the AWS account: sts:GetCallerIdentity failed (${err.name}: ${redact(err.message)}). ${hint}`);
    } finally {
      sts.destroy();
    }
  }

  organizations(): OrganizationsClient {
    return new OrganizationsClient(this.config());
  }

  assume(identity: Identity, roleName: string): (accountId: string) => CredentialProvider {
    return (accountId) =>
      assumeRoleProvider(accountId, {
        partition: identity.partition,
        roleName,
        region: this.region,
        ...(this.access.endpoint ? { endpoint: this.access.endpoint } : {}),
        ...(this.credentials ? { masterCredentials: this.credentials } : {}),
      });
  }
}

/**
 * Access for the caller of a CLI run: STS and Organizations answer in the partition's global region,
 * taken from the first --region, else the profile's region (cn-* → cn-north-1, us-gov-* → us-gov-west-1).
 */
export async function orgAccessFor(o: { profile?: string; endpoint?: string; region?: string }): Promise<OrgAccess> {
  const home = o.region ?? (await configuredRegion(o.profile));
  return new OrgAccess({ ...(o.profile ? { profile: o.profile } : {}), ...(o.endpoint ? { endpoint: o.endpoint } : {}), globalRegion: globalRegionFor(home) });
}

export interface OrgRunOptions {
  scope: Scope;
  roleName: string;
  accountConcurrency: number;
  collectAccount: CollectAccountFn;
  log?: (line: string) => void;
  /** Epoch ms by which collection must end (see CollectAccountsOptions.deadline). */
  deadline?: number;
  /** Error-message wording for the scope (see PlanOptions.hints). */
  hints?: ScopeHints;
}

/** The accounts a run covers, with their credentials (the Step Functions plan step stops here). */
export async function targetsFor(access: OrgAccess, identity: Identity, scope: Scope, roleName: string, hints?: ScopeHints): Promise<AccountTarget[]> {
  const org = access.organizations();
  try {
    return await planTargets({
      scope,
      self: identity,
      listAccounts: () => listActiveAccounts(org),
      assume: access.assume(identity, roleName),
      roleArnFor: (id) => roleArn(identity.partition, id, roleName),
      ...(hints ? { hints } : {}),
    });
  } finally {
    org.destroy();
  }
}

export async function collectScope(access: OrgAccess, opts: OrgRunOptions): Promise<Inventory> {
  const identity = await access.identity();
  const targets = await targetsFor(access, identity, opts.scope, opts.roleName, opts.hints);
  opts.log?.(`Auditing ${targets.length} account(s) as ${identity.arn}, ${opts.accountConcurrency} at a time`);
  const outcomes = await collectAccounts(targets, {
    collectAccount: opts.collectAccount,
    accountConcurrency: opts.accountConcurrency,
    ...(opts.log ? { log: opts.log } : {}),
    ...(opts.deadline !== undefined ? { deadline: opts.deadline } : {}),
  });
  return mergeOutcomes(outcomes, { source: opts.scope.kind === 'self' ? 'aws' : 'aws-org' });
}
