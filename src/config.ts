// drready's config file (JSON or YAML): thresholds, suppressions, which resources are critical,
// how sensitive data is marked, and the money figures of the threat model.
// Every key is optional; loadConfig() validates and names the bad key on error.
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { InputError } from './errors';
import type { Finding } from './model';

export interface Suppression {
  checkId: string;
  /** Resource id or glob (`*` matches any run of characters). Omitted: every resource of the check. */
  resource?: string;
  accountId?: string;
  reason: string;
}

export interface MoneyConfig {
  currency: string;
  /** Loss if the account is wiped with no way back: roughly what the company is worth. */
  accountWipeLoss: number;
  /** Cost of one sensitive-data incident (notification, fines, lost trust). */
  dataIncidentCost: number;
  outageCostPerHour: number;
  hoursToRecoverByHand: number;
  hoursToRecoverByAutomation: number;
  engineerCostPerHour: number;
}

export interface Config {
  /** Per-check thresholds: `checks["iam-access-key-age"].maxAgeDays = 90`. */
  checks: Record<string, Record<string, number>>;
  suppressions: Suppression[];
  critical: {
    tags: Record<string, string>;
    namePatterns: string[];
    /** How many ordinary resources a critical one counts as (scores, blast-radius ranking): a whole number ≥ 1; default 3. */
    weight?: number;
  };
  sensitive: { nonSensitivePrefixes: string[]; sensitiveTags: Record<string, string>; nonSensitiveTags: Record<string, string> };
  money: MoneyConfig;
}

export function defaultConfig(): Config {
  return {
    checks: {},
    suppressions: [],
    critical: { tags: { 'drready:critical': 'true' }, namePatterns: [], weight: DEFAULT_CRITICAL_WEIGHT },
    sensitive: {
      nonSensitivePrefixes: ['nonsensitive.', 'nonsensitive-', 'public-'],
      sensitiveTags: { 'drready:sensitive': 'true' },
      nonSensitiveTags: { 'drready:sensitive': 'false' },
    },
    money: {
      currency: 'USD',
      accountWipeLoss: 10_000_000,
      dataIncidentCost: 2_000_000,
      outageCostPerHour: 20_000,
      hoursToRecoverByHand: 24,
      hoursToRecoverByAutomation: 1,
      engineerCostPerHour: 150,
    },
  };
}

type Shape = 'number' | 'string' | 'string[]' | 'string-map' | 'object';

const SECTIONS: Record<string, Record<string, Shape> | 'checks' | 'suppressions'> = {
  checks: 'checks',
  suppressions: 'suppressions',
  critical: { tags: 'string-map', namePatterns: 'string[]', weight: 'number' },
  sensitive: { nonSensitivePrefixes: 'string[]', sensitiveTags: 'string-map', nonSensitiveTags: 'string-map' },
  money: {
    currency: 'string',
    accountWipeLoss: 'number',
    dataIncidentCost: 'number',
    outageCostPerHour: 'number',
    hoursToRecoverByHand: 'number',
    hoursToRecoverByAutomation: 'number',
    engineerCostPerHour: 'number',
  },
};

const SHAPE_WORDS: Record<Shape, string> = {
  number: 'a non-negative number',
  string: 'a string',
  'string[]': 'a list of strings',
  'string-map': 'an object whose values are strings',
  object: 'an object',
};

function fits(value: unknown, shape: Shape): boolean {
  switch (shape) {
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) && value >= 0;
    case 'string':
      return typeof value === 'string';
    case 'string[]':
      return Array.isArray(value) && value.every((v) => typeof v === 'string');
    case 'string-map':
      return isObject(value) && Object.values(value).every((v) => typeof v === 'string');
    case 'object':
      return isObject(value);
  }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Validate a parsed config object and merge it over the defaults. `where` names the source in errors. */
export function parseConfig(raw: unknown, where: string, knownChecks?: Map<string, Set<string>>): Config {
  const fail = (key: string, problem: string): never => {
    throw new InputError(`${where}: ${key}: ${problem}`);
  };
  if (!isObject(raw)) fail('(top level)', 'expected an object');
  const cfg = defaultConfig();
  const obj = raw as Record<string, unknown>;
  for (const [section, value] of Object.entries(obj)) {
    const spec = SECTIONS[section];
    if (!spec) fail(section, `unknown key (known: ${Object.keys(SECTIONS).join(', ')})`);
    if (spec === 'checks') {
      if (!isObject(value)) fail('checks', 'expected an object of check ids');
      for (const [checkId, th] of Object.entries(value as Record<string, unknown>)) {
        const known = knownChecks?.get(checkId);
        if (knownChecks && !known) fail(`checks.${checkId}`, 'no check has this id');
        if (!isObject(th)) fail(`checks.${checkId}`, 'expected an object of thresholds');
        for (const [name, n] of Object.entries(th as Record<string, unknown>)) {
          if (known && !known.has(name)) fail(`checks.${checkId}.${name}`, `unknown threshold (known: ${[...known].join(', ') || 'none'})`);
          if (!fits(n, 'number')) fail(`checks.${checkId}.${name}`, 'expected a non-negative number');
        }
        cfg.checks[checkId] = th as Record<string, number>;
      }
    } else if (spec === 'suppressions') {
      if (!Array.isArray(value)) fail('suppressions', 'expected a list');
      (value as unknown[]).forEach((s, i) => {
        const key = `suppressions[${i}]`;
        if (!isObject(s)) fail(key, 'expected an object');
        const o = s as Record<string, unknown>;
        if (typeof o.checkId !== 'string') fail(`${key}.checkId`, 'required string');
        if (knownChecks && !knownChecks.has(o.checkId as string)) fail(`${key}.checkId`, `no check has the id "${o.checkId}"`);
        if (typeof o.reason !== 'string' || !o.reason.trim()) fail(`${key}.reason`, 'required: say why it is accepted');
        for (const k of ['resource', 'accountId']) if (o[k] !== undefined && typeof o[k] !== 'string') fail(`${key}.${k}`, 'expected a string');
        for (const k of Object.keys(o)) if (!['checkId', 'resource', 'accountId', 'reason'].includes(k)) fail(`${key}.${k}`, 'unknown key');
        cfg.suppressions.push(o as unknown as Suppression);
      });
    } else {
      if (!isObject(value)) fail(section, 'expected an object');
      const target = (cfg as unknown as Record<string, Record<string, unknown>>)[section];
      for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
        const shape = spec[k];
        if (!shape) fail(`${section}.${k}`, `unknown key (known: ${Object.keys(spec).join(', ')})`);
        if (!fits(v, shape)) fail(`${section}.${k}`, `expected ${SHAPE_WORDS[shape]}`);
        target[k] = v;
      }
    }
  }
  checkValues(cfg, fail);
  return cfg;
}

// Values that fit their shape but would silently zero results. Checked after the merge, so a key
// given alone is judged against the default of its partner.
function checkValues(cfg: Config, fail: (key: string, problem: string) => never): void {
  const w = cfg.critical.weight;
  // A whole number: it is a count of resources, and it keeps the weighted sums exact.
  if (w !== undefined && !(Number.isInteger(w) && w >= 1)) fail('critical.weight', `expected a whole number of at least 1 (how many ordinary resources a critical one counts as), got ${w}`);
  const m = cfg.money;
  if (m.hoursToRecoverByHand < m.hoursToRecoverByAutomation)
    fail(
      'money.hoursToRecoverByHand',
      `${m.hoursToRecoverByHand} is less than money.hoursToRecoverByAutomation (${m.hoursToRecoverByAutomation}): recovering by hand cannot be faster than by automation, and the outage threats would cost nothing`,
    );
  if (!isCurrency(m.currency)) fail('money.currency', `expected a 3-letter ISO 4217 code such as "USD" or "EUR", got "${m.currency}"`);
}

function isCurrency(code: string): boolean {
  if (!/^[A-Z]{3}$/.test(code)) return false;
  try {
    new Intl.NumberFormat('en', { style: 'currency', currency: code });
    return true;
  } catch {
    return false;
  }
}

export function loadConfig(file: string, knownChecks?: Map<string, Set<string>>): Config {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new InputError(`${file}: cannot read config: ${(e as Error).message}`);
  }
  let raw: unknown;
  try {
    raw = /\.ya?ml$/i.test(file) ? parseYaml(text) : JSON.parse(text);
  } catch (e) {
    throw new InputError(`${file}: not valid ${/\.ya?ml$/i.test(file) ? 'YAML' : 'JSON'}: ${(e as Error).message}`);
  }
  return parseConfig(raw ?? {}, file, knownChecks);
}

/** `*` matches any run of characters; everything else literally. */
export const DEFAULT_CRITICAL_WEIGHT = 3;

export function globMatch(pattern: string, value: string): boolean {
  const re = new RegExp('^' + pattern.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*') + '$');
  return re.test(value);
}

/** The one rule for "this suppression covers this finding" (the engine applies the first that does). */
export function suppressionMatches(s: Suppression, f: Pick<Finding, 'checkId' | 'accountId' | 'resourceId'>): boolean {
  return s.checkId === f.checkId && (s.accountId === undefined || s.accountId === f.accountId) && (s.resource === undefined || globMatch(s.resource, f.resourceId));
}

export interface UnusedSuppression extends Suppression {
  /** Position in the config's `suppressions` list, from 0 (as in `suppressions[0]` in errors). */
  index: number;
}

/** Suppressions that match no finding of the run: usually a typo, or a resource that was renamed or is gone. */
export function unusedSuppressions(suppressions: readonly Suppression[], findings: readonly Finding[]): UnusedSuppression[] {
  return suppressions.flatMap((s, index) => (findings.some((f) => suppressionMatches(s, f)) ? [] : [{ index, ...s }]));
}
