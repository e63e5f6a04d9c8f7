import type { AutoScalingGroup, LaunchTemplateVersion } from '../src/inventory/types';
import type { Check, CheckResult } from './types';
import { eachRegion, listFailed } from './types';

type LtRef = { LaunchTemplateId?: string; LaunchTemplateName?: string; Version?: string };

function templateOf(g: AutoScalingGroup): LtRef | undefined {
  return g.LaunchTemplate ?? g.MixedInstancesPolicy?.LaunchTemplate?.LaunchTemplateSpecification;
}

/** The launch template version an ASG launches: `$Default` (the default), `$Latest`, or a number. */
function resolve(ref: LtRef, versions: LaunchTemplateVersion[]): { found: LaunchTemplateVersion | undefined; templateExists: boolean } {
  const mine = versions.filter((v) => (ref.LaunchTemplateId && v.LaunchTemplateId === ref.LaunchTemplateId) || (ref.LaunchTemplateName && v.LaunchTemplateName === ref.LaunchTemplateName));
  const want = ref.Version ?? '$Default';
  let found: LaunchTemplateVersion | undefined;
  if (want === '$Default') found = mine.find((v) => v.DefaultVersion);
  else if (want === '$Latest') found = [...mine].sort((a, b) => (b.VersionNumber ?? 0) - (a.VersionNumber ?? 0))[0];
  else found = mine.find((v) => String(v.VersionNumber) === want);
  return { found, templateExists: mine.length > 0 };
}

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
      const images = region.ec2.images;
      const imageState = (id: string): 'ok' | 'gone' | string | { unknown: string } => {
        if (id.startsWith('resolve:ssm:')) return 'ok'; // resolved at launch to a current AMI
        if (!images.ok) return { unknown: images.error.permission };
        const img = images.value.find((i) => i.ImageId === id);
        if (!img) return 'gone';
        return !img.State || img.State === 'available' ? 'ok' : img.State;
      };
      for (const g of groups.value) {
        const base = {
          ...where,
          resourceId: g.AutoScalingGroupARN ?? `arn:${account.partition}:autoscaling:${region.region}:${account.accountId}:autoScalingGroup:*:autoScalingGroupName/${g.AutoScalingGroupName}`,
        };
        const name = g.AutoScalingGroupName;
        let ami: string | undefined;
        let source: string;
        let deprecated = false;
        const ref = templateOf(g);
        if (g.LaunchConfigurationName) {
          deprecated = true;
          source = `launch configuration ${g.LaunchConfigurationName}`;
          const lcs = region.autoscaling.launchConfigurations;
          const lc = lcs.ok ? lcs.value.find((l) => l.LaunchConfigurationName === g.LaunchConfigurationName) : undefined;
          ami = lc?.ImageId;
          if (!lcs.ok || !lc) {
            out.push({
              ...base,
              status: 'FAIL',
              severity: 'medium',
              message: `Group ${name} uses ${source}; launch configurations are deprecated (no new instance types; new accounts cannot create them). Move it to a launch template.${lcs.ok ? ' The launch configuration itself was not found.' : ` Its AMI could not be checked (grant ${lcs.error.permission}).`}`,
            });
            continue;
          }
        } else if (ref) {
          const lts = region.ec2.launchTemplateVersions;
          const label = ref.LaunchTemplateName ?? ref.LaunchTemplateId ?? '?';
          source = `launch template ${label} version ${ref.Version ?? '$Default'}`;
          if (!lts.ok) {
            out.push({ ...base, status: 'UNKNOWN', missingPermissions: [lts.error.permission], message: `Could not read ${source} of group ${name}: grant ${lts.error.permission}.` });
            continue;
          }
          const r = resolve(ref, lts.value);
          if (!r.templateExists) {
            out.push({ ...base, status: 'FAIL', message: `Group ${name} launches from launch template ${label}, which no longer exists: it cannot launch any instance. Point it at an existing template.` });
            continue;
          }
          if (!r.found) {
            out.push({ ...base, status: 'UNKNOWN', message: `Group ${name} launches from ${source}, a version the inventory does not hold (only default and latest versions are collected).` });
            continue;
          }
          ami = r.found.LaunchTemplateData?.ImageId;
          if (!ami) {
            // Auto Scaling cannot add an AMI to a template that names none; only mixed-instances
            // overrides (not collected) could bring their own template with one.
            if (g.MixedInstancesPolicy)
              out.push({ ...base, status: 'UNKNOWN', details: { source }, message: `Group ${name} launches from ${source}, which names no AMI; the group's per-instance-type overrides (not collected) may supply one. Check them, or set an AMI in the template.` });
            else out.push({ ...base, status: 'FAIL', details: { source }, message: `Group ${name} launches from ${source}, which names no AMI: Auto Scaling cannot add one, so the group cannot launch any instance. Create a version with an existing AMI.` });
            continue;
          }
        } else {
          out.push({ ...base, status: 'UNKNOWN', message: `Group ${name} names neither a launch template nor a launch configuration in the inventory.` });
          continue;
        }
        const state = ami ? imageState(ami) : 'ok';
        const lcNote = deprecated ? ' It also uses a launch configuration (deprecated): move it to a launch template.' : '';
        if (typeof state === 'object') {
          if (deprecated)
            out.push({ ...base, status: 'FAIL', severity: 'medium', message: `Group ${name} uses ${source}: launch configurations are deprecated; move it to a launch template. Its AMI ${ami} could not be checked (grant ${state.unknown}).` });
          else out.push({ ...base, status: 'UNKNOWN', missingPermissions: [state.unknown], message: `Could not tell whether AMI ${ami} of group ${name} still exists: grant ${state.unknown}.` });
        } else if (state !== 'ok') {
          const what = state === 'gone' ? 'no longer exists' : `is ${state}`;
          out.push({ ...base, status: 'FAIL', details: { ami, source }, message: `Group ${name} launches from ${source}, whose AMI ${ami} ${what}: replacing a lost instance or scaling out will fail. Create a new version with an existing AMI.${lcNote}` });
        } else if (deprecated) {
          out.push({ ...base, status: 'FAIL', severity: 'medium', details: { ami, source }, message: `Group ${name} uses ${source}: launch configurations are deprecated (no new instance types; new accounts cannot create them). Copy it to a launch template and switch the group.` });
        } else {
          out.push({ ...base, status: 'PASS', details: { ami, source }, message: `Group ${name} launches from ${source}${ami ? ` with AMI ${ami}, which exists` : ''}.` });
        }
      }
    }
    return out;
  },
};
