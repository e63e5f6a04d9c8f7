import assert from 'node:assert/strict';
import { backupRestoreTesting } from '../../checks/backup-restore-testing';
import type { RestoreTestingPlan } from '../../src/inventory/types';
import { plan, selection } from '../helpers/backup';
import { ACCOUNT, denied, ok, withRegion } from '../helpers/inventory';
import { runCheck, verdicts } from '../helpers/run';

const id = (type: string) => `arn:aws:backup:us-east-1:${ACCOUNT}:restore-testing/${type}`;
const protectedRes = ok([
  { ResourceArn: `arn:aws:rds:us-east-1:${ACCOUNT}:db:orders`, ResourceType: 'RDS' },
  { ResourceArn: `arn:aws:dynamodb:us-east-1:${ACCOUNT}:table/t`, ResourceType: 'DynamoDB' },
]);
const rtp = (name: string, ...types: string[]): RestoreTestingPlan => ({ RestoreTestingPlanName: name, selections: ok(types.map((t) => ({ RestoreTestingSelectionName: t.toLowerCase(), ProtectedResourceType: t }))) });

describe('backup-restore-testing', () => {
  it('passes the types a restore testing plan selects and fails the others', () => {
    const findings = runCheck(backupRestoreTesting, withRegion({ backup: { protectedResources: protectedRes, restoreTestingPlans: ok([rtp('weekly', 'RDS')]) } }));
    assert.deepEqual(verdicts(findings), { [id('DynamoDB')]: 'FAIL', [id('RDS')]: 'PASS' });
    assert.match(findings[0].message, /no restore testing plan selects DynamoDB/);
    assert.match(findings[1].message, /restore-tested by weekly/);
  });

  it('no restore testing plan at all fails every protected type', () => {
    const findings = runCheck(backupRestoreTesting, withRegion({ backup: { protectedResources: protectedRes } }));
    assert.deepEqual(verdicts(findings), { [id('DynamoDB')]: 'FAIL', [id('RDS')]: 'FAIL' });
    assert.match(findings[0].message, /there is no restore testing plan/);
  });

  it('types selected by a backup plan count even before their first backup', () => {
    const inv = withRegion({
      efs: { fileSystems: ok([{ FileSystemId: 'fs-1' }]) },
      backup: { plans: ok([plan('p', undefined, [selection('all', { Resources: ['*'] })])]), restoreTestingPlans: ok([rtp('w', 'EFS')]) },
    });
    assert.deepEqual(verdicts(runCheck(backupRestoreTesting, inv)), { [id('EFS')]: 'PASS' });
  });

  it('nothing protected and no restore testing plan: no finding', () => {
    assert.deepEqual(runCheck(backupRestoreTesting, withRegion({})), []);
  });

  it('nothing protected but a restore testing plan exists: NOT_APPLICABLE (see not-applicable.test.ts)', () => {
    const findings = runCheck(backupRestoreTesting, withRegion({ backup: { restoreTestingPlans: ok([rtp('w', 'RDS')]) } }));
    assert.deepEqual(findings.map((f) => [f.resourceId, f.status]), [[id('*'), 'NOT_APPLICABLE']]);
  });

  it('UNKNOWN naming the permission when restore testing plans cannot be listed', () => {
    const [f] = runCheck(backupRestoreTesting, withRegion({ backup: { protectedResources: protectedRes, restoreTestingPlans: denied('backup:ListRestoreTestingPlans') } }));
    assert.equal(f.status, 'UNKNOWN');
    assert.deepEqual(f.missingPermissions, ['backup:ListRestoreTestingPlans']);
  });

  it('UNKNOWN per type when a plan’s selections cannot be read', () => {
    const hidden: RestoreTestingPlan = { RestoreTestingPlanName: 'hidden', selections: denied('backup:ListRestoreTestingSelections') };
    const findings = runCheck(backupRestoreTesting, withRegion({ backup: { protectedResources: protectedRes, restoreTestingPlans: ok([hidden, rtp('w', 'RDS')]) } }));
    assert.deepEqual(verdicts(findings), { [id('DynamoDB')]: 'UNKNOWN', [id('RDS')]: 'PASS' });
    assert.deepEqual(findings[0].missingPermissions, ['backup:ListRestoreTestingSelections']);
  });

  it('UNKNOWN when protected resources cannot be listed and no plan selects anything', () => {
    const [f] = runCheck(backupRestoreTesting, withRegion({ backup: { protectedResources: denied('backup:ListProtectedResources') } }));
    assert.equal(f.status, 'UNKNOWN');
    assert.deepEqual(f.missingPermissions, ['backup:ListProtectedResources']);
  });
});
