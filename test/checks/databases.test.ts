import assert from 'node:assert/strict';
import { dynamodbRecoverability } from '../../checks/dynamodb-recoverability';
import { rdsRecoverability } from '../../checks/rds-recoverability';
import type { DynamoDbTable, RdsDbCluster, RdsDbInstance } from '../../src/inventory/types';
import { ACCOUNT, denied, ok, withRegion } from '../helpers/inventory';
import { runCheck, verdicts } from '../helpers/run';

const db = (id: string, patch: Partial<RdsDbInstance> = {}): RdsDbInstance => ({ DBInstanceIdentifier: id, DBInstanceArn: `arn:aws:rds:us-east-1:${ACCOUNT}:db:${id}`, Engine: 'postgres', BackupRetentionPeriod: 14, DeletionProtection: true, ...patch });
const cluster = (id: string, patch: Partial<RdsDbCluster> = {}): RdsDbCluster => ({ DBClusterIdentifier: id, DBClusterArn: `arn:aws:rds:us-east-1:${ACCOUNT}:cluster:${id}`, Engine: 'aurora-mysql', BackupRetentionPeriod: 7, DeletionProtection: true, ...patch });

describe('rds-recoverability', () => {
  const cases: { name: string; i?: RdsDbInstance; c?: RdsDbCluster; status: string; severity?: string; missing?: string[]; message: RegExp }[] = [
    { name: 'backups and deletion protection pass', i: db('ok'), status: 'PASS', message: /14 days of point-in-time backups and has deletion protection/ },
    { name: 'backups off fails high', i: db('nobackup', { BackupRetentionPeriod: 0 }), status: 'FAIL', severity: 'high', message: /automated backups are off/ },
    { name: 'short retention fails medium', i: db('short', { BackupRetentionPeriod: 1 }), status: 'FAIL', severity: 'medium', message: /only 1 day \(minimum 7\)/ },
    { name: 'no deletion protection fails medium', i: db('unprotected', { DeletionProtection: false }), status: 'FAIL', severity: 'medium', message: /deletion protection is off/ },
    // A missing retention is missing data, not a finding; a known problem still fails.
    { name: 'an instance without a reported retention is unknown', i: db('quiet', { BackupRetentionPeriod: undefined }), status: 'UNKNOWN', missing: ['rds:DescribeDBInstances'], message: /rds:DescribeDBInstances did not report the backup retention of Database quiet/ },
    { name: 'a cluster without a reported retention is unknown', c: cluster('quiet', { BackupRetentionPeriod: undefined }), status: 'UNKNOWN', missing: ['rds:DescribeDBClusters'], message: /rds:DescribeDBClusters/ },
    { name: 'no reported retention and no deletion protection still fails', i: db('open', { BackupRetentionPeriod: undefined, DeletionProtection: false }), status: 'FAIL', severity: 'medium', message: /deletion protection is off: one delete call removes it; the backup retention was not reported\./ },
    { name: 'a read replica is not applicable', i: db('replica', { BackupRetentionPeriod: 0, ReadReplicaSourceDBInstanceIdentifier: 'ok' }), status: 'NOT_APPLICABLE', message: /read replica of ok/ },
    { name: 'an Aurora cluster is judged at cluster level', c: cluster('aur', { DeletionProtection: false }), status: 'FAIL', message: /Cluster aur \(aurora-mysql\): deletion protection is off/ },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const [f] = runCheck(rdsRecoverability, withRegion({ rds: { instances: ok(c.i ? [c.i] : []), clusters: ok(c.c ? [c.c] : []) } }));
      assert.equal(f.resourceId, c.i?.DBInstanceArn ?? c.c?.DBClusterArn);
      assert.equal(f.status, c.status);
      assert.match(f.message, c.message);
      if (c.severity) assert.equal(f.severity, c.severity);
      if (c.missing) assert.deepEqual(f.missingPermissions, c.missing);
    });
  }

  it('Aurora members are not judged one by one', () => {
    const c = cluster('aur');
    const findings = runCheck(rdsRecoverability, withRegion({ rds: { clusters: ok([c]), instances: ok([db('aur-1', { DBClusterIdentifier: 'aur', BackupRetentionPeriod: 1, DeletionProtection: false })]) } }));
    assert.deepEqual(verdicts(findings), { [c.DBClusterArn]: 'PASS' });
    assert.equal(findings[0].resourceType, 'AWS::RDS::DBCluster');
  });

  it('minRetentionDays from the config', () => {
    assert.equal(runCheck(rdsRecoverability, withRegion({ rds: { instances: ok([db('ok')]) } }), { minRetentionDays: 30 })[0].status, 'FAIL');
  });

  it('a denied cluster list is UNKNOWN while instances are still judged', () => {
    const findings = runCheck(rdsRecoverability, withRegion({ rds: { clusters: denied('rds:DescribeDBClusters'), instances: ok([db('ok')]) } }));
    assert.deepEqual(findings.map((f) => f.status), ['UNKNOWN', 'PASS']);
    assert.deepEqual(findings[0].missingPermissions, ['rds:DescribeDBClusters']);
  });
});

const table = (name: string, patch: Partial<DynamoDbTable> = {}): DynamoDbTable => ({
  TableName: name,
  TableArn: `arn:aws:dynamodb:us-east-1:${ACCOUNT}:table/${name}`,
  DeletionProtectionEnabled: true,
  pointInTimeRecovery: ok({ PointInTimeRecoveryStatus: 'ENABLED', RecoveryPeriodInDays: 35 }),
  ...patch,
});

describe('dynamodb-recoverability', () => {
  const cases: { name: string; t: DynamoDbTable; status: string; severity?: string; message: RegExp; permission?: string }[] = [
    { name: 'PITR and deletion protection pass', t: table('ok'), status: 'PASS', message: /35 days of point-in-time recovery/ },
    { name: 'PITR off fails high', t: table('nopitr', { pointInTimeRecovery: ok({ PointInTimeRecoveryStatus: 'DISABLED' }) }), status: 'FAIL', severity: 'high', message: /point-in-time recovery is off/ },
    { name: 'a short PITR period fails medium', t: table('short', { pointInTimeRecovery: ok({ PointInTimeRecoveryStatus: 'ENABLED', RecoveryPeriodInDays: 3 }) }), status: 'FAIL', severity: 'medium', message: /only 3 days/ },
    { name: 'no deletion protection fails', t: table('open', { DeletionProtectionEnabled: false }), status: 'FAIL', severity: 'medium', message: /deletion protection is off/ },
    { name: 'unreadable PITR with deletion protection is unknown', t: table('hidden', { pointInTimeRecovery: denied('dynamodb:DescribeContinuousBackups') }), status: 'UNKNOWN', message: /grant dynamodb:DescribeContinuousBackups/, permission: 'dynamodb:DescribeContinuousBackups' },
    { name: 'unreadable PITR does not hide a known failure', t: table('both', { DeletionProtectionEnabled: false, pointInTimeRecovery: denied('dynamodb:DescribeContinuousBackups') }), status: 'FAIL', message: /deletion protection is off.*could not be read/ },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const [f] = runCheck(dynamodbRecoverability, withRegion({ dynamodb: { tables: ok([c.t]) } }));
      assert.equal(f.resourceId, c.t.TableArn);
      assert.equal(f.status, c.status);
      assert.match(f.message, c.message);
      if (c.severity) assert.equal(f.severity, c.severity);
      if (c.permission) assert.deepEqual(f.missingPermissions, [c.permission]);
    });
  }

  it('a denied table list is one UNKNOWN', () => {
    const findings = runCheck(dynamodbRecoverability, withRegion({ dynamodb: { tables: denied('dynamodb:ListTables') } }));
    assert.equal(findings.length, 1);
    assert.deepEqual(findings[0].missingPermissions, ['dynamodb:ListTables']);
  });
});
