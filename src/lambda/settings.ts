// The Lambda's settings, from its environment (set by deploy/drready.yaml). Bad values fail the
// invocation with a message naming the variable.
import { parse as parseYaml } from 'yaml';
import { knownThresholds } from '../../checks';
import { parseConfig, type Config } from '../config';
import { InputError } from '../errors';
import { checkRoleName, parseAccountIds } from '../org/accounts';
import type { Scope } from '../org/collect';
import { DEFAULT_ROLE_NAME } from '../org/credentials';

export interface LambdaSettings {
  bucket: string;
  /** Reports go under `<reportPrefix><date-time>-<run-id>/`; default `reports/`. */
  reportPrefix: string;
  /** The copy of the newest report; default `latest/`. */
  latestPrefix: string;
  /** Per-account results of a Step Functions run; default `runs/`. */
  partsPrefix: string;
  topicArn?: string;
  scope: Scope;
  roleName: string;
  regions?: string[];
  allRegions: boolean;
  concurrency: number;
  accountConcurrency: number;
  /** Accounts collected at once by the state machine (its Map reads it from the plan's output). */
  mapConcurrency: number;
  /** Inline config (YAML or JSON) from DRREADY_CONFIG. */
  configText?: string;
  /** s3://bucket/key of a config file (DRREADY_CONFIG_S3). */
  configS3?: { bucket: string; key: string };
  /** AWS-compatible endpoint for every client (local runs against an emulator). */
  endpoint?: string;
  region: string;
}

type Env = Record<string, string | undefined>;

export function readSettings(env: Env): LambdaSettings {
  const bucket = env.REPORT_BUCKET;
  if (!bucket) throw new InputError('REPORT_BUCKET: required (the bucket the reports are written to)');
  const scopeName = env.AUDIT_SCOPE ?? 'account';
  let scope: Scope;
  if (scopeName === 'account') scope = { kind: 'self' };
  else if (scopeName === 'org') scope = { kind: 'org' };
  else if (scopeName === 'accounts') scope = { kind: 'accounts', accountIds: parseAccountIds([env.ACCOUNT_IDS ?? ''], 'ACCOUNT_IDS') };
  else throw new InputError(`AUDIT_SCOPE: expected account, org or accounts, got "${scopeName}"`);
  const s: LambdaSettings = {
    bucket,
    reportPrefix: prefix(env.REPORT_PREFIX ?? 'reports/', 'REPORT_PREFIX'),
    latestPrefix: prefix(env.LATEST_PREFIX ?? 'latest/', 'LATEST_PREFIX'),
    partsPrefix: prefix(env.PARTS_PREFIX ?? 'runs/', 'PARTS_PREFIX'),
    scope,
    roleName: checkRoleName(env.ROLE_NAME || DEFAULT_ROLE_NAME, 'ROLE_NAME'),
    allRegions: env.ALL_REGIONS === 'true',
    concurrency: positive(env.CONCURRENCY, 'CONCURRENCY', 8),
    accountConcurrency: positive(env.ACCOUNT_CONCURRENCY, 'ACCOUNT_CONCURRENCY', 4),
    mapConcurrency: positive(env.MAP_CONCURRENCY, 'MAP_CONCURRENCY', 10),
    region: env.AWS_REGION ?? env.AWS_DEFAULT_REGION ?? 'us-east-1',
  };
  if (env.SNS_TOPIC_ARN) s.topicArn = env.SNS_TOPIC_ARN;
  const regions = (env.REGIONS ?? '').split(/[\s,]+/).filter(Boolean);
  if (regions.length) s.regions = regions;
  if (env.DRREADY_CONFIG && env.DRREADY_CONFIG_S3) throw new InputError('DRREADY_CONFIG and DRREADY_CONFIG_S3: set one, not both');
  if (env.DRREADY_CONFIG) s.configText = env.DRREADY_CONFIG;
  if (env.DRREADY_CONFIG_S3) {
    const m = /^s3:\/\/([^/]+)\/(.+)$/.exec(env.DRREADY_CONFIG_S3);
    if (!m) throw new InputError(`DRREADY_CONFIG_S3: expected s3://bucket/key, got "${env.DRREADY_CONFIG_S3}"`);
    s.configS3 = { bucket: m[1], key: m[2] };
  }
  if (env.DRREADY_ENDPOINT_URL) s.endpoint = env.DRREADY_ENDPOINT_URL;
  return s;
}

/** Parses config text (YAML, of which JSON is a subset) with the CLI's validation. */
export function parseConfigText(text: string, where: string): Config {
  let raw: unknown;
  try {
    raw = parseYaml(text);
  } catch (e) {
    throw new InputError(`${where}: not valid YAML or JSON: ${(e as Error).message}`);
  }
  return parseConfig(raw ?? {}, where, knownThresholds());
}

function prefix(p: string, name: string): string {
  if (p.startsWith('/') || p.includes('..')) throw new InputError(`${name}: "${p}" must be a relative key prefix`);
  return p === '' || p.endsWith('/') ? p : p + '/';
}

function positive(v: string | undefined, name: string, fallback: number): number {
  if (v === undefined || v === '') return fallback;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new InputError(`${name}: expected a positive whole number, got "${v}"`);
  return n;
}
