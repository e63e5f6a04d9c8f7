// What every per-service collector receives: the account's clients, where errors go, how wide to fan out.
import type { CallContext } from './call';
import type { ClientFactory } from './clients';

export interface CollectContext extends CallContext {
  clients: ClientFactory;
  /** `aws`, `aws-cn`, `aws-us-gov`: used to build ARNs the APIs do not return. */
  partition: string;
  /** Max calls in flight for per-resource fan-out (buckets, vaults, plans, tables). */
  concurrency: number;
}

/** Drains an SDK v3 paginator into one array. */
export async function collectPages<P, T>(pages: AsyncIterable<P>, items: (page: P) => readonly T[] | undefined): Promise<T[]> {
  const out: T[] = [];
  for await (const page of pages) out.push(...(items(page) ?? []));
  return out;
}
