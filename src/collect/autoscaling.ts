// Auto Scaling (regional): groups and launch configurations, for "can this server be re-created?".
import { paginateDescribeAutoScalingGroups, paginateDescribeLaunchConfigurations } from '@aws-sdk/client-auto-scaling';
import type { AutoScalingGroup, AutoScalingInventory, LaunchConfiguration } from '../inventory/types';
import { call } from './call';
import { collectPages, type CollectContext } from './context';
import { pick } from './plain';

const GROUP_KEYS = [
  'AutoScalingGroupName', 'AutoScalingGroupARN', 'LaunchConfigurationName', 'LaunchTemplate', 'MixedInstancesPolicy',
  'MinSize', 'MaxSize', 'DesiredCapacity', 'Instances', 'Tags',
] as const;

export async function collectAutoScaling(ctx: CollectContext, region: string): Promise<AutoScalingInventory> {
  const client = ctx.clients.autoscaling(region);
  const groups = await call(ctx, { api: 'autoscaling:DescribeAutoScalingGroups', region }, async () => {
    const raw = await collectPages(paginateDescribeAutoScalingGroups({ client }, {}), (p) => p.AutoScalingGroups);
    return raw.map((g) => {
      const group = pick<AutoScalingGroup>(g, GROUP_KEYS);
      // Keep only the parts of MixedInstancesPolicy and Instances the type defines; the rest is noise.
      if (group.MixedInstancesPolicy) {
        const mip: NonNullable<AutoScalingGroup['MixedInstancesPolicy']> = pick(group.MixedInstancesPolicy, ['LaunchTemplate']);
        if (mip.LaunchTemplate) mip.LaunchTemplate = pick(mip.LaunchTemplate, ['LaunchTemplateSpecification']);
        group.MixedInstancesPolicy = mip;
      }
      if (group.Instances) {
        group.Instances = group.Instances.map((i) => pick(i, ['InstanceId', 'LifecycleState', 'LaunchTemplate', 'LaunchConfigurationName']));
      }
      if (group.Tags) group.Tags = group.Tags.map((t) => pick(t, ['Key', 'Value']));
      return group;
    });
  });
  const launchConfigurations = await call(ctx, { api: 'autoscaling:DescribeLaunchConfigurations', region }, async () => {
    const raw = await collectPages(paginateDescribeLaunchConfigurations({ client }, {}), (p) => p.LaunchConfigurations);
    return raw.map((lc) => pick<LaunchConfiguration>(lc, ['LaunchConfigurationName', 'ImageId', 'InstanceType', 'CreatedTime']));
  });
  return { groups, launchConfigurations };
}
