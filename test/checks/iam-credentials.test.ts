import assert from 'node:assert/strict';
import { iamAccessKeyUnused } from '../../checks/iam-access-key-unused';
import { iamConsoleUserMfa } from '../../checks/iam-console-user-mfa';
import { iamLongLivedKeyUsage } from '../../checks/iam-long-lived-key-usage';
import { iamRootMfa } from '../../checks/iam-root-mfa';
import { iamTwoActiveKeys } from '../../checks/iam-two-active-keys';
import type { Check } from '../../checks/types';
import { keyId, reportRow, userArn, withRows } from '../helpers/credentials';
import { account, ACCOUNT, denied, inventory, ok } from '../helpers/inventory';
import { runCheck, verdicts } from '../helpers/run';

// collectedAt is 2026-06-01.
const deniedReport = () => inventory([account({ iam: { credentialReport: denied('iam:GetCredentialReport') } })]);
function unknownOnDeniedReport(check: Check) {
  it('UNKNOWN naming iam:GetCredentialReport when the report is denied', () => {
    const [f] = runCheck(check, deniedReport());
    assert.equal(f.status, 'UNKNOWN');
    assert.deepEqual(f.missingPermissions, ['iam:GetCredentialReport']);
  });
}

describe('iam-access-key-unused', () => {
  it('judges active keys by last use; never-used keys by age against the grace period', () => {
    const findings = runCheck(
      iamAccessKeyUnused,
      withRows(
        reportRow('busy', { active: 'true', rotated: '2025-01-01T00:00:00+00:00', used: '2026-05-30T00:00:00+00:00', service: 's3', region: 'eu-west-1' }),
        reportRow('idle', { active: 'true', rotated: '2025-01-01T00:00:00+00:00', used: '2026-03-01T00:00:00+00:00' }),
        reportRow('never', { active: 'true', rotated: '2026-04-01T00:00:00+00:00', used: 'N/A' }),
        reportRow('brand-new', { active: 'true', rotated: '2026-05-29T00:00:00+00:00', used: 'N/A' }),
        reportRow('no-info', { active: 'true', rotated: '2014-01-01T00:00:00+00:00', used: 'no_information' }),
        reportRow('inactive', { active: 'false', rotated: '2020-01-01T00:00:00+00:00' }),
        reportRow('<root_account>', { active: 'true', rotated: '2020-01-01T00:00:00+00:00' }),
      ),
    );
    assert.deepEqual(verdicts(findings), {
      [keyId('busy', 1)]: 'PASS',
      [keyId('idle', 1)]: 'FAIL',
      [keyId('never', 1)]: 'FAIL',
      [keyId('brand-new', 1)]: 'PASS',
      [keyId('no-info', 1)]: 'FAIL',
    });
    const msg = (u: string) => findings.find((f) => f.resourceId === keyId(u, 1))!.message;
    assert.match(msg('idle'), /not been used for 92 days \(limit 45\)/);
    assert.match(msg('never'), /created 61 days ago and has never been used/);
    assert.match(msg('brand-new'), /grace period 7 days/);
    assert.match(msg('no-info'), /no recorded use \(no_information/);
  });

  it('thresholds from the config', () => {
    const inv = withRows(reportRow('idle', { active: 'true', rotated: '2025-01-01T00:00:00+00:00', used: '2026-03-01T00:00:00+00:00' }));
    assert.equal(runCheck(iamAccessKeyUnused, inv, { maxUnusedDays: 120 })[0].status, 'PASS');
  });

  it('UNKNOWN for a never-used key with no creation date', () => {
    const [f] = runCheck(iamAccessKeyUnused, withRows(reportRow('odd', { active: 'true', rotated: 'N/A', used: 'N/A' })));
    assert.equal(f.status, 'UNKNOWN');
  });

  unknownOnDeniedReport(iamAccessKeyUnused);
});

describe('iam-two-active-keys', () => {
  it('fails users with two active keys, passes one, skips none', () => {
    const findings = runCheck(
      iamTwoActiveKeys,
      withRows(
        reportRow('two', { active: 'true', rotated: '2026-01-01T00:00:00+00:00', used: '2026-05-30T00:00:00+00:00' }, { active: 'true', rotated: '2025-01-01T00:00:00+00:00' }),
        reportRow('one', { active: 'true' }, { active: 'false' }),
        reportRow('none'),
        reportRow('<root_account>', { active: 'true' }, { active: 'true' }),
      ),
    );
    assert.deepEqual(verdicts(findings), { [userArn('two')]: 'FAIL', [userArn('one')]: 'PASS' });
    assert.match(findings[0].message, /key 1: last used 2026-05-30; key 2: never used/);
  });
  unknownOnDeniedReport(iamTwoActiveKeys);
});

describe('iam-root-mfa', () => {
  const root = `arn:aws:iam::${ACCOUNT}:root`;
  it('passes when the account summary says root has MFA', () => {
    assert.deepEqual(verdicts(runCheck(iamRootMfa, inventory())), { [root]: 'PASS' });
  });
  it('fails when it does not', () => {
    const [f] = runCheck(iamRootMfa, inventory([account({ iam: { accountSummary: ok({ AccountMFAEnabled: 0 }) } })]));
    assert.equal(f.status, 'FAIL');
    assert.equal(f.severity, 'critical');
  });
  it('falls back to the root row of the credential report', () => {
    const inv = inventory([account({ iam: { accountSummary: denied('iam:GetAccountSummary'), credentialReport: ok({ rows: [reportRow('<root_account>', {}, {}, { mfa_active: 'false', password_enabled: 'not_supported' })] }) } })]);
    assert.equal(runCheck(iamRootMfa, inv)[0].status, 'FAIL');
  });
  it('UNKNOWN naming the permission when neither source says', () => {
    const [f] = runCheck(iamRootMfa, inventory([account({ iam: { accountSummary: denied('iam:GetAccountSummary'), credentialReport: ok({ rows: [] }) } })]));
    assert.equal(f.status, 'UNKNOWN');
    assert.deepEqual(f.missingPermissions, ['iam:GetAccountSummary']);
  });
});

describe('iam-console-user-mfa', () => {
  it('judges only users with a console password; root is excluded', () => {
    const findings = runCheck(
      iamConsoleUserMfa,
      withRows(
        reportRow('alice', {}, {}, { password_enabled: 'true', mfa_active: 'true' }),
        reportRow('bob', {}, {}, { password_enabled: 'true', mfa_active: 'false' }),
        reportRow('ci-bot', { active: 'true' }, {}, { password_enabled: 'false', mfa_active: 'false' }),
        reportRow('<root_account>', {}, {}, { password_enabled: 'not_supported', mfa_active: 'false' }),
      ),
    );
    assert.deepEqual(verdicts(findings), { [userArn('alice')]: 'PASS', [userArn('bob')]: 'FAIL' });
    assert.match(findings[1].message, /password alone/);
  });
  unknownOnDeniedReport(iamConsoleUserMfa);
});

describe('iam-long-lived-key-usage', () => {
  it('lists every active key with its last service and region, and how many remain', () => {
    const findings = runCheck(
      iamLongLivedKeyUsage,
      withRows(
        reportRow('deploy', { active: 'true', rotated: '2025-01-01T00:00:00+00:00', used: '2026-05-30T10:00:00+00:00', service: 's3', region: 'eu-west-1' }, { active: 'true', used: 'N/A' }),
        reportRow('old', { active: 'false', used: '2024-01-01T00:00:00+00:00', service: 'ec2', region: 'us-east-1' }),
      ),
    );
    assert.deepEqual(verdicts(findings), { [keyId('deploy', 1)]: 'FAIL', [keyId('deploy', 2)]: 'FAIL' });
    assert.match(findings[0].message, /last used 2026-05-30 by s3 in eu-west-1\. Move that software to a role.*\(1 of 2 keys left/);
    assert.match(findings[1].message, /never used.*\(2 of 2 keys left/);
    assert.equal(findings[0].details!.service, 's3');
    assert.equal(findings[0].details!.remaining, 2);
    // A long-lived key is a credential to steal, not a compromised server: it does not count toward data-leak.
    assert.deepEqual(findings[0].threats, ['account-wipe']);
  });
  it('passes an account with no active keys', () => {
    const findings = runCheck(iamLongLivedKeyUsage, withRows(reportRow('people-only', {}, {}, { password_enabled: 'true' })));
    assert.deepEqual(findings.map((f) => f.status), ['PASS']);
  });
  unknownOnDeniedReport(iamLongLivedKeyUsage);
});
