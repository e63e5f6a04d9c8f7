// THE wiring point between organization mode / the Lambda and the real collectors (src/collect).
// Everything else in src/org and src/lambda takes a CollectAccountFn, so tests use fakes.
import { collectInventory } from '../collect';
import type { CollectAccountFn } from './types';

export interface LiveCollectOptions {
  /** AWS-compatible endpoint (an emulator) for every client. */
  endpoint?: string;
  /** Named profile for the caller's own account (targets without credentials). */
  profile?: string;
  /** Regions to collect; absent = the collector's default (the home region, or all with allRegions). */
  regions?: string[];
  allRegions?: boolean;
  /** Calls in flight within one account. */
  concurrency: number;
}

/** Collects one target account with the real collectors (identity and regions resolved per account). */
export function liveCollectAccount(o: LiveCollectOptions): CollectAccountFn {
  return async (t) => {
    const inv = await collectInventory({
      ...(t.credentials ? { credentials: t.credentials } : o.profile ? { profile: o.profile } : {}),
      ...(o.endpoint ? { endpoint: o.endpoint } : {}),
      ...(o.regions ? { regions: o.regions } : {}),
      allRegions: !!o.allRegions,
      concurrency: o.concurrency,
    });
    const account = inv.accounts[0];
    account.errors.unshift(...inv.errors); // e.g. a failed ec2:DescribeRegions
    if (t.name && !account.name) account.name = t.name;
    return account;
  };
}
