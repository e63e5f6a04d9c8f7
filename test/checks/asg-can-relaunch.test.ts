import assert from 'node:assert/strict';
import { asgCanRelaunch } from '../../checks/asg-can-relaunch';
import type { AutoScalingGroup } from '../../src/inventory/types';
import { denied, ok, withRegion } from '../helpers/inventory';
import { runCheck } from '../helpers/run';

const group = (name: string, patch: Partial<AutoScalingGroup>): AutoScalingGroup => ({ AutoScalingGroupName: name, AutoScalingGroupARN: `arn:asg:${name}`, ...patch });
const lts = ok([
  { LaunchTemplateId: 'lt-web', LaunchTemplateName: 'web', VersionNumber: 3, DefaultVersion: true, LaunchTemplateData: { ImageId: 'ami-good' } },
  { LaunchTemplateId: 'lt-web', LaunchTemplateName: 'web', VersionNumber: 4, DefaultVersion: false, LaunchTemplateData: { ImageId: 'ami-gone' } },
  { LaunchTemplateId: 'lt-ssm', LaunchTemplateName: 'ssm', VersionNumber: 1, DefaultVersion: true, LaunchTemplateData: { ImageId: 'resolve:ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64' } },
  { LaunchTemplateId: 'lt-off', LaunchTemplateName: 'off', VersionNumber: 1, DefaultVersion: true, LaunchTemplateData: { ImageId: 'ami-disabled' } },
  { LaunchTemplateId: 'lt-noami', LaunchTemplateName: 'noami', VersionNumber: 1, DefaultVersion: true, LaunchTemplateData: { InstanceType: 't3.micro' } },
]);
const images = ok([{ ImageId: 'ami-good', State: 'available' }, { ImageId: 'ami-disabled', State: 'disabled' }]);
const lcs = ok([{ LaunchConfigurationName: 'old-lc', ImageId: 'ami-good' }, { LaunchConfigurationName: 'older-lc', ImageId: 'ami-gone' }]);

describe('asg-can-relaunch', () => {
  const cases: { name: string; g: AutoScalingGroup; status: string; severity?: string; message: RegExp }[] = [
    { name: 'default version with an existing AMI passes', g: group('a', { LaunchTemplate: { LaunchTemplateId: 'lt-web', Version: '$Default' } }), status: 'PASS', message: /AMI ami-good, which exists/ },
    { name: '$Latest whose AMI was deregistered fails', g: group('b', { LaunchTemplate: { LaunchTemplateName: 'web', Version: '$Latest' } }), status: 'FAIL', severity: 'high', message: /AMI ami-gone no longer exists/ },
    { name: 'a pinned version number is resolved', g: group('c', { LaunchTemplate: { LaunchTemplateId: 'lt-web', Version: '4' } }), status: 'FAIL', message: /ami-gone/ },
    { name: 'a mixed instances policy template is read', g: group('d', { MixedInstancesPolicy: { LaunchTemplate: { LaunchTemplateSpecification: { LaunchTemplateId: 'lt-web' } } } }), status: 'PASS', message: /ami-good/ },
    { name: 'an SSM-resolved AMI passes', g: group('e', { LaunchTemplate: { LaunchTemplateId: 'lt-ssm' } }), status: 'PASS', message: /resolve:ssm/ },
    { name: 'a disabled AMI fails', g: group('f', { LaunchTemplate: { LaunchTemplateId: 'lt-off' } }), status: 'FAIL', message: /is disabled/ },
    { name: 'a deleted launch template fails', g: group('g', { LaunchTemplate: { LaunchTemplateId: 'lt-deleted' } }), status: 'FAIL', message: /no longer exists: it cannot launch any instance/ },
    { name: 'a launch configuration fails medium as deprecated', g: group('h', { LaunchConfigurationName: 'old-lc' }), status: 'FAIL', severity: 'medium', message: /launch configurations are deprecated/ },
    { name: 'a launch configuration with a gone AMI fails high', g: group('i', { LaunchConfigurationName: 'older-lc' }), status: 'FAIL', severity: 'high', message: /ami-gone no longer exists.*deprecated/ },
    // Auto Scaling cannot add an AMI to a template that names none, so the group cannot launch.
    { name: 'a template version with no AMI fails', g: group('k', { LaunchTemplate: { LaunchTemplateId: 'lt-noami' } }), status: 'FAIL', severity: 'high', message: /names no AMI/ },
    // Per-instance-type overrides may carry their own template with an AMI; they are not collected.
    { name: 'a mixed instances template with no AMI is unknown', g: group('l', { MixedInstancesPolicy: { LaunchTemplate: { LaunchTemplateSpecification: { LaunchTemplateId: 'lt-noami' } } } }), status: 'UNKNOWN', message: /names no AMI.*overrides/ },
    { name: 'a version the inventory does not hold is unknown', g: group('j', { LaunchTemplate: { LaunchTemplateId: 'lt-web', Version: '1' } }), status: 'UNKNOWN', message: /version 1/ },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const [f] = runCheck(asgCanRelaunch, withRegion({ autoscaling: { groups: ok([c.g]), launchConfigurations: lcs }, ec2: { launchTemplateVersions: lts, images } }));
      assert.equal(f.resourceId, c.g.AutoScalingGroupARN);
      assert.equal(f.status, c.status);
      assert.match(f.message, c.message);
      if (c.severity) assert.equal(f.severity, c.severity);
    });
  }

  it('UNKNOWN naming ec2:DescribeImages when images cannot be read', () => {
    const [f] = runCheck(asgCanRelaunch, withRegion({ autoscaling: { groups: ok([group('a', { LaunchTemplate: { LaunchTemplateId: 'lt-web' } })]) }, ec2: { launchTemplateVersions: lts, images: denied('ec2:DescribeImages') } }));
    assert.equal(f.status, 'UNKNOWN');
    assert.deepEqual(f.missingPermissions, ['ec2:DescribeImages']);
  });

  it('UNKNOWN naming the permission when groups cannot be listed; no groups, no finding', () => {
    const [f] = runCheck(asgCanRelaunch, withRegion({ autoscaling: { groups: denied('autoscaling:DescribeAutoScalingGroups') } }));
    assert.deepEqual(f.missingPermissions, ['autoscaling:DescribeAutoScalingGroups']);
    assert.deepEqual(runCheck(asgCanRelaunch, withRegion({})), []);
  });
});
