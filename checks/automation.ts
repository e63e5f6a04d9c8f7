// How an EC2 instance can be re-created without a person: the tags AWS itself puts on instances
// that a service launched and can launch again, and Auto Scaling membership.
import type { AutoScalingGroup, Ec2Instance } from '../src/inventory/types';
import { tagValue } from './types';

// A stack or a template only re-creates the instance while it still exists: the launch template is
// checked against the inventory; stacks are not collected, so a stack is listed last (anything
// else that can be checked wins) and its callers must treat it as unverified.
export const STACK_TAG = 'aws:cloudformation:stack-name';
export const LAUNCH_TEMPLATE_TAG = 'aws:ec2launchtemplate:id';
const ASG_TAG = 'aws:autoscaling:groupName';
const AUTOMATION_TAGS: [tag: string, what: string, fleet: boolean][] = [
  [ASG_TAG, 'Auto Scaling group', true],
  ['eks:nodegroup-name', 'EKS managed node group', true],
  ['elasticbeanstalk:environment-name', 'Elastic Beanstalk environment', true],
  // Tags AWS (Spot Fleet, EC2 Fleet) or the Karpenter controller put on the instances they launch and replace.
  ['aws:ec2spot:fleet-request-id', 'Spot Fleet request', true],
  ['aws:ec2:fleet-id', 'EC2 Fleet', true],
  ['karpenter.sh/nodepool', 'Karpenter node pool', true],
  [LAUNCH_TEMPLATE_TAG, 'launch template', false],
  [STACK_TAG, 'CloudFormation stack', false],
];

export function asgMembersOf(groups: AutoScalingGroup[]): Map<string, string> {
  const m = new Map<string, string>();
  for (const g of groups) for (const i of g.Instances ?? []) m.set(i.InstanceId, g.AutoScalingGroupName);
  return m;
}

/**
 * Fleet members (Auto Scaling, EKS node groups, Beanstalk, Spot and EC2 Fleets, Karpenter) are replaced, never restored: their state
 * lives elsewhere by design. A stack or a launch template re-creates the machine but not what it holds.
 */
export interface Recreation {
  by: string;
  fleet: boolean;
  tag?: string;
  id?: string;
  /** The Auto Scaling group that replaces it, by membership or by tag. */
  group?: string;
}

/**
 * `groupNames`: the groups of a successfully read list. A group tag naming none of them marks a
 * detached instance (the tag stays after detaching or deleting the group): that tag does not count.
 */
export function recreation(i: Ec2Instance, asgMembers: Map<string, string>, groupNames?: Set<string>): Recreation | undefined {
  const group = asgMembers.get(i.InstanceId);
  if (group) return { by: `Auto Scaling group ${group}`, fleet: true, group };
  for (const [tag, what, fleet] of AUTOMATION_TAGS) {
    const v = tagValue(i.Tags, tag);
    if (!v || (tag === ASG_TAG && detachedFrom(i, asgMembers, groupNames))) continue;
    return { by: `${what} ${v}`, fleet, tag, id: v, group: tag === ASG_TAG ? v : undefined };
  }
  return undefined;
}

/** The group an instance's tag names when that group is not in the read list (see `recreation`). */
export function detachedFrom(i: Ec2Instance, asgMembers: Map<string, string>, groupNames: Set<string> | undefined): string | undefined {
  const v = tagValue(i.Tags, ASG_TAG);
  return v && groupNames && !asgMembers.has(i.InstanceId) && !groupNames.has(v) ? v : undefined;
}

/** The read group list's names, or undefined when it failed (then a group tag is trusted). */
export function groupNamesOf(groups: { ok: true; value: AutoScalingGroup[] } | { ok: false }): Set<string> | undefined {
  return groups.ok ? new Set(groups.value.map((g) => g.AutoScalingGroupName)) : undefined;
}
