// The bundled Lambda (npm run build:lambda) loads on its own and runs against moto: the zip holds
// index.js (whose `handler` plans an organization run and stores a report) and iam-data's JSON files
// for the IAM linter. It runs from the unpacked zip, away from node_modules, as in Lambda.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { CreateBucketCommand, GetObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { CreatePolicyCommand, IAMClient } from '@aws-sdk/client-iam';
import { createOrganization, MANAGEMENT, REGION, useDummyCredentials } from '../helpers/org-fixture';
import { startMoto, type Moto } from '../helpers/moto';

const ROOT = resolve(__dirname, '..', '..', '..');

describe('Lambda bundle', function () {
  this.timeout(90000);
  let moto: Moto;
  let restore: () => void;
  const saved: Record<string, string | undefined> = {};
  const ENV = ['REPORT_BUCKET', 'AUDIT_SCOPE', 'DRREADY_ENDPOINT_URL', 'ROLE_NAME'];
  const unpacked = mkdtempSync(join(tmpdir(), 'drready-lambda-'));

  before(async () => {
    execFileSync(process.execPath, [join(ROOT, 'scripts', 'build-lambda.mjs')], { cwd: ROOT, stdio: 'pipe' });
    execFileSync('python3', ['-m', 'zipfile', '-e', join(ROOT, 'dist-lambda', 'drready-lambda.zip'), unpacked]);
    moto = await startMoto();
    restore = useDummyCredentials();
    for (const k of ENV) saved[k] = process.env[k];
  });
  after(async () => {
    for (const k of ENV) if (saved[k] === undefined) delete process.env[k];
    else process.env[k] = saved[k];
    restore?.();
    await moto?.stop();
    rmSync(unpacked, { recursive: true, force: true });
  });

  it('is one zip well under 5 MB: the bundle first, then the IAM data', () => {
    const zip = readFileSync(join(ROOT, 'dist-lambda', 'drready-lambda.zip'));
    assert.equal(zip.readUInt32LE(0), 0x04034b50); // a zip
    assert.equal(zip.subarray(30, 30 + zip.readUInt16LE(26)).toString(), 'index.js');
    assert.ok(statSync(join(ROOT, 'dist-lambda', 'drready-lambda.zip')).size < 5 * 1024 * 1024);
    for (const f of ['services.json', 'actions/s3.json', 'conditionKeys/s3.json']) assert.ok(existsSync(join(unpacked, 'iam-data', 'data', f)), f);
    assert.ok(!existsSync(join(unpacked, 'node_modules')));
  });

  it('ships its source map: with NODE_OPTIONS=--enable-source-maps (as deployed) a stack names the TypeScript source', () => {
    assert.ok(existsSync(join(unpacked, 'index.js.map')));
    const script = "require('./index.js').handler({}).catch((e) => process.stdout.write(e.stack))";
    const env: NodeJS.ProcessEnv = { ...process.env, NODE_OPTIONS: '--enable-source-maps' };
    delete env.REPORT_BUCKET;
    const stack = execFileSync(process.execPath, ['-e', script], { cwd: unpacked, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    assert.match(stack, /^InputError: REPORT_BUCKET: required/);
    assert.match(stack, /src\/lambda\/settings\.ts:\d+:\d+\)/);
  });

  it('runs from the bundle alone: plans the organization and stores a report', async () => {
    const members = await createOrganization(moto.endpoint, ['prod', 'backup']);
    const s3 = new S3Client({ region: REGION, endpoint: moto.endpoint, forcePathStyle: true });
    await s3.send(new CreateBucketCommand({ Bucket: 'bundle-reports' }));
    // A policy with a misspelt action: the bundled linter must read iam-data's files to name it.
    const iam = new IAMClient({ region: REGION, endpoint: moto.endpoint });
    const doc = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObjectt', Resource: '*' }] };
    await iam.send(new CreatePolicyCommand({ PolicyName: 'typo', PolicyDocument: JSON.stringify(doc) }));
    iam.destroy();
    Object.assign(process.env, { REPORT_BUCKET: 'bundle-reports', AUDIT_SCOPE: 'org', DRREADY_ENDPOINT_URL: moto.endpoint, ROLE_NAME: 'DrreadyAuditRole' });
    const { handler } = require(join(unpacked, 'index.js'));
    const plan = await handler({ action: 'plan' });
    assert.deepEqual(plan.accounts.map((a: { accountId: string }) => a.accountId).sort(), [MANAGEMENT, ...members.map((m) => m.id)].sort());
    const run = await handler({ 'detail-type': 'Scheduled Event', source: 'aws.events' });
    const keys = ((await s3.send(new ListObjectsV2Command({ Bucket: 'bundle-reports' }))).Contents ?? []).map((o) => o.Key).sort();
    assert.deepEqual(keys, ['latest/report.html', 'latest/report.json', `reports/${run.runId}/report.html`, `reports/${run.runId}/report.json`]);
    const body = await (await s3.send(new GetObjectCommand({ Bucket: 'bundle-reports', Key: 'latest/report.json' }))).Body!.transformToString();
    const report = JSON.parse(body);
    const typo = report.lint.findings.filter((f: { policy: string }) => f.policy.endsWith(':policy/typo'));
    assert.deepEqual(typo.map((f: { code: string }) => f.code), ['UNKNOWN_ACTION']);
    assert.match(typo[0].message, /s3:GetObject\b/); // the suggestion comes from iam-data
    s3.destroy();
  });
});
