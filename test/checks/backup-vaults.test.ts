import assert from 'node:assert/strict';
import { backupVaultAccessPolicy } from '../../checks/backup-vault-access-policy';
import { backupVaultLock } from '../../checks/backup-vault-lock';
import type { BackupPlan, BackupVault } from '../../src/inventory/types';
import { plan, recoveryPoint, rule, vault, vaultArn } from '../helpers/backup';
import { account, denied, inventory, ok, OTHER_ACCOUNT, region, withRegion } from '../helpers/inventory';
import { runCheck } from '../helpers/run';

// collectedAt is 2026-06-01.
const PAST = '2026-01-01T00:00:00.000Z';
const FUTURE = '2026-06-10T00:00:00.000Z';

describe('backup-vault-lock', () => {
  const cases: { name: string; v: BackupVault; plans?: BackupPlan[]; status: string; severity?: string; message: RegExp }[] = [
    { name: 'unlocked fails high', v: vault('main', { Locked: false }), status: 'FAIL', severity: 'high', message: /is not locked/ },
    { name: 'governance mode (no lock date) fails medium', v: vault('main', { Locked: true, MinRetentionDays: 7 }), status: 'FAIL', severity: 'medium', message: /governance mode/ },
    { name: 'compliance mode in its grace period fails low, naming the date', v: vault('main', { Locked: true, LockDate: FUTURE }), status: 'FAIL', severity: 'low', message: /grace period: it can be removed until 2026-06-10/ },
    { name: 'compliance mode past the lock date passes', v: vault('main', { Locked: true, LockDate: PAST, MinRetentionDays: 7, MaxRetentionDays: 365 }), status: 'PASS', message: /compliance mode since/ },
    { name: 'a logically air-gapped vault passes', v: vault('lag', { VaultType: 'LOGICALLY_AIR_GAPPED_BACKUP_VAULT' }), status: 'PASS', message: /air-gapped/ },
    {
      name: 'plan retention below the lock minimum: jobs fail',
      v: vault('main', { Locked: true, LockDate: PAST, MinRetentionDays: 30 }),
      plans: [plan('p', [rule('daily', { Lifecycle: { DeleteAfterDays: 7 } })])],
      status: 'FAIL',
      severity: 'high',
      message: /backups of plan p rule daily \(kept 7 days\) are shorter than the vault's minimum retention of 30 days/,
    },
    {
      name: 'a copy kept forever into a vault with a maximum: jobs fail',
      v: vault('main', { Locked: true, LockDate: PAST, MaxRetentionDays: 365 }),
      plans: [plan('p', [rule('daily', { TargetBackupVaultName: 'local', Lifecycle: { DeleteAfterDays: 35 }, CopyActions: [{ DestinationBackupVaultArn: vaultArn('main'), Lifecycle: { DeleteAfterDays: -1 } }] })])],
      status: 'FAIL',
      message: /copies from plan p rule daily \(kept forever\) exceed the vault's maximum retention of 365 days/,
    },
    { name: 'an empty vault no plan writes to is not applicable', v: vault('spare', { NumberOfRecoveryPoints: 0 }), status: 'NOT_APPLICABLE', message: /empty/ },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const findings = runCheck(backupVaultLock, withRegion({ backup: { vaults: ok([c.v]), plans: ok(c.plans ?? []) } }));
      const f = findings.find((x) => x.resourceId === c.v.BackupVaultArn)!;
      assert.equal(f.status, c.status);
      assert.match(f.message, c.message);
      if (c.severity) assert.equal(f.severity, c.severity);
    });
  }

  it('a copy without its own lifecycle keeps the source rule’s retention', () => {
    const v = vault('main', { Locked: true, LockDate: PAST, MinRetentionDays: 30, MaxRetentionDays: 100 });
    const p = plan('p', [rule('daily', { TargetBackupVaultName: 'local', Lifecycle: { DeleteAfterDays: 35 }, CopyActions: [{ DestinationBackupVaultArn: vaultArn('main') }] })]);
    const f = runCheck(backupVaultLock, withRegion({ backup: { vaults: ok([v]), plans: ok([p]) } })).find((x) => x.resourceId === v.BackupVaultArn)!;
    assert.equal(f.status, 'PASS');
  });

  it('an empty vault that a plan writes to is judged', () => {
    const [f] = runCheck(backupVaultLock, withRegion({ backup: { vaults: ok([vault('main', { NumberOfRecoveryPoints: 0 })]), plans: ok([plan('p')]) } }));
    assert.equal(f.status, 'FAIL');
  });

  it('copies from another scanned account count against the destination vault', () => {
    const dest = vault('central', { BackupVaultArn: vaultArn('central', OTHER_ACCOUNT), Locked: true, LockDate: PAST, MinRetentionDays: 90 });
    const inv = inventory([
      account({ regions: [region('us-east-1', { backup: { plans: ok([plan('p', [rule('daily', { CopyActions: [{ DestinationBackupVaultArn: dest.BackupVaultArn, Lifecycle: { DeleteAfterDays: 30 } }] })])]) } })] }),
      account({ accountId: OTHER_ACCOUNT, regions: [region('us-east-1', { backup: { vaults: ok([dest]) } })] }),
    ]);
    const f = runCheck(backupVaultLock, inv).find((x) => x.resourceId === dest.BackupVaultArn)!;
    assert.equal(f.status, 'FAIL');
    assert.match(f.message, /kept 30 days.*minimum retention of 90 days/);
  });

  it('UNKNOWN when vaults cannot be listed', () => {
    const [f] = runCheck(backupVaultLock, withRegion({ backup: { vaults: denied('backup:ListBackupVaults') } }));
    assert.equal(f.status, 'UNKNOWN');
    assert.deepEqual(f.missingPermissions, ['backup:ListBackupVaults']);
  });

  it('UNKNOWN, not PASS, for a locked vault when plans cannot be read; an unlocked one still fails', () => {
    const locked = vault('main', { Locked: true, LockDate: PAST });
    const open = vault('open', { Locked: false });
    const findings = runCheck(backupVaultLock, withRegion({ backup: { vaults: ok([locked, open]), plans: denied('backup:ListBackupPlans') } }));
    assert.equal(findings[0].status, 'UNKNOWN');
    assert.deepEqual(findings[0].missingPermissions, ['backup:ListBackupPlans']);
    assert.equal(findings[1].status, 'FAIL');
  });
});

const policy = (...statements: object[]) => ok(JSON.stringify({ Version: '2012-10-17', Statement: statements }));
const deny = (actions: string[], extra: object = {}) => ({ Effect: 'Deny', Principal: '*', Action: actions, Resource: '*', ...extra });
const FULL = ['backup:DeleteRecoveryPoint', 'backup:UpdateRecoveryPointLifecycle', 'backup:PutBackupVaultAccessPolicy', 'backup:DeleteBackupVaultAccessPolicy'];
// The policy AWS creates on the EFS automatic backup vault.
const EFS_DEFAULT = deny([
  'backup:DeleteBackupVault',
  'backup:DeleteBackupVaultAccessPolicy',
  'backup:DeleteRecoveryPoint',
  'backup:StartCopyJob',
  'backup:StartRestoreJob',
  'backup:UpdateRecoveryPointLifecycle',
]);

describe('backup-vault-access-policy', () => {
  it('every remediation text keeps a break-glass exemption (a bare Deny on the policy actions locks everyone out for good)', () => {
    const r = backupVaultAccessPolicy.meta.remediation;
    for (const text of [r.console, r.cli!, r.cloudformation!]) assert.match(text, /ArnNotLike.*aws:PrincipalArn/, text);
  });

  const cases: { name: string; v: BackupVault; status: string; severity?: string; message: RegExp }[] = [
    { name: 'no policy fails', v: vault('main'), status: 'FAIL', severity: 'high', message: /has no access policy/ },
    { name: 'full deny passes', v: vault('main', { accessPolicy: policy(deny(FULL)) }), status: 'PASS', message: /denies deleting recovery points, shortening their retention and changing the policy to everyone\./ },
    {
      name: 'deny to all but named principals passes, naming them',
      v: vault('main', { accessPolicy: policy(deny(FULL, { Condition: { ArnNotLike: { 'aws:PrincipalArn': 'arn:aws:iam::111111111111:role/break-glass' } } })) }),
      status: 'PASS',
      message: /except arn:aws:iam::111111111111:role\/break-glass/,
    },
    // "AWS Backup access policies don't support a wildcard in the Action key" (AWS Backup developer guide, Vault access policies).
    { name: 'a wildcard action denies nothing in a vault policy', v: vault('main', { accessPolicy: policy(deny(['backup:Delete*', 'backup:UpdateRecoveryPointLifecycle', 'backup:Put*'])) }), status: 'FAIL', severity: 'high', message: /does not deny backup:DeleteRecoveryPoint.*Wildcard actions \(backup:Delete\*, backup:Put\*\) do not work in vault access policies: list each action\./ },
    { name: 'Deny backup:* denies nothing in a vault policy', v: vault('main', { accessPolicy: policy(deny(['backup:*'])) }), status: 'FAIL', severity: 'high', message: /Wildcard actions \(backup:\*\)/ },
    {
      name: 'a Deny with NotPrincipal (all but a break-glass role) passes, naming the exemption',
      v: vault('main', { accessPolicy: policy({ Effect: 'Deny', NotPrincipal: { AWS: ['arn:aws:iam::111111111111:role/break-glass'] }, Action: FULL, Resource: '*' }) }),
      status: 'PASS',
      message: /to everyone, except arn:aws:iam::111111111111:role\/break-glass\./,
    },
    { name: 'NotPrincipal "*" exempts everyone: no deny', v: vault('main', { accessPolicy: policy({ Effect: 'Deny', NotPrincipal: '*', Action: FULL, Resource: '*' }) }), status: 'FAIL', severity: 'high', message: /does not deny/ },
    { name: 'the AWS-created EFS vault policy is recognised', v: vault('aws/efs/automatic-backup-vault', { accessPolicy: policy(EFS_DEFAULT) }), status: 'PASS', message: /deny policy AWS creates/ },
    { name: 'a policy that only allows copies in fails', v: vault('main', { accessPolicy: policy({ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::222222222222:root' }, Action: 'backup:CopyIntoBackupVault', Resource: '*' }) }), status: 'FAIL', severity: 'high', message: /does not deny backup:DeleteRecoveryPoint/ },
    { name: 'a deny for one principal only protects nothing', v: vault('main', { accessPolicy: policy({ ...deny(FULL), Principal: { AWS: 'arn:aws:iam::111111111111:user/intern' } }) }), status: 'FAIL', message: /does not deny/ },
    { name: 'deleting denied but retention can be shortened', v: vault('main', { accessPolicy: policy(deny(['backup:DeleteRecoveryPoint'])) }), status: 'FAIL', severity: 'medium', message: /not backup:UpdateRecoveryPointLifecycle/ },
    { name: 'policy can be replaced', v: vault('main', { accessPolicy: policy(deny(['backup:DeleteRecoveryPoint', 'backup:UpdateRecoveryPointLifecycle'])) }), status: 'FAIL', severity: 'low', message: /backup:PutBackupVaultAccessPolicy \/ backup:DeleteBackupVaultAccessPolicy/ },
    {
      name: 'a deny under an unrelated condition is conditional',
      v: vault('main', { accessPolicy: policy(deny(FULL, { Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'false' } } })) }),
      status: 'FAIL',
      severity: 'medium',
      message: /only conditionally \(Bool aws:MultiFactorAuthPresent/,
    },
    // Exempting an account, an organization, a tag or an ARN pattern lets in anyone an admin can create or tag.
    ...(
      [
        ['an organization', { StringNotEquals: { 'aws:PrincipalOrgID': 'o-abc' } }, /StringNotEquals aws:PrincipalOrgID/],
        ['an account', { StringNotEquals: { 'aws:PrincipalAccount': '111111111111' } }, /aws:PrincipalAccount/],
        ['a principal tag', { StringNotEquals: { 'aws:PrincipalTag/team': 'backup' } }, /aws:PrincipalTag\/team/],
        ['a wildcard ARN', { ArnNotLike: { 'aws:PrincipalArn': 'arn:aws:iam::111111111111:role/*' } }, /ArnNotLike aws:PrincipalArn/],
        ['an ARN in any account', { ArnNotLike: { 'aws:PrincipalArn': ['arn:aws:iam::111111111111:role/a', 'arn:aws:iam::*:role/break-glass'] } }, /only conditionally/],
      ] as const
    ).map(([what, Condition, message]) => ({ name: `a deny exempting ${what} is conditional`, v: vault('main', { accessPolicy: policy(deny(FULL, { Condition })) }), status: 'FAIL', severity: 'medium', message })),
    { name: 'a deny exempting one role by unique id (any session) passes', v: vault('main', { accessPolicy: policy(deny(FULL, { Condition: { StringNotLike: { 'aws:userid': 'AROAEXAMPLEID:*' } } })) }), status: 'PASS', message: /except AROAEXAMPLEID:\*/ },
    { name: 'denied policy read is unknown', v: vault('main', { accessPolicy: denied('backup:GetBackupVaultAccessPolicy') }), status: 'UNKNOWN', message: /backup:GetBackupVaultAccessPolicy/ },
    { name: 'an empty unused vault is not applicable', v: vault('spare', { NumberOfRecoveryPoints: 0 }), status: 'NOT_APPLICABLE', message: /empty/ },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const [f] = runCheck(backupVaultAccessPolicy, withRegion({ backup: { vaults: ok([c.v]) } }));
      assert.equal(f.status, c.status);
      assert.match(f.message, c.message);
      if (c.severity) assert.equal(f.severity, c.severity);
    });
  }

  it('names the missing permission', () => {
    const [f] = runCheck(backupVaultAccessPolicy, withRegion({ backup: { vaults: ok([vault('main', { accessPolicy: denied('backup:GetBackupVaultAccessPolicy') })]) } }));
    assert.deepEqual(f.missingPermissions, ['backup:GetBackupVaultAccessPolicy']);
  });
});

describe('vault checks: an empty vault', () => {
  // Both vault checks skip a vault nothing uses in the same way.
  const cases: { name: string; plans: ReturnType<typeof ok<BackupPlan[]>> | ReturnType<typeof denied>; status: string; missing?: string[]; message: RegExp }[] = [
    { name: 'no plan writes to it: not applicable', plans: ok([]), status: 'NOT_APPLICABLE', message: /Vault spare is empty and no backup plan writes to it\./ },
    { name: 'plans unreadable: unknown', plans: denied('backup:ListBackupPlans'), status: 'UNKNOWN', missing: ['backup:ListBackupPlans'], message: /Vault spare is empty; whether a backup plan writes to it could not be read \(grant backup:ListBackupPlans\)/ },
  ];
  for (const check of [backupVaultLock, backupVaultAccessPolicy])
    for (const c of cases)
      it(`${check.meta.id}: ${c.name}`, () => {
        const [f] = runCheck(check, withRegion({ backup: { vaults: ok([vault('spare', { NumberOfRecoveryPoints: 0 })]), plans: c.plans } }));
        assert.equal(f.status, c.status);
        assert.match(f.message, c.message);
        assert.deepEqual(f.missingPermissions, c.missing);
      });

  // NumberOfRecoveryPoints can read 0 while the listed points show the vault holds backups.
  for (const check of [backupVaultLock, backupVaultAccessPolicy])
    it(`${check.meta.id}: a vault whose listed recovery points contradict NumberOfRecoveryPoints 0 is judged, plans unreadable or not`, () => {
      const v = vault('main', { NumberOfRecoveryPoints: 0, recoveryPoints: ok([recoveryPoint('arn:aws:dynamodb:us-east-1:111111111111:table/t', '2026-05-31T00:00:00.000Z')]) });
      for (const plans of [ok([]), denied('backup:ListBackupPlans')]) {
        const [f] = runCheck(check, withRegion({ backup: { vaults: ok([v]), plans } }));
        assert.equal(f.status, 'FAIL', f.message);
      }
    });
});
