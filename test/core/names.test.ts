import assert from 'node:assert/strict';
import { DEMO_SNAPSHOT } from '../../src/cli';
import { readSnapshot } from '../../src/inventory/snapshot';
import { nameIndex } from '../../src/names';
import { runChecks } from '../../src/engine';
import { CHECKS } from '../../checks';
import { defaultConfig } from '../../src/config';

describe('resource names', () => {
  const inv = readSnapshot(DEMO_SNAPSHOT);
  const names = nameIndex(inv);
  const east = inv.accounts[0].regions.find((r) => r.region === 'us-east-1')!;

  it('names backup plans, vaults, instances, ASGs, tables, databases, buckets and IAM identities', () => {
    assert.ok(east.backup.plans.ok && east.ec2.instances.ok);
    const plan = east.backup.plans.value[0];
    assert.equal(names.get(plan.BackupPlanArn), plan.BackupPlanName);
    assert.equal(names.get('arn:aws:backup:us-east-1:123456789012:backup-vault:northwind-prod'), 'northwind-prod');
    // Instance and file-system ids are the emulator's: find them by their Name tag, then look them up by ARN.
    const jump = east.ec2.instances.value.find((i) => i.Tags?.some((t) => t.Key === 'Name' && t.Value === 'northwind-jump-host'))!;
    assert.equal(names.get(`arn:aws:ec2:us-east-1:123456789012:instance/${jump.InstanceId}`), 'northwind-jump-host');
    assert.ok(east.efs.fileSystems.ok);
    const fs = east.efs.fileSystems.value.find((x) => x.Name === 'northwind-shared')!;
    assert.equal(names.get(`arn:aws:elasticfilesystem:us-east-1:123456789012:file-system/${fs.FileSystemId}`), 'northwind-shared');
    assert.equal(names.get('arn:aws:dynamodb:us-east-1:123456789012:table/orders'), 'orders');
    assert.equal(names.get('arn:aws:rds:us-east-1:123456789012:db:northwind-orders-db'), 'northwind-orders-db');
    assert.equal(names.get('arn:aws:s3:::northwind-tmp-exports'), 'northwind-tmp-exports');
    assert.equal(names.get('arn:aws:iam::123456789012:role/northwind-worker'), 'northwind-worker');
    assert.equal(names.get('arn:aws:iam::123456789012:user/reporting'), 'reporting');
    assert.ok(east.autoscaling.groups.ok);
    const g = east.autoscaling.groups.value.find((x) => x.AutoScalingGroupARN)!;
    assert.equal(names.get(g.AutoScalingGroupARN!), g.AutoScalingGroupName);
  });

  it('an instance without a Name tag has no name (its id is shown instead)', () => {
    assert.ok(east.ec2.instances.ok);
    const unnamed = east.ec2.instances.value.find((i) => !(i.Tags ?? []).some((t) => t.Key === 'Name'))!;
    assert.equal(names.get(`arn:aws:ec2:us-east-1:123456789012:instance/${unnamed.InstanceId}`), undefined);
  });

  it('the engine puts the name on the finding', () => {
    const { findings } = runChecks(inv, CHECKS, defaultConfig());
    const f = findings.find((x) => x.checkId === 'backup-cross-account-copy' && x.status === 'FAIL')!;
    assert.ok(f.resourceId.includes(':backup-plan:'));
    assert.match(f.resourceName!, /^northwind-/);
  });
});
