// The organization inventory: each account's inventory side by side, plus one top-level error per
// account that could not be assumed or collected. The CLI (--org) and the Step Functions merge step
// both build the organization report from this function.
import type { AccountInventory, Inventory } from '../inventory/types';
import { INVENTORY_SCHEMA_VERSION } from '../inventory/types';
import { TOOL } from '../version';
import type { AccountError, AccountOutcome } from './types';

export interface MergeMeta {
  /** When collection finished; default now. Checks judge ages against it. */
  collectedAt?: string;
  /** Default `aws-org`. */
  source?: string;
}

export function mergeOutcomes(outcomes: readonly AccountOutcome[], meta: MergeMeta = {}): Inventory {
  const accounts: AccountInventory[] = [];
  const seen = new Set<string>();
  const errors: AccountError[] = [];
  for (const o of outcomes) {
    if (seen.has(o.accountId)) continue; // an account listed twice is audited once
    seen.add(o.accountId);
    if (o.ok) accounts.push(o.inventory);
    else errors.push(o.name && !o.error.accountName ? { ...o.error, accountName: o.name } : o.error);
  }
  const regions: string[] = [];
  for (const a of accounts) for (const r of a.regions) if (!regions.includes(r.region)) regions.push(r.region);
  return {
    kind: 'drready-inventory',
    schemaVersion: INVENTORY_SCHEMA_VERSION,
    collectedAt: meta.collectedAt ?? new Date().toISOString(),
    tool: { ...TOOL },
    source: meta.source ?? 'aws-org',
    regions,
    accounts,
    errors,
  };
}

/** The pseudo-APIs organization mode records for a whole account that is missing. */
export const ACCOUNT_APIS = new Set(['sts:AssumeRole', 'drready:CollectAccount']);

/** Checks an outcome read back from storage (Step Functions parts) before it is merged. */
export function parseOutcome(raw: unknown, where: string): AccountOutcome {
  const o = raw as Partial<AccountOutcome> & { inventory?: Partial<AccountInventory>; error?: unknown };
  const bad = (why: string): never => {
    throw new Error(`${where}: not an account outcome: ${why}`);
  };
  if (!o || typeof o !== 'object') bad('expected an object');
  if (typeof o.accountId !== 'string') bad('accountId missing');
  if (o.ok === true) {
    if (!o.inventory || typeof o.inventory !== 'object' || !Array.isArray(o.inventory.regions) || o.inventory.accountId !== o.accountId) bad('inventory missing or for another account');
  } else if (o.ok === false) {
    if (!o.error || typeof o.error !== 'object') bad('error missing');
  } else bad('ok must be true or false');
  return o as AccountOutcome;
}
