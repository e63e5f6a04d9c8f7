// Just enough policy reading for the checks that ask "does this policy deny X to everyone?".
// (The IAM linter in src/lint does the full grammar.)

export interface Statement {
  Sid?: string;
  Effect?: string;
  Principal?: unknown;
  NotPrincipal?: unknown;
  Action?: string | string[];
  NotAction?: string | string[];
  Resource?: string | string[];
  NotResource?: string | string[];
  Condition?: Record<string, Record<string, string | string[]>>;
}

const list = <T>(v: T | T[] | undefined): T[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

/** The statements of a policy document, or null when the text is not a policy. */
export function statements(text: string): Statement[] | null {
  try {
    const doc = JSON.parse(text) as { Statement?: Statement | Statement[] };
    if (typeof doc !== 'object' || doc === null) return null;
    return list(doc.Statement).filter((s) => typeof s === 'object' && s !== null);
  } catch {
    return null;
  }
}

/** IAM action pattern match: case-insensitive, `*` and `?` wildcards. */
export function actionMatches(pattern: string, action: string): boolean {
  const re = new RegExp('^' + pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.') + '$', 'i');
  return re.test(action);
}

/** `wildcards: false` for policies whose Action ignores patterns (AWS Backup vault access policies). */
export interface ActionOptions {
  wildcards?: boolean;
}

const isPattern = (p: string) => /[*?]/.test(p);

export function coversAction(s: Statement, action: string, opts: ActionOptions = {}): boolean {
  if (s.NotAction !== undefined) return !list(s.NotAction).some((p) => actionMatches(p, action));
  return list(s.Action).some((p) => (opts.wildcards === false && isPattern(p) ? false : actionMatches(p, action)));
}

/** The wildcard patterns of a statement's Action that would cover `action` if patterns applied. */
export function wildcardsFor(s: Statement, action: string): string[] {
  return list(s.Action).filter((p) => isPattern(p) && actionMatches(p, action));
}

/** The principals a `NotPrincipal` leaves out; null without one (or when it leaves out everyone). */
function notPrincipals(s: Statement): string[] | null {
  const np = s.NotPrincipal;
  if (np === undefined) return null;
  const vs = np && typeof np === 'object' ? Object.values(np as Record<string, string | string[]>).flatMap((v) => list(v)) : list(np as string);
  return vs.includes('*') ? null : vs.map(String);
}

/** Whether a statement applies to every principal (a Deny with NotPrincipal: all but those named). */
export function everyone(s: Statement): boolean {
  if (s.NotPrincipal !== undefined) return s.Effect === 'Deny' && notPrincipals(s) !== null;
  const p = s.Principal;
  if (p === '*') return true;
  if (p && typeof p === 'object') return list((p as Record<string, string | string[]>).AWS).includes('*');
  return false;
}

export function allResources(s: Statement): boolean {
  return s.NotResource === undefined && list(s.Resource).includes('*');
}

// Condition operators that carve principals out of a deny ("everyone except ...").
const EXEMPT_OPS = /^(StringNotEquals|StringNotLike|ArnNotEquals|ArnNotLike)(IfExists)?$/i;
// Only keys that name one principal: an account, an organization, a tag or a wildcard ARN lets in
// anyone an admin can create or tag, so such a deny is only conditional.
const NAMED_KEYS = /^aws:(PrincipalArn|userid)$/i;
// A role's unique id with any session name (`AROA...:*`) still names one role.
const ROLE_SESSIONS = /^[A-Z0-9]+:\*$/;

function namesOne(key: string, value: string): boolean {
  if (!/[*?]/.test(value)) return true;
  return /^aws:userid$/i.test(key) && ROLE_SESSIONS.test(value);
}

/** Splits a deny's conditions into exemptions of named principals and other conditions (which limit the deny). */
export function denyConditions(s: Statement): { exempt: string[]; other: string[] } {
  const exempt: string[] = [];
  const other: string[] = [];
  for (const [op, kv] of Object.entries(s.Condition ?? {}))
    for (const [key, values] of Object.entries(kv ?? {})) {
      const vs = list(values).map(String);
      if (EXEMPT_OPS.test(op) && NAMED_KEYS.test(key) && vs.every((v) => namesOne(key, v))) exempt.push(...vs);
      else other.push(`${op} ${key} ${JSON.stringify(values)}`);
    }
  return { exempt, other };
}

/**
 * How a policy denies `action`: `all` (to everyone, maybe except named principals), `conditional`
 * (only under other conditions, or only on some resources), or `none`.
 */
export function denial(stmts: Statement[], action: string, opts: ActionOptions = {}): { how: 'all' | 'conditional' | 'none'; exempt: string[]; conditions: string[] } {
  let best: { how: 'all' | 'conditional' | 'none'; exempt: string[]; conditions: string[] } = { how: 'none', exempt: [], conditions: [] };
  for (const s of stmts) {
    if (s.Effect !== 'Deny' || !everyone(s) || !coversAction(s, action, opts)) continue;
    const c = denyConditions(s);
    c.exempt.push(...(notPrincipals(s) ?? []));
    if (!c.other.length && allResources(s)) {
      if (best.how !== 'all' || c.exempt.length < best.exempt.length) best = { how: 'all', exempt: c.exempt, conditions: [] };
    } else if (best.how === 'none') {
      best = { how: 'conditional', exempt: c.exempt, conditions: allResources(s) ? c.other : [...c.other, `only on ${list(s.Resource).join(', ')}`] };
    }
  }
  return best;
}

/**
 * How a service control policy denies `action` (SCPs have no Principal: they bind every identity in the
 * account); `conditional` when only under conditions or only on some resources.
 */
export function scpDenial(stmts: Statement[], action: string): 'all' | 'conditional' | 'none' {
  let best: 'all' | 'conditional' | 'none' = 'none';
  for (const s of stmts) {
    if (s.Effect !== 'Deny' || !coversAction(s, action)) continue;
    if (!denyConditions(s).other.length && allResources(s)) return 'all';
    best = 'conditional';
  }
  return best;
}
