// Throttling and broken answers, through the real SDK stack against a local fake endpoint.
import assert from 'node:assert/strict';
import { ListBackupVaultsCommand } from '@aws-sdk/client-backup';
import { GetBucketVersioningCommand } from '@aws-sdk/client-s3';
import { collectBackup } from '../../src/collect/backup';
import { call } from '../../src/collect/call';
import { createClientFactory } from '../../src/collect/clients';
import type { CollectContext } from '../../src/collect/context';
import { collectIam } from '../../src/collect/iam';
import { fakeAws, html, json, xml, type FakeAws } from '../helpers/fake-aws';

const credentials = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' };

function ctxFor(endpoint: string, maxAttempts = 4): CollectContext {
  return { clients: createClientFactory({ endpoint, credentials, maxAttempts }), accountId: '111122223333', errors: [], partition: 'aws', concurrency: 2 };
}

describe('collect: retries and unparseable answers (real SDK stack)', function () {
  this.timeout(20000);
  let server: FakeAws | undefined;
  let ctx: CollectContext | undefined;
  afterEach(async () => {
    ctx?.clients.destroy();
    await server?.close();
    server = undefined;
    ctx = undefined;
  });

  it('retries S3 SlowDown (503) and then returns the value', async () => {
    server = await fakeAws((req, _body, hit) =>
      hit === 0
        ? xml(503, '<?xml version="1.0" encoding="UTF-8"?><Error><Code>SlowDown</Code><Message>Please reduce your request rate.</Message><RequestId>R1</RequestId></Error>')
        : xml(200, '<?xml version="1.0" encoding="UTF-8"?><VersioningConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Status>Enabled</Status><MfaDelete>Disabled</MfaDelete></VersioningConfiguration>'),
    );
    ctx = ctxFor(server.endpoint);
    const s3 = ctx.clients.s3('us-east-1');
    const got = await call(ctx, { api: 's3:GetBucketVersioning', region: 'us-east-1' }, async () => (await s3.send(new GetBucketVersioningCommand({ Bucket: 'busy-bucket' }))).Status);
    assert.deepEqual(got, { ok: true, value: 'Enabled' });
    assert.equal(server.requests.length, 2);
    assert.match(server.requests[0], /^GET \/busy-bucket\/?\?versioning/);
    assert.deepEqual(ctx.errors, []);
  });

  it('retries ThrottlingException on Backup and IAM Throttling, then collects normally', async () => {
    server = await fakeAws((req, body, hit) => {
      if (req.url?.startsWith('/backup-vaults') && req.url.includes('access-policy')) return json(404, { Message: 'Backup vault has no access policy', Code: 'ResourceNotFoundException' }, 'ResourceNotFoundException');
      if (req.url?.startsWith('/backup-vaults') && req.url.includes('recovery-points')) return json(200, { RecoveryPoints: [] });
      if (req.url?.startsWith('/backup-vaults')) {
        return hit === 0
          ? json(400, { message: 'Rate exceeded' }, 'ThrottlingException')
          : json(200, {
              BackupVaultList: [
                { BackupVaultName: 'vault-a', BackupVaultArn: 'arn:aws:backup:us-east-1:111122223333:backup-vault:vault-a', CreationDate: 1700000000, NumberOfRecoveryPoints: 0, Locked: true, MinRetentionDays: 7, MaxRetentionDays: 35, LockDate: 1800000000 },
              ],
            });
      }
      if (req.url?.startsWith('/backup/plans')) return json(200, { BackupPlansList: [] });
      if (req.url?.startsWith('/resources')) return json(200, { Results: [] });
      if (req.url?.startsWith('/restore-testing/plans')) return json(200, { RestoreTestingPlans: [] });
      // IAM (query protocol, POST /)
      if (body.includes('Action=GetAccountSummary')) {
        return hit === 0
          ? xml(400, '<ErrorResponse><Error><Type>Sender</Type><Code>Throttling</Code><Message>Rate exceeded</Message></Error><RequestId>R2</RequestId></ErrorResponse>')
          : xml(200, '<GetAccountSummaryResponse><GetAccountSummaryResult><SummaryMap><entry><key>AccountMFAEnabled</key><value>1</value></entry></SummaryMap></GetAccountSummaryResult><ResponseMetadata><RequestId>R3</RequestId></ResponseMetadata></GetAccountSummaryResponse>');
      }
      return xml(403, '<ErrorResponse><Error><Type>Sender</Type><Code>AccessDenied</Code><Message>not in this test</Message></Error><RequestId>R4</RequestId></ErrorResponse>');
    });
    ctx = ctxFor(server.endpoint);
    const backup = await collectBackup(ctx, 'us-east-1');
    assert.ok(backup.vaults.ok);
    assert.deepEqual(backup.vaults.value, [
      {
        BackupVaultName: 'vault-a',
        BackupVaultArn: 'arn:aws:backup:us-east-1:111122223333:backup-vault:vault-a',
        CreationDate: '2023-11-14T22:13:20.000Z',
        NumberOfRecoveryPoints: 0,
        Locked: true,
        MinRetentionDays: 7,
        MaxRetentionDays: 35,
        LockDate: '2027-01-15T08:00:00.000Z',
        accessPolicy: { ok: true, value: null },
        recoveryPoints: { ok: true, value: [] },
      },
    ]);
    assert.equal(server.requests.filter((r) => r.startsWith('GET /backup-vaults?') || r === 'GET /backup-vaults').length, 2);

    const iam = await collectIam(ctx, { reportPolls: 1 });
    assert.deepEqual(iam.accountSummary, { ok: true, value: { AccountMFAEnabled: 1 } });
    assert.ok(!ctx.errors.some((e) => e.code === 'ThrottlingException' || e.code === 'Throttling'));
  });

  it('records the throttling code when retries run out', async () => {
    server = await fakeAws(() => json(400, { message: 'Rate exceeded' }, 'ThrottlingException'));
    ctx = ctxFor(server.endpoint, 2);
    const client = ctx.clients.backup('eu-west-1');
    const got = await call(ctx, { api: 'backup:ListBackupVaults', region: 'eu-west-1' }, () => client.send(new ListBackupVaultsCommand({})));
    assert.ok(!got.ok);
    assert.equal(got.error.code, 'ThrottlingException');
    assert.equal(got.error.message, 'Rate exceeded');
    assert.equal(got.error.region, 'eu-west-1');
    assert.deepEqual(ctx.errors, [got.error]);
    assert.equal(server.requests.length, 2);
  });

  it('turns an HTML 404 (API not implemented by the endpoint) into NotImplemented, and garbage 200 into DeserializationError', async () => {
    server = await fakeAws((req) => {
      if (req.url?.startsWith('/backup-vaults') && req.url.includes('access-policy')) return html(404);
      if (req.url?.startsWith('/backup-vaults') && req.url.includes('recovery-points')) return { status: 200, body: '<html>maintenance</html>', headers: { 'content-type': 'text/html' } };
      if (req.url?.startsWith('/backup-vaults')) return json(200, { BackupVaultList: [{ BackupVaultName: 'v', BackupVaultArn: 'arn:aws:backup:us-east-1:111122223333:backup-vault:v' }] });
      if (req.url?.startsWith('/backup/plans')) return json(200, { BackupPlansList: [] });
      if (req.url?.startsWith('/resources')) return html(404);
      return json(200, { RestoreTestingPlans: [] });
    });
    ctx = ctxFor(server.endpoint, 1);
    const backup = await collectBackup(ctx, 'us-east-1');
    assert.ok(backup.vaults.ok);
    const vault = backup.vaults.value[0];
    assert.ok(!vault.accessPolicy.ok);
    assert.equal(vault.accessPolicy.error.code, 'NotImplemented');
    assert.match(vault.accessPolicy.error.message, /HTTP 404/);
    assert.ok(!vault.recoveryPoints.ok);
    assert.equal(vault.recoveryPoints.error.code, 'DeserializationError');
    assert.ok(!backup.protectedResources.ok);
    assert.equal(backup.protectedResources.error.code, 'NotImplemented');
    assert.deepEqual(backup.plans, { ok: true, value: [] });
    assert.deepEqual(
      ctx.errors.map((e) => e.api).sort(),
      ['backup:GetBackupVaultAccessPolicy', 'backup:ListProtectedResources', 'backup:ListRecoveryPointsByBackupVault'],
    );
  });
});
