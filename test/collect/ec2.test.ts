import assert from 'node:assert/strict';
import { mockClient, type AwsClientStub } from 'aws-sdk-client-mock';
import {
  DescribeImagesCommand,
  DescribeInstancesCommand,
  DescribeLaunchTemplateVersionsCommand,
  DescribeLaunchTemplatesCommand,
  DescribeVolumesCommand,
  EC2Client,
  EC2ServiceException,
} from '@aws-sdk/client-ec2';
import { AutoScalingClient, DescribeAutoScalingGroupsCommand, DescribeLaunchConfigurationsCommand } from '@aws-sdk/client-auto-scaling';
import { collectAutoScaling } from '../../src/collect/autoscaling';
import { collectEc2, collectVolumes } from '../../src/collect/ec2';
import { awsError, roundTrips, testContext } from '../helpers/collect';

let ec2: AwsClientStub<EC2Client>;
let asg: AwsClientStub<AutoScalingClient>;
const REGION = 'us-west-2';

function instance(id: string, imageId: string) {
  return {
    InstanceId: id,
    ImageId: imageId,
    InstanceType: 't3.micro' as const,
    LaunchTime: new Date('2024-10-01T12:00:00Z'),
    State: { Code: 16, Name: 'running' as const },
    Tags: [{ Key: 'Name', Value: id }],
    IamInstanceProfile: { Arn: 'arn:aws:iam::111122223333:instance-profile/web', Id: 'AIPAEXAMPLE' },
    VpcId: 'vpc-1',
    SubnetId: 'subnet-1',
    PrivateIpAddress: '10.0.0.5',
    BlockDeviceMappings: [{ DeviceName: '/dev/xvda', Ebs: { VolumeId: 'vol-1', Status: 'attached' as const } }],
  };
}

describe('collect/ec2 and autoscaling', () => {
  before(() => {
    ec2 = mockClient(EC2Client);
    asg = mockClient(AutoScalingClient);
  });
  beforeEach(() => {
    ec2.reset();
    asg.reset();
  });
  after(() => {
    ec2.restore();
    asg.restore();
  });

  it('flattens reservations across pages, reads $Default/$Latest template versions, and only referenced images', async () => {
    ec2.on(DescribeInstancesCommand).resolves({
      NextToken: 'i-page-2',
      Reservations: [{ ReservationId: 'r-1', OwnerId: '111122223333', Instances: [instance('i-aaa', 'ami-111'), instance('i-bbb', 'ami-111')] }],
    });
    ec2.on(DescribeInstancesCommand, { NextToken: 'i-page-2' }).resolves({
      Reservations: [{ ReservationId: 'r-2', Instances: [instance('i-ccc', 'ami-gone')] }],
    });
    ec2.on(DescribeLaunchTemplatesCommand).resolves({
      LaunchTemplates: [{ LaunchTemplateId: 'lt-1', LaunchTemplateName: 'web', DefaultVersionNumber: 1, LatestVersionNumber: 2 }],
    });
    ec2.on(DescribeLaunchTemplateVersionsCommand, { LaunchTemplateId: 'lt-1' }).resolves({
      LaunchTemplateVersions: [
        { LaunchTemplateId: 'lt-1', LaunchTemplateName: 'web', VersionNumber: 1, DefaultVersion: true, LaunchTemplateData: { ImageId: 'ami-222', InstanceType: 't3.small', IamInstanceProfile: { Name: 'web' }, UserData: 'c2VjcmV0' } },
        { LaunchTemplateId: 'lt-1', LaunchTemplateName: 'web', VersionNumber: 2, DefaultVersion: false, LaunchTemplateData: { ImageId: 'ami-333' } },
      ],
    });
    ec2.on(DescribeImagesCommand).resolves({
      Images: [
        { ImageId: 'ami-111', Name: 'base-2024', State: 'available', OwnerId: '111122223333', CreationDate: '2024-01-01T00:00:00.000Z', BlockDeviceMappings: [] },
        { ImageId: 'ami-222', Name: 'web-1', State: 'available', OwnerId: '111122223333', DeprecationTime: '2026-01-01T00:00:00.000Z' },
        { ImageId: 'ami-333', Name: 'web-2', State: 'available', OwnerId: '111122223333' },
      ],
    });
    const ctx = testContext();
    const out = await collectEc2(ctx, REGION, ['ami-lc']);
    assert.ok(out.instances.ok);
    assert.deepEqual(out.instances.value.map((i) => i.InstanceId), ['i-aaa', 'i-bbb', 'i-ccc']);
    assert.deepEqual(out.instances.value[0], {
      InstanceId: 'i-aaa',
      InstanceType: 't3.micro',
      ImageId: 'ami-111',
      LaunchTime: '2024-10-01T12:00:00.000Z',
      State: { Name: 'running', Code: 16 },
      Tags: [{ Key: 'Name', Value: 'i-aaa' }],
      IamInstanceProfile: { Arn: 'arn:aws:iam::111122223333:instance-profile/web', Id: 'AIPAEXAMPLE' },
      VpcId: 'vpc-1',
      SubnetId: 'subnet-1',
      PrivateIpAddress: '10.0.0.5',
    });
    const versionCall = ec2.commandCalls(DescribeLaunchTemplateVersionsCommand)[0].args[0].input;
    assert.deepEqual(versionCall.Versions, ['$Default', '$Latest']);
    assert.ok(out.launchTemplateVersions.ok);
    assert.deepEqual(out.launchTemplateVersions.value[0], {
      LaunchTemplateId: 'lt-1',
      LaunchTemplateName: 'web',
      VersionNumber: 1,
      DefaultVersion: true,
      LaunchTemplateData: { ImageId: 'ami-222', InstanceType: 't3.small', IamInstanceProfile: { Name: 'web' } },
    });
    // Only referenced ids, as a filter, so deregistered ones are simply absent.
    const imagesInput = ec2.commandCalls(DescribeImagesCommand)[0].args[0].input;
    assert.deepEqual(imagesInput.Filters, [{ Name: 'image-id', Values: ['ami-111', 'ami-222', 'ami-333', 'ami-gone', 'ami-lc'] }]);
    assert.equal(imagesInput.IncludeDeprecated, true);
    assert.ok(out.images.ok);
    assert.deepEqual(out.images.value.map((i) => i.ImageId), ['ami-111', 'ami-222', 'ami-333']);
    assert.equal(out.images.value[1].DeprecationTime, '2026-01-01T00:00:00.000Z');
    assert.deepEqual(ctx.errors, []);
    assert.ok(roundTrips(out));
  });

  it('dedupes $Default and $Latest when they are the same version', async () => {
    ec2.on(DescribeInstancesCommand).resolves({ Reservations: [] });
    ec2.on(DescribeLaunchTemplatesCommand).resolves({ LaunchTemplates: [{ LaunchTemplateId: 'lt-9', LaunchTemplateName: 'one' }] });
    const v = { LaunchTemplateId: 'lt-9', LaunchTemplateName: 'one', VersionNumber: 4, DefaultVersion: true, LaunchTemplateData: { ImageId: 'ami-9' } };
    ec2.on(DescribeLaunchTemplateVersionsCommand).resolves({ LaunchTemplateVersions: [v, v] });
    ec2.on(DescribeImagesCommand).resolves({ Images: [] });
    const out = await collectEc2(testContext(), REGION);
    assert.ok(out.launchTemplateVersions.ok);
    assert.equal(out.launchTemplateVersions.value.length, 1);
    assert.deepEqual(out.images, { ok: true, value: [] });
  });

  it('one template whose versions fail makes the version list unknown; instances still arrive', async () => {
    ec2.on(DescribeInstancesCommand).resolves({ Reservations: [{ Instances: [instance('i-1', 'ami-1')] }] });
    ec2.on(DescribeLaunchTemplatesCommand).resolves({ LaunchTemplates: [{ LaunchTemplateId: 'lt-a' }, { LaunchTemplateId: 'lt-b' }] });
    ec2.on(DescribeLaunchTemplateVersionsCommand, { LaunchTemplateId: 'lt-a' }).resolves({ LaunchTemplateVersions: [] });
    ec2.on(DescribeLaunchTemplateVersionsCommand, { LaunchTemplateId: 'lt-b' }).rejects(awsError(EC2ServiceException, 'UnauthorizedOperation', 403, 'You are not authorized to perform this operation.'));
    ec2.on(DescribeImagesCommand).resolves({ Images: [{ ImageId: 'ami-1' }] });
    const ctx = testContext();
    const out = await collectEc2(ctx, REGION);
    assert.ok(!out.launchTemplateVersions.ok);
    assert.equal(out.launchTemplateVersions.error.code, 'UnauthorizedOperation');
    assert.equal(out.launchTemplateVersions.error.permission, 'ec2:DescribeLaunchTemplateVersions');
    assert.equal(out.launchTemplateVersions.error.resource, 'lt-b');
    assert.ok(out.instances.ok);
    assert.deepEqual(out.images, { ok: true, value: [{ ImageId: 'ami-1' }] });
  });

  it('collects EBS volumes with attachments', async () => {
    ec2.on(DescribeVolumesCommand).resolves({
      Volumes: [{ VolumeId: 'vol-1', State: 'in-use', Size: 8, Tags: [{ Key: 'backup', Value: 'daily' }], Attachments: [{ InstanceId: 'i-aaa', Device: '/dev/xvda', State: 'attached', VolumeId: 'vol-1' }] }],
    });
    const out = await collectVolumes(testContext(), REGION);
    assert.deepEqual(out, { ok: true, value: [{ VolumeId: 'vol-1', State: 'in-use', Tags: [{ Key: 'backup', Value: 'daily' }], Attachments: [{ InstanceId: 'i-aaa' }] }] });
  });

  it('collects Auto Scaling groups (paged) and launch configurations', async () => {
    asg.on(DescribeAutoScalingGroupsCommand).resolves({
      NextToken: 'asg-2',
      AutoScalingGroups: [
        {
          AutoScalingGroupName: 'web',
          AutoScalingGroupARN: 'arn:aws:autoscaling:us-west-2:111122223333:autoScalingGroup:uuid:autoScalingGroupName/web',
          LaunchTemplate: { LaunchTemplateId: 'lt-1', LaunchTemplateName: 'web', Version: '$Latest' },
          MinSize: 2,
          MaxSize: 4,
          DesiredCapacity: 2,
          DefaultCooldown: 300,
          AvailabilityZones: ['us-west-2a'],
          HealthCheckType: 'EC2',
          CreatedTime: new Date('2024-01-01T00:00:00Z'),
          Instances: [{ InstanceId: 'i-aaa', LifecycleState: 'InService', HealthStatus: 'Healthy', AvailabilityZone: 'us-west-2a', ProtectedFromScaleIn: false, LaunchTemplate: { LaunchTemplateId: 'lt-1', Version: '2' } }],
          Tags: [{ Key: 'team', Value: 'web', ResourceId: 'web', ResourceType: 'auto-scaling-group', PropagateAtLaunch: true }],
        },
      ],
    });
    asg.on(DescribeAutoScalingGroupsCommand, { NextToken: 'asg-2' }).resolves({
      AutoScalingGroups: [{ AutoScalingGroupName: 'legacy', LaunchConfigurationName: 'legacy-lc', MinSize: 1, MaxSize: 1, DesiredCapacity: 1, DefaultCooldown: 300, AvailabilityZones: [], HealthCheckType: 'EC2', CreatedTime: new Date() }],
    });
    asg.on(DescribeLaunchConfigurationsCommand).resolves({
      LaunchConfigurations: [{ LaunchConfigurationName: 'legacy-lc', ImageId: 'ami-lc', InstanceType: 'm5.large', CreatedTime: new Date('2019-01-01T00:00:00Z'), SecurityGroups: [] }],
    });
    const out = await collectAutoScaling(testContext(), REGION);
    assert.ok(out.groups.ok);
    assert.deepEqual(out.groups.value.map((g) => g.AutoScalingGroupName), ['web', 'legacy']);
    assert.deepEqual(out.groups.value[0].Instances, [{ InstanceId: 'i-aaa', LifecycleState: 'InService', LaunchTemplate: { LaunchTemplateId: 'lt-1', Version: '2' } }]);
    assert.deepEqual(out.groups.value[0].Tags, [{ Key: 'team', Value: 'web' }]);
    assert.deepEqual(out.groups.value[0].LaunchTemplate, { LaunchTemplateId: 'lt-1', LaunchTemplateName: 'web', Version: '$Latest' });
    assert.equal(out.groups.value[1].LaunchConfigurationName, 'legacy-lc');
    assert.deepEqual(out.launchConfigurations, { ok: true, value: [{ LaunchConfigurationName: 'legacy-lc', ImageId: 'ami-lc', InstanceType: 'm5.large', CreatedTime: '2019-01-01T00:00:00.000Z' }] });
    assert.ok(roundTrips(out));
  });
});
