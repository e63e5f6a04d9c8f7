import assert from 'node:assert/strict';
import { backupRecoveryPointAge } from '../../checks/backup-recovery-point-age';
import type { BackupRecoveryPoint, RegionInventory } from '../../src/inventory/types';
import { plan, recoveryPoint, rule, selection, vault } from '../helpers/backup';
import { ACCOUNT, denied, ok, withRegion } from '../helpers/inventory';
import { runCheck, verdicts } from '../helpers/run';

// collectedAt is 2026-06-01T00:00Z.
const tableArn = (n: string) => `arn:aws:dynamodb:us-east-1:${ACCOUNT}:table/${n}`;
const table = (n: string) => ({ TableName: n, TableArn: tableArn(n), Tags: [], pointInTimeRecovery: ok({}) });
const dailyPlan = (schedule = 'cron(0 5 ? * * *)') => plan('daily', [rule('daily', { ScheduleExpression: schedule })], [selection('tables', { Resources: ['arn:aws:dynamodb:*:*:table/*'] })]);

function region(points: BackupRecoveryPoint[] | RegionInventory['backup']['vaults'], tables = ['orders'], schedule?: string): Parameters<typeof withRegion>[0] {
  return {
    dynamodb: { tables: ok(tables.map(table)) },
    backup: {
      plans: ok([dailyPlan(schedule)]),
      vaults: Array.isArray(points) ? ok([vault('main', { recoveryPoints: ok(points) })]) : points,
      protectedResources: ok([]),
    },
  };
}

describe('backup-recovery-point-age', () => {
  const cases: { name: string; points: BackupRecoveryPoint[]; schedule?: string; status: string; severity?: string; message: RegExp }[] = [
    { name: 'a backup 19 hours old on a daily plan passes', points: [recoveryPoint(tableArn('orders'), '2026-05-31T05:00:00Z')], status: 'PASS', message: /19 hours ago, kept 35 days/ },
    { name: 'the newest of several counts', points: [recoveryPoint(tableArn('orders'), '2026-05-01T05:00:00Z'), recoveryPoint(tableArn('orders'), '2026-05-31T05:00:00Z')], status: 'PASS', message: /19 hours ago/ },
    { name: 'a backup 3 days old on a daily plan fails', points: [recoveryPoint(tableArn('orders'), '2026-05-29T00:00:00Z')], status: 'FAIL', severity: 'high', message: /3 days old; backups should run every 24 hours \(limit 36 hours/ },
    { name: 'a weekly plan allows a 5-day-old backup', points: [recoveryPoint(tableArn('orders'), '2026-05-27T00:00:00Z')], schedule: 'cron(0 5 ? * SUN *)', status: 'PASS', message: /5 days ago/ },
    { name: 'selected but never backed up fails', points: [], status: 'FAIL', message: /has no recovery point although plan daily selects it/ },
    { name: 'failed or expired recovery points do not count', points: [recoveryPoint(tableArn('orders'), '2026-05-31T05:00:00Z', { Status: 'EXPIRED' })], status: 'FAIL', message: /no recovery point/ },
    { name: 'retention below the minimum fails medium', points: [recoveryPoint(tableArn('orders'), '2026-05-31T05:00:00Z', { Lifecycle: { DeleteAfterDays: 7 } })], status: 'FAIL', severity: 'medium', message: /kept only 7 days \(minimum 35\)/ },
    {
      name: 'retention read from the calculated lifecycle',
      points: [recoveryPoint(tableArn('orders'), '2026-05-31T00:00:00Z', { Lifecycle: undefined, CalculatedLifecycle: { DeleteAt: '2026-06-14T00:00:00Z' } })],
      status: 'FAIL',
      message: /kept only 14 days/,
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const [f] = runCheck(backupRecoveryPointAge, withRegion(region(c.points, ['orders'], c.schedule)));
      assert.equal(f.resourceId, tableArn('orders'));
      assert.equal(f.resourceType, 'AWS::DynamoDB::Table');
      assert.equal(f.status, c.status);
      assert.match(f.message, c.message);
      if (c.severity) assert.equal(f.severity, c.severity);
    });
  }

  it('a continuous recovery point counts as current', () => {
    const rp = recoveryPoint(tableArn('orders'), '2026-03-01T00:00:00Z', { RecoveryPointArn: 'arn:aws:backup:us-east-1:111111111111:recovery-point:continuous:db-orders-1a2b' });
    const [f] = runCheck(backupRecoveryPointAge, withRegion(region([rp])));
    assert.equal(f.status, 'PASS');
    assert.match(f.message, /backed up continuously/);
  });

  it('thresholds come from the config', () => {
    const inv = withRegion(region([recoveryPoint(tableArn('orders'), '2026-05-31T05:00:00Z', { Lifecycle: { DeleteAfterDays: 14 } })]));
    assert.equal(runCheck(backupRecoveryPointAge, inv)[0].status, 'FAIL');
    assert.equal(runCheck(backupRecoveryPointAge, inv, { minRetentionDays: 14 })[0].status, 'PASS');
    assert.equal(runCheck(backupRecoveryPointAge, inv, { minRetentionDays: 14, slackHours: 0, defaultFrequencyHours: 1 })[0].status, 'PASS'); // the plan's schedule wins
  });

  it('a protected resource no plan selects any more is judged against the default frequency', () => {
    const arn = 'arn:aws:elasticfilesystem:us-east-1:111111111111:file-system/fs-old';
    const inv = withRegion({
      efs: { fileSystems: ok([{ FileSystemId: 'fs-old', FileSystemArn: arn }]) },
      backup: {
        vaults: ok([vault('main', { recoveryPoints: ok([recoveryPoint(arn, '2026-04-01T00:00:00Z')]) })]),
        protectedResources: ok([{ ResourceArn: arn, ResourceType: 'EFS', LastBackupTime: '2026-04-01T00:00:00Z' }]),
      },
    });
    const [f] = runCheck(backupRecoveryPointAge, inv);
    assert.equal(f.status, 'FAIL');
    assert.equal(f.resourceType, 'AWS::EFS::FileSystem');
    assert.match(f.message, /61 days old/);
  });

  // A protected resource absent from its type's (successfully read) list was deleted: its jobs are not failing.
  const gone: { name: string; fileSystems: Parameters<typeof withRegion>[0]['efs']; status: string; message: RegExp; missing?: string[] }[] = [
    { name: 'deleted (absent from the read list) is not applicable', fileSystems: { fileSystems: ok([]) }, status: 'NOT_APPLICABLE', message: /EFS fs-gone no longer exists: resource deleted; its recovery points remain until they expire\./ },
    { name: 'its list unreadable is unknown naming the permission', fileSystems: { fileSystems: denied('elasticfilesystem:DescribeFileSystems') }, status: 'UNKNOWN', message: /elasticfilesystem:DescribeFileSystems/, missing: ['elasticfilesystem:DescribeFileSystems'] },
  ];
  for (const c of gone)
    it(`a protected resource no plan selects: ${c.name}`, () => {
      const arn = 'arn:aws:elasticfilesystem:us-east-1:111111111111:file-system/fs-gone';
      const inv = withRegion({
        efs: c.fileSystems,
        backup: {
          vaults: ok([vault('main', { recoveryPoints: ok([recoveryPoint(arn, '2026-04-01T00:00:00Z')]) })]),
          protectedResources: ok([{ ResourceArn: arn, ResourceType: 'EFS', LastBackupTime: '2026-04-01T00:00:00Z' }]),
        },
      });
      const [f] = runCheck(backupRecoveryPointAge, inv);
      assert.equal(f.status, c.status);
      assert.match(f.message, c.message);
      assert.deepEqual(f.missingPermissions, c.missing);
    });

  it('no protected or selected resource: no finding (not applicable)', () => {
    assert.deepEqual(runCheck(backupRecoveryPointAge, withRegion({ backup: { plans: ok([dailyPlan()]) } })), []);
  });

  it('UNKNOWN naming ListRecoveryPointsByBackupVault when recovery points are denied, unless the last backup time already proves a FAIL', () => {
    const vaults = ok([vault('main', { recoveryPoints: denied('backup:ListRecoveryPointsByBackupVault') })]);
    const inv = withRegion({
      ...region(vaults, ['fresh', 'stale']),
      backup: {
        plans: ok([dailyPlan()]),
        vaults,
        protectedResources: ok([
          { ResourceArn: tableArn('fresh'), ResourceType: 'DynamoDB', LastBackupTime: '2026-05-31T05:00:00Z' },
          { ResourceArn: tableArn('stale'), ResourceType: 'DynamoDB', LastBackupTime: '2026-05-20T05:00:00Z' },
        ]),
      },
    });
    const findings = runCheck(backupRecoveryPointAge, inv);
    assert.deepEqual(verdicts(findings), { [tableArn('fresh')]: 'UNKNOWN', [tableArn('stale')]: 'FAIL' });
    assert.deepEqual(findings[0].missingPermissions, ['backup:ListRecoveryPointsByBackupVault']);
  });

  // One vault read, one denied: the denied vault may hold a newer point, so no FAIL on age or retention
  // unless LastBackupTime (which covers every vault) proves it.
  const partial: { name: string; point: BackupRecoveryPoint; lastBackup?: string; status: string; message: RegExp }[] = [
    { name: 'an old readable point with a recent LastBackupTime', point: recoveryPoint(tableArn('orders'), '2026-05-20T05:00:00Z'), lastBackup: '2026-05-31T05:00:00Z', status: 'UNKNOWN', message: /last backed up 19 hours ago, but that recovery point was not among those read.*grant backup:ListRecoveryPointsByBackupVault/ },
    { name: 'an old readable point and no LastBackupTime', point: recoveryPoint(tableArn('orders'), '2026-05-20T05:00:00Z'), status: 'UNKNOWN', message: /newest readable recovery point of DynamoDB orders is 11 days old.*may hold a newer one/ },
    { name: 'a recent readable point kept too short', point: recoveryPoint(tableArn('orders'), '2026-05-31T05:00:00Z', { Lifecycle: { DeleteAfterDays: 7 } }), lastBackup: '2026-05-31T05:00:00Z', status: 'UNKNOWN', message: /kept only 7 days \(minimum 35\); a vault's recovery points could not be read/ },
    { name: 'a recent readable point kept long enough', point: recoveryPoint(tableArn('orders'), '2026-05-31T05:00:00Z'), lastBackup: '2026-05-31T05:00:00Z', status: 'PASS', message: /19 hours ago, kept 35 days/ },
    { name: 'an old point and an old LastBackupTime', point: recoveryPoint(tableArn('orders'), '2026-05-20T05:00:00Z'), lastBackup: '2026-05-21T05:00:00Z', status: 'FAIL', message: /is 10 days old/ },
  ];
  for (const c of partial)
    it(`one vault unreadable: ${c.name} is ${c.status}`, () => {
      const vaults = ok([vault('main', { recoveryPoints: ok([c.point]) }), vault('other', { recoveryPoints: denied('backup:ListRecoveryPointsByBackupVault') })]);
      const protectedResources = ok(c.lastBackup ? [{ ResourceArn: tableArn('orders'), ResourceType: 'DynamoDB', LastBackupTime: c.lastBackup }] : []);
      const [f] = runCheck(backupRecoveryPointAge, withRegion({ ...region(vaults), backup: { plans: ok([dailyPlan()]), vaults, protectedResources } }));
      assert.equal(f.status, c.status);
      assert.match(f.message, c.message);
      if (c.status === 'UNKNOWN') assert.deepEqual(f.missingPermissions, ['backup:ListRecoveryPointsByBackupVault']);
    });

  it('denied plans and protected resources are each one UNKNOWN for the region', () => {
    const findings = runCheck(backupRecoveryPointAge, withRegion({ backup: { plans: denied('backup:ListBackupPlans'), protectedResources: denied('backup:ListProtectedResources') } }));
    assert.deepEqual(
      findings.map((f) => [f.status, f.missingPermissions]),
      [
        ['UNKNOWN', ['backup:ListBackupPlans']],
        ['UNKNOWN', ['backup:ListProtectedResources']],
      ],
    );
  });
});
