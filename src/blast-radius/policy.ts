// IAM policy documents reduced to what the blast radius needs: per statement, whether it matches
// an action on a resource, and whether a Condition (or a policy variable) makes the match uncertain.
// Action names compare case-insensitively, resource ARNs case-sensitively; `*` and `?` are wildcards.
import { decodePolicyDocument } from '../collect/plain';

export interface Statement {
  effect: 'Allow' | 'Deny';
  actions?: string[];
  notActions?: string[];
  resources?: string[];
  notResources?: string[];
  /** The statement has a Condition we do not evaluate. */
  conditional: boolean;
  /** Where it comes from, for explanations: policy name or ARN. */
  source: string;
  /** Why it is conditional, when it is. */
  why?: string;
}

export type Decision = 'allow' | 'conditional' | 'none';

const toList = (v: unknown): string[] | undefined => (v === undefined ? undefined : (Array.isArray(v) ? v : [v]).filter((x): x is string => typeof x === 'string'));

/** Parses policy JSON text (URL-encoded text is tolerated). Throws with a plain message on bad input. */
export function parseStatements(text: string, source: string): Statement[] {
  const doc = JSON.parse(decodePolicyDocument(text) ?? '') as { Statement?: unknown };
  const list = Array.isArray(doc.Statement) ? doc.Statement : doc.Statement ? [doc.Statement] : [];
  const out: Statement[] = [];
  for (const s of list as Record<string, unknown>[]) {
    if (!s || (s.Effect !== 'Allow' && s.Effect !== 'Deny')) continue;
    const cond = s.Condition && typeof s.Condition === 'object' && Object.keys(s.Condition).length > 0;
    out.push({
      effect: s.Effect,
      actions: toList(s.Action),
      notActions: toList(s.NotAction),
      resources: toList(s.Resource),
      notResources: toList(s.NotResource),
      conditional: Boolean(cond),
      source,
      why: cond ? `condition ${Object.keys(s.Condition as object).join(', ')} in ${source}` : undefined,
    });
  }
  return out;
}

/** One Allow statement of a role's trust policy: who it names, and whether a Condition narrows it. */
export interface TrustStatement {
  aws: string[];
  services: string[];
  federated: string[];
  conditional: boolean;
}

/** The Allow statements of a trust policy (URL-encoded text is tolerated); none when it cannot be read. */
export function trustStatements(text: string | undefined): TrustStatement[] {
  let doc: unknown;
  try {
    doc = JSON.parse(decodePolicyDocument(text) ?? '');
  } catch {
    return [];
  }
  if (!doc || typeof doc !== 'object') return [];
  const raw = (doc as { Statement?: unknown }).Statement;
  const out: TrustStatement[] = [];
  for (const s of (Array.isArray(raw) ? raw : [raw]) as unknown[]) {
    if (!s || typeof s !== 'object' || (s as Record<string, unknown>).Effect !== 'Allow') continue;
    const { Principal: p, Condition: c } = s as Record<string, unknown>;
    const obj = p && typeof p === 'object' ? (p as Record<string, unknown>) : {};
    out.push({
      aws: p === '*' ? ['*'] : toList(obj.AWS) ?? [],
      services: toList(obj.Service) ?? [],
      federated: toList(obj.Federated) ?? [],
      conditional: Boolean(c && typeof c === 'object' && Object.keys(c).length),
    });
  }
  return out;
}

const caseSensitive = new Map<string, RegExp>();
const caseInsensitive = new Map<string, RegExp>();

/** IAM wildcard match: `*` any run, `?` one character. */
export function wildcardMatch(pattern: string, value: string, ignoreCase = false): boolean {
  if (pattern === '*') return true;
  const cache = ignoreCase ? caseInsensitive : caseSensitive;
  let re = cache.get(pattern);
  if (!re) {
    const body = pattern
      .split('')
      .map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[.+^${}()|[\]\\]/g, '\\$&')))
      .join('');
    re = new RegExp(`^${body}$`, ignoreCase ? 'i' : '');
    cache.set(pattern, re);
  }
  return re.test(value);
}

/** The statements that mention this action at all (the per-resource work then scans only these). */
export function forAction(statements: readonly Statement[], action: string): Statement[] {
  return statements.filter((s) => actionMatches(s, action));
}

function actionMatches(s: Statement, action: string): boolean {
  if (s.actions) return s.actions.some((p) => wildcardMatch(p, action, true));
  if (s.notActions) return !s.notActions.some((p) => wildcardMatch(p, action, true));
  return false;
}

/**
 * `match`; `variable` when a policy variable (`${aws:username}`) makes it uncertain; `partial` when
 * the ARN stands for every object of a bucket (`arn:aws:s3:::b/*`) and the pattern covers only some
 * keys (`arn:aws:s3:::b/logs/*`); or `none`.
 */
function resourceMatches(s: Statement, arn: string): 'match' | 'variable' | 'partial' | 'none' {
  const everyObject = arn.endsWith('/*') ? arn.slice(0, -2) : undefined;
  const test = (patterns: string[]) => {
    let weaker: 'variable' | 'partial' | undefined;
    for (const raw of patterns) {
      const variable = raw.includes('${');
      const p = variable ? raw.replace(/\$\{[^}]*\}/g, '*') : raw;
      if (wildcardMatch(p, arn)) {
        if (!variable) return 'match';
        weaker = 'variable';
      } else if (everyObject && p.includes('/') && wildcardMatch(p.slice(0, p.indexOf('/')), everyObject)) weaker ??= 'partial';
    }
    return weaker ?? 'none';
  };
  if (s.resources) return test(s.resources);
  if (s.notResources) {
    const r = test(s.notResources);
    return r === 'match' ? 'none' : r === 'none' ? 'match' : r;
  }
  return 'none';
}

export interface Verdict {
  decision: Decision;
  /** Why the verdict is conditional (conditions, variables, unreadable policies). */
  why: string[];
  /** The role the power comes through (`role/admin`), when it is not the principal's own. */
  via?: string;
}

/**
 * The identity-policy verdict for one action on one resource: an unconditional Deny wins; a
 * conditional Deny or a conditional-only Allow makes it `conditional`; otherwise any Allow allows.
 */
export function decide(statements: readonly Statement[], action: string, arn: string): Verdict {
  let allow = false;
  const why: string[] = [];
  let conditionalAllow = false;
  let conditionalDeny = false;
  for (const s of statements) {
    if (!actionMatches(s, action)) continue;
    const r = resourceMatches(s, arn);
    if (r === 'none') continue;
    // A Deny on some keys leaves the others in reach; an Allow on some keys is partial power.
    if (r === 'partial' && s.effect === 'Deny') continue;
    if (r === 'partial') {
      conditionalAllow = true;
      why.push(`Allow on some object keys only, in ${s.source}`);
      continue;
    }
    const uncertain = s.conditional || r === 'variable';
    if (s.effect === 'Deny') {
      if (!uncertain) return { decision: 'none', why: [] };
      conditionalDeny = true;
      why.push(`Deny with ${s.why ?? `a policy variable in ${s.source}`}`);
    } else if (uncertain) {
      conditionalAllow = true;
      why.push(`Allow with ${s.why ?? `a policy variable in ${s.source}`}`);
    } else allow = true;
  }
  if (allow && !conditionalDeny) return { decision: 'allow', why: [] };
  if (allow || conditionalAllow) return { decision: 'conditional', why: [...new Set(why)] };
  return { decision: 'none', why: [] };
}

/** Where the unconditional Allows of this action on this resource come from: the policies to narrow. */
export function allowSources(statements: readonly Statement[], action: string, arn: string): string[] {
  const out = new Set<string>();
  for (const s of statements) if (s.effect === 'Allow' && !s.conditional && actionMatches(s, action) && resourceMatches(s, arn) === 'match') out.add(s.source);
  return [...out];
}
