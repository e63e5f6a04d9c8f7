// Blast radius × recoverability: for each principal that matters, the destructive actions it holds
// on the account's resources, and which of those resources could not be brought back. Pure over the
// inventory. Applies identity policies (inline, attached, groups) and permissions boundaries; does
// not apply SCPs or resource policies, so it is an upper bound. Conditions are never evaluated:
// a grant that depends on one is reported as conditional.
import type { Config } from '../config';
import { DEFAULT_CRITICAL_WEIGHT } from '../config';
import type { Inventory } from '../inventory/types';
import { indexResources, isCritical, isSensitive } from '../marking';
import type { DestructiveAction } from './catalog';
import { destructiveActions, readActions } from './catalog';
import type { Statement, Verdict } from './policy';
import { decide, forAction } from './policy';
import type { Principal, PrincipalKind } from './principals';
import { findPrincipals } from './principals';
import type { AccountResource } from './resources';
import { accountResources } from './resources';

/** What one principal can do to one resource. */
export interface BlastResource {
  arn: string;
  type: string;
  /** Destructive actions held on it without conditions. */
  actions: string[];
  /** Held only if some condition holds (or a policy could not be read). */
  conditionalActions: string[];
  recoverable: boolean;
  /** Recoverable even if every conditional grant applies. */
  recoverableIfConditional: boolean;
  why: string;
  critical: boolean;
  sensitive: boolean;
}

/**
 * Resources the principal treats alike (same kind, actions, verdict and reason), with their ARNs:
 * an admin reaching 2 000 buckets gives a few groups, not 2 000 records.
 */
export type BlastResourceGroup = Omit<BlastResource, 'arn'> & { arns: string[] };

export interface BlastRadiusEntry {
  principal: string;
  name: string;
  kind: PrincipalKind;
  accountId: string;
  reasons: string[];
  /** Every destructive action held on at least one resource (or, for snapshots and IAM, anywhere), conditional or not. */
  destructiveActions: string[];
  /** IAM actions held that grant more power: with one, any resource below is in reach. */
  escalation: { action: string; conditional: boolean }[];
  /** What it reaches, grouped; see resourceOf() for one ARN. */
  resources: BlastResourceGroup[];
  /** How many resources it reaches with a destructive action. */
  resourceCount: number;
  /** ARNs it could destroy for good, without any condition. */
  unrecoverable: string[];
  /** ARNs it could destroy for good only if a condition holds. */
  conditional: string[];
  /** Sensitive data stores (config `sensitive`) it can read without condition: what it could leak. */
  readsSensitive: string[];
  /** Sensitive data stores it can read only if a condition holds. */
  readsSensitiveConditional: string[];
  /** Alone, it can destroy everything in the account that cannot come back. */
  canWipeAccount: boolean;
  /** Why some grants are conditional: conditions, policy variables, unreadable policies. */
  conditions: string[];
  notes: string[];
}

export interface BlastRadius {
  entries: BlastRadiusEntry[];
  /** What limited the analysis (missing data). */
  notes: string[];
}

/** Per principal: statements pre-filtered by action, so each resource scans only the few that matter. */
interface Prepared {
  byAction: Map<string, Statement[]>;
  boundaryByAction?: Map<string, Statement[]>;
}

function prepare(p: Principal, catalog: DestructiveAction[]): Prepared {
  const actions = [...catalog.map((c) => c.action), ...readActions().map((r) => r.action)];
  const by = (list: Statement[]) => new Map(actions.map((a) => [a, forAction(list, a)]));
  return { byAction: by(p.statements), boundaryByAction: p.boundary ? by(p.boundary) : undefined };
}

function verdictOf(p: Prepared, action: string, arn: string): Verdict {
  const v = decide(p.byAction.get(action) ?? [], action, arn);
  if (v.decision === 'none' || !p.boundaryByAction) return v;
  const b = decide(p.boundaryByAction.get(action) ?? [], action, arn);
  if (b.decision === 'none') return b;
  if (b.decision === 'conditional' || v.decision === 'conditional') return { decision: 'conditional', why: [...v.why, ...b.why] };
  return v;
}

// Snapshots, images and backups are not in the inventory one by one: judge the power account-wide.
const SNAPSHOT_ARNS = (partition: string, accountId: string) => [
  `arn:${partition}:ec2:*:${accountId}:snapshot/*`,
  `arn:${partition}:ec2:*::image/*`,
  `arn:${partition}:rds:*:${accountId}:snapshot:*`,
  `arn:${partition}:rds:*:${accountId}:cluster-snapshot:*`,
  `arn:${partition}:dynamodb:*:${accountId}:table/*/backup/*`,
];

export function computeBlastRadius(inv: Inventory, config: Config): BlastRadius {
  const catalog = destructiveActions();
  const facts = indexResources(inv);
  const owners = new Map<string, string>();
  for (const a of inv.accounts) if (a.s3.buckets.ok) for (const b of a.s3.buckets.value) owners.set(b.name, a.accountId);
  const entries: BlastRadiusEntry[] = [];
  const notes: string[] = [];
  const now = new Date(inv.collectedAt);
  for (const account of inv.accounts) {
    const { principals, notes: pn } = findPrincipals(account);
    const { resources, notes: rn } = accountResources(account, owners, now);
    notes.push(...[...pn, ...rn].map((n) => `${account.accountId}: ${n}`));
    const iamArns = iamTargets(account);
    // What "everything" looks like: resources a principal holding every action could not bring back.
    const all = new Set(catalog.map((c) => c.action));
    const wipeable = resources.filter((r) => !r.recoverable(all).recoverable).map((r) => r.arn);
    // Marks once per resource, not once per principal and resource.
    const marks: Marks = new Map(
      resources.map((r) => {
        const f = facts.get(r.arn);
        return [r.arn, { critical: isCritical(r.arn, f, config), sensitive: DATA_TYPES.has(r.type) || r.type.startsWith('AWS::RDS') ? isSensitive(f, config) : false }];
      }),
    );
    for (const p of principals) entries.push(entryFor(p, account.accountId, catalog, resources, iamArns, SNAPSHOT_ARNS(account.partition, account.accountId), wipeable, marks));
  }
  const w = new Map(entries.map((e) => [e, [weight(e, true, config), weight(e, false, config)]]));
  entries.sort(
    (a, b) =>
      Number(b.canWipeAccount) - Number(a.canWipeAccount) ||
      w.get(b)![0] - w.get(a)![0] ||
      w.get(b)![1] - w.get(a)![1] ||
      a.principal.localeCompare(b.principal),
  );
  return { entries, notes };
}

function weight(e: BlastRadiusEntry, firm: boolean, config: Config): number {
  const cw = config.critical.weight ?? DEFAULT_CRITICAL_WEIGHT;
  return e.resources
    .filter((g) => (firm ? !g.recoverable : g.recoverable && !g.recoverableIfConditional))
    .reduce((s, g) => s + g.arns.length * (g.critical ? cw : 1), 0);
}

/** One resource's verdict for one principal, or undefined when it is out of reach. */
export function resourceOf(e: BlastRadiusEntry, arn: string): BlastResource | undefined {
  const g = e.resources.find((x) => x.arns.includes(arn));
  if (!g) return undefined;
  const { arns: _arns, ...rest } = g;
  return { arn, ...rest };
}

function group(list: BlastResource[]): BlastResourceGroup[] {
  const groups = new Map<string, BlastResourceGroup>();
  for (const { arn, ...rest } of list) {
    const key = [rest.type, rest.actions.join(','), rest.conditionalActions.join(','), rest.recoverable, rest.recoverableIfConditional, rest.why, rest.critical, rest.sensitive].join('\u0000');
    const g = groups.get(key);
    if (g) g.arns.push(arn);
    else groups.set(key, { ...rest, arns: [arn] });
  }
  // Worst first: what cannot come back, then critical, then the biggest groups.
  return [...groups.values()].sort((a, b) => Number(a.recoverable) - Number(b.recoverable) || Number(b.critical) - Number(a.critical) || b.arns.length - a.arns.length);
}

const DATA_TYPES = new Set(['AWS::S3::Bucket', 'AWS::DynamoDB::Table']);

type Marks = Map<string, { critical: boolean; sensitive: boolean }>;

function sensitiveReads(prep: Prepared, resources: AccountResource[], marks: Marks, note: (v: Verdict) => void) {
  const firm: string[] = [];
  const maybe: string[] = [];
  const reads = readActions();
  for (const r of resources) {
    if (!DATA_TYPES.has(r.type) || !marks.get(r.arn)?.sensitive) continue;
    let verdict: 'allow' | 'conditional' | undefined;
    for (const c of reads) {
      const arn = r.arnFor(c.target);
      if (!arn || !prep.byAction.get(c.action)?.length) continue;
      const v = verdictOf(prep, c.action, arn);
      if (v.decision === 'allow') {
        verdict = 'allow';
        break;
      }
      if (v.decision === 'conditional') {
        verdict = 'conditional';
        note(v);
      }
    }
    if (verdict === 'allow') firm.push(r.arn);
    else if (verdict === 'conditional') maybe.push(r.arn);
  }
  return { firm, maybe };
}

function iamTargets(account: Inventory['accounts'][number]): string[] {
  const d = account.iam.authorizationDetails;
  const base = `arn:${account.partition}:iam::${account.accountId}`;
  if (!d.ok) return [`${base}:user/*`, `${base}:role/*`, `${base}:policy/*`, `${base}:group/*`];
  return [...d.value.users.map((u) => u.Arn), ...d.value.roles.map((r) => r.Arn), ...d.value.groups.map((g) => g.Arn), ...d.value.policies.map((p) => p.Arn).filter((a) => !a.includes(':aws:policy/'))];
}

function entryFor(
  p: Principal,
  accountId: string,
  catalog: DestructiveAction[],
  resources: AccountResource[],
  iamArns: string[],
  snapshotArns: string[],
  wipeable: string[],
  marks: Marks,
): BlastRadiusEntry {
  const held = new Set<string>();
  const conditions = new Set<string>();
  const prep = prepare(p, catalog);
  const effects = new Map(catalog.map((c) => [c.action, c.effect]));
  const note = (v: Verdict) => v.why.forEach((w) => conditions.add(w));

  const escalation: { action: string; conditional: boolean }[] = [];
  for (const c of catalog.filter((x) => x.target === 'iam')) {
    const verdicts = iamArns.concat(p.kind === 'root' ? [] : [p.arn]).map((arn) => verdictOf(prep, c.action, arn));
    const best = verdicts.find((v) => v.decision === 'allow') ?? verdicts.find((v) => v.decision === 'conditional');
    if (!best) continue;
    note(best);
    held.add(c.action);
    escalation.push({ action: c.action, conditional: best.decision === 'conditional' });
  }
  const firmEscalation = escalation.some((e) => !e.conditional);
  for (const c of catalog.filter((x) => x.target === 'snapshots')) {
    const v = snapshotArns.map((arn) => verdictOf(prep, c.action, arn)).find((x) => x.decision !== 'none');
    if (v) {
      held.add(c.action);
      note(v);
    }
  }

  const out: BlastResource[] = [];
  const perType = new Map<string, DestructiveAction[]>();
  const applicable = (r: AccountResource) => {
    let list = perType.get(r.type);
    if (!list) perType.set(r.type, (list = catalog.filter((c) => r.arnFor(c.target) !== undefined)));
    return list;
  };
  for (const r of resources) {
    const firm = new Set<string>();
    const maybe = new Set<string>();
    for (const c of applicable(r)) {
      const arn = r.arnFor(c.target)!;
      if (!prep.byAction.get(c.action)?.length) continue;
      const v = verdictOf(prep, c.action, arn);
      if (v.decision === 'allow') firm.add(c.action);
      else if (v.decision === 'conditional') {
        maybe.add(c.action);
        note(v);
      }
    }
    // Unlocking alone destroys nothing: a resource is in reach only with a delete or a purge.
    const destroys = (set: Set<string>) => [...set].some((a) => effects.get(a) !== 'unlock');
    if (!destroys(firm) && !destroys(maybe)) continue;
    firm.forEach((a) => held.add(a));
    maybe.forEach((a) => held.add(a));
    const rec = destroys(firm) ? r.recoverable(firm) : { recoverable: true, why: 'holds no action that deletes' };
    const recAll = r.recoverable(new Set([...firm, ...maybe]));
    const mark = marks.get(r.arn)!;
    out.push({
      arn: r.arn,
      type: r.type,
      actions: [...firm].sort(),
      conditionalActions: [...maybe].sort(),
      // Holding only conditional power leaves a resource standing unless the condition holds.
      recoverable: firm.size === 0 || rec.recoverable,
      recoverableIfConditional: recAll.recoverable,
      why: firm.size === 0 || rec.recoverable ? recAll.why : rec.why,
      critical: mark.critical,
      sensitive: mark.sensitive,
    });
  }
  const { firm: readsSensitive, maybe: readsSensitiveConditional } = sensitiveReads(prep, resources, marks, note);
  const unrecoverable = out.filter((r) => !r.recoverable).map((r) => r.arn);
  const conditional = out.filter((r) => r.recoverable && !r.recoverableIfConditional).map((r) => r.arn);
  const reach = new Set(unrecoverable);
  const canWipeAccount = wipeable.length > 0 && (firmEscalation || wipeable.every((a) => reach.has(a)));
  return {
    principal: p.arn,
    name: p.name,
    kind: p.kind,
    accountId,
    reasons: p.reasons,
    destructiveActions: [...held].sort(),
    escalation,
    resources: group(out),
    resourceCount: out.length,
    unrecoverable,
    conditional,
    readsSensitive,
    readsSensitiveConditional,
    canWipeAccount,
    conditions: [...conditions],
    notes: p.notes,
  };
}

export type { Statement };
