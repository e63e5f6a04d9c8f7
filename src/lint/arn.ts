// ARN patterns (policy side, with `*`, `?` and `${...}`) and ARN formats (iam-data side, with `${Var}`),
// and whether some real ARN can match both.
import { resourceTypesOf } from './iamdata.js';

/** A policy pattern token: literal char, `?`, or `*` (also opaque `${...}`); `colon`: may run past `:`. */
type PTok = { k: 'lit'; c: string } | { k: 'one' } | { k: 'star'; colon: boolean };
/** A format token: literal char, or a variable that holds `/` only when `slash`, `:` only when `colon`. */
type TTok = { k: 'lit'; c: string } | { k: 'var'; slash: boolean; colon: boolean };

const ESCAPES: Record<string, string> = { '${*}': '*', '${?}': '?', '${$}': '$' };

/**
 * Split a policy resource into tokens; `${...}` (policy variables, CloudFormation values) is opaque.
 * With `inner`, a `*` may not run past `:` unless it ends the pattern (the resource part of an ARN);
 * `opaqueColon` false: a `${...}` holds no `:` (one segment value after `arn:`).
 */
export function patternTokens(p: string, inner = false, opaqueColon = true): PTok[] {
  const out: PTok[] = [];
  for (let i = 0; i < p.length; i++) {
    const ch = p[i];
    if (ch === '$' && p[i + 1] === '{') {
      const end = p.indexOf('}', i);
      if (end > 0) {
        const v = p.slice(i, end + 1);
        out.push(ESCAPES[v] ? { k: 'lit', c: ESCAPES[v] } : { k: 'star', colon: opaqueColon });
        i = end;
        continue;
      }
    }
    if (ch === '*') {
      const prev = out[out.length - 1];
      const colon = !inner || i === p.length - 1;
      if (prev?.k === 'star') prev.colon ||= colon;
      else out.push({ k: 'star', colon });
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
  /** Tokens of the partition, service, region and account segments, and of the resource part. */
  head: TTok[][];
  rest: TTok[];
  /** The service segment of the ARN format (`logs`, `execute-api`): not always the action prefix. */
  arnService: string;
}

const formatCache = new Map<string, Map<string, ArnFormat[]>>();
// Names that hold `:` in practice: S3 keys, and RDS snapshots made by AWS Backup (`awsbackup:job-1`).
const COLON_NAMES = new Set(['s3:${ObjectName}', 'rds:${SnapshotName}', 'rds:${ClusterSnapshotName}']);

/**
 * ARN formats of a service's resource types, keyed by lower-case type name. A few types list
 * several ARNs in one string (API Gateway's `/apis/...` and `/restapis/...`): one format each.
 */
export function arnFormats(service: string): Map<string, ArnFormat[]> {
  const s = service.toLowerCase();
  let m = formatCache.get(s);
  if (m) return m;
  m = new Map();
  const types = Object.values(resourceTypesOf(s)).flatMap((t) => t.arn.split(/,\s*(?=arn:)/).map((arn) => ({ key: t.key, arn })));
  const arns = types.map((t) => t.arn);
  for (const t of types) {
    // A variable may hold `/` (log groups, role paths, object keys) unless some format of the service
    // follows it with `/` (S3 bucket vs bucket/object, DynamoDB table/x/index/y, ELB targetgroup/name/id).
    // It holds `:` only where the format writes one (Lambda aliases, log streams, redshift
    // dbuser:cluster/user), except the free-form names in COLON_NAMES.
    const tokens: TTok[] = [];
    const re = /\$\{[^}]*\}|\*/g; // formats use `*` too (backup recovery points: account `*`; dms `endpoint:*`)
    let last = 0;
    let mm: RegExpExecArray | null;
    while ((mm = re.exec(t.arn))) {
      for (const c of t.arn.slice(last, mm.index)) tokens.push({ k: 'lit', c });
      const upTo = t.arn.slice(0, mm.index + mm[0].length) + '/';
      const colon = mm.index + mm[0].length === t.arn.length && COLON_NAMES.has(`${s}:${mm[0]}`);
      tokens.push({ k: 'var', slash: !arns.some((a) => a.startsWith(upTo)), colon });
      last = mm.index + mm[0].length;
    }
    for (const c of t.arn.slice(last)) tokens.push({ k: 'lit', c });
    const { head, rest } = splitTokens(tokens);
    const key = t.key.toLowerCase();
    m.set(key, [...(m.get(key) ?? []), { service: s, type: t.key, arn: t.arn, tokens, head, rest, arnService: arnSegments(t.arn)[2] ?? s }]);
  }
  formatCache.set(s, m);
  return m;
}

/** Format tokens split at the first five `:` (variables never hold `:`). */
function splitTokens(tokens: TTok[]): { head: TTok[][]; rest: TTok[] } {
  const head: TTok[][] = [[]];
  let i = 0;
  for (; i < tokens.length && head.length < 6; i++) {
    const t = tokens[i];
    if (t.k === 'lit' && t.c === ':') head.push([]);
    else head[head.length - 1].push(t);
  }
  if (head.length < 6) return { head: [], rest: [] }; // not six segments: matched loosely
  return { head: head.slice(0, 5), rest: tokens.slice(i) };
}

/** Whether some string matches both the policy pattern and the ARN format (`varColon` false: no variable holds `:`). */
export function intersects(p: PTok[], t: TTok[], varColon = true): boolean {
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
        if (tt.k === 'lit' && (tt.c !== ':' || pt.colon)) ok = go(i, j + 1);
      } else if (tt.k === 'var') {
        const fits = pt.k === 'one' || ((pt.c !== ':' || (tt.colon && varColon)) && (pt.c !== '/' || tt.slash));
        if (fits) ok = go(i + 1, j);
      } else if (pt.k === 'one' || pt.c === tt.c) ok = go(i + 1, j + 1);
    }
    seen[key] = ok ? 2 : 1;
    return ok;
  };
  return go(0, 0);
}

/** 2 = fits; 1 = fits only because a `*` ending a segment runs past `:` (IAM allows it); 0 = never. */
export type FitLevel = 0 | 1 | 2;
type Pattern = { head?: PTok[][]; rest?: PTok[]; loose?: PTok[] };
const matchCache = new Map<string, FitLevel>();
const patternCache = new Map<string, Pattern>();

/**
 * A written-out ARN (`arn:` and six segments) is matched segment by segment: a `*` or `${...}` in the
 * partition, service, region or account stays in that segment, and only a `*` ending the resource
 * part runs past `:`. Failing that, as IAM does: one glob whose `*` may cross `:` (but a `${...}` after
 * `arn:` is one value, e.g. `${AWS::Partition}`) — credited only when the resource part does not start
 * with a type word of its own (`sqlworkbench!*` and `/aws-glue/*` may lack `secret:`/`log-group:`;
 * `stack/x` or `tableVersion/*` reaching some other type through a crossing `*` is a mistake).
 */
function patternOf(resource: string): Pattern {
  let p = patternCache.get(resource);
  if (!p) {
    const segs = arnSegments(resource);
    const arn = segs[0] === 'arn';
    const rest = segs.slice(5).join(':');
    p = arn && segs.length >= 6 ? { head: segs.slice(0, 5).map((s) => patternTokens(s)), rest: patternTokens(rest, true) } : {};
    if (!p.head || !/^[A-Za-z][\w-]*[/:]/.test(rest)) p.loose = patternTokens(resource, false, !arn);
    patternCache.set(resource, p);
  }
  return p;
}

/** How a policy resource can name a resource of this format. Cached per run. */
export function fitLevel(resource: string, f: ArnFormat): FitLevel {
  const key = `${resource}\u0000${f.service}\u0000${f.arn}`;
  let r = matchCache.get(key);
  if (r === undefined) {
    const p = patternOf(resource);
    const strict = p.head && f.head.length ? p.head.every((h, i) => intersects(h, f.head[i])) && intersects(p.rest!, f.rest) : undefined;
    // A crossing `*` and a name holding `:` (S3 keys) together would reach almost anything.
    r = strict ? 2 : !p.loose || !intersects(p.loose, f.tokens, strict === undefined) ? 0 : strict === undefined ? 2 : 1;
    matchCache.set(key, r);
  }
  return r;
}

/** Whether fitLevel can be 1: a written-out ARN with a `*` before the resource part. */
export function mayCross(resource: string): boolean {
  const p = patternOf(resource);
  return !!p.head && !!p.loose && p.head.some((h) => h.some((t) => t.k === 'star'));
}

/** Whether a policy resource can name a resource of this format (crossing `:` included). */
export function resourceFits(resource: string, f: ArnFormat): boolean {
  return fitLevel(resource, f) > 0;
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
