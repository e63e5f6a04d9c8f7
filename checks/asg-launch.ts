// Whether an Auto Scaling group can launch an instance now: shared by asg-can-relaunch (the group)
// and ec2-recoverable-by-automation (its members), so both judge a group the same way.
import type { AccountInventory, AutoScalingGroup, LaunchTemplateVersion, RegionInventory } from '../src/inventory/types';
import type { Severity, Status } from '../src/model';

type LtRef = { LaunchTemplateId?: string; LaunchTemplateName?: string; Version?: string };

function templateOf(g: AutoScalingGroup): LtRef | undefined {
  return g.LaunchTemplate ?? g.MixedInstancesPolicy?.LaunchTemplate?.LaunchTemplateSpecification;
}

/** The launch template version an ASG launches: `$Default` (the default), `$Latest`, or a number. */
export function resolveVersion(ref: LtRef, versions: LaunchTemplateVersion[]): { found: LaunchTemplateVersion | undefined; templateExists: boolean } {
  const mine = versions.filter((v) => (ref.LaunchTemplateId && v.LaunchTemplateId === ref.LaunchTemplateId) || (ref.LaunchTemplateName && v.LaunchTemplateName === ref.LaunchTemplateName));
  const want = ref.Version ?? '$Default';
  let found: LaunchTemplateVersion | undefined;
  if (want === '$Default') found = mine.find((v) => v.DefaultVersion);
  else if (want === '$Latest') found = [...mine].sort((a, b) => (b.VersionNumber ?? 0) - (a.VersionNumber ?? 0))[0];
  else found = mine.find((v) => String(v.VersionNumber) === want);
  return { found, templateExists: mine.length > 0 };
}

/** `ok`, `gone`, another image state (`disabled`...), or the permission that left it unknown. */
export function imageState(region: RegionInventory, id: string): 'ok' | 'gone' | string | { unknown: string } {
  if (id.startsWith('resolve:ssm:')) return 'ok'; // resolved at launch to a current AMI
  const images = region.ec2.images;
  if (!images.ok) return { unknown: images.error.permission };
  const img = images.value.find((i) => i.ImageId === id);
  if (!img) return 'gone';
  return !img.State || img.State === 'available' ? 'ok' : img.State;
}

export interface GroupLaunch {
  resourceId: string;
  status: Exclude<Status, 'NOT_APPLICABLE'>;
  severity?: Severity;
  message: string;
  details?: Record<string, unknown>;
  missingPermissions?: string[];
  /** Can the group launch a replacement? `why` says what stops it (false) or what is unread ('unknown'). */
  canLaunch: boolean | 'unknown';
  why?: string;
}

function groupArn(account: AccountInventory, region: RegionInventory, g: AutoScalingGroup): string {
  return g.AutoScalingGroupARN ?? `arn:${account.partition}:autoscaling:${region.region}:${account.accountId}:autoScalingGroup:*:autoScalingGroupName/${g.AutoScalingGroupName}`;
}

export function groupLaunch(account: AccountInventory, region: RegionInventory, g: AutoScalingGroup): GroupLaunch {
  const resourceId = groupArn(account, region, g);
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
    if (!lcs.ok || !lc)
      return {
        resourceId,
        status: 'FAIL',
        severity: 'medium',
        message: `Group ${name} uses ${source}; launch configurations are deprecated (no new instance types; new accounts cannot create them). Move it to a launch template.${lcs.ok ? ' The launch configuration itself was not found.' : ` Its AMI could not be checked (grant ${lcs.error.permission}).`}`,
        ...(lcs.ok
          ? { canLaunch: false, why: `its ${source} no longer exists` }
          : { canLaunch: 'unknown' as const, why: `its ${source} could not be read (grant ${lcs.error.permission})`, missingPermissions: [lcs.error.permission] }),
      };
  } else if (ref) {
    const lts = region.ec2.launchTemplateVersions;
    const label = ref.LaunchTemplateName ?? ref.LaunchTemplateId ?? '?';
    source = `launch template ${label} version ${ref.Version ?? '$Default'}`;
    if (!lts.ok) {
      const why = `its ${source} could not be read (grant ${lts.error.permission})`;
      return { resourceId, status: 'UNKNOWN', missingPermissions: [lts.error.permission], message: `Could not read ${source} of group ${name}: grant ${lts.error.permission}.`, canLaunch: 'unknown', why };
    }
    const r = resolveVersion(ref, lts.value);
    if (!r.templateExists)
      return { resourceId, status: 'FAIL', message: `Group ${name} launches from launch template ${label}, which no longer exists: it cannot launch any instance. Point it at an existing template.`, canLaunch: false, why: `its launch template ${label} no longer exists` };
    if (!r.found)
      return { resourceId, status: 'UNKNOWN', message: `Group ${name} launches from ${source}, a version the inventory does not hold (only default and latest versions are collected).`, canLaunch: 'unknown', why: `its ${source} is not in the inventory` };
    ami = r.found.LaunchTemplateData?.ImageId;
    if (!ami) {
      // Auto Scaling cannot add an AMI to a template that names none; only mixed-instances
      // overrides (not collected) could bring their own template with one.
      if (g.MixedInstancesPolicy)
        return { resourceId, status: 'UNKNOWN', details: { source }, message: `Group ${name} launches from ${source}, which names no AMI; the group's per-instance-type overrides (not collected) may supply one. Check them, or set an AMI in the template.`, canLaunch: 'unknown', why: `its ${source} names no AMI (overrides not collected)` };
      return { resourceId, status: 'FAIL', details: { source }, message: `Group ${name} launches from ${source}, which names no AMI: Auto Scaling cannot add one, so the group cannot launch any instance. Create a version with an existing AMI.`, canLaunch: false, why: `its ${source} names no AMI` };
    }
  } else {
    return { resourceId, status: 'UNKNOWN', message: `Group ${name} names neither a launch template nor a launch configuration in the inventory.`, canLaunch: 'unknown', why: 'it names neither a launch template nor a launch configuration in the inventory' };
  }
  const state = ami ? imageState(region, ami) : 'ok';
  const lcNote = deprecated ? ' It also uses a launch configuration (deprecated): move it to a launch template.' : '';
  if (typeof state === 'object') {
    const why = `whether AMI ${ami} of its ${source} still exists could not be read (grant ${state.unknown})`;
    if (deprecated)
      return { resourceId, status: 'FAIL', severity: 'medium', message: `Group ${name} uses ${source}: launch configurations are deprecated; move it to a launch template. Its AMI ${ami} could not be checked (grant ${state.unknown}).`, canLaunch: 'unknown', why, missingPermissions: [state.unknown] };
    return { resourceId, status: 'UNKNOWN', missingPermissions: [state.unknown], message: `Could not tell whether AMI ${ami} of group ${name} still exists: grant ${state.unknown}.`, canLaunch: 'unknown', why };
  }
  if (state !== 'ok') {
    const what = state === 'gone' ? 'no longer exists' : `is ${state}`;
    return { resourceId, status: 'FAIL', details: { ami, source }, message: `Group ${name} launches from ${source}, whose AMI ${ami} ${what}: replacing a lost instance or scaling out will fail. Create a new version with an existing AMI.${lcNote}`, canLaunch: false, why: `its ${source} uses AMI ${ami}, which ${what}` };
  }
  if (deprecated)
    return { resourceId, status: 'FAIL', severity: 'medium', details: { ami, source }, message: `Group ${name} uses ${source}: launch configurations are deprecated (no new instance types; new accounts cannot create them). Copy it to a launch template and switch the group.`, canLaunch: true };
  return { resourceId, status: 'PASS', details: { ami, source }, message: `Group ${name} launches from ${source}${ami ? ` with AMI ${ami}, which exists` : ''}.`, canLaunch: true };
}
