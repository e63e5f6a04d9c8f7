// One principal's verdict on one action and resource: identity policies, then its permissions boundary.
import type { DestructiveAction } from './catalog';
import { readActions } from './catalog';
import type { Statement, Verdict } from './policy';
import { decide, forAction } from './policy';
import type { Principal } from './principals';

/** Per principal: statements pre-filtered by action, so each resource scans only the few that matter. */
export interface Prepared {
  byAction: Map<string, Statement[]>;
  boundaryByAction?: Map<string, Statement[]>;
}

export function prepare(p: Principal, catalog: DestructiveAction[]): Prepared {
  const actions = [...catalog.map((c) => c.action), ...readActions().map((r) => r.action)];
  const by = (list: Statement[]) => new Map(actions.map((a) => [a, forAction(list, a)]));
  return { byAction: by(p.statements), boundaryByAction: p.boundary ? by(p.boundary) : undefined };
}

export function verdictOf(p: Prepared, action: string, arn: string): Verdict {
  const v = decide(p.byAction.get(action) ?? [], action, arn);
  if (v.decision === 'none' || !p.boundaryByAction) return v;
  const b = decide(p.boundaryByAction.get(action) ?? [], action, arn);
  if (b.decision === 'none') return b;
  if (b.decision === 'conditional' || v.decision === 'conditional') return { decision: 'conditional', why: [...v.why, ...b.why] };
  return v;
}
