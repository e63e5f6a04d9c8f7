// The Lambda handler against moto: an organization with member accounts created by CreateAccount,
// buckets seeded in two of them, reports stored in an S3 bucket, a notification on SNS.
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CreateBucketCommand, GetObjectCommand, ListObjectsV2Command, PutBucketVersioningCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { CreateTopicCommand, SNSClient, SubscribeCommand } from '@aws-sdk/client-sns';
import { createHandler, REPORT_RESERVE_MS, type CollectResult, type PlanResult, type RunResult } from '../../src/lambda/handler';
import type { CollectAccountFn } from '../../src/org/types';
import type { Report } from '../../src/report';
import { createOrganization, MANAGEMENT, REGION, s3In, s3OnlyCollector, seedBuckets, useDummyCredentials } from '../helpers/org-fixture';
import { startMoto, type Moto } from '../helpers/moto';

const BUCKET = 'drready-reports';

/** An EventBridge schedule event as Lambda receives it. */
const scheduleEvent = {
  version: '0',
  id: '53dc4d37-cffa-4f76-80c9-8b7d4a4d2eaa',
  'detail-type': 'Scheduled Event',
  source: 'aws.events',
  account: MANAGEMENT,
  time: '2026-12-03T05:00:00Z',
  region: REGION,
  resources: [`arn:aws:events:${REGION}:${MANAGEMENT}:rule/drready-daily`],
  detail: {},
};

describe('Lambda handler against moto', function () {
  this.timeout(60000);
  let moto: Moto;
  let restoreEnv: () => void;
  let s3: S3Client;
  let members: { id: string; name: string }[];
  let topicArn: string;
  let hook: Server;
  let received: { Subject?: string; Message?: string; Type?: string }[];

  before(async () => {
    moto = await startMoto();
    restoreEnv = useDummyCredentials();
    s3 = new S3Client({ region: REGION, endpoint: moto.endpoint, forcePathStyle: true });
    // SNS delivers to HTTP subscribers in moto: a local endpoint shows what was published.
    hook = createServer((req, res) => {
      let body = '';
      req.on('data', (d) => (body += d));
      req.on('end', () => {
        received.push(JSON.parse(body));
        res.end('ok');
      });
    });
    await new Promise<void>((r) => hook.listen(0, '127.0.0.1', () => r()));
  });
  after(async () => {
    s3?.destroy();
    hook?.close();
    restoreEnv?.();
    await moto?.stop();
  });
  beforeEach(async () => {
    await moto.reset();
    received = [];
    members = await createOrganization(moto.endpoint, ['prod', 'backup', 'sandbox']);
    await seedBuckets(moto.endpoint, members[0].id, [{ name: 'prod-data', versioning: 'Enabled' }, { name: 'prod-assets', versioning: 'Enabled' }]);
    await seedBuckets(moto.endpoint, members[1].id, [{ name: 'backup-copies' }]);
    await s3.send(new CreateBucketCommand({ Bucket: BUCKET }));
    const sns = new SNSClient({ region: REGION, endpoint: moto.endpoint });
    topicArn = (await sns.send(new CreateTopicCommand({ Name: 'drready' }))).TopicArn!;
    await sns.send(new SubscribeCommand({ TopicArn: topicArn, Protocol: 'http', Endpoint: `http://127.0.0.1:${(hook.address() as AddressInfo).port}/` }));
    sns.destroy();
    received = []; // drop the subscription confirmation
  });

  function env(extra: Record<string, string> = {}): Record<string, string> {
    return { REPORT_BUCKET: BUCKET, AUDIT_SCOPE: 'org', ROLE_NAME: 'DrreadyAuditRole', SNS_TOPIC_ARN: topicArn, DRREADY_ENDPOINT_URL: moto.endpoint, AWS_REGION: REGION, ...extra };
  }

  async function keys(prefix = ''): Promise<string[]> {
    const out = await s3.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: prefix }));
    return (out.Contents ?? []).map((o) => o.Key!).sort();
  }

  async function read(key: string): Promise<string> {
    return (await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }))).Body!.transformToString();
  }

  it('writes each scheduled run under a new key, updates latest/, and notifies when a score drops', async () => {
    const [prod, backup, sandbox] = members;
    const dates = [new Date('2026-12-03T05:00:01Z'), new Date('2026-12-04T05:00:01Z')];
    let run = 0;
    const handler = createHandler({ env: env(), collectAccountFor: () => s3OnlyCollector(moto.endpoint, [sandbox.id]), now: () => dates[run], log: () => {} });

    const first = (await handler(scheduleEvent)) as RunResult;
    assert.match(first.runId, /^2026-12-03T05-00-01Z-[0-9a-f]{8}$/);
    assert.deepEqual(first.keys, [`reports/${first.runId}/report.html`, `reports/${first.runId}/report.json`]); // report.json last
    assert.deepEqual(await keys(), [...first.keys, 'latest/report.html', 'latest/report.json'].sort());
    assert.equal(first.accounts, 3);
    assert.deepEqual(first.failedAccounts, [sandbox.id]);
    assert.equal(first.notified, false); // nothing to compare with yet
    const report1 = JSON.parse(await read(first.keys[1])) as Report;
    assert.deepEqual(report1.accounts!.map((a) => [a.id, a.status]).sort(), [[MANAGEMENT, 'audited'], [prod.id, 'audited'], [backup.id, 'audited'], [sandbox.id, 'failed']].sort());
    assert.equal(await read('latest/report.json'), await read(first.keys[1]));
    assert.match(await read('latest/report.html'), /<section id="accounts"><h2>Accounts \(4\)/);

    // Someone suspends versioning on a prod bucket before the next day's run.
    const prodS3 = await s3In(moto.endpoint, prod.id);
    await prodS3.send(new PutBucketVersioningCommand({ Bucket: 'prod-assets', VersioningConfiguration: { Status: 'Suspended' } }));
    prodS3.destroy();

    run = 1;
    const second = (await handler(scheduleEvent)) as RunResult;
    assert.notEqual(second.runId, first.runId);
    assert.match(second.runId, /^2026-12-04T05-00-01Z-/);
    assert.deepEqual(await keys('reports/'), [...first.keys, ...second.keys].sort()); // history kept
    assert.equal(await read('latest/report.json'), await read(second.keys[1]));
    assert.equal(JSON.parse(await read(first.keys[1])).generatedAt, report1.generatedAt); // first run untouched
    assert.equal(second.notified, true);
    // The trend carries forward through latest/: the first run's point, then this one.
    const report2 = JSON.parse(await read(second.keys[1])) as Report;
    assert.deepEqual(report1.trend!.map((p) => p.generatedAt), [report1.generatedAt]);
    assert.deepEqual(report2.trend!.map((p) => p.generatedAt), [report1.generatedAt, report2.generatedAt]);
    assert.deepEqual(report2.trend![0], report1.trend![0]);
    assert.ok(report2.trend![1].overall! < report2.trend![0].overall!, 'the overall score fell with the suspended versioning');
    assert.match(await read(second.keys[0]), /2 runs from 2026-12-03 to 2026-12-04/);
    // prod's engineer-mistake score: s3-versioning (high, weight 5) now passes 1 of 2 buckets, beside
    // s3-noncurrent-retention (medium, 3) passing both: 100 - 100 * 5 * 0.5 / 8 = 68.75 → 69.
    assert.deepEqual(second.scoreDrops.filter((d) => d.startsWith(`account ${prod.id}`)), [
      `account ${prod.id} (prod) account-wipe: 76 → 69`,
      `account ${prod.id} (prod) server-compromise: 73 → 50`,
      `account ${prod.id} (prod) engineer-mistake: 100 → 69`,
    ]);

    const deadline = Date.now() + 5000;
    while (!received.some((m) => m.Type === 'Notification') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    const note = received.find((m) => m.Type === 'Notification');
    assert.ok(note, 'SNS delivered no notification');
    assert.match(note.Subject!, /^drready: readiness dropped \(\d+ scores?\)$/);
    assert.match(note.Message!, new RegExp(`account ${prod.id} \\(prod\\) engineer-mistake: 100 → 69`));
    assert.match(note.Message!, new RegExp(`Report: s3://${BUCKET}/reports/${second.runId}/report.json`));
    assert.match(note.Message!, /1 account\(s\) could not be audited/);
  });

  it('two scheduled runs with nothing changed in between (real collectors): no drop, no notification', async () => {
    const dates = [new Date('2026-12-03T05:00:01Z'), new Date('2026-12-04T05:00:01Z')];
    let run = 0;
    const handler = createHandler({ env: env(), now: () => dates[run], log: () => {} });
    const first = (await handler(scheduleEvent)) as RunResult;
    assert.deepEqual(first.failedAccounts, []);
    assert.equal(first.accounts, 4);
    run = 1;
    const second = (await handler(scheduleEvent)) as RunResult;
    assert.deepEqual(second.scoreDrops, []);
    assert.equal(second.notified, false);
    const [a, b] = [JSON.parse(await read(first.keys[1])) as Report, JSON.parse(await read(second.keys[1])) as Report];
    const statuses = (r: Report) => r.findings.map((f) => `${f.accountId} ${f.checkId} ${f.resourceId} ${f.status}`).sort();
    assert.deepEqual(statuses(b), statuses(a));
    assert.deepEqual(b.threats.map((t) => t.score), a.threats.map((t) => t.score));
    await new Promise((r) => setTimeout(r, 300));
    assert.deepEqual(received.filter((m) => m.Type === 'Notification'), []);
  });

  it('never replaces a stored report: a second write to the same run key fails', async () => {
    const handler = createHandler({ env: env({ AUDIT_SCOPE: 'account' }), collectAccountFor: () => s3OnlyCollector(moto.endpoint), runId: () => 'fixed-run', log: () => {} });
    const first = (await handler(scheduleEvent)) as RunResult;
    assert.deepEqual(first.failedAccounts, []);
    assert.equal(first.accounts, 1);
    const before = await read(first.keys[1]);
    await assert.rejects(handler(scheduleEvent), (e: Error) => e.name === 'PreconditionFailed' || /precondition/i.test(e.message));
    assert.equal(await read(first.keys[1]), before);
  });

  it('reads the config from an S3 object and applies it', async () => {
    await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'config/drready.yaml', Body: 'suppressions:\n  - checkId: s3-versioning\n    resource: "arn:aws:s3:::backup-*"\n    reason: copies are immutable by design\n' }));
    const handler = createHandler({ env: env({ DRREADY_CONFIG_S3: `s3://${BUCKET}/config/drready.yaml` }), collectAccountFor: () => s3OnlyCollector(moto.endpoint), log: () => {} });
    const result = (await handler(scheduleEvent)) as RunResult;
    const report = JSON.parse(await read(result.keys[1])) as Report;
    const onBucket = report.findings.filter((x) => x.resourceId === 'arn:aws:s3:::backup-copies');
    const f = onBucket.find((x) => x.checkId === 's3-versioning')!;
    assert.equal(f.suppressed, true);
    assert.equal(f.suppressionReason, 'copies are immutable by design');
    // The suppression names one check: the bucket's other findings still count.
    assert.deepEqual(onBucket.filter((x) => x.suppressed).map((x) => x.checkId), ['s3-versioning']);
    assert.ok(onBucket.some((x) => x.checkId === 's3-delete-protection' && !x.suppressed));

    await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'config/bad.yaml', Body: 'suppressions:\n  - checkId: no-such-check\n    reason: x\n' }));
    const bad = createHandler({ env: env({ DRREADY_CONFIG_S3: `s3://${BUCKET}/config/bad.yaml` }), collectAccountFor: () => assert.fail('must not collect with a bad config') });
    await assert.rejects(bad(scheduleEvent), /s3:\/\/drready-reports\/config\/bad.yaml: suppressions\[0\].checkId: no check has the id "no-such-check"/);
  });

  it('Step Functions path: plan, one collect per account (one fails, one never stores), merge', async () => {
    const [prod, backup, sandbox] = members;
    const handler = createHandler({ env: env(), collectAccountFor: () => s3OnlyCollector(moto.endpoint, [backup.id]), log: () => {} });
    const plan = (await handler({ action: 'plan' })) as PlanResult;
    assert.deepEqual(plan.accounts.map((a) => a.accountId).sort(), [MANAGEMENT, prod.id, backup.id, sandbox.id].sort());
    assert.equal(plan.accounts.find((a) => a.accountId === prod.id)?.name, 'prod');
    assert.equal(plan.mapConcurrency, 10);
    const results: CollectResult[] = [];
    for (const account of plan.accounts) {
      if (account.accountId === sandbox.id) continue; // this invocation timed out: nothing stored
      results.push((await handler({ action: 'collect-account', runId: plan.runId, account })) as CollectResult);
    }
    assert.deepEqual(results.map((r) => [r.accountId, r.ok]).sort(), [[MANAGEMENT, true], [prod.id, true], [backup.id, false]].sort());
    assert.deepEqual((await keys(`runs/${plan.runId}/`)).length, 3);

    const merged = (await handler({ action: 'merge', runId: plan.runId, startedAt: plan.startedAt, accounts: plan.accounts })) as RunResult;
    assert.equal(merged.accounts, 2);
    assert.deepEqual(merged.failedAccounts.sort(), [backup.id, sandbox.id].sort());
    const report = JSON.parse(await read(merged.keys[1])) as Report;
    assert.equal(report.generatedAt, plan.startedAt);
    const errors = Object.fromEntries(report.errors.map((e) => [e.accountId, `${e.api} ${e.code}`]));
    assert.deepEqual(errors, { [backup.id]: 'drready:CollectAccount AccessDenied', [sandbox.id]: 'drready:CollectAccount NoResult' });
    assert.deepEqual(report.findings.filter((f) => f.checkId === 's3-versioning').map((f) => `${f.accountId} ${f.resourceId} ${f.status}`).sort(), [
      `${MANAGEMENT} arn:aws:s3:::drready-reports FAIL`, // the report bucket itself, created unversioned here
      `${prod.id} arn:aws:s3:::prod-assets PASS`,
      `${prod.id} arn:aws:s3:::prod-data PASS`,
    ].sort()); // account ids are random in moto: compare as sets
    assert.equal(await read('latest/report.json'), await read(merged.keys[1]));
  });

  it('near the Lambda deadline, still writes a report with the unfinished accounts marked OutOfTime', async () => {
    const [prod, backup] = members;
    const real = s3OnlyCollector(moto.endpoint);
    const slow: CollectAccountFn = async (t) => {
      if (t.accountId === backup.id) await new Promise((r) => setTimeout(r, 3000));
      return real(t);
    };
    const handler = createHandler({ env: env(), collectAccountFor: () => slow, log: () => {} });
    const context = { getRemainingTimeInMillis: () => REPORT_RESERVE_MS + 1500 };
    const result = (await handler(scheduleEvent, context)) as RunResult;
    const report = JSON.parse(await read(result.keys[1])) as Report;
    const sections = Object.fromEntries(report.accounts!.map((a) => [a.id, a]));
    assert.equal(sections[prod.id].status, 'audited');
    assert.equal(sections[backup.id].status, 'failed');
    assert.equal(sections[backup.id].error?.code, 'OutOfTime');
  });

  it('without an organization, AUDIT_SCOPE=org fails naming the Lambda settings, not the CLI flags', async () => {
    await moto.reset(); // no organization at all, as in a fresh emulator
    await s3.send(new CreateBucketCommand({ Bucket: BUCKET }));
    await assert.rejects(
      createHandler({ env: env(), log: () => {} })(scheduleEvent),
      (e: Error) => /returned no active account: .* Use AUDIT_SCOPE=accounts with ACCOUNT_IDS to name the accounts\.$/.test(e.message) && !e.message.includes('--'),
    );
  });

  it('names the variable when the settings are wrong', async () => {
    await assert.rejects(createHandler({ env: {} })(scheduleEvent), /REPORT_BUCKET: required/);
    await assert.rejects(createHandler({ env: env({ AUDIT_SCOPE: 'everything' }) })(scheduleEvent), /AUDIT_SCOPE: expected account, org or accounts, got "everything"/);
    await assert.rejects(createHandler({ env: env({ AUDIT_SCOPE: 'accounts', ACCOUNT_IDS: 'abc' }) })(scheduleEvent), /ACCOUNT_IDS: "abc" is not a 12-digit AWS account id/);
  });
});
