// Organization mode's seams: who to audit, how one account is collected, and what came back.
import type { AccountInventory, CallError } from '../inventory/types';

/** Temporary credentials as every SDK v3 client accepts them (structurally an AwsCredentialIdentity). */
export interface AwsCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  expiration?: Date;
}

/** Structurally the SDK's AwsCredentialIdentityProvider: clients call it and refresh before `expiration`. */
export type CredentialProvider = () => Promise<AwsCredentials>;

export interface AccountTarget {
  accountId: string;
  /** Friendly name from Organizations, when known. */
  name?: string;
  /** Absent: the caller's own credentials (the SDK default chain). */
  credentials?: CredentialProvider;
  /** The role assumed, for error messages (absent for the caller's own account). */
  roleArn?: string;
}

/**
 * Collects one account completely (all its regions). Injected so that organization mode, the merge
 * and the Lambda can be tested with fakes; the live one is built in src/org/live.ts.
 * May throw: the orchestrator records the account as failed and goes on with the others.
 */
export type CollectAccountFn = (target: AccountTarget) => Promise<AccountInventory>;

/** A whole account that could not be audited; `accountName` keeps its Organizations name for the report. */
export interface AccountError extends CallError {
  accountName?: string;
}

/** What one account's collection produced: its inventory, or why there is none. */
export type AccountOutcome =
  | { accountId: string; name?: string; ok: true; inventory: AccountInventory }
  | { accountId: string; name?: string; ok: false; error: AccountError };
