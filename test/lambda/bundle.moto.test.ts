// The bundled Lambda (npm run build:lambda) loads on its own and runs against moto: the zip holds one
// index.js whose `handler` plans an organization run and stores a report.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CreateBucketCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { createOrganization, MANAGEMENT, REGION, useDummyCredentials } from '../helpers/org-fixture';
import { startMoto, type Moto } from '../helpers/moto-org';

const ROOT = resolve(__dirname, '..', '..', '..');

describe('Lambda bundle', function () {
  this.timeout(90000);
  let moto: Moto;
  let restore: () => void;
  const saved: Record<string, string | undefined> = {};
  const ENV = ['REPORT_BUCKET', 'AUDIT_SCOPE', 'DRREADY_ENDPOINT_URL', 'ROLE_NAME'];

  before(async () => {
    execFileSync(process.execPath, [join(ROOT, 'scripts', 'build-lambda.mjs')], { cwd: ROOT, stdio: 'pipe' });
    moto = await startMoto();
    restore = useDummyCredentials();
    for (const k of ENV) saved[k] = process.env[k];
  });
  after(async () => {
    for (const k of ENV) if (saved[k] === undefined) delete process.env[k];
    else process.env[k] = saved[k];
    restore?.();
    await moto?.stop();
  });

  it('is one zipped file well under 5 MB', () => {
    const zip = readFileSync(join(ROOT, 'dist-lambda', 'drready-lambda.zip'));
    assert.equal(zip.readUInt32LE(0), 0x04034b50); // a zip
    assert.equal(zip.subarray(30, 30 + zip.readUInt16LE(26)).toString(), 'index.js');
    assert.ok(statSync(join(ROOT, 'dist-lambda', 'drready-lambda.zip')).size < 5 * 1024 * 1024);
  });

  it('runs from the bundle alone: plans the organization and stores a report', async () => {
    const members = await createOrganization(moto.endpoint, ['prod', 'backup']);
    const s3 = new S3Client({ region: REGION, endpoint: moto.endpoint, forcePathStyle: true });
    await s3.send(new CreateBucketCommand({ Bucket: 'bundle-reports' }));
    Object.assign(process.env, { REPORT_BUCKET: 'bundle-reports', AUDIT_SCOPE: 'org', DRREADY_ENDPOINT_URL: moto.endpoint, ROLE_NAME: 'DrreadyAuditRole' });
    const { handler } = require(join(ROOT, 'dist-lambda', 'index.js'));
    const plan = await handler({ action: 'plan' });
    assert.deepEqual(plan.accounts.map((a: { accountId: string }) => a.accountId).sort(), [MANAGEMENT, ...members.map((m) => m.id)].sort());
    const run = await handler({ 'detail-type': 'Scheduled Event', source: 'aws.events' });
    const keys = ((await s3.send(new ListObjectsV2Command({ Bucket: 'bundle-reports' }))).Contents ?? []).map((o) => o.Key).sort();
    assert.deepEqual(keys, ['latest/report.html', 'latest/report.json', `reports/${run.runId}/report.html`, `reports/${run.runId}/report.json`]);
    s3.destroy();
  });
});
