// Organization-mode limits. Run: npm run build && node dist/bench/org.bench.js [--moto]
// 1. Merge step: mergeOutcomes → evaluate → render JSON+HTML for N synthetic accounts (time, memory,
//    report size): how many accounts one merge invocation can take.
// 2. Step Functions payload: bytes per account in the plan state (256 KB state limit).
// 3. With --moto: per-account time of the organization machinery against moto (ListAccounts, AssumeRole
//    per account, collection) using the live collector if it is wired (src/org/live.ts), else the test
//    S3-only collector, which measures the orchestration overhead, not a full collection.
import { performance } from 'node:perf_hooks';
import { CHECKS } from '../checks';
import { RENDERERS } from '../reports';
import { evaluate } from '../src/audit';
import { defaultConfig } from '../src/config';
import type { AccountInventory, BackupPlan, Ec2Instance, S3Bucket } from '../src/inventory/types';
import { liveCollectAccount } from '../src/org/live';
import { mergeOutcomes } from '../src/org/merge';
import { collectScope, OrgAccess } from '../src/org/run';
import type { AccountOutcome, CollectAccountFn } from '../src/org/types';
import { account, bucket, ok, region } from '../test/helpers/inventory';
import { startMoto } from '../test/helpers/moto';
import { createOrganization, s3OnlyCollector, seedBuckets, useDummyCredentials } from '../test/helpers/org-fixture';

function syntheticAccount(i: number): AccountInventory {
  const id = String(100000000000 + i);
  const buckets: S3Bucket[] = Array.from({ length: 20 }, (_, b) => bucket(`a${i}-bucket-${b}`, b % 3 ? {} : { versioning: ok({ status: 'Suspended', mfaDelete: 'Never' }) }));
  const instances: Ec2Instance[] = Array.from({ length: 30 }, (_, n) => ({ InstanceId: `i-${i.toString(16)}${n.toString(16).padStart(8, '0')}`, State: { Name: 'running' }, Tags: n % 2 ? [{ Key: 'aws:autoscaling:groupName', Value: 'web' }] : [] }));
  const plans: BackupPlan[] = Array.from({ length: 5 }, (_, p) => ({
    BackupPlanId: `p${p}`,
    BackupPlanArn: `arn:aws:backup:us-east-1:${id}:backup-plan:p${p}`,
    BackupPlanName: `plan-${p}`,
    Rules: [{ RuleName: 'daily', TargetBackupVaultName: 'Default', CopyActions: p % 2 ? [{ DestinationBackupVaultArn: `arn:aws:backup:us-east-1:100000000000:backup-vault:org-copies` }] : [] }],
    selections: ok([]),
  }));
  const regions = ['us-east-1', 'eu-west-1'].map((r) => region(r, { ec2: { instances: ok(instances), launchTemplateVersions: ok([]), images: ok([]) }, backup: { plans: ok(plans) } }));
  return account({ accountId: id, name: `account-${i}`, regions, s3: { buckets: ok(buckets) } });
}

function mb(bytes: number): string {
  return (bytes / 1024 / 1024).toFixed(1);
}

function mergeBench(sizes: number[]): void {
  console.log('\n1. Merge step (merge + evaluate + render json/html), synthetic accounts: 20 buckets, 2 regions x (30 instances, 5 plans)');
  console.log('accounts | merge+evaluate ms | render ms | report.json MB | report.html MB | heap used MB | rss MB');
  for (const n of sizes) {
    const outcomes: AccountOutcome[] = Array.from({ length: n }, (_, i) => ({ accountId: String(100000000000 + i), ok: true, inventory: syntheticAccount(i) }));
    global.gc?.();
    const t0 = performance.now();
    const report = evaluate(mergeOutcomes(outcomes), defaultConfig(), { checks: CHECKS });
    const t1 = performance.now();
    const json = RENDERERS.json.render(report);
    const html = RENDERERS.html.render(report);
    const t2 = performance.now();
    const mem = process.memoryUsage();
    console.log(`${n} | ${(t1 - t0).toFixed(0)} | ${(t2 - t1).toFixed(0)} | ${mb(json.length)} | ${mb(html.length)} | ${mb(mem.heapUsed)} | ${mb(mem.rss)}`);
  }
}

function payloadBench(): void {
  const accounts = Array.from({ length: 1000 }, (_, i) => ({ accountId: String(100000000000 + i), name: `workload-account-${i}` }));
  const bytes = JSON.stringify({ runId: '2026-12-03T05-00-01Z-0a1b2c3d', startedAt: '2026-12-03T05:00:01.000Z', accounts }).length;
  console.log(`\n2. Step Functions plan state: ${(bytes / 1000).toFixed(1)} bytes per account (names of 20 characters) → about ${Math.floor((256 * 1024) / (bytes / 1000))} accounts fit the 256 KB state limit`);
}

async function motoBench(): Promise<void> {
  const moto = await startMoto();
  const restore = useDummyCredentials();
  try {
    let collector: CollectAccountFn = liveCollectAccount({ endpoint: moto.endpoint, regions: ['us-east-1'], concurrency: 8 });
    let label = 'live collector (src/collect)';
    try {
      await collector({ accountId: '123456789012' });
    } catch (e) {
      if (!/not available in this build/.test((e as Error).message)) throw e;
      collector = s3OnlyCollector(moto.endpoint);
      label = 'test S3-only collector (orchestration overhead; the live collector is not wired in this build)';
    }
    console.log(`\n3. Against moto, ${label}, 5 buckets per member account:`);
    console.log('member accounts | account concurrency | total s | s per account');
    for (const [n, conc] of [
      [3, 1],
      [10, 1],
      [10, 4],
      [30, 4],
    ] as const) {
      await moto.reset();
      const members = await createOrganization(moto.endpoint, Array.from({ length: n }, (_, i) => `m${i}`));
      for (const m of members) await seedBuckets(moto.endpoint, m.id, Array.from({ length: 5 }, (_, b) => ({ name: `b${m.id}-${b}`, versioning: 'Enabled' as const })));
      const t0 = performance.now();
      const inv = await collectScope(new OrgAccess({ endpoint: moto.endpoint }), { scope: { kind: 'org' }, roleName: 'DrreadyAuditRole', accountConcurrency: conc, collectAccount: collector });
      const s = (performance.now() - t0) / 1000;
      if (inv.accounts.length !== n + 1) throw new Error(`expected ${n + 1} accounts, got ${inv.accounts.length}: ${JSON.stringify(inv.errors)}`);
      console.log(`${n} | ${conc} | ${s.toFixed(2)} | ${(s / (n + 1)).toFixed(3)}`);
    }
  } finally {
    restore();
    await moto.stop();
  }
}

async function main(): Promise<void> {
  console.log(`node ${process.version}, ${process.platform}/${process.arch}`);
  mergeBench([10, 100, 500, 1000]);
  payloadBench();
  if (process.argv.includes('--moto')) await motoBench();
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
