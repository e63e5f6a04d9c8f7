// `drready audit --org --endpoint-url …` against moto: an organization with three member accounts
// created by CreateAccount, buckets seeded in two of them, one account whose collection fails.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CloseAccountCommand, ListAccountsCommand, OrganizationsClient } from '@aws-sdk/client-organizations';
import { main } from '../../src/cli';
import type { Report } from '../../src/report';
import { createOrganization, MANAGEMENT, s3OnlyCollector, seedBuckets, useDummyCredentials } from '../helpers/org-fixture';
import { startMoto, type Moto } from '../helpers/moto';

describe('drready audit --org against moto', function () {
  this.timeout(60000);
  let moto: Moto;
  let restoreEnv: () => void;
  let out: string;
  let members: { id: string; name: string }[];

  before(async () => {
    moto = await startMoto();
    restoreEnv = useDummyCredentials();
  });
  after(async () => {
    restoreEnv?.();
    await moto?.stop();
  });
  beforeEach(async () => {
    await moto.reset();
    out = mkdtempSync(join(tmpdir(), 'drready-org-'));
    members = await createOrganization(moto.endpoint, ['prod', 'backup', 'sandbox']);
    await seedBuckets(moto.endpoint, members[0].id, [{ name: 'prod-data', versioning: 'Enabled' }, { name: 'prod-logs' }]);
    await seedBuckets(moto.endpoint, members[1].id, [{ name: 'backup-copies', versioning: 'Suspended' }]);
  });
  afterEach(() => rmSync(out, { recursive: true, force: true }));

  async function audit(args: string[], failFor: string[] = []): Promise<{ code: number; err: string; report: Report }> {
    let err = '';
    const io = { out: () => {}, err: (s: string) => (err += s) };
    const code = await main(['audit', ...args, '--endpoint-url', moto.endpoint, '--out', out, '--format', 'json,html,table'], io, {
      collectAccountFor: (o) => {
        assert.equal(o.endpoint, moto.endpoint); // the CLI passes the endpoint to the collector
        return s3OnlyCollector(moto.endpoint, failFor);
      },
    });
    return { code, err, report: JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) };
  }

  it('merges every account into one report; a failing account does not stop the others', async () => {
    const [prod, backup, sandbox] = members;
    const { code, err, report } = await audit(['--org'], [sandbox.id]);
    // The reports are written, but a run that could not audit every account is a run error.
    assert.equal(code, 2, err);
    assert.match(err, new RegExp(`1 account\\(s\\) could not be audited: ${sandbox.id} \\(drready:CollectAccount `));
    // Management account (own credentials) + prod + backup audited; sandbox failed.
    assert.deepEqual(report.scope.accounts.map((a) => a.id).sort(), [MANAGEMENT, prod.id, backup.id].sort());
    const sections = Object.fromEntries(report.accounts!.map((a) => [a.id, a]));
    assert.equal(sections[sandbox.id].status, 'failed');
    assert.equal(sections[sandbox.id].error?.code, 'AccessDenied');
    assert.equal(sections[sandbox.id].name, 'sandbox');
    assert.equal(sections[prod.id].name, 'prod');
    // Findings come from each account's own buckets, read with the assumed credentials.
    const verdicts = report.findings.filter((f) => f.checkId === 's3-versioning').map((f) => `${f.accountId} ${f.resourceId} ${f.status}`).sort();
    assert.deepEqual(verdicts, [`${backup.id} arn:aws:s3:::backup-copies FAIL`, `${prod.id} arn:aws:s3:::prod-data PASS`, `${prod.id} arn:aws:s3:::prod-logs FAIL`].sort());
    // FAIL: prod-logs unversioned, prod-data without Object Lock, no backup account (org-backup-account),
    // and both buckets marked neither sensitive nor non-sensitive (s3-data-classified).
    // PASS: prod-data versioned and keeping old versions, root without keys and with MFA, no long-lived keys.
    // NOT_APPLICABLE: replication of two unmarked buckets, delete protection and retention of unversioned prod-logs,
    // and iam-principal-can-wipe (no user key or role to judge).
    assert.deepEqual(sections[prod.id].summary, { PASS: 5, FAIL: 5, UNKNOWN: 0, NOT_APPLICABLE: 5, suppressed: 0 });
    const prodFails = report.findings.filter((f) => f.accountId === prod.id && f.status === 'FAIL').map((f) => `${f.checkId} ${f.resourceId}`).sort();
    assert.deepEqual(prodFails, [
      `org-backup-account ${prod.id}`,
      's3-data-classified arn:aws:s3:::prod-data',
      's3-data-classified arn:aws:s3:::prod-logs',
      's3-delete-protection arn:aws:s3:::prod-data',
      's3-versioning arn:aws:s3:::prod-logs',
    ]);
    const prodS3 = sections[prod.id].threats.find((t) => t.id === 'engineer-mistake');
    assert.equal(typeof prodS3?.score, 'number');
    const e = report.errors.find((x) => x.accountId === sandbox.id)!;
    assert.equal(e.api, 'drready:CollectAccount');
    assert.match(err, new RegExp(`account ${sandbox.id}: drready:CollectAccount failed`));
    const html = readFileSync(join(out, 'report.html'), 'utf8');
    assert.match(html, /<section id="accounts"><h2>Accounts \(4\)<\/h2>/);
    assert.match(html, new RegExp(`${sandbox.id}</code> sandbox</td><td colspan="\\d+" class="sev-high">Not audited`));
  });

  it('an organization snapshot re-audits offline with the same per-account sections', async () => {
    const snap = join(out, 'org.json');
    const live = await audit(['--org', '--save-snapshot', snap], [members[2].id]);
    assert.equal(live.code, 2, live.err); // one account failed
    const io = { out: () => {}, err: () => {} };
    assert.equal(await main(['audit', '--from-snapshot', snap, '--out', join(out, 'again'), '--format', 'json'], io), 2); // still not audited
    const again = JSON.parse(readFileSync(join(out, 'again', 'report.json'), 'utf8')) as Report;
    assert.deepEqual(again.accounts, live.report.accounts);
    assert.deepEqual(again.findings, live.report.findings);
  });

  it('skips accounts that are not ACTIVE (closed accounts)', async () => {
    const org = new OrganizationsClient({ region: 'us-east-1', endpoint: moto.endpoint });
    await org.send(new CloseAccountCommand({ AccountId: members[2].id }));
    const listed = (await org.send(new ListAccountsCommand({}))).Accounts!.find((a) => a.Id === members[2].id)!;
    org.destroy();
    assert.notEqual(listed.State ?? listed.Status, 'ACTIVE'); // moto marks it closed
    const { code, report } = await audit(['--org']);
    assert.equal(code, 0);
    assert.deepEqual(report.accounts!.map((a) => a.id).sort(), [MANAGEMENT, members[0].id, members[1].id].sort());
  });

  it('--accounts audits only the listed accounts, through the named role', async () => {
    const [prod, backup] = members;
    const { code, err, report } = await audit(['--accounts', `${prod.id},${backup.id}`, '--role-name', 'DrreadyAuditRole']);
    assert.equal(code, 0, err);
    assert.deepEqual(report.accounts!.map((a) => [a.id, a.status]), [
      [prod.id, 'audited'],
      [backup.id, 'audited'],
    ]);
  });

  it('says what to do when there is no organization or no identity (exit 2, no stack trace)', async () => {
    await moto.reset(); // no organization any more: moto lists no accounts (AWS would raise AWSOrganizationsNotInUseException)
    let msg = '';
    const io = { out: () => {}, err: (s: string) => (msg += s) };
    assert.equal(await main(['audit', '--org', '--endpoint-url', moto.endpoint, '--out', out], io), 2);
    assert.match(msg, /^drready: organizations:ListAccounts returned no active account: is this account part of an AWS Organization\? Use --accounts to name the accounts\.\n$/);
    msg = '';
    assert.equal(await main(['audit', '--org', '--endpoint-url', 'http://127.0.0.1:9', '--out', out], io), 2);
    // Nothing listens there: the message names the endpoint, not the credentials.
    assert.match(msg, /^drready: Could not identify the AWS account: sts:GetCallerIdentity failed \(.*ECONNREFUSED.*\)\. The endpoint http:\/\/127\.0\.0\.1:9 could not be reached: check --endpoint-url and that the service is running\.\n$/);
  });

  it('rejects bad organization flags with exit code 2', async () => {
    const io = { out: () => {}, err: (s: string) => (msg += s) };
    let msg = '';
    assert.equal(await main(['audit', '--accounts', '12345', '--endpoint-url', moto.endpoint], io), 2);
    assert.match(msg, /--accounts: "12345" is not a 12-digit AWS account id/);
    msg = '';
    assert.equal(await main(['audit', '--org', '--accounts', '111111111111'], io), 2);
    assert.match(msg, /--org and --accounts cannot be used together/);
    msg = '';
    assert.equal(await main(['audit', '--demo', '--org'], io), 2);
    assert.match(msg, /cannot be used with --demo/);
    msg = '';
    assert.equal(await main(['audit', '--org', '--role-name', 'bad name!'], io), 2);
    assert.match(msg, /--role-name: "bad name!" is not a valid IAM role name/);
  });
});
