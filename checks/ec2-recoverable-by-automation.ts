import { groupLaunch, imageState, resolveVersion } from './asg-launch';
import { asgMembersOf, detachedFrom, groupNamesOf, LAUNCH_TEMPLATE_TAG, recreation, STACK_TAG } from './automation';
import type { Check, CheckResult } from './types';
import { eachRegion, ec2Arn, listFailed, tagValue } from './types';

export const ec2RecoverableByAutomation: Check = {
  meta: {
    id: 'ec2-recoverable-by-automation',
    title: 'EC2 instances can be re-created by automation',
    severity: 'medium',
    threats: ['server-compromise', 'engineer-mistake', 'account-wipe'],
    resourceType: 'AWS::EC2::Instance',
    risk: 'An instance built by hand (a "pet") must be rebuilt by hand after it is lost or compromised: slow, error-prone, and often impossible to reproduce exactly.',
    remediation: {
      console:
        'Capture the instance as code: create a launch template from it (EC2 console → the instance → Actions → Image and templates → Create template from instance), then run it from an Auto Scaling group (min = max = 1 is fine) or a CloudFormation stack, and retire the hand-built instance.',
      cli: 'aws ec2 get-launch-template-data --instance-id <id> --query LaunchTemplateData > data.json && aws ec2 create-launch-template --launch-template-name <name> --launch-template-data file://data.json && aws autoscaling create-auto-scaling-group --auto-scaling-group-name <name> --launch-template LaunchTemplateName=<name> --min-size 1 --max-size 1 --vpc-zone-identifier <subnet>',
      cloudformation: 'AWS::EC2::LaunchTemplate + AWS::AutoScaling::AutoScalingGroup (or AWS::EC2::Instance in a stack)',
    },
    permissions: ['ec2:DescribeInstances', 'autoscaling:DescribeAutoScalingGroups', 'autoscaling:DescribeLaunchConfigurations', 'ec2:DescribeLaunchTemplateVersions', 'ec2:DescribeImages'],
  },
  run({ inventory }) {
    const out: CheckResult[] = [];
    for (const [account, region] of eachRegion(inventory)) {
      const where = { accountId: account.accountId, region: region.region };
      const instances = region.ec2.instances;
      if (listFailed(instances, where, 'list the EC2 instances', out)) continue;
      const groups = region.autoscaling.groups;
      const asgMembers = asgMembersOf(groups.ok ? groups.value : []);
      const groupNames = groupNamesOf(groups);
      for (const i of instances.value) {
        const state = i.State?.Name ?? 'unknown';
        if (state === 'terminated' || state === 'shutting-down') continue;
        const arn = ec2Arn(account, region.region, 'instance', i.InstanceId);
        const name = tagValue(i.Tags, 'Name');
        const label = name ? `${i.InstanceId} (${name})` : i.InstanceId;
        const base = { ...where, resourceId: arn, details: { state, name } };
        const r = recreation(i, asgMembers, groupNames);
        const by = r?.by;
        const stopped = state === 'running' ? '' : ` It is ${state}.`;
        const lowIfStopped = state === 'running' ? undefined : ('low' as const);
        const lt = r?.tag === LAUNCH_TEMPLATE_TAG ? r.id : undefined;
        const lts = region.ec2.launchTemplateVersions;
        // The group (asg-can-relaunch's judgement) or the template must still be able to launch it.
        const group = r?.group && groups.ok ? groups.value.find((g) => g.AutoScalingGroupName === r.group) : undefined;
        const launch = group ? groupLaunch(account, region, group) : undefined;
        // The version it was launched from when the inventory holds it, else the default.
        const pick = (Version?: string) => (lt && lts.ok ? resolveVersion({ LaunchTemplateId: lt, Version }, lts.value).found : undefined);
        const ami = (pick(tagValue(i.Tags, 'aws:ec2launchtemplate:version')) ?? pick())?.LaunchTemplateData?.ImageId;
        const amiState = ami ? imageState(region, ami) : 'ok';
        const detached = detachedFrom(i, asgMembers, groupNames);
        const detachedNote = detached ? ` Its aws:autoscaling:groupName tag names group ${detached}, which no longer exists: the instance is detached.` : '';
        if (launch?.canLaunch === false) {
          out.push({ ...base, status: 'FAIL', severity: 'high', message: `Instance ${label} belongs to Auto Scaling group ${r!.group}, but its group cannot launch a replacement: ${launch.why}. Fix the group (see asg-can-relaunch).${stopped}` });
        } else if (r?.group && !groups.ok) {
          // Only the tag says so: whether the group still exists and can launch is unread.
          out.push({
            ...base,
            status: 'UNKNOWN',
            missingPermissions: [groups.error.permission],
            message: `Instance ${label} is tagged as a member of Auto Scaling group ${r.group}; whether that group still exists and can launch a replacement could not be read (grant ${groups.error.permission}).`,
          });
        } else if (launch?.canLaunch === 'unknown') {
          out.push({
            ...base,
            status: 'UNKNOWN',
            missingPermissions: launch.missingPermissions,
            message: `Instance ${label} belongs to Auto Scaling group ${r!.group}; whether the group can launch a replacement is not known: ${launch.why}.`,
          });
        } else if (lt && lts.ok && typeof amiState === 'string' && amiState !== 'ok') {
          const what = amiState === 'gone' ? 'no longer exists' : `is ${amiState}`;
          out.push({ ...base, status: 'FAIL', severity: lowIfStopped, message: `Instance ${label} was launched from launch template ${lt}, whose AMI ${ami} ${what}: the template cannot re-create it. Create a template version with an existing AMI.${stopped}` });
        } else if (lt && lts.ok && typeof amiState === 'object') {
          out.push({ ...base, status: 'UNKNOWN', missingPermissions: [amiState.unknown], message: `Instance ${label} was launched from launch template ${lt}; whether its AMI ${ami} still exists could not be read (grant ${amiState.unknown}).` });
        } else if (lt && lts.ok && !lts.value.some((v) => v.LaunchTemplateId === lt)) {
          out.push({
            ...base,
            status: 'FAIL',
            severity: state === 'running' ? undefined : 'low',
            message: `Instance ${label} was launched from launch template ${lt}, which no longer exists: nothing can re-create it. Recreate a template from the instance and run it from an Auto Scaling group.${stopped}`,
          });
        } else if (lt && !lts.ok) {
          out.push({
            ...base,
            status: 'UNKNOWN',
            missingPermissions: [lts.error.permission],
            message: `Instance ${label} was launched from launch template ${lt}; whether that template still exists could not be read (grant ${lts.error.permission}).`,
          });
        } else if (r?.tag === STACK_TAG) {
          // Deleting a stack deletes its instances unless the template retains them, so a live
          // instance with the tag almost always has its stack. drready does not read CloudFormation,
          // so it says so instead of returning an UNKNOWN no permission could resolve.
          out.push({ ...base, status: 'PASS', message: `Instance ${label} can be re-created by its ${by} (named by the instance's tag; drready does not read CloudFormation to confirm the stack still exists).${stopped}` });
        } else if (by) {
          out.push({ ...base, status: 'PASS', message: `Instance ${label} can be re-created by its ${by}.${stopped}` });
        } else if (!groups.ok) {
          out.push({
            ...base,
            status: 'UNKNOWN',
            message: `Instance ${label} carries no automation tag, and Auto Scaling groups could not be listed (${groups.error.code}) to tell whether it belongs to one.`,
            missingPermissions: [groups.error.permission],
          });
        } else {
          out.push({
            ...base,
            status: 'FAIL',
            // A stopped pet still has to be rebuilt by hand, but nothing runs on it today.
            severity: state === 'running' ? undefined : 'low',
            message: `Instance ${label} is a "pet": no Auto Scaling group, CloudFormation stack, launch template, EKS node group, Beanstalk environment, Spot or EC2 Fleet or Karpenter node pool can re-create it.${detachedNote}${stopped}`,
          });
        }
      }
    }
    return out;
  },
};
