// EFS (regional): file systems, so backup coverage can be judged for them too.
import { paginateDescribeFileSystems } from '@aws-sdk/client-efs';
import type { EfsFileSystem, Got } from '../inventory/types';
import { call } from './call';
import { collectPages, type CollectContext } from './context';
import { pick } from './plain';

export async function collectEfs(ctx: CollectContext, region: string): Promise<{ fileSystems: Got<EfsFileSystem[]> }> {
  const client = ctx.clients.efs(region);
  const fileSystems = await call(ctx, { api: 'elasticfilesystem:DescribeFileSystems', region }, async () =>
    (await collectPages(paginateDescribeFileSystems({ client }, {}), (p) => p.FileSystems)).map((f) => {
      const fs = pick<EfsFileSystem>(f, ['FileSystemId', 'FileSystemArn', 'Name', 'Tags']);
      if (fs.Tags) fs.Tags = fs.Tags.map((t) => pick(t, ['Key', 'Value']));
      return fs;
    }),
  );
  return { fileSystems };
}
