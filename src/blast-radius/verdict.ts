// One principal's verdict on one action and resource: identity policies, then its permissions
// boundary, then the roles it can reach in one hop (hops.ts).
import type { DestructiveAction } from './catalog';
import { hopActions, readActions } from './catalog';
import type { Statement, Verdict } from './policy';
import { decide, forAction } from './policy';
import type { Principal } from './principals';

/** A role reachable in one hop: its power is the principal's too (conditional when the hop is). */
export interface Hop {
  role: string;
  /** `role/<name>`: what the report shows as the path. */
  label: string;
  how: string;
  conditional: boolean;
  why: string;
  prep: Prepared;
}

/** Per principal: statements pre-filtered by action, so each resource scans only the few that matter. */
export interface Prepared {
  byAction: Map<string, Statement[]>;
  boundaryByAction?: Map<string, Statement[]>;
  hops?: Hop[];
}

export function prepare(p: Principal, catalog: DestructiveAction[]): Prepared {
  const actions = [...catalog.map((c) => c.action), ...readActions().map((r) => r.action), ...hopActions()];
  const by = (list: Statement[]) => new Map(actions.map((a) => [a, forAction(list, a)]));
  return { byAction: by(p.statements), boundaryByAction: p.boundary ? by(p.boundary) : undefined };
}

/** Could any statement of the principal or of a role it reaches grant this action? (a cheap pre-filter) */
export function mayHold(p: Prepared, action: string): boolean {
  return Boolean(p.byAction.get(action)?.length) || (p.hops ?? []).some((h) => Boolean(h.prep.byAction.get(action)?.length));
}

/**
 * Allows a resource-side policy adds to the principal's own (a trust policy naming it): its own
 * Denies still apply. `pastBoundary`: the grant names an IAM user's ARN, which an implicit deny of
 * its permissions boundary does not limit (a role's boundary still must allow).
 */
export interface Granted {
  allows: Statement[];
  pastBoundary: boolean;
}

/** The principal's own verdict, without hops. */
export function directVerdict(p: Prepared, action: string, arn: string, granted?: Granted): Verdict {
  const extra = granted?.allows ?? [];
  const v = decide([...(p.byAction.get(action) ?? []), ...extra], action, arn);
  if (v.decision === 'none' || !p.boundaryByAction) return v;
  const b = decide([...(p.boundaryByAction.get(action) ?? []), ...(granted?.pastBoundary ? extra : [])], action, arn);
  if (b.decision === 'none') return b;
  if (b.decision === 'conditional' || v.decision === 'conditional') return { decision: 'conditional', why: [...v.why, ...b.why] };
  return v;
}

/** Its own verdict, or better through a hop (the assumed role's session does not carry the principal's own Denies). */
export function verdictOf(p: Prepared, action: string, arn: string): Verdict {
  const own = directVerdict(p, action, arn);
  if (own.decision === 'allow' || !p.hops?.length) return own;
  let best = own;
  for (const h of p.hops) {
    if (!h.prep.byAction.get(action)?.length) continue;
    const v = directVerdict(h.prep, action, arn);
    if (v.decision === 'none') continue;
    if (v.decision === 'allow' && !h.conditional) return { decision: 'allow', why: [], via: h.label };
    if (best.decision === 'none') best = { decision: 'conditional', why: [...v.why, h.why], via: h.label };
  }
  return best;
}
