// Organization mode: who to audit, then each account collected with bounded concurrency. One account
// that cannot be assumed or fails to collect becomes an error entry; the others complete.
import { InputError } from '../errors';
import { redact, toCallError } from '../collect/call';
import type { CallError, OrganizationAccount } from '../inventory/types';
import { mapLimit } from '../collect/pool';
import type { AccountOutcome, AccountTarget, CollectAccountFn, CredentialProvider } from './types';

/** `self`: the caller's account only; `org`: every active account; `accounts`: these ids. */
export type Scope = { kind: 'self' } | { kind: 'org' } | { kind: 'accounts'; accountIds: string[] };

export interface PlanOptions {
  scope: Scope;
  /** The caller's own account: audited with the caller's credentials, no role to assume. */
  self: { accountId: string };
  /** Lists the organization's active accounts (src/org/accounts.ts listActiveAccounts). */
  listAccounts: () => Promise<OrganizationAccount[]>;
  /** Credentials for a member account (src/org/credentials.ts assumeRoleProvider). */
  assume: (accountId: string) => CredentialProvider;
  roleArnFor: (accountId: string) => string;
  /** How the caller picks a scope, for error messages: the CLI's flags unless told (the Lambda's env vars). */
  hints?: ScopeHints;
}

export interface ScopeHints {
  org: string;
  accounts: string;
}
const CLI_HINTS: ScopeHints = { org: '--org', accounts: '--accounts' };

export async function planTargets(opts: PlanOptions): Promise<AccountTarget[]> {
  let accounts: { Id: string; Name?: string }[];
  if (opts.scope.kind === 'self') {
    accounts = [{ Id: opts.self.accountId }];
  } else if (opts.scope.kind === 'accounts') {
    accounts = opts.scope.accountIds.map((Id) => ({ Id }));
  } else {
    const hint = opts.hints ?? CLI_HINTS;
    try {
      accounts = await opts.listAccounts();
    } catch (e) {
      const err = e as Error;
      throw new InputError(
        `organizations:ListAccounts failed (${err.name}: ${redact(err.message)}). Run ${hint.org} from the management account or a delegated administrator, or list the accounts with ${hint.accounts}.`,
      );
    }
    // AWS always lists at least the management account; nothing at all means no organization.
    if (!accounts.length) throw new InputError(`organizations:ListAccounts returned no active account: is this account part of an AWS Organization? Use ${hint.accounts} to name the accounts.`);
  }
  return accounts.map((a) => {
    const t: AccountTarget = { accountId: a.Id };
    if (a.Name) t.name = a.Name;
    if (a.Id !== opts.self.accountId) {
      t.credentials = opts.assume(a.Id);
      t.roleArn = opts.roleArnFor(a.Id);
    }
    return t;
  });
}

export interface CollectAccountsOptions {
  collectAccount: CollectAccountFn;
  /** Accounts collected at once (each collector bounds its own calls within the account). */
  accountConcurrency: number;
  /** Progress lines ("collected 222222222222 (12.3 s)"); never credentials. */
  log?: (line: string) => void;
  /**
   * Epoch ms by which every account must be done (the Lambda's own deadline less time to write the
   * report). An account not started by then, or still running, is reported as `OutOfTime` so that
   * the others still make a report.
   */
  deadline?: number;
}

export class OutOfTime extends Error {
  override name = 'OutOfTime';
}

export async function collectAccounts(targets: readonly AccountTarget[], opts: CollectAccountsOptions): Promise<AccountOutcome[]> {
  return mapLimit(targets, opts.accountConcurrency, (t) => collectOne(t, opts));
}

/** Never throws: a failure is the outcome. */
export async function collectOne(target: AccountTarget, opts: Pick<CollectAccountsOptions, 'collectAccount' | 'log' | 'deadline'>): Promise<AccountOutcome> {
  const { deadline } = opts;
  if (deadline === undefined) return collectOneUnbounded(target, opts);
  const left = deadline - Date.now();
  const late = (why: string) => ({ accountId: target.accountId, ...(target.name ? { name: target.name } : {}), ok: false as const, error: accountError(target.accountId, 'drready:CollectAccount', new OutOfTime(why)) });
  if (left <= 0) return late('not started: the run ran out of time (split the run with Step Functions, or raise the concurrency)');
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<AccountOutcome>((resolve) => {
    timer = setTimeout(() => resolve(late('still collecting when the run ran out of time (split the run with Step Functions)')), left);
  });
  try {
    // The abandoned collection keeps no handle on the result; the report goes out without it.
    return await Promise.race([collectOneUnbounded(target, opts), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

async function collectOneUnbounded(target: AccountTarget, opts: Pick<CollectAccountsOptions, 'collectAccount' | 'log'>): Promise<AccountOutcome> {
  const named = target.name ? { name: target.name } : {};
  const started = Date.now();
  const fail = (api: string, e: unknown, resource?: string): AccountOutcome => {
    const error = accountError(target.accountId, api, e, resource);
    opts.log?.(`account ${target.accountId}: ${api} failed: ${error.code}: ${error.message}`);
    return { accountId: target.accountId, ...named, ok: false, error };
  };
  if (target.credentials) {
    // Assume first, so "cannot get in" and "failed while collecting" read differently in the report.
    try {
      await target.credentials();
    } catch (e) {
      return fail('sts:AssumeRole', e, target.roleArn);
    }
  }
  try {
    const inventory = await opts.collectAccount(target);
    if (inventory.accountId !== target.accountId) {
      return fail('drready:CollectAccount', new Error(`credentials for ${target.accountId} act in account ${inventory.accountId}; its data is left out`), target.roleArn);
    }
    if (!inventory.name && target.name) inventory.name = target.name;
    opts.log?.(`account ${target.accountId}: collected in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return { accountId: target.accountId, ...named, ok: true, inventory };
  } catch (e) {
    return fail('drready:CollectAccount', e);
  }
}

/** The same code and redacted message as any failed call (collect/call.ts), for the whole account. */
function accountError(accountId: string, api: string, e: unknown, resource?: string): CallError {
  return toCallError(e, { api, region: 'global', ...(resource ? { resource } : {}) }, accountId);
}
