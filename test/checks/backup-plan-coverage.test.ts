import assert from 'node:assert/strict';
import { backupPlanCoverage } from '../../checks/backup-plan-coverage';
import type { BackupTarget } from '../../checks/backup-selection';
import { scheduleHours, selects } from '../../checks/backup-selection';
import type { BackupPlan, RegionInventory } from '../../src/inventory/types';
import { plan, selection } from '../helpers/backup';
import { ACCOUNT, denied, ok, withRegion } from '../helpers/inventory';
import { rdsRecoverability } from '../../checks/rds-recoverability';
import { runCheck, verdicts } from '../helpers/run';

const rdsArn = (id: string) => `arn:aws:rds:us-east-1:${ACCOUNT}:db:${id}`;
const clusterArn = (id: string) => `arn:aws:rds:us-east-1:${ACCOUNT}:cluster:${id}`;
const tableArn = (n: string) => `arn:aws:dynamodb:us-east-1:${ACCOUNT}:table/${n}`;
const instArn = (id: string) => `arn:aws:ec2:us-east-1:${ACCOUNT}:instance/${id}`;
const volArn = (id: string) => `arn:aws:ec2:us-east-1:${ACCOUNT}:volume/${id}`;
const efsArn = (id: string) => `arn:aws:elasticfilesystem:us-east-1:${ACCOUNT}:file-system/${id}`;

// One region with a bit of everything.
function resources(): Parameters<typeof withRegion>[0] {
  return {
    rds: {
      instances: ok([
        { DBInstanceIdentifier: 'orders', DBInstanceArn: rdsArn('orders'), Engine: 'postgres', TagList: [{ Key: 'backup', Value: 'daily' }] },
        { DBInstanceIdentifier: 'aurora-1', DBInstanceArn: rdsArn('aurora-1'), Engine: 'aurora-postgresql', DBClusterIdentifier: 'users' },
        { DBInstanceIdentifier: 'aurora-2', DBInstanceArn: rdsArn('aurora-2'), Engine: 'aurora-postgresql', DBClusterIdentifier: 'users' },
      ]),
      clusters: ok([{ DBClusterIdentifier: 'users', DBClusterArn: clusterArn('users'), Engine: 'aurora-postgresql', TagList: [{ Key: 'tier', Value: 'prod' }] }]),
    },
    dynamodb: {
      tables: ok([
        { TableName: 'sessions', TableArn: tableArn('sessions'), Tags: [{ Key: 'backup', Value: 'daily' }], pointInTimeRecovery: ok({}) },
        { TableName: 'cache', TableArn: tableArn('cache'), Tags: [], pointInTimeRecovery: ok({}) },
      ]),
    },
    efs: { fileSystems: ok([{ FileSystemId: 'fs-1', Tags: [{ Key: 'backup', Value: 'weekly-2' }] }]) },
    ec2: { instances: ok([{ InstanceId: 'i-web', State: { Name: 'running' }, Tags: [{ Key: 'backup', Value: 'ami' }] }, { InstanceId: 'i-old', State: { Name: 'terminated' } }]) },
    ebsVolumes: ok([
      { VolumeId: 'vol-root', Attachments: [{ InstanceId: 'i-web' }] },
      { VolumeId: 'vol-loose', Tags: [] },
    ]),
  };
}

function run(plans: BackupPlan[] | RegionInventory['backup']['plans'], patch: Parameters<typeof withRegion>[0] = resources()) {
  return runCheck(backupPlanCoverage, withRegion({ ...patch, backup: { plans: Array.isArray(plans) ? ok(plans) : plans } }));
}

describe('backup-plan-coverage', () => {
  it('judges every resource type; Aurora per cluster; EBS through its instance', () => {
    const findings = run([
      plan('by-arn', undefined, [selection('orders', { Resources: [rdsArn('orders')] })]),
      plan('by-tag', undefined, [selection('tagged', { ListOfTags: [{ ConditionType: 'STRINGEQUALS', ConditionKey: 'tier', ConditionValue: 'prod' }, { ConditionType: 'STRINGEQUALS', ConditionKey: 'backup', ConditionValue: 'ami' }] })]),
      plan('star-narrowed', undefined, [selection('daily', { Resources: ['*'], Conditions: { StringEquals: [{ ConditionKey: 'aws:ResourceTag/backup', ConditionValue: 'daily' }] } })]),
      plan('like', undefined, [selection('weekly', { Resources: ['arn:aws:elasticfilesystem:*:*:file-system/*'], Conditions: { StringLike: [{ ConditionKey: 'aws:ResourceTag/backup', ConditionValue: 'weekly*' }] } })]),
    ]);
    assert.deepEqual(verdicts(findings), {
      [clusterArn('users')]: 'PASS',
      [rdsArn('orders')]: 'PASS',
      [tableArn('sessions')]: 'PASS',
      [tableArn('cache')]: 'FAIL',
      [efsArn('fs-1')]: 'PASS',
      [instArn('i-web')]: 'PASS',
      [volArn('vol-root')]: 'PASS',
      [volArn('vol-loose')]: 'FAIL',
    });
    const cluster = findings.find((f) => f.resourceId === clusterArn('users'))!;
    assert.equal(cluster.resourceType, 'AWS::RDS::DBCluster');
    assert.match(cluster.message, /Aurora users is backed up by plan by-tag/);
    assert.match(findings.find((f) => f.resourceId === volArn('vol-root'))!.message, /attached to i-web/);
    assert.match(findings.find((f) => f.resourceId === tableArn('cache'))!.message, /none of the 4 backup plans/);
  });

  it('NotResources and StringNotEquals take resources out', () => {
    const findings = run([
      plan('all-but', undefined, [
        selection('all', { Resources: ['*'], NotResources: [rdsArn('orders')], Conditions: { StringNotEquals: [{ ConditionKey: 'aws:ResourceTag/tier', ConditionValue: 'prod' }] } }),
      ]),
    ]);
    const v = verdicts(findings);
    assert.equal(v[rdsArn('orders')], 'FAIL');
    assert.equal(v[clusterArn('users')], 'FAIL');
    assert.equal(v[tableArn('cache')], 'PASS');
  });

  it('a plan with no selection covers nothing, and says so', () => {
    const p = plan('empty');
    const findings = run([p]);
    const planFinding = findings.find((f) => f.resourceId === p.BackupPlanArn)!;
    assert.equal(planFinding.status, 'FAIL');
    assert.match(planFinding.message, /no resource assignment: it backs up nothing/);
    assert.equal(planFinding.resourceType, 'AWS::Backup::BackupPlan');
    assert.ok(findings.filter((f) => f.resourceId !== p.BackupPlanArn).every((f) => f.status === 'FAIL'));
  });

  it('an RDS read replica is not applicable, for the same reason rds-recoverability gives', () => {
    const patch = { rds: { instances: ok([{ DBInstanceIdentifier: 'orders-ro', DBInstanceArn: rdsArn('orders-ro'), Engine: 'postgres', ReadReplicaSourceDBInstanceIdentifier: 'orders' }]) } };
    const [f] = run([], patch);
    assert.equal(f.status, 'NOT_APPLICABLE');
    assert.equal(f.message, "orders-ro is a read replica of orders: the source's backups protect the data.");
    const [r] = runCheck(rdsRecoverability, withRegion(patch));
    assert.deepEqual([r.status, r.message], [f.status, f.message]);
  });

  it('no plan at all: every resource fails', () => {
    const findings = run([]);
    assert.equal(findings.length, 8);
    assert.ok(findings.every((f) => f.status === 'FAIL' && /no backup plan in this region/.test(f.message)));
  });

  it('fleet instances (Auto Scaling, EKS, Beanstalk) and their volumes are replaced, not restored; stacks and hand-built ones still need a backup', () => {
    const findings = run([], {
      ec2: {
        instances: ok([
          { InstanceId: 'i-asg', State: { Name: 'running' } },
          { InstanceId: 'i-eks', State: { Name: 'running' }, Tags: [{ Key: 'eks:nodegroup-name', Value: 'ng' }] },
          { InstanceId: 'i-cfn', State: { Name: 'running' }, Tags: [{ Key: 'aws:cloudformation:stack-name', Value: 'db' }] },
          { InstanceId: 'i-pet', State: { Name: 'running' } },
        ]),
      },
      autoscaling: { groups: ok([{ AutoScalingGroupName: 'web', Instances: [{ InstanceId: 'i-asg' }] }]) },
      ebsVolumes: ok([
        { VolumeId: 'vol-asg', Attachments: [{ InstanceId: 'i-asg' }] },
        { VolumeId: 'vol-shared', Attachments: [{ InstanceId: 'i-asg' }, { InstanceId: 'i-pet' }] },
      ]),
    });
    assert.deepEqual(verdicts(findings), {
      [instArn('i-asg')]: 'NOT_APPLICABLE',
      [instArn('i-eks')]: 'NOT_APPLICABLE',
      [instArn('i-cfn')]: 'FAIL',
      [instArn('i-pet')]: 'FAIL',
      [volArn('vol-asg')]: 'NOT_APPLICABLE',
      [volArn('vol-shared')]: 'FAIL',
    });
    assert.match(findings.find((f) => f.resourceId === instArn('i-asg'))!.message, /replaced, not restored: its Auto Scaling group web/);
  });

  it('a region with nothing to back up gives no finding', () => {
    assert.deepEqual(run([plan('p', undefined, [selection('s', { Resources: ['*'] })])], {}), []);
  });

  it('UNKNOWN naming the permission when selections cannot be read; a resource another plan selects still passes', () => {
    const findings = run([
      plan('hidden', undefined, denied('backup:ListBackupSelections')),
      plan('by-arn', undefined, [selection('orders', { Resources: [rdsArn('orders')] })]),
    ]);
    const v = verdicts(findings);
    assert.equal(v[rdsArn('orders')], 'PASS');
    const cache = findings.find((f) => f.resourceId === tableArn('cache'))!;
    assert.equal(cache.status, 'UNKNOWN');
    assert.deepEqual(cache.missingPermissions, ['backup:ListBackupSelections']);
  });

  it('UNKNOWN when a table’s tags were not collected and a tag condition decides', () => {
    const patch = resources();
    patch.dynamodb = { tables: ok([{ TableName: 'untagged', TableArn: tableArn('untagged'), pointInTimeRecovery: ok({}) }]) };
    const findings = run([plan('star', undefined, [selection('daily', { Resources: ['*'], Conditions: { StringEquals: [{ ConditionKey: 'aws:ResourceTag/backup', ConditionValue: 'daily' }] } })])], patch);
    const f = findings.find((x) => x.resourceId === tableArn('untagged'))!;
    assert.equal(f.status, 'UNKNOWN');
    assert.deepEqual(f.missingPermissions, ['dynamodb:ListTagsOfResource']);
  });

  it('UNKNOWN for the region when plans cannot be listed; a denied resource list is its own UNKNOWN', () => {
    const patch = resources();
    patch.rds = { instances: denied('rds:DescribeDBInstances'), clusters: ok([]) };
    const findings = run(denied('backup:ListBackupPlans'), patch);
    assert.deepEqual(
      findings.map((f) => [f.status, f.missingPermissions]),
      [
        ['UNKNOWN', ['rds:DescribeDBInstances']],
        ['UNKNOWN', ['backup:ListBackupPlans']],
      ],
    );
  });
});

describe('scheduleHours', () => {
  const cases: [string | undefined, number | undefined][] = [
    ['cron(0 5 ? * * *)', 24],
    ['cron(0 */4 * * ? *)', 4],
    ['cron(0 5,17 ? * * *)', 12],
    ['cron(0 5 ? * SUN *)', 168],
    ['cron(0 5 ? * MON-FRI *)', 72],
    ['cron(0 5 1 * ? *)', 744],
    // Hour ranges: hourly inside the range; the longest gap is overnight.
    ['cron(0 0-23 ? * * *)', 1],
    ['cron(0 8-18 ? * * *)', 14],
    ['cron(0 0-23/6 ? * * *)', 6],
    ['rate(12 hours)', 12],
    ['rate(1 day)', 24],
    ['nonsense', undefined],
    [undefined, undefined],
  ];
  for (const [expr, hours] of cases) it(`${expr} → ${hours}`, () => assert.equal(scheduleHours(expr), hours));
});

describe('selects, when the resource tags are unknown', () => {
  const t: BackupTarget = { arn: tableArn('orders'), type: 'DynamoDB', cfnType: 'AWS::DynamoDB::Table', name: 'orders', tagsPermission: 'dynamodb:ListTagsOfResource' };
  const tag = [{ ConditionType: 'STRINGEQUALS', ConditionKey: 'backup', ConditionValue: 'daily' }];
  const cases: [string, Parameters<typeof selection>[1], boolean | 'unknown'][] = [
    ['Resources match, no tags asked: selected', { Resources: [tableArn('*')] }, true],
    ['Resources match OR ListOfTags: selected whatever the tags', { Resources: [tableArn('*')], ListOfTags: tag }, true],
    ['Resources do not match, ListOfTags might: unknown', { Resources: [tableArn('other')], ListOfTags: tag }, 'unknown'],
    ['Resources do not match, no tags: not selected', { Resources: [tableArn('other')] }, false],
    ['Resources match but Conditions narrow by tag: unknown', { Resources: [tableArn('*')], Conditions: { StringEquals: [{ ConditionKey: 'aws:ResourceTag/backup', ConditionValue: 'daily' }] } }, 'unknown'],
    ['NotResources excludes it: not selected', { Resources: [tableArn('*')], ListOfTags: tag, NotResources: [tableArn('orders')] }, false],
  ];
  for (const [name, sel, expected] of cases) it(name, () => assert.equal(selects(selection('s', sel), t), expected));
});
