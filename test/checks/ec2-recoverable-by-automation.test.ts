import assert from 'node:assert/strict';
import { ec2RecoverableByAutomation } from '../../checks/ec2-recoverable-by-automation';
import type { AutoScalingGroup, Ec2Instance } from '../../src/inventory/types';
import { ACCOUNT, denied, ok, withRegion } from '../helpers/inventory';
import { runCheck, verdicts } from '../helpers/run';

const inst = (id: string, state = 'running', tags: Record<string, string> = {}): Ec2Instance => ({
  InstanceId: id,
  State: { Name: state },
  Tags: Object.entries(tags).map(([Key, Value]) => ({ Key, Value })),
});
const LTS = [
  { LaunchTemplateId: 'lt-1', VersionNumber: 1, DefaultVersion: true, LaunchTemplateData: { ImageId: 'ami-1' } },
  { LaunchTemplateId: 'lt-old', VersionNumber: 1, DefaultVersion: true, LaunchTemplateData: { ImageId: 'ami-deregistered' } },
];
const GROUPS: AutoScalingGroup[] = [
  { AutoScalingGroupName: 'web', Instances: [{ InstanceId: 'i-asg' }], LaunchTemplate: { LaunchTemplateId: 'lt-1' } },
  { AutoScalingGroupName: 'api', LaunchTemplate: { LaunchTemplateId: 'lt-1' } },
  { AutoScalingGroupName: 'broken', Instances: [{ InstanceId: 'i-broken' }], LaunchTemplate: { LaunchTemplateId: 'lt-old' } },
  { AutoScalingGroupName: 'legacy', Instances: [{ InstanceId: 'i-legacy' }], LaunchConfigurationName: 'lc-deleted' },
];
const arn = (id: string) => `arn:aws:ec2:us-east-1:${ACCOUNT}:instance/${id}`;

describe('ec2-recoverable-by-automation', () => {
  const cases: { name: string; i: Ec2Instance; status: string; why: RegExp; severity?: string }[] = [
    { name: 'ASG member (by group listing) passes', i: inst('i-asg'), status: 'PASS', why: /Auto Scaling group web/ },
    { name: 'ASG tag passes', i: inst('i-tag', 'running', { 'aws:autoscaling:groupName': 'api' }), status: 'PASS', why: /Auto Scaling group api/ },
    // The inventory holds no CloudFormation stacks: the tag is trusted (a deleted stack takes its instances with it) and the message says it is not confirmed.
    { name: 'a CloudFormation stack tag passes, saying the stack is not confirmed', i: inst('i-cfn', 'running', { 'aws:cloudformation:stack-name': 'app' }), status: 'PASS', why: /CloudFormation stack app.*does not read CloudFormation/ },
    { name: 'a stack tag with an existing launch template passes by the template', i: inst('i-cfn-lt', 'running', { 'aws:cloudformation:stack-name': 'app', 'aws:ec2launchtemplate:id': 'lt-1' }), status: 'PASS', why: /launch template lt-1/ },
    { name: 'a stack tag on a fleet member passes by the fleet', i: inst('i-cfn-eks', 'running', { 'aws:cloudformation:stack-name': 'app', 'eks:nodegroup-name': 'ng' }), status: 'PASS', why: /EKS managed node group ng/ },
    { name: 'launch template passes', i: inst('i-lt', 'running', { 'aws:ec2launchtemplate:id': 'lt-1' }), status: 'PASS', why: /launch template lt-1/ },
    { name: 'EKS node group passes', i: inst('i-eks', 'running', { 'eks:nodegroup-name': 'ng' }), status: 'PASS', why: /EKS managed node group ng/ },
    { name: 'Beanstalk passes', i: inst('i-eb', 'running', { 'elasticbeanstalk:environment-name': 'env' }), status: 'PASS', why: /Elastic Beanstalk environment env/ },
    { name: 'Spot Fleet member passes', i: inst('i-sf', 'running', { 'aws:ec2spot:fleet-request-id': 'sfr-1' }), status: 'PASS', why: /Spot Fleet request sfr-1/ },
    { name: 'EC2 Fleet member passes', i: inst('i-ef', 'running', { 'aws:ec2:fleet-id': 'fleet-1' }), status: 'PASS', why: /EC2 Fleet fleet-1/ },
    { name: 'Karpenter node passes', i: inst('i-k', 'running', { 'karpenter.sh/nodepool': 'default' }), status: 'PASS', why: /Karpenter node pool default/ },
    { name: 'a look-alike tag is no automation', i: inst('i-fake', 'running', { 'karpenter.sh/discovery': 'cluster' }), status: 'FAIL', why: /pet/ },
    { name: 'a hand-built instance is a pet', i: inst('i-pet', 'running', { Name: 'legacy-db' }), status: 'FAIL', why: /"pet"/ },
    // asg-can-relaunch's judgement of the group decides for its members.
    { name: 'a member of a group whose AMI is gone fails high', i: inst('i-broken'), status: 'FAIL', severity: 'high', why: /group broken, but its group cannot launch a replacement: its launch template lt-old version \$Default uses AMI ami-deregistered, which no longer exists/ },
    { name: 'a member of a group whose launch configuration is gone fails high', i: inst('i-legacy'), status: 'FAIL', severity: 'high', why: /cannot launch a replacement: its launch configuration lc-deleted no longer exists/ },
    { name: 'a group tag naming no listed group is detached: a pet', i: inst('i-detached', 'running', { 'aws:autoscaling:groupName': 'deleted-asg' }), status: 'FAIL', why: /"pet".*tag names group deleted-asg, which no longer exists: the instance is detached/ },
    { name: 'a detached instance with a live launch template passes by the template', i: inst('i-det-lt', 'running', { 'aws:autoscaling:groupName': 'deleted-asg', 'aws:ec2launchtemplate:id': 'lt-1' }), status: 'PASS', why: /launch template lt-1/ },
    { name: 'an instance from a launch template whose AMI is gone fails', i: inst('i-lt-old', 'running', { 'aws:ec2launchtemplate:id': 'lt-old' }), status: 'FAIL', severity: 'medium', why: /launch template lt-old, whose AMI ami-deregistered no longer exists: the template cannot re-create it/ },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const inv = withRegion({
        ec2: { instances: ok([c.i]), launchTemplateVersions: ok([...LTS]), images: ok([{ ImageId: 'ami-1', State: 'available' }]) },
        autoscaling: { groups: ok([...GROUPS]), launchConfigurations: ok([{ LaunchConfigurationName: 'lc-gone-ami', ImageId: 'ami-deregistered' }]) },
      });
      const [f] = runCheck(ec2RecoverableByAutomation, inv);
      assert.equal(f.status, c.status);
      assert.match(f.message, c.why);
      assert.equal(f.resourceId, arn(c.i.InstanceId));
      if (c.severity) assert.equal(f.severity, c.severity);
    });
  }

  it('an instance whose launch template was deleted is not re-creatable', () => {
    const inv = withRegion({ ec2: { instances: ok([inst('i-orphan', 'running', { 'aws:ec2launchtemplate:id': 'lt-gone' })]), launchTemplateVersions: ok([{ LaunchTemplateId: 'lt-1' }]) } });
    const [f] = runCheck(ec2RecoverableByAutomation, inv);
    assert.equal(f.status, 'FAIL');
    assert.match(f.message, /lt-gone, which no longer exists/);
  });

  it('UNKNOWN for a launch-template-only instance when templates cannot be listed', () => {
    const inv = withRegion({ ec2: { instances: ok([inst('i-lt', 'running', { 'aws:ec2launchtemplate:id': 'lt-1' })]), launchTemplateVersions: denied('ec2:DescribeLaunchTemplateVersions') } });
    const [f] = runCheck(ec2RecoverableByAutomation, inv);
    assert.equal(f.status, 'UNKNOWN');
    assert.deepEqual(f.missingPermissions, ['ec2:DescribeLaunchTemplateVersions']);
  });

  it('skips terminated instances and reports stopped pets at low severity', () => {
    const inv = withRegion({ ec2: { instances: ok([inst('i-gone', 'terminated'), inst('i-stopped', 'stopped'), inst('i-run')]) } });
    const findings = runCheck(ec2RecoverableByAutomation, inv);
    assert.deepEqual(verdicts(findings), { [arn('i-stopped')]: 'FAIL', [arn('i-run')]: 'FAIL' });
    assert.equal(findings.find((f) => f.resourceId === arn('i-stopped'))!.severity, 'low');
    assert.equal(findings.find((f) => f.resourceId === arn('i-run'))!.severity, 'medium');
  });

  it('UNKNOWN naming the permission when the AMI of a launch-template instance, or of its group, cannot be read', () => {
    const inv = withRegion({
      ec2: { instances: ok([inst('i-lt', 'running', { 'aws:ec2launchtemplate:id': 'lt-1' }), inst('i-asg')]), launchTemplateVersions: ok([...LTS]), images: denied('ec2:DescribeImages') },
      autoscaling: { groups: ok([...GROUPS]) },
    });
    const findings = runCheck(ec2RecoverableByAutomation, inv);
    assert.deepEqual(verdicts(findings), { [arn('i-lt')]: 'UNKNOWN', [arn('i-asg')]: 'UNKNOWN' });
    for (const f of findings) assert.deepEqual(f.missingPermissions, ['ec2:DescribeImages']);
  });

  it('UNKNOWN when instances cannot be listed', () => {
    const [f] = runCheck(ec2RecoverableByAutomation, withRegion({ ec2: { instances: denied('ec2:DescribeInstances') } }));
    assert.equal(f.status, 'UNKNOWN');
    assert.deepEqual(f.missingPermissions, ['ec2:DescribeInstances']);
  });

  it('UNKNOWN for an untagged or group-tagged instance when groups cannot be listed, PASS when another tag still decides', () => {
    const inv = withRegion({
      ec2: { instances: ok([inst('i-x'), inst('i-eks', 'running', { 'eks:nodegroup-name': 'ng' }), inst('i-tagged', 'running', { 'aws:autoscaling:groupName': 'web' })]) },
      autoscaling: { groups: denied('autoscaling:DescribeAutoScalingGroups') },
    });
    const findings = runCheck(ec2RecoverableByAutomation, inv);
    // A group tag alone cannot tell whether the group still exists and can launch.
    assert.deepEqual(verdicts(findings), { [arn('i-x')]: 'UNKNOWN', [arn('i-eks')]: 'PASS', [arn('i-tagged')]: 'UNKNOWN' });
    assert.deepEqual(findings[2].missingPermissions, ['autoscaling:DescribeAutoScalingGroups']);
    assert.deepEqual(findings[0].missingPermissions, ['autoscaling:DescribeAutoScalingGroups']);
  });
});
