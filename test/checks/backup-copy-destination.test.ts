import assert from 'node:assert/strict';
import { backupCopyDestination } from '../../checks/backup-copy-destination';
import type { BackupPlan, BackupVault } from '../../src/inventory/types';
import { account, ACCOUNT, denied, inventory, ok, OTHER_ACCOUNT, region } from '../helpers/inventory';
import { runCheck } from '../helpers/run';

const DEST = `arn:aws:backup:us-east-1:${OTHER_ACCOUNT}:backup-vault:copies`;
const plan = (...dests: string[]): BackupPlan => ({
  BackupPlanId: 'p',
  BackupPlanArn: `arn:aws:backup:us-east-1:${ACCOUNT}:backup-plan:p`,
  BackupPlanName: 'daily',
  Rules: [{ RuleName: 'r', TargetBackupVaultName: 'Default', CopyActions: dests.map((d) => ({ DestinationBackupVaultArn: d })) }],
  selections: ok([]),
});
const vault = (patch: Partial<BackupVault> = {}): BackupVault => ({ BackupVaultName: 'copies', BackupVaultArn: DEST, accessPolicy: ok(null), recoveryPoints: ok([]), ...patch });

/** Source account copying to DEST; `dest` = the backup account's region data, absent = not in scope. */
function org(dest?: Parameters<typeof region>[1]) {
  const source = account({ regions: [region('us-east-1', { backup: { plans: ok([plan(DEST, DEST)]) } })] });
  return inventory(dest ? [source, account({ accountId: OTHER_ACCOUNT, regions: [region('us-east-1', dest)] })] : [source]);
}

describe('backup-copy-destination', () => {
  const cases: { name: string; dest?: Parameters<typeof region>[1]; status: string; severity?: string; message: RegExp }[] = [
    { name: 'locked destination vault in the audited backup account passes', dest: { backup: { vaults: ok([vault({ Locked: true, LockDate: '2026-01-01T00:00:00Z', MinRetentionDays: 30 })]) } }, status: 'PASS', message: /locked \(compliance mode, 30 days minimum\)/ },
    // The same lock rules as backup-vault-lock (collectedAt is 2026-06-01).
    { name: 'governance-mode lock fails medium', dest: { backup: { vaults: ok([vault({ Locked: true, MinRetentionDays: 30 })]) } }, status: 'FAIL', severity: 'medium', message: /locked only in governance mode/ },
    { name: 'compliance lock in its grace period fails low', dest: { backup: { vaults: ok([vault({ Locked: true, LockDate: '2026-06-10T00:00:00Z' })]) } }, status: 'FAIL', severity: 'low', message: /grace period: it can be removed until 2026-06-10/ },
    { name: 'a logically air-gapped vault passes', dest: { backup: { vaults: ok([vault({ VaultType: 'LOGICALLY_AIR_GAPPED_BACKUP_VAULT', Locked: true })]) } }, status: 'PASS', message: /logically air-gapped/ },
    { name: 'unlocked destination vault fails', dest: { backup: { vaults: ok([vault({ Locked: false })]) } }, status: 'FAIL', severity: 'high', message: /has no vault lock/ },
    { name: 'missing destination vault fails as critical', dest: { backup: { vaults: ok([vault({ BackupVaultName: 'other', BackupVaultArn: DEST.replace('copies', 'other') })]) } }, status: 'FAIL', severity: 'critical', message: /does not exist in account 222222222222/ },
    { name: 'destination vaults that cannot be listed are unknown', dest: { backup: { vaults: denied('backup:ListBackupVaults', 'backup:ListBackupVaults', { accountId: OTHER_ACCOUNT }) } }, status: 'UNKNOWN', message: /Grant backup:ListBackupVaults/ },
    { name: 'destination account outside the audit is not applicable', status: 'NOT_APPLICABLE', message: /not part of this audit: audit it too/ },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const findings = runCheck(backupCopyDestination, org(c.dest));
      assert.equal(findings.length, 1); // the same destination twice is judged once
      const [f] = findings;
      assert.equal(f.status, c.status);
      assert.match(f.message, c.message);
      assert.equal(f.accountId, ACCOUNT);
      assert.equal(f.resourceId, DEST);
      if (c.severity) assert.equal(f.severity, c.severity);
    });
  }

  it('same-account copies and plans without copies give no finding', () => {
    const own = `arn:aws:backup:us-east-1:${ACCOUNT}:backup-vault:local`;
    const inv = inventory([account({ regions: [region('us-east-1', { backup: { plans: ok([plan(own), plan()]) } })] })]);
    assert.deepEqual(runCheck(backupCopyDestination, inv), []);
  });

  it('a destination account in scope whose collection failed is UNKNOWN naming its failure, not "not part of this audit"', () => {
    const inv = org();
    inv.errors.push({ api: 'sts:AssumeRole', permission: 'sts:AssumeRole', code: 'AccessDenied', message: 'not authorized', accountId: OTHER_ACCOUNT, region: 'global' });
    const [f] = runCheck(backupCopyDestination, inv);
    assert.equal(f.status, 'UNKNOWN');
    assert.deepEqual(f.missingPermissions, ['sts:AssumeRole']);
    assert.match(f.message, new RegExp(`vault copies in account ${OTHER_ACCOUNT}, whose collection failed: sts:AssumeRole failed with AccessDenied`));
  });

  it('a destination region the audit did not scan is not applicable', () => {
    const inv = org({});
    inv.accounts[1].regions[0].region = 'eu-west-1';
    const [f] = runCheck(backupCopyDestination, inv);
    assert.equal(f.status, 'NOT_APPLICABLE');
    assert.match(f.message, /add --region us-east-1/);
  });
});
