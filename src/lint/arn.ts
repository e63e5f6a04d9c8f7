// ARN patterns (policy side, with `*`, `?` and `${...}`) and ARN formats (iam-data side, with `${Var}`),
// and whether some real ARN can match both.
import { resourceTypesOf } from './iamdata.js';

/** A policy pattern token: literal char, `?`, or `*` (also used for opaque `${...}` values). */
type PTok = { k: 'lit'; c: string } | { k: 'one' } | { k: 'star' };
/** A format token: literal char, or a variable that holds `/` only when `slash`, `:` only when `colon`. */
type TTok = { k: 'lit'; c: string } | { k: 'var'; slash: boolean; colon: boolean };

const ESCAPES: Record<string, string> = { '${*}': '*', '${?}': '?', '${$}': '$' };

/** Split a policy resource into tokens; `${...}` (policy variables, CloudFormation values) is opaque. */
export function patternTokens(p: string): PTok[] {
  const out: PTok[] = [];
  for (let i = 0; i < p.length; i++) {
    const ch = p[i];
    if (ch === '$' && p[i + 1] === '{') {
      const end = p.indexOf('}', i);
      if (end > 0) {
        const v = p.slice(i, end + 1);
        out.push(ESCAPES[v] ? { k: 'lit', c: ESCAPES[v] } : { k: 'star' });
        i = end;
        continue;
      }
    }
    if (ch === '*') {
      if (out.length === 0 || out[out.length - 1].k !== 'star') out.push({ k: 'star' });
    } else if (ch === '?') out.push({ k: 'one' });
    else out.push({ k: 'lit', c: ch });
  }
  return out;
}

/** Colon-separated segments, not splitting inside `${...}` (e.g. `${AWS::Partition}`). */
export function arnSegments(p: string): string[] {
  const segs: string[] = [];
  let cur = '';
  for (let i = 0; i < p.length; i++) {
    if (p[i] === '$' && p[i + 1] === '{') {
      const end = p.indexOf('}', i);
      if (end > 0) {
        cur += p.slice(i, end + 1);
        i = end;
        continue;
      }
    }
    if (p[i] === ':') {
      segs.push(cur);
      cur = '';
    } else cur += p[i];
  }
  segs.push(cur);
  return segs;
}

export interface ArnFormat {
  service: string;
  type: string;
  arn: string;
  tokens: TTok[];
  /** The service segment of the ARN format (`logs`, `execute-api`): not always the action prefix. */
  arnService: string;
}

const formatCache = new Map<string, Map<string, ArnFormat>>();

/** ARN formats of a service's resource types, keyed by lower-case type name. */
export function arnFormats(service: string): Map<string, ArnFormat> {
  const s = service.toLowerCase();
  let m = formatCache.get(s);
  if (m) return m;
  m = new Map();
  const types = Object.values(resourceTypesOf(s));
  const arns = types.map((t) => t.arn);
  for (const t of types) {
    // A variable may hold `/` (log groups, role paths, object keys) unless some format of the service
    // follows it with `/` (S3 bucket vs bucket/object, DynamoDB table/x/index/y, ELB targetgroup/name/id).
    const tokens: TTok[] = [];
    const re = /\$\{[^}]*\}|\*/g; // formats use `*` too (backup recovery points: account `*`; dms `endpoint:*`)
    let last = 0;
    let mm: RegExpExecArray | null;
    while ((mm = re.exec(t.arn))) {
      for (const c of t.arn.slice(last, mm.index)) tokens.push({ k: 'lit', c });
      const upTo = t.arn.slice(0, mm.index + mm[0].length) + '/';
      const slash = !arns.some((a) => a.startsWith(upTo));
      // A free-form name that ends the format may hold `:` too (S3 keys, RDS `snapshot:awsbackup:job-1`).
      tokens.push({ k: 'var', slash, colon: slash && mm.index + mm[0].length === t.arn.length });
      last = mm.index + mm[0].length;
    }
    for (const c of t.arn.slice(last)) tokens.push({ k: 'lit', c });
    m.set(t.key.toLowerCase(), { service: s, type: t.key, arn: t.arn, tokens, arnService: arnSegments(t.arn)[2] ?? s });
  }
  formatCache.set(s, m);
  return m;
}

/** Whether some string matches both the policy pattern and the ARN format. */
export function intersects(p: PTok[], t: TTok[]): boolean {
  const nP = p.length;
  const nT = t.length;
  const W = nT + 1;
  const seen = new Uint8Array((nP + 1) * W); // 0 unknown, 1 false, 2 true
  const go = (i: number, j: number): boolean => {
    const key = i * W + j;
    if (seen[key]) return seen[key] === 2;
    seen[key] = 1; // guards cycles; joint moves always advance one side
    let ok = false;
    if (i === nP && j === nT) ok = true;
    const pt = p[i];
    const tt = t[j];
    if (!ok && tt && tt.k === 'var' && go(i, j + 1)) ok = true; // variable ends
    if (!ok && pt && pt.k === 'star' && go(i + 1, j)) ok = true; // star ends
    if (!ok && pt && tt) {
      if (pt.k === 'star') {
        if (tt.k === 'lit') ok = go(i, j + 1);
      } else if (tt.k === 'var') {
        const fits = pt.k === 'one' || ((pt.c !== ':' || tt.colon) && (pt.c !== '/' || tt.slash));
        if (fits) ok = go(i + 1, j);
      } else if (pt.k === 'one' || pt.c === tt.c) ok = go(i + 1, j + 1);
    }
    seen[key] = ok ? 2 : 1;
    return ok;
  };
  return go(0, 0);
}

const matchCache = new Map<string, boolean>();
const tokenCache = new Map<string, PTok[]>();

/** Whether a policy resource can name a resource of this format. Cached per run. */
export function resourceFits(resource: string, f: ArnFormat): boolean {
  const key = `${resource}\u0000${f.service}\u0000${f.type}`;
  let r = matchCache.get(key);
  if (r === undefined) {
    let toks = tokenCache.get(resource);
    if (!toks) {
      toks = patternTokens(resource);
      tokenCache.set(resource, toks);
    }
    r = intersects(toks, f.tokens);
    matchCache.set(key, r);
  }
  return r;
}

/** `*`, or a value that is nothing but opaque `${...}` parts (a CloudFormation reference). */
export function isStarLike(resource: string): boolean {
  return resource === '*' || /^(\$\{[^}]*\}|\*)+$/.test(resource);
}

/**
 * An ARN pattern that names every resource of a service (`arn:aws:s3:::*`, `arn:aws:ec2:*:*:*`).
 * AWS's own examples use these for actions that only take "*".
 */
export function coversWholeService(resource: string, arnServices: string[]): boolean {
  const segs = arnSegments(resource);
  if (segs[0] !== 'arn' || segs.length < 3) return false;
  const svc = segs[2];
  if (!(svc === '*' || svc.startsWith('${') || arnServices.includes(svc.toLowerCase()))) return false;
  if (segs.length < 6) return segs[segs.length - 1] === '*';
  return /^[*:]+$/.test(segs.slice(5).join(':'));
}
