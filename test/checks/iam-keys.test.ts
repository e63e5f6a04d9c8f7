import assert from 'node:assert/strict';
import { iamAccessKeyAge } from '../../checks/iam-access-key-age';
import { iamRootAccessKeys } from '../../checks/iam-root-access-keys';
import type { CredentialReportRow } from '../../src/inventory/types';
import { account, ACCOUNT, denied, inventory, ok } from '../helpers/inventory';
import { runCheck, verdicts } from '../helpers/run';

// collectedAt in the helpers is 2026-06-01.
function row(user: string, k1: Partial<Record<string, string>> = {}, k2: Partial<Record<string, string>> = {}): CredentialReportRow {
  const key = (n: number, v: Partial<Record<string, string>>) => ({
    [`access_key_${n}_active`]: v.active ?? 'false',
    [`access_key_${n}_last_rotated`]: v.rotated ?? 'N/A',
    [`access_key_${n}_last_used_date`]: v.used ?? 'N/A',
    [`access_key_${n}_last_used_region`]: v.region ?? 'N/A',
    [`access_key_${n}_last_used_service`]: v.service ?? 'N/A',
  });
  const arn = user === '<root_account>' ? `arn:aws:iam::${ACCOUNT}:root` : `arn:aws:iam::${ACCOUNT}:user/${user}`;
  return { user, arn, password_enabled: 'not_supported', ...key(1, k1), ...key(2, k2) } as CredentialReportRow;
}
const withRows = (...rows: CredentialReportRow[]) => inventory([account({ iam: { credentialReport: ok({ rows }) } })]);
const keyId = (user: string, n: number) => `arn:aws:iam::${ACCOUNT}:user/${user}/access-key-${n}`;

describe('iam-access-key-age', () => {
  it('judges active keys only, against the threshold', () => {
    const findings = runCheck(
      iamAccessKeyAge,
      withRows(
        row('old', { active: 'true', rotated: '2025-06-01T00:00:00+00:00', service: 's3', region: 'us-east-1' }),
        row('new', { active: 'true', rotated: '2026-05-01T00:00:00+00:00' }),
        row('inactive-old', { active: 'false', rotated: '2020-01-01T00:00:00+00:00' }),
        row('two', { active: 'true', rotated: '2026-05-20T00:00:00+00:00' }, { active: 'true', rotated: '2024-01-01T00:00:00+00:00' }),
        row('nokeys'),
      ),
    );
    assert.deepEqual(verdicts(findings), {
      [keyId('old', 1)]: 'FAIL',
      [keyId('new', 1)]: 'PASS',
      [keyId('two', 1)]: 'PASS',
      [keyId('two', 2)]: 'FAIL',
    });
    const old = findings.find((f) => f.resourceId === keyId('old', 1))!;
    assert.equal(old.details!.ageDays, 365);
    assert.equal(old.details!.lastUsedService, 's3');
    assert.match(old.message, /365 days old \(limit 90\)/);
  });

  it('takes the threshold from the config', () => {
    const findings = runCheck(iamAccessKeyAge, withRows(row('new', { active: 'true', rotated: '2026-05-01T00:00:00+00:00' })), { maxAgeDays: 10 });
    assert.equal(findings[0].status, 'FAIL');
  });

  it('skips the root row (another check judges it)', () => {
    assert.deepEqual(runCheck(iamAccessKeyAge, withRows(row('<root_account>', { active: 'true', rotated: '2020-01-01T00:00:00+00:00' }))), []);
  });

  it('UNKNOWN when the credential report is denied', () => {
    const [f] = runCheck(iamAccessKeyAge, inventory([account({ iam: { credentialReport: denied('iam:GetCredentialReport') } })]));
    assert.equal(f.status, 'UNKNOWN');
    assert.deepEqual(f.missingPermissions, ['iam:GetCredentialReport']);
  });

  for (const partition of ['aws', 'aws-cn', 'aws-us-gov']) {
    it(`the account-wide UNKNOWN names the ${partition} partition`, () => {
      const [f] = runCheck(iamAccessKeyAge, inventory([account({ partition, iam: { credentialReport: denied('iam:GetCredentialReport') } })]));
      assert.equal(f.resourceId, `arn:${partition}:iam::${ACCOUNT}:user/*`);
    });
  }
});

describe('iam-root-access-keys', () => {
  const root = `arn:aws:iam::${ACCOUNT}:root`;
  it('passes with no root keys in the account summary', () => {
    assert.deepEqual(verdicts(runCheck(iamRootAccessKeys, inventory())), { [root]: 'PASS' });
  });
  it('fails when the account summary counts a root key', () => {
    const [f] = runCheck(iamRootAccessKeys, inventory([account({ iam: { accountSummary: ok({ AccountAccessKeysPresent: 1 }) } })]));
    assert.equal(f.status, 'FAIL');
    assert.equal(f.severity, 'critical');
  });
  it('falls back to the credential report root row when the summary is denied', () => {
    const inv = inventory([
      account({ iam: { accountSummary: denied('iam:GetAccountSummary'), credentialReport: ok({ rows: [row('<root_account>', { active: 'true', rotated: '2020-01-01T00:00:00+00:00' })] }) } }),
    ]);
    assert.equal(runCheck(iamRootAccessKeys, inv)[0].status, 'FAIL');
  });
  // The account summary counts inactive keys as present; the report's root row says they are inactive.
  const rootCases: { name: string; summary: number; k1: Record<string, string>; status: string; severity?: string; message: RegExp }[] = [
    { name: 'inactive root keys per the report fail medium, asking to delete them', summary: 2, k1: { active: 'false', rotated: '2024-01-01T00:00:00+00:00' }, status: 'FAIL', severity: 'medium', message: /1 inactive access key \(credential report\).*Inactive root key: delete it\./ },
    { name: 'an active root key per the report stays critical', summary: 1, k1: { active: 'true', rotated: '2024-01-01T00:00:00+00:00' }, status: 'FAIL', severity: 'critical', message: /1 access key: anyone holding one can wipe/ },
    { name: 'an inactive key in the (older) report when the (fresher) summary counts none passes', summary: 0, k1: { active: 'false', rotated: '2024-01-01T00:00:00+00:00' }, status: 'PASS', severity: 'critical', message: /^The root user has no access keys\.$/ },
    { name: 'a summary key the (older) report does not show yet stays critical', summary: 1, k1: {}, status: 'FAIL', severity: 'critical', message: /can wipe/ },
  ];
  for (const c of rootCases)
    it(c.name, () => {
      const inv = inventory([account({ iam: { accountSummary: ok({ AccountAccessKeysPresent: c.summary }), credentialReport: ok({ rows: [row('<root_account>', c.k1)] }) } })]);
      const [f] = runCheck(iamRootAccessKeys, inv);
      assert.equal(f.status, c.status);
      assert.equal(f.severity, c.severity);
      assert.match(f.message, c.message);
    });

  it('UNKNOWN naming the permission when neither source is available', () => {
    const inv = inventory([account({ iam: { accountSummary: denied('iam:GetAccountSummary'), credentialReport: ok({ rows: [] }) } })]);
    const [f] = runCheck(iamRootAccessKeys, inv);
    assert.equal(f.status, 'UNKNOWN');
    assert.deepEqual(f.missingPermissions, ['iam:GetAccountSummary']);
  });
});
