import { groupLaunch } from './asg-launch';
import type { Check, CheckResult } from './types';
import { eachRegion, listFailed } from './types';

// An Auto Scaling group is the automation that replaces a lost instance; it can only do so if what
// it launches from still works.
export const asgCanRelaunch: Check = {
  meta: {
    id: 'asg-can-relaunch',
    title: 'Auto Scaling groups can still launch their instances',
    severity: 'high',
    threats: ['server-compromise', 'engineer-mistake'],
    resourceType: 'AWS::AutoScaling::AutoScalingGroup',
    risk: 'An Auto Scaling group re-creates lost instances only if its launch template and machine image still exist. When the AMI has been deregistered, every replacement fails, and nobody notices until an instance dies. Launch configurations are deprecated: no new instance types, and new accounts cannot create them.',
    remediation: {
      console:
        'EC2 console → Launch templates → the template → Actions → Modify template (Create new version) → choose an AMI that exists → Set as default version. For a launch configuration: EC2 console → Auto Scaling groups → the group → Details → Launch configuration → "Copy to launch template", then Edit the group to use that template.',
      cli: 'aws ec2 create-launch-template-version --launch-template-id <lt-id> --source-version <n> --launch-template-data \'{"ImageId":"<existing-ami>"}\' && aws ec2 modify-launch-template --launch-template-id <lt-id> --default-version <new-n>   # launch configuration: aws autoscaling update-auto-scaling-group --auto-scaling-group-name <asg> --launch-template LaunchTemplateId=<lt-id>,Version=\'$Default\'',
      cloudformation: 'AWS::AutoScaling::AutoScalingGroup LaunchTemplate: { LaunchTemplateId, Version } (replacing LaunchConfigurationName); AWS::EC2::LaunchTemplate LaunchTemplateData.ImageId = an existing AMI, or resolve:ssm:/aws/service/... to follow the latest',
    },
    permissions: ['autoscaling:DescribeAutoScalingGroups', 'autoscaling:DescribeLaunchConfigurations', 'ec2:DescribeLaunchTemplateVersions', 'ec2:DescribeImages'],
  },
  run({ inventory }) {
    const out: CheckResult[] = [];
    for (const [account, region] of eachRegion(inventory)) {
      const where = { accountId: account.accountId, region: region.region };
      const groups = region.autoscaling.groups;
      if (listFailed(groups, where, 'list the Auto Scaling groups', out)) continue;
      for (const g of groups.value) {
        const { canLaunch: _c, why: _w, missingPermissions, ...result } = groupLaunch(account, region, g);
        // A FAIL (deprecated launch configuration) names no missing permission; only an UNKNOWN does.
        out.push({ ...where, ...result, ...(result.status === 'UNKNOWN' && missingPermissions ? { missingPermissions } : {}) });
      }
    }
    return out;
  },
};
