// Resource element checks: ARN shape, colon-crossing wildcards, and whether resources fit actions.
import type { ActionCheck } from './actions.js';
import { arnFormats, arnSegments, coversWholeService, fitLevel, isStarLike, mayCross, resourceFits, type ArnFormat } from './arn.js';
import type { ActionData } from './iamdata.js';

const PARTITIONS = /^(aws|aws-cn|aws-us-gov|aws-iso|aws-iso-[a-z]|aws-eusc)$/;
const wild = (s: string) => /[*?]|\$\{/.test(s);

export interface ResourceIssue {
  code: 'INVALID_ARN' | 'WILDCARD_CROSSES_COLON' | 'RESOURCE_MISMATCH';
  severity: 'error' | 'warning' | 'info';
  message: string;
}

/** Shape of one Resource/NotResource value. */
export function arnShapeIssues(r: string): ResourceIssue[] {
  if (isStarLike(r)) return [];
  const segs = arnSegments(r);
  const fmt = 'arn:partition:service:region:account-id:resource (e.g. arn:aws:s3:::my-bucket/*) or "*"';
  if (segs[0] !== 'arn') {
    if (segs[0].startsWith('${')) return [];
    return [{ code: 'INVALID_ARN', severity: 'error', message: `"${r}" is not an ARN; write ${fmt}` }];
  }
  if (segs.length < 6) {
    const starAt = segs.findIndex((s, i) => i >= 1 && wild(s));
    if (starAt < 0) return [{ code: 'INVALID_ARN', severity: 'error', message: `"${r}" has ${segs.length} of the 6 ARN segments; write ${fmt}` }];
    if (segs[segs.length - 1] === '*' && starAt === segs.length - 1) return []; // arn:aws:s3:* — all of a service, on purpose
    return [{
      code: 'WILDCARD_CROSSES_COLON',
      severity: 'warning',
      message: `"${r}" has only ${segs.length} of the 6 ARN segments, so a "*" must run past ":" to match anything; write every segment, e.g. "${[...segs.slice(0, 3), '*', '*', segs.slice(3).join(':').replace(/^\*:?/, '') || '*'].join(':')}"`,
    }];
  }
  const [, partition, service, , account] = segs;
  if (!wild(partition) && !PARTITIONS.test(partition)) {
    return [{ code: 'INVALID_ARN', severity: 'error', message: `"${r}": "${partition}" is not a partition; use aws, aws-cn or aws-us-gov` }];
  }
  if (!service) return [{ code: 'INVALID_ARN', severity: 'error', message: `"${r}" has no service segment; write ${fmt}` }];
  if (account && !wild(account) && !/^(\d{12}|aws)$/.test(account)) {
    return [{ code: 'INVALID_ARN', severity: 'error', message: `"${r}": account "${account}" is not a 12-digit account id; use the id, "*" or leave it empty where the service does (S3)` }];
  }
  return [];
}

const describe = (fs: ArnFormat[]) => {
  const list = fs.slice(0, 3).map((f) => `${f.type} (${f.arn})`).join(', ');
  return fs.length > 3 ? `${list} and ${fs.length - 3} more` : list;
};

const formatsCache = new Map<ActionData, ArnFormat[] | undefined>();
function formatsOf(a: ActionData, service: string): ArnFormat[] | undefined {
  if (formatsCache.has(a)) return formatsCache.get(a);
  const r = computeFormats(a, service);
  formatsCache.set(a, r);
  return r;
}

// A qualified ARN (Lambda `function:f:alias`) is accepted where the resource is: the formats that
// extend a format with `:`, computed once per format.
const qualifiedCache = new Map<ArnFormat, ArnFormat[]>();
function qualified(f: ArnFormat): ArnFormat[] {
  let q = qualifiedCache.get(f);
  if (!q) {
    q = [...arnFormats(f.service).values()].flat().filter((g) => g.arn.startsWith(f.arn + ':'));
    qualifiedCache.set(f, q);
  }
  return q;
}

function computeFormats(a: ActionData, service: string): ArnFormat[] | undefined {
  const all = arnFormats(service);
  const out: ArnFormat[] = [];
  for (const rt of a.resourceTypes) {
    const fs = all.get(rt.name.toLowerCase());
    if (!fs) return undefined; // data gap: do not judge
    for (const f of fs) out.push(f, ...qualified(f));
  }
  return out;
}

type Fit = 'yes' | 'habit' | 'typewide' | 'no';

// A wildcard ARN of the action's own service (`role/*`, `log-group:/aws/x/*`) never matches an action
// that takes only "*", with two exceptions that stay warnings: IAM's List* actions, which IAM evaluates
// against a path ARN (AWS's policy simulator example scopes iam:ListUsers to `user/<path>/*`), and
// companion prefixes (`ssmmessages`, `ec2messages`) that AWS's own policies scope to their base
// service's ARN (`arn:aws:ssm:*:*:session/*`), where the data looks behind.
function typewideWarning(a: ActionData, service: string, r: string): boolean {
  const segs = arnSegments(r);
  if (segs.length < 6 || !/[*?]|\$\{/.test(segs.slice(5).join(':'))) return false;
  const svc = segs[2].toLowerCase();
  if (service === 'iam') return svc === 'iam' && /^list/i.test(a.name);
  return svc.length >= 2 && svc !== service && service.startsWith(svc);
}

const arnServiceCache = new Map<string, string[]>();
/** The names a service goes by in ARNs: its prefix and its formats' service segments. */
function arnServicesOf(service: string): string[] {
  let r = arnServiceCache.get(service);
  if (!r) {
    r = [...new Set([service, ...[...arnFormats(service).values()].flat().map((f) => f.arnService.toLowerCase())])];
    arnServiceCache.set(service, r);
  }
  return r;
}

function actionFit(a: ActionData, service: string, resources: string[]): Fit {
  if (resources.some(isStarLike)) return 'yes';
  if (a.resourceTypes.length === 0) {
    const svcs = arnServicesOf(service);
    if (resources.some((r) => coversWholeService(r, svcs))) return 'habit';
    return resources.some((r) => typewideWarning(a, service, r)) ? 'typewide' : 'no';
  }
  const fs = formatsOf(a, service);
  if (!fs) return 'yes';
  return resources.some((r) => fs.some((f) => resourceFits(r, f))) ? 'yes' : 'no';
}

/**
 * Judged action entry by action entry (a wildcard entry fits when any action it matches fits);
 * then each resource must fit some action of the statement. Only for Allow + Action + Resource.
 */
export function mismatchIssues(entries: { raw: string; check: ActionCheck }[], resources: string[]): ResourceIssue[] {
  const out: ResourceIssue[] = [];
  for (const { raw, check } of entries) {
    if (check.kind !== 'ok') continue;
    const fits: Fit[] = [];
    for (const a of check.actions) {
      const f = actionFit(a, check.service, resources);
      fits.push(f);
      if (f === 'yes') break; // a wildcard entry fits when any action it matches fits
    }
    if (fits.includes('yes')) continue;
    const sample = check.actions[0];
    if (fits.includes('habit')) {
      out.push({ code: 'RESOURCE_MISMATCH', severity: 'info', message: `${raw} takes no resource ARN; it works with ${resources.join(', ')} by AWS's habit, but "Resource": "*" is the documented form` });
      continue;
    }
    if (fits.includes('typewide')) {
      out.push({ code: 'RESOURCE_MISMATCH', severity: 'warning', message: `${raw} supports no resource-level permissions, so ${resources.join(', ')} likely never matches it (IAM's List* actions evaluate a path ARN; a companion service may be scoped to its base service's ARN); move it to a statement with "Resource": "*"` });
      continue;
    }
    if (check.actions.every((a) => a.resourceTypes.length === 0)) {
      out.push({ code: 'RESOURCE_MISMATCH', severity: 'error', message: `${raw} supports no resource-level permissions, so it is never allowed on ${resources.join(', ')}${entries.length > 1 ? ' (the statement\'s other actions are not affected)' : ''}; move it to a statement with "Resource": "*"` });
      continue;
    }
    const fs = [...new Map(check.actions.flatMap((a) => formatsOf(a, check.service) ?? []).map((f) => [f.type, f])).values()];
    const fix = suggestFix(check.actions, check.service, resources);
    out.push({
      code: 'RESOURCE_MISMATCH',
      severity: 'error',
      message: `${raw} applies to ${describe(fs)}, and no resource of the statement fits${check.wildcard ? ' any action it matches' : ''} (${resources.join(', ')}); ${fix ?? `add an ARN of that form${sample.resourceTypes.length === 0 ? ' or "*"' : ''}`}`,
    });
  }
  const concrete = resources.filter((r) => !isStarLike(r));
  const crossers = concrete.filter(mayCross);
  const unusedPass = out.length === 0 && entries.every((e) => e.check.kind === 'ok') && concrete.length === resources.length;
  if (!crossers.length && !unusedPass) return out;
  // Distinct formats of all actions, and services with wildcard-only actions.
  const formats = new Map<string, ArnFormat>();
  const wildcardOnly = new Set<string>();
  let gap = false;
  for (const e of entries) {
    if (e.check.kind !== 'ok') continue;
    for (const a of e.check.actions) {
      if (a.resourceTypes.length === 0) wildcardOnly.add(e.check.service);
      const fs = formatsOf(a, e.check.service);
      if (!fs) gap = true;
      else for (const f of fs) formats.set(`${f.service}/${f.arn}`, f);
    }
  }
  // Works in IAM, but only because a `*` ending a segment runs past `:`, which is seldom meant.
  for (const r of crossers) {
    let via: ArnFormat | undefined;
    let strict = false;
    for (const f of formats.values()) {
      const level = fitLevel(r, f);
      if (level === 2) { strict = true; break; }
      if (level === 1) via ??= f;
    }
    if (via && !strict) out.push({ code: 'WILDCARD_CROSSES_COLON', severity: 'warning', message: `${r} names ${via.type} (${via.arn}) only because a "*" runs past ":" into the next segment; write each segment of that form` });
  }
  // Resources no action uses; only when every action fits, so one mistake is reported once.
  if (unusedPass && !gap && out.length === 0) {
    const wsvcs = [...wildcardOnly].flatMap(arnServicesOf);
    for (const r of resources) {
      let used = false;
      for (const f of formats.values()) if (resourceFits(r, f)) { used = true; break; }
      if (!used && wsvcs.length) used = coversWholeService(r, wsvcs);
      if (!used) out.push({ code: 'RESOURCE_MISMATCH', severity: 'info', message: `${r} is not a resource of any action in this statement (${entries.map((e) => e.raw).join(', ')}); remove it or move it to a statement whose actions apply to it` });
    }
  }
  return out;
}

// S3's classic mistakes: object actions on a bucket ARN (suggest `<arn>/*`) and bucket actions on
// an object ARN (suggest the ARN without `/*`), when the suggestion fits.
function suggestFix(actions: ActionData[], service: string, resources: string[]): string | undefined {
  for (const r of resources) {
    if (isStarLike(r)) continue;
    const candidates = r.endsWith('/*') ? [r.slice(0, -2)] : r.endsWith('*') ? [] : [`${r}/*`];
    for (const c of candidates) if (actions.some((a) => actionFit(a, service, [c]) === 'yes')) return `write ${c}`;
  }
  return undefined;
}
