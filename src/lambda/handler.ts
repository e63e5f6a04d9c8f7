// The Lambda's actions. A scheduled event runs the whole audit in one invocation; the Step Functions
// state machine (deploy/drready.yaml) calls `plan`, then `collect-account` once per account, then
// `merge`, for organizations that do not fit one 15-minute invocation. Both paths end in the same
// mergeOutcomes → evaluate → publishReport as the CLI.
import { S3Client } from '@aws-sdk/client-s3';
import { SNSClient } from '@aws-sdk/client-sns';
import { evaluate } from '../audit';
import { defaultConfig, type Config } from '../config';
import type { Inventory } from '../inventory/types';
import { collectOne, type ScopeHints } from '../org/collect';
import { liveCollectAccount, type LiveCollectOptions } from '../org/live';
import { mergeOutcomes, parseOutcome } from '../org/merge';
import { collectScope, OrgAccess, targetsFor } from '../org/run';
import type { AccountOutcome, CollectAccountFn } from '../org/types';
import type { Report } from '../report';
import { newRunId, publishReport, type Published } from './publish';
import { parseConfigText, readSettings, type LambdaSettings } from './settings';
import { ReportStore } from './store';

export type LambdaEvent =
  | { action?: undefined; source?: string; 'detail-type'?: string; time?: string }
  | { action: 'run' }
  | { action: 'plan' }
  | { action: 'collect-account'; runId: string; account: PlannedAccount }
  | { action: 'merge'; runId: string; startedAt: string; accounts: PlannedAccount[] };

export interface PlannedAccount {
  accountId: string;
  name?: string;
}

export interface PlanResult {
  runId: string;
  startedAt: string;
  /** The state machine's MaxConcurrencyPath. */
  mapConcurrency: number;
  accounts: PlannedAccount[];
}

export interface CollectResult {
  accountId: string;
  ok: boolean;
  key: string;
}

export interface RunResult extends Published {
  accounts: number;
  failedAccounts: string[];
  summary: Report['summary'];
}

export interface HandlerDeps {
  env?: Record<string, string | undefined>;
  /** Default: src/org/live.ts (the real collectors). */
  collectAccountFor?: (o: LiveCollectOptions) => CollectAccountFn;
  now?: () => Date;
  runId?: (now: Date) => string;
  log?: (line: string) => void;
}

/** What the handler uses of the Lambda context: how long it has left. */
export interface InvocationContext {
  getRemainingTimeInMillis(): number;
}

/** Time kept back from the Lambda's deadline to evaluate and store the report. */
export const REPORT_RESERVE_MS = 60_000;

/** The Lambda is scoped by its environment, not by flags: its errors name those. */
const LAMBDA_HINTS: ScopeHints = { org: 'AUDIT_SCOPE=org', accounts: 'AUDIT_SCOPE=accounts with ACCOUNT_IDS' };

export function createHandler(deps: HandlerDeps = {}) {
  return async (event: LambdaEvent = {}, invocation?: InvocationContext): Promise<RunResult | PlanResult | CollectResult> => {
    const settings = readSettings(deps.env ?? process.env);
    const ctx = new Ctx(settings, deps, invocation ? Date.now() + invocation.getRemainingTimeInMillis() - REPORT_RESERVE_MS : undefined);
    try {
      switch (event.action) {
        case undefined:
        case 'run':
          return await ctx.run();
        case 'plan':
          return await ctx.plan();
        case 'collect-account':
          return await ctx.collectAccount(event.runId, event.account);
        case 'merge':
          return await ctx.merge(event.runId, event.startedAt, event.accounts);
        default:
          throw new Error(`unknown action "${(event as { action: string }).action}" (known: run, plan, collect-account, merge)`);
      }
    } finally {
      ctx.destroy();
    }
  };
}

class Ctx {
  readonly access: OrgAccess;
  readonly s3: S3Client;
  readonly sns: SNSClient | undefined;
  readonly store: ReportStore;
  private readonly log: (line: string) => void;

  constructor(
    readonly settings: LambdaSettings,
    readonly deps: HandlerDeps,
    /** Epoch ms by which collection must end; undefined outside Lambda. */
    readonly deadline?: number,
  ) {
    const endpoint = settings.endpoint ? { endpoint: settings.endpoint } : {};
    this.access = new OrgAccess({ ...endpoint, globalRegion: settings.region });
    this.s3 = new S3Client({ region: settings.region, ...endpoint, forcePathStyle: !!settings.endpoint });
    this.sns = settings.topicArn ? new SNSClient({ region: settings.topicArn.split(':')[3] || settings.region, ...endpoint }) : undefined;
    this.store = new ReportStore(this.s3, settings.bucket, this.sns, settings.topicArn);
    this.log = deps.log ?? ((line) => console.log(line));
  }

  destroy(): void {
    this.s3.destroy();
    this.sns?.destroy();
  }

  private now(): Date {
    return this.deps.now ? this.deps.now() : new Date();
  }

  private collector(): CollectAccountFn {
    const s = this.settings;
    const opts: LiveCollectOptions = { concurrency: s.concurrency, ...(s.endpoint ? { endpoint: s.endpoint } : {}), ...(s.regions ? { regions: s.regions } : {}), ...(s.allRegions ? { allRegions: true } : {}) };
    return (this.deps.collectAccountFor ?? liveCollectAccount)(opts);
  }

  async config(): Promise<Config> {
    const s = this.settings;
    if (s.configText) return parseConfigText(s.configText, 'DRREADY_CONFIG');
    if (s.configS3) {
      const where = `s3://${s.configS3.bucket}/${s.configS3.key}`;
      const text = await this.store.getText(s.configS3.key, s.configS3.bucket);
      if (text === undefined) throw new Error(`DRREADY_CONFIG_S3: ${where} does not exist`);
      return parseConfigText(text, where);
    }
    return defaultConfig();
  }

  private runIdFor(now: Date): string {
    return this.deps.runId ? this.deps.runId(now) : newRunId(now);
  }

  /** Whole audit in this invocation. */
  async run(): Promise<RunResult> {
    const started = this.now();
    const runId = this.runIdFor(started);
    const config = await this.config(); // a bad config fails before any collection
    const inventory = await collectScope(this.access, {
      scope: this.settings.scope,
      roleName: this.settings.roleName,
      accountConcurrency: this.settings.accountConcurrency,
      collectAccount: this.collector(),
      log: this.log,
      ...(this.deadline !== undefined ? { deadline: this.deadline } : {}),
      hints: LAMBDA_HINTS,
    });
    return this.finish(runId, inventory, config, started);
  }

  async plan(): Promise<PlanResult> {
    const started = this.now();
    await this.config(); // fail the execution early on a bad config
    const identity = await this.access.identity();
    const targets = await targetsFor(this.access, identity, this.settings.scope, this.settings.roleName, LAMBDA_HINTS);
    return { runId: this.runIdFor(started), startedAt: started.toISOString(), mapConcurrency: this.settings.mapConcurrency, accounts: targets.map((t) => ({ accountId: t.accountId, ...(t.name ? { name: t.name } : {}) })) };
  }

  partKey(runId: string, accountId: string): string {
    return `${this.settings.partsPrefix}${runId}/accounts/${accountId}.json`;
  }

  async collectAccount(runId: string, account: PlannedAccount): Promise<CollectResult> {
    const identity = await this.access.identity();
    const [target] = await targetsFor(this.access, identity, { kind: 'accounts', accountIds: [account.accountId] }, this.settings.roleName);
    if (account.name) target.name = account.name;
    const outcome = await collectOne(target, { collectAccount: this.collector(), log: this.log, ...(this.deadline !== undefined ? { deadline: this.deadline } : {}) });
    const key = this.partKey(runId, account.accountId);
    await this.store.putNew(key, { body: JSON.stringify(outcome), contentType: 'application/json' });
    return { accountId: account.accountId, ok: outcome.ok, key };
  }

  async merge(runId: string, startedAt: string, accounts: PlannedAccount[]): Promise<RunResult> {
    const config = await this.config();
    const outcomes: AccountOutcome[] = [];
    for (const a of accounts) {
      const key = this.partKey(runId, a.accountId);
      const text = await this.store.getText(key);
      if (text === undefined) {
        // The collect step died (timeout, crash) after its retries: the account is reported as failed.
        outcomes.push({
          accountId: a.accountId,
          ...(a.name ? { name: a.name } : {}),
          ok: false,
          error: { api: 'drready:CollectAccount', permission: 'drready:CollectAccount', code: 'NoResult', message: `no result stored at ${key}: the collect step failed or timed out (see the state machine execution)`, accountId: a.accountId, region: 'global' },
        });
      } else outcomes.push(parseOutcome(JSON.parse(text), `s3://${this.settings.bucket}/${key}`));
    }
    const inventory = mergeOutcomes(outcomes, { collectedAt: this.now().toISOString(), source: 'aws-org' });
    return this.finish(runId, inventory, config, new Date(startedAt));
  }

  private async finish(runId: string, inventory: Inventory, config: Config, generatedAt?: Date): Promise<RunResult> {
    const report = evaluate(inventory, config, generatedAt ? { generatedAt } : {});
    const published = await publishReport(this.store, report, { runId, reportPrefix: this.settings.reportPrefix, latestPrefix: this.settings.latestPrefix });
    const failedAccounts = (report.accounts ?? []).filter((a) => a.status === 'failed').map((a) => a.id);
    this.log(`drready run ${runId}: ${inventory.accounts.length} account(s) audited, ${failedAccounts.length} failed; wrote ${published.keys.join(', ')}`);
    return { ...published, accounts: inventory.accounts.length, failedAccounts, summary: report.summary };
  }
}
