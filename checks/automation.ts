// How an EC2 instance can be re-created without a person: the tags AWS itself puts on instances
// that a service launched and can launch again, and Auto Scaling membership.
import type { AutoScalingGroup, Ec2Instance } from '../src/inventory/types';
import { tagValue } from './types';

// A stack or a template only re-creates the instance while it still exists: the launch template is
// checked against the inventory; stacks are not collected, so a stack is listed last (anything
// else that can be checked wins) and its callers must treat it as unverified.
export const STACK_TAG = 'aws:cloudformation:stack-name';
export const LAUNCH_TEMPLATE_TAG = 'aws:ec2launchtemplate:id';
const AUTOMATION_TAGS: [tag: string, what: string, fleet: boolean][] = [
  ['aws:autoscaling:groupName', 'Auto Scaling group', true],
  ['eks:nodegroup-name', 'EKS managed node group', true],
  ['elasticbeanstalk:environment-name', 'Elastic Beanstalk environment', true],
  [LAUNCH_TEMPLATE_TAG, 'launch template', false],
  [STACK_TAG, 'CloudFormation stack', false],
];

export function asgMembersOf(groups: AutoScalingGroup[]): Map<string, string> {
  const m = new Map<string, string>();
  for (const g of groups) for (const i of g.Instances ?? []) m.set(i.InstanceId, g.AutoScalingGroupName);
  return m;
}

/**
 * Fleet members (Auto Scaling, EKS node groups, Beanstalk) are replaced, never restored: their state
 * lives elsewhere by design. A stack or a launch template re-creates the machine but not what it holds.
 */
export function recreation(i: Ec2Instance, asgMembers: Map<string, string>): { by: string; fleet: boolean; tag?: string; id?: string } | undefined {
  const group = asgMembers.get(i.InstanceId);
  if (group) return { by: `Auto Scaling group ${group}`, fleet: true };
  for (const [tag, what, fleet] of AUTOMATION_TAGS) {
    const v = tagValue(i.Tags, tag);
    if (v) return { by: `${what} ${v}`, fleet, tag, id: v };
  }
  return undefined;
}
