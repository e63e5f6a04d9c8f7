// EC2 (regional): instances, launch template versions, the images they all reference, EBS volumes.
import {
  paginateDescribeImages,
  paginateDescribeInstances,
  paginateDescribeLaunchTemplateVersions,
  paginateDescribeLaunchTemplates,
  paginateDescribeVolumes,
} from '@aws-sdk/client-ec2';
import type { Ec2Image, Ec2Instance, Ec2Inventory, Got, LaunchTemplateVersion, RegionInventory } from '../inventory/types';
import { call, ok } from './call';
import { collectPages, type CollectContext } from './context';
import { pick } from './plain';
import { mapLimit } from './pool';

const INSTANCE_KEYS = [
  'InstanceId', 'InstanceType', 'ImageId', 'LaunchTime', 'State', 'Tags', 'IamInstanceProfile', 'VpcId', 'SubnetId', 'PrivateIpAddress',
] as const;
const IMAGE_KEYS = ['ImageId', 'Name', 'State', 'OwnerId', 'CreationDate', 'DeprecationTime'] as const;
const IMAGE_CHUNK = 100;

/** `extraImageIds`: images referenced elsewhere (launch configurations) whose existence matters. */
export async function collectEc2(ctx: CollectContext, region: string, extraImageIds: readonly string[] = []): Promise<Ec2Inventory> {
  const client = ctx.clients.ec2(region);
  const instances = await call(ctx, { api: 'ec2:DescribeInstances', region }, async () => {
    const reservations = await collectPages(paginateDescribeInstances({ client }, {}), (p) => p.Reservations);
    return reservations.flatMap((r) => r.Instances ?? []).map((i) => {
      const inst = pick<Ec2Instance>(i, INSTANCE_KEYS);
      if (inst.State) inst.State = pick(inst.State, ['Name', 'Code']);
      if (inst.IamInstanceProfile) inst.IamInstanceProfile = pick(inst.IamInstanceProfile, ['Arn', 'Id']);
      return inst;
    });
  });
  const launchTemplateVersions = await collectLaunchTemplateVersions(ctx, region);

  const ids = new Set(extraImageIds);
  if (instances.ok) for (const i of instances.value) if (i.ImageId) ids.add(i.ImageId);
  if (launchTemplateVersions.ok) for (const v of launchTemplateVersions.value) if (v.LaunchTemplateData?.ImageId) ids.add(v.LaunchTemplateData.ImageId);
  const images = await collectImages(ctx, region, [...ids].sort());
  return { instances, launchTemplateVersions, images };
}

async function collectLaunchTemplateVersions(ctx: CollectContext, region: string): Promise<Got<LaunchTemplateVersion[]>> {
  const client = ctx.clients.ec2(region);
  const templates = await call(ctx, { api: 'ec2:DescribeLaunchTemplates', region }, () =>
    collectPages(paginateDescribeLaunchTemplates({ client }, {}), (p) => p.LaunchTemplates),
  );
  if (!templates.ok) return templates;
  const perTemplate = await mapLimit(templates.value, ctx.concurrency, (t) =>
    call(ctx, { api: 'ec2:DescribeLaunchTemplateVersions', region, resource: t.LaunchTemplateId }, () =>
      collectPages(
        paginateDescribeLaunchTemplateVersions({ client }, { LaunchTemplateId: t.LaunchTemplateId, Versions: ['$Default', '$Latest'] }),
        (p) => p.LaunchTemplateVersions,
      ),
    ),
  );
  // A template whose versions are unknown would look like "no image": report the whole list as unknown.
  const failure = perTemplate.find((g) => !g.ok);
  if (failure && !failure.ok) return failure;
  const seen = new Set<string>();
  const out: LaunchTemplateVersion[] = [];
  for (const got of perTemplate) {
    if (!got.ok) continue;
    for (const v of got.value) {
      const key = `${v.LaunchTemplateId}:${v.VersionNumber}`;
      if (seen.has(key)) continue; // $Default and $Latest are often the same version
      seen.add(key);
      const version = pick<LaunchTemplateVersion>(v, ['LaunchTemplateId', 'LaunchTemplateName', 'VersionNumber', 'DefaultVersion']);
      if (v.LaunchTemplateData) {
        const data = pick<NonNullable<LaunchTemplateVersion['LaunchTemplateData']>>(v.LaunchTemplateData, ['ImageId', 'InstanceType', 'IamInstanceProfile']);
        if (data.IamInstanceProfile) data.IamInstanceProfile = pick(data.IamInstanceProfile, ['Arn', 'Name']);
        version.LaunchTemplateData = data;
      }
      out.push(version);
    }
  }
  return ok(out);
}

/** Only the referenced ids, via an `image-id` filter: a deregistered id is then simply absent, not an error. */
async function collectImages(ctx: CollectContext, region: string, imageIds: string[]): Promise<Got<Ec2Image[]>> {
  if (imageIds.length === 0) return ok([]);
  const client = ctx.clients.ec2(region);
  return call(ctx, { api: 'ec2:DescribeImages', region }, async () => {
    const out: Ec2Image[] = [];
    for (let i = 0; i < imageIds.length; i += IMAGE_CHUNK) {
      const Filters = [{ Name: 'image-id', Values: imageIds.slice(i, i + IMAGE_CHUNK) }];
      const images = await collectPages(
        paginateDescribeImages({ client }, { Filters, IncludeDeprecated: true, IncludeDisabled: true }),
        (p) => p.Images,
      );
      out.push(...images.map((img) => pick<Ec2Image>(img, IMAGE_KEYS)));
    }
    return out;
  });
}

export async function collectVolumes(ctx: CollectContext, region: string): Promise<RegionInventory['ebsVolumes']> {
  const client = ctx.clients.ec2(region);
  return call(ctx, { api: 'ec2:DescribeVolumes', region }, async () => {
    const volumes = await collectPages(paginateDescribeVolumes({ client }, {}), (p) => p.Volumes);
    return volumes.map((v) => {
      const vol = pick<{ VolumeId: string; Tags?: { Key: string; Value: string }[]; State?: string; Attachments?: { InstanceId?: string }[] }>(v, [
        'VolumeId', 'Tags', 'State', 'Attachments',
      ]);
      if (vol.Attachments) vol.Attachments = vol.Attachments.map((a) => pick(a, ['InstanceId']));
      return vol;
    });
  });
}
