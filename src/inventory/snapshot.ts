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

function get(o: Obj, path: string): unknown {
  return path.split('.').reduce<unknown>((v, k) => (isObj(v) ? v[k] : undefined), o);
}

class Invalid extends Error {}

function checkGot(v: unknown, path: string, valueIsList: boolean): void {
  if (!isObj(v) || typeof v.ok !== 'boolean') throw new Invalid(`${path}: expected {"ok": true, "value": ...} or {"ok": false, "error": {...}}`);
  if (v.ok) {
    if (!('value' in v)) throw new Invalid(`${path}.value: missing`);
    if (valueIsList && !Array.isArray(v.value)) throw new Invalid(`${path}.value: expected a list`);
  } else {
    const e = v.error;
    if (!isObj(e) || typeof e.api !== 'string' || typeof e.permission !== 'string' || typeof e.code !== 'string')
      throw new Invalid(`${path}.error: expected {api, permission, code, message, ...}`);
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
    for (const [p, isList] of ACCOUNT_GOT) checkGot(get(a, p), `${at}.${p}`, isList);
    const buckets = get(a, 's3.buckets') as { ok: boolean; value?: unknown[] };
    if (buckets.ok)
      buckets.value!.forEach((b, j) => {
        if (!isObj(b) || typeof b.name !== 'string' || typeof b.arn !== 'string') throw new Invalid(`${at}.s3.buckets.value[${j}]: expected a bucket with name and arn`);
        for (const p of BUCKET_GOT) checkGot(b[p], `${at}.s3.buckets.value[${j}].${p}`, false);
      });
    if (!Array.isArray(a.regions)) throw new Invalid(`${at}.regions: expected a list`);
    a.regions.forEach((r, k) => {
      const rat = `${at}.regions[${k}]`;
      if (!isObj(r) || typeof r.region !== 'string') throw new Invalid(`${rat}.region: expected a region name`);
      for (const p of REGION_GOT) checkGot(get(r, p), `${rat}.${p}`, true);
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
