// Reading and writing inventory snapshots. A snapshot from disk is untrusted input: validate the
// structure the checks rely on and name the file and the path of the first problem.
import { readFileSync, writeFileSync } from 'node:fs';
import { InputError } from '../errors';
import type { Inventory } from './types';
import { INVENTORY_SCHEMA_VERSION } from './types';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Paths of every `Got<T>` field, relative to an account and to a region. */
const ACCOUNT_GOT: [path: string, isList: boolean][] = [
  ['s3.buckets', true],
  ['iam.authorizationDetails', false],
  ['iam.credentialReport', false],
  ['iam.accountSummary', false],
  ['organizations.organization', false],
  ['organizations.accounts', true],
  ['organizations.serviceControlPolicies', true],
];
const REGION_GOT = [
  'ec2.instances',
  'ec2.launchTemplateVersions',
  'ec2.images',
  'autoscaling.groups',
  'autoscaling.launchConfigurations',
  'backup.vaults',
  'backup.plans',
  'backup.protectedResources',
  'backup.restoreTestingPlans',
  'rds.instances',
  'rds.clusters',
  'dynamodb.tables',
  'efs.fileSystems',
  'ebsVolumes',
];
const BUCKET_GOT = ['region', 'versioning', 'lifecycle', 'objectLock', 'replication', 'policy', 'tags'];

/**
 * Inside each element of a Got list: the Got fields and plain lists that checks, metrics and the
 * blast radius read (a bad one would otherwise crash them outside the engine's guard).
 */
const INSIDE: Record<string, { got?: [key: string, isList: boolean][]; lists?: string[]; strings?: string[]; more?: (el: Obj, at: string) => void }> = {
  's3.buckets': { got: BUCKET_GOT.map((k) => [k, false]), more: checkVersioning },
  'ec2.instances': { strings: ['InstanceId'] },
  'dynamodb.tables': { got: [['pointInTimeRecovery', false]] },
  'backup.vaults': { got: [['accessPolicy', false], ['recoveryPoints', true]], strings: ['BackupVaultArn', 'BackupVaultName'] },
  'backup.plans': { got: [['selections', true]], lists: ['Rules'], strings: ['BackupPlanArn'], more: checkCopyActions },
  'backup.restoreTestingPlans': { got: [['selections', true]] },
  'organizations.serviceControlPolicies': { got: [['targets', true]] },
};
/** Lists inside a Got value that is one object. */
const VALUE_LISTS: Record<string, string[]> = {
  'iam.authorizationDetails': ['users', 'groups', 'roles', 'policies'],
  'iam.credentialReport': ['rows'],
};

const VERSIONING = ['Enabled', 'Suspended', 'Never'];

// Checks tell "never enabled" from "suspended" by this string: anything else would read as never enabled.
function checkVersioning(b: Obj, at: string): void {
  const v = b.versioning as { ok: boolean; value: unknown };
  if (!v.ok) return;
  if (!isObj(v.value) || !VERSIONING.includes(v.value.status as string))
    throw new Invalid(`${at}.versioning.value.status: expected one of ${VERSIONING.join(', ')}, got ${JSON.stringify(isObj(v.value) ? v.value.status : v.value)}`);
}

// Copy destinations are split into region and account by several checks.
function checkCopyActions(plan: Obj, at: string): void {
  (plan.Rules as Obj[]).forEach((r, j) => {
    if (r.CopyActions === undefined) return;
    checkObjects(r.CopyActions, `${at}.Rules[${j}].CopyActions`).forEach((c, k) => {
      if (typeof c.DestinationBackupVaultArn !== 'string') throw new Invalid(`${at}.Rules[${j}].CopyActions[${k}].DestinationBackupVaultArn: expected a vault ARN`);
    });
  });
}

function get(o: Obj, path: string): unknown {
  return path.split('.').reduce<unknown>((v, k) => (isObj(v) ? v[k] : undefined), o);
}

class Invalid extends Error {}

/** Returns whether the call succeeded (its value is then there to look into). */
function checkGot(v: unknown, path: string, valueIsList: boolean): v is { ok: true; value: unknown } {
  if (!isObj(v) || typeof v.ok !== 'boolean') throw new Invalid(`${path}: expected {"ok": true, "value": ...} or {"ok": false, "error": {...}}`);
  if (v.ok) {
    if (!('value' in v)) throw new Invalid(`${path}.value: missing`);
    if (valueIsList && !Array.isArray(v.value)) throw new Invalid(`${path}.value: expected a list`);
    return true;
  }
  const e = v.error;
  if (!isObj(e) || typeof e.api !== 'string' || typeof e.permission !== 'string' || typeof e.code !== 'string')
    throw new Invalid(`${path}.error: expected {api, permission, code, message, ...}`);
  return false;
}

function checkObjects(v: unknown, path: string): Obj[] {
  if (!Array.isArray(v)) throw new Invalid(`${path}: expected a list`);
  v.forEach((x, i) => {
    if (!isObj(x)) throw new Invalid(`${path}[${i}]: expected an object`);
  });
  return v as Obj[];
}

/** The Got at `holder.path` (named `at.path` in errors), and what lies inside its value. */
function checkGotAt(holder: Obj, path: string, at: string, isList: boolean): void {
  const where = `${at}.${path}`;
  const got = get(holder, path);
  if (!checkGot(got, where, isList)) return;
  if (isList) {
    const inside = INSIDE[path] ?? {};
    checkObjects(got.value, `${where}.value`).forEach((el, i) => {
      const eat = `${where}.value[${i}]`;
      for (const k of inside.strings ?? []) if (typeof el[k] !== 'string' || !el[k]) throw new Invalid(`${eat}.${k}: expected a non-empty string`);
      for (const [k, l] of inside.got ?? []) checkGotAt(el, k, eat, l);
      for (const k of inside.lists ?? []) checkObjects(el[k], `${eat}.${k}`);
      inside.more?.(el, eat);
    });
  } else if (VALUE_LISTS[path]) {
    if (!isObj(got.value)) throw new Invalid(`${where}.value: expected an object`);
    for (const k of VALUE_LISTS[path]) checkObjects(got.value[k], `${where}.value.${k}`);
  }
}

export function validateInventory(raw: unknown): Inventory {
  if (!isObj(raw)) throw new Invalid('top level: expected a JSON object');
  if (raw.kind !== 'drready-inventory') throw new Invalid(`kind: expected "drready-inventory", got ${JSON.stringify(raw.kind)} (is this a report.json rather than a snapshot?)`);
  if (raw.schemaVersion !== INVENTORY_SCHEMA_VERSION) throw new Invalid(`schemaVersion: this drready reads version ${INVENTORY_SCHEMA_VERSION}, the file has ${JSON.stringify(raw.schemaVersion)}`);
  if (typeof raw.collectedAt !== 'string' || Number.isNaN(Date.parse(raw.collectedAt))) throw new Invalid('collectedAt: expected an ISO-8601 date');
  if (!Array.isArray(raw.regions) || !raw.regions.every((r) => typeof r === 'string')) throw new Invalid('regions: expected a list of region names');
  if (!Array.isArray(raw.errors)) throw new Invalid('errors: expected a list');
  if (!Array.isArray(raw.accounts)) throw new Invalid('accounts: expected a list');
  raw.accounts.forEach((a, i) => {
    const at = `accounts[${i}]`;
    if (!isObj(a)) throw new Invalid(`${at}: expected an object`);
    if (typeof a.accountId !== 'string' || !/^\d{12}$/.test(a.accountId)) throw new Invalid(`${at}.accountId: expected a 12-digit account id`);
    if (typeof a.partition !== 'string') throw new Invalid(`${at}.partition: expected a string such as "aws"`);
    if (!Array.isArray(a.errors)) throw new Invalid(`${at}.errors: expected a list`);
    const buckets = get(a, 's3.buckets') as { ok?: boolean; value?: unknown[] } | undefined;
    if (buckets?.ok && Array.isArray(buckets.value))
      buckets.value.forEach((b, j) => {
        if (!isObj(b) || typeof b.name !== 'string' || typeof b.arn !== 'string') throw new Invalid(`${at}.s3.buckets.value[${j}]: expected a bucket with name and arn`);
      });
    for (const [p, isList] of ACCOUNT_GOT) checkGotAt(a, p, at, isList);
    if (!Array.isArray(a.regions)) throw new Invalid(`${at}.regions: expected a list`);
    a.regions.forEach((r, k) => {
      const rat = `${at}.regions[${k}]`;
      if (!isObj(r) || typeof r.region !== 'string') throw new Invalid(`${rat}.region: expected a region name`);
      for (const p of REGION_GOT) checkGotAt(r, p, rat, true);
    });
  });
  return raw as unknown as Inventory;
}

export function readSnapshot(file: string): Inventory {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new InputError(`${file}: cannot read snapshot: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new InputError(`${file}: snapshot is not valid JSON: ${(e as Error).message}`);
  }
  try {
    return validateInventory(raw);
  } catch (e) {
    if (e instanceof Invalid) throw new InputError(`${file}: not a valid drready snapshot: ${e.message}`);
    throw e;
  }
}

export function writeSnapshot(file: string, inventory: Inventory): void {
  writeFileSync(file, JSON.stringify(inventory, null, 1) + '\n');
}
