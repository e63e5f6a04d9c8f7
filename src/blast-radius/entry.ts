// One principal's blast radius: what it can destroy, what of that could not come back, and which
// sensitive data it can read.
import type { DestructiveAction } from './catalog';
import { readActions } from './catalog';
import type { Verdict } from './policy';
import type { Principal } from './principals';
import type { AccountResource } from './resources';
import type { BlastRadiusEntry, BlastResource, BlastResourceGroup } from './types';
import { DATA_TYPES } from './sensitive';
import type { Prepared } from './verdict';
import { mayHold, verdictOf } from './verdict';


export type Marks = Map<string, { critical: boolean; sensitive: boolean }>;

/** The data stores `keep` selects that the principal can read: without condition (`firm`) or only with one (`maybe`). */
export function dataReads(prep: Prepared, resources: AccountResource[], keep: (r: AccountResource) => boolean, note: (v: Verdict) => void) {
  const firm: string[] = [];
  const maybe: string[] = [];
  const reads = readActions();
  for (const r of resources) {
    if (!DATA_TYPES.has(r.type) || !keep(r)) continue;
    let verdict: 'allow' | 'conditional' | undefined;
    for (const c of reads) {
      const arn = r.arnFor(c.target);
      if (!arn || !mayHold(prep, c.action)) continue;
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

function group(list: BlastResource[]): BlastResourceGroup[] {
  const groups = new Map<string, BlastResourceGroup>();
  for (const { arn, ...rest } of list) {
    const key = [rest.type, rest.actions.join(','), rest.conditionalActions.join(','), rest.recoverable, rest.recoverableIfConditional, rest.why, rest.critical, rest.sensitive, rest.via].join('\u0000');
    const g = groups.get(key);
    if (g) g.arns.push(arn);
    else groups.set(key, { ...rest, arns: [arn] });
  }
  // Worst first: what cannot come back, then critical, then the biggest groups.
  return [...groups.values()].sort((a, b) => Number(a.recoverable) - Number(b.recoverable) || Number(b.critical) - Number(a.critical) || b.arns.length - a.arns.length);
}

export function entryFor(
  p: Principal,
  prep: Prepared,
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
  const effects = new Map(catalog.map((c) => [c.action, c.effect]));
  const vias = new Set<string>();
  const note = (v: Verdict) => v.why.forEach((w) => conditions.add(w));
  const seen = (v: Verdict) => v.via && vias.add(v.via);

  const escalation: { action: string; conditional: boolean }[] = [];
  for (const c of catalog.filter((x) => x.target === 'iam')) {
    const verdicts = iamArns.concat(p.kind === 'root' ? [] : [p.arn]).map((arn) => verdictOf(prep, c.action, arn));
    const best = verdicts.find((v) => v.decision === 'allow') ?? verdicts.find((v) => v.decision === 'conditional');
    if (!best) continue;
    note(best);
    seen(best);
    held.add(c.action);
    escalation.push({ action: c.action, conditional: best.decision === 'conditional' });
  }
  const firmEscalation = escalation.some((e) => !e.conditional);
  for (const c of catalog.filter((x) => x.target === 'snapshots')) {
    const v = snapshotArns.map((arn) => verdictOf(prep, c.action, arn)).find((x) => x.decision !== 'none');
    if (v) {
      held.add(c.action);
      note(v);
      seen(v);
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
    let through: Set<string> | undefined; // allocated only when a hop is used: this loop runs principals × resources times
    for (const c of applicable(r)) {
      const arn = r.arnFor(c.target)!;
      if (!mayHold(prep, c.action)) continue;
      const v = verdictOf(prep, c.action, arn);
      if (v.via && v.decision !== 'none') (through ??= new Set()).add(v.via);
      if (v.decision === 'allow') firm.add(c.action);
      else if (v.decision === 'conditional') {
        maybe.add(c.action);
        note(v);
      }
    }
    // Unlocking alone destroys nothing: a resource is in reach only with a delete or a purge.
    const destroys = (set: Set<string>) => [...set].some((a) => effects.get(a) !== 'unlock');
    if (!destroys(firm) && !destroys(maybe)) continue;
    through?.forEach((x) => vias.add(x));
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
      ...(through ? { via: [...through].sort().join(', ') } : {}),
    });
  }
  const { firm: readsSensitive, maybe: readsSensitiveConditional } = dataReads(prep, resources, (r) => marks.get(r.arn)?.sensitive === true, note);
  const unrecoverable = out.filter((r) => !r.recoverable).map((r) => r.arn);
  const destroysSensitive = out.filter((r) => !r.recoverable && r.sensitive).map((r) => r.arn);
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
    destroysSensitive,
    canWipeAccount,
    via: (prep.hops ?? []).filter((h) => vias.has(h.label)).map((h) => ({ role: h.label, arn: h.role, how: h.how, conditional: h.conditional })),
    conditions: [...conditions],
    notes: p.notes,
  };
}
