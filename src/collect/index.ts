// Entry points of the collectors: one account (reusable per member account in Organization mode),
// or a whole single-account run with identity and region resolution.
import { DescribeRegionsCommand } from '@aws-sdk/client-ec2';
import { InputError } from '../errors';
import { INVENTORY_SCHEMA_VERSION, type AccountInventory, type CallError, type Inventory, type RegionInventory } from '../inventory/types';
import { TOOL } from '../version';
import { collectAutoScaling } from './autoscaling';
import { collectBackup } from './backup';
import { call, errorCode, failed, identityHint, toCallError } from './call';
import { configuredRegion, createClientFactory, globalRegionFor, type ClientFactory, type ClientFactoryOptions } from './clients';
import type { CollectContext } from './context';
import { collectDynamoDb } from './dynamodb';
import { collectEc2, collectVolumes } from './ec2';
import { collectEfs } from './efs';
import { collectIam, type IamOptions } from './iam';
import { collectOrganizations } from './organizations';
import { mapLimit } from './pool';
import { collectRds } from './rds';
import { collectS3 } from './s3';
import { getCallerIdentity } from './sts';

export { createClientFactory, globalRegionFor, type ClientFactory, type ClientFactoryOptions, type Credentials } from './clients';
export { getCallerIdentity, type CallerIdentity } from './sts';
export { mapLimit } from './pool';
export type { IamOptions } from './iam';

export const DEFAULT_CONCURRENCY = 8;

export interface CollectAccountOptions {
  /** Clients already bound to this account's credentials (e.g. an assumed role). */
  clients: ClientFactory;
  accountId: string;
  /** Default `aws`. */
  partition?: string;
  callerArn?: string;
  /** Friendly name, e.g. from the management account's ListAccounts. */
  name?: string;
  regions: readonly string[];
  /** Max calls in flight per fan-out (buckets, vaults...). Default 8. */
  concurrency?: number;
  /** Regions collected at once. Default 4. */
  regionConcurrency?: number;
  iam?: IamOptions;
}

/** Everything for one account. Never throws for an AWS failure: failures land in `errors`. */
export async function collectAccount(opts: CollectAccountOptions): Promise<AccountInventory> {
  const errors: CallError[] = [];
  const ctx: CollectContext = {
    clients: opts.clients,
    accountId: opts.accountId,
    errors,
    partition: opts.partition ?? 'aws',
    concurrency: opts.concurrency ?? DEFAULT_CONCURRENCY,
  };
  const globalPart = (async () => {
    const s3 = await guard(ctx, 's3', 'global', () => collectS3(ctx, opts.regions), (e) => ({ buckets: failed(e) }));
    const iam = await guard(ctx, 'iam', 'global', () => collectIam(ctx, opts.iam), (e) => ({
      authorizationDetails: failed(e), credentialReport: failed(e), accountSummary: failed(e),
    }));
    const organizations = await guard(ctx, 'organizations', 'global', () => collectOrganizations(ctx), (e) => ({
      organization: failed(e), accounts: failed(e), serviceControlPolicies: failed(e),
    }));
    return { s3, iam, organizations };
  })();
  const regions = mapLimit(opts.regions, opts.regionConcurrency ?? 4, (r) => collectRegion(ctx, r));
  const [global, regionInventories] = await Promise.all([globalPart, regions]);

  const account: AccountInventory = {
    accountId: opts.accountId,
    partition: ctx.partition,
    regions: regionInventories,
    ...global,
    errors,
  };
  const name = opts.name ?? (global.organizations.accounts.ok ? global.organizations.accounts.value.find((a) => a.Id === opts.accountId)?.Name : undefined);
  if (name) account.name = name;
  if (opts.callerArn) account.callerArn = opts.callerArn;
  return account;
}

export async function collectRegion(ctx: CollectContext, region: string): Promise<RegionInventory> {
  const autoscaling = await guard(ctx, 'autoscaling', region, () => collectAutoScaling(ctx, region), (e) => ({ groups: failed(e), launchConfigurations: failed(e) }));
  const lcImages = autoscaling.launchConfigurations.ok ? autoscaling.launchConfigurations.value.flatMap((lc) => (lc.ImageId ? [lc.ImageId] : [])) : [];
  const ec2 = await guard(ctx, 'ec2', region, () => collectEc2(ctx, region, lcImages), (e) => ({ instances: failed(e), launchTemplateVersions: failed(e), images: failed(e) }));
  const ebsVolumes = await guard(ctx, 'ec2', region, () => collectVolumes(ctx, region), (e) => failed(e));
  const backup = await guard(ctx, 'backup', region, () => collectBackup(ctx, region), (e) => ({
    vaults: failed(e), plans: failed(e), protectedResources: failed(e), restoreTestingPlans: failed(e),
  }));
  const rds = await guard(ctx, 'rds', region, () => collectRds(ctx, region), (e) => ({ instances: failed(e), clusters: failed(e) }));
  const dynamodb = await guard(ctx, 'dynamodb', region, () => collectDynamoDb(ctx, region), (e) => ({ tables: failed(e) }));
  const efs = await guard(ctx, 'elasticfilesystem', region, () => collectEfs(ctx, region), (e) => ({ fileSystems: failed(e) }));
  return { region, ec2, autoscaling, backup, rds, dynamodb, efs, ebsVolumes };
}

/** A bug in a collector (not an AWS error, those are caught per call) must not end the run. */
async function guard<T>(ctx: CollectContext, service: string, region: string, fn: () => Promise<T>, fallback: (e: CallError) => NoInfer<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    const error = { ...toCallError(err, { api: `${service}:*`, region }, ctx.accountId), code: `CollectorError:${errorCode(err)}` };
    ctx.errors.push(error);
    return fallback(error);
  }
}

export interface CollectInventoryOptions extends ClientFactoryOptions {
  /** Explicit regions (`--region`, repeatable). */
  regions?: readonly string[];
  /** `--all-regions`: every region enabled for the account (ec2:DescribeRegions). */
  allRegions?: boolean;
  concurrency?: number;
  regionConcurrency?: number;
  iam?: IamOptions;
  /** Prebuilt clients (tests, Lambda); otherwise built from the options above. */
  clients?: ClientFactory;
}

const REGION_RE = /^[a-z]{2}(-[a-z]+)+-\d+$/;

/** A single-account run: identity, regions, then `collectAccount`. Throws InputError only when the account cannot be identified. */
export async function collectInventory(opts: CollectInventoryOptions = {}): Promise<Inventory> {
  for (const r of opts.regions ?? []) if (!REGION_RE.test(r)) throw new InputError(`--region ${r}: not a region name (like eu-west-1)`);
  const home = opts.regions?.[0] ?? (await configuredRegion(opts.credentials ? undefined : opts.profile)) ?? 'us-east-1';
  const clients = opts.clients ?? createClientFactory({ ...opts, globalRegion: opts.globalRegion ?? globalRegionFor(home) });
  try {
    let identity;
    try {
      identity = await getCallerIdentity(clients.sts(home));
    } catch (err) {
      const e = toCallError(err, { api: 'sts:GetCallerIdentity', region: home }, '');
      throw new InputError(`Could not identify the AWS account: sts:GetCallerIdentity failed with ${e.code}: ${e.message}. ${identityHint(e.code, opts)}`);
    }
    const errors: CallError[] = [];
    const regions = await resolveRegions(opts, clients, home, { accountId: identity.accountId, errors });
    const account = await collectAccount({
      clients,
      accountId: identity.accountId,
      partition: identity.partition,
      callerArn: identity.arn,
      regions,
      concurrency: opts.concurrency,
      regionConcurrency: opts.regionConcurrency,
      iam: opts.iam,
    });
    return {
      kind: 'drready-inventory',
      schemaVersion: INVENTORY_SCHEMA_VERSION,
      collectedAt: new Date().toISOString(),
      tool: { name: TOOL.name, version: TOOL.version },
      source: 'aws',
      regions,
      accounts: [account],
      errors,
    };
  } finally {
    if (!opts.clients) clients.destroy();
  }
}

async function resolveRegions(opts: CollectInventoryOptions, clients: ClientFactory, home: string, ctx: { accountId: string; errors: CallError[] }): Promise<string[]> {
  if (opts.regions?.length) return [...new Set(opts.regions)];
  if (!opts.allRegions) return [home];
  const client = clients.ec2(home);
  // DescribeRegions is not paginated; by default it lists only regions enabled for the account.
  const got = await call(ctx, { api: 'ec2:DescribeRegions', region: home }, async () => (await client.send(new DescribeRegionsCommand({}))).Regions ?? []);
  // Listing failed (recorded): audit the home region rather than nothing.
  if (!got.ok) return [home];
  const names = got.value.flatMap((r) => (r.RegionName ? [r.RegionName] : [])).sort();
  return names.length ? names : [home];
}
export { COLLECTOR_APIS, COLLECTOR_PERMISSIONS } from './permissions';
