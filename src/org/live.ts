// THE wiring point between organization mode / the Lambda and the real collectors (src/collect).
// Everything else in src/org and src/lambda takes a CollectAccountFn, so tests use fakes.
import type { CollectAccountFn } from './types';

export interface LiveCollectOptions {
  /** AWS-compatible endpoint (an emulator) for every client. */
  endpoint?: string;
  /** Regions to collect; absent = the collector's default (every enabled region with --all-regions). */
  regions?: string[];
  allRegions?: boolean;
  /** Calls in flight within one account. */
  concurrency: number;
}

/**
 * At merge with the collect branch this becomes:
 *   return (t) => collectAccount({ credentials: t.credentials, endpoint: o.endpoint, regions: o.regions,
 *                                  allRegions: o.allRegions, concurrency: o.concurrency, name: t.name });
 */
export function liveCollectAccount(_o: LiveCollectOptions): CollectAccountFn {
  return async () => {
    throw new Error('live collection is not available in this build (src/org/live.ts is wired to src/collect at merge)');
  };
}
