// Over-broad grants: full admin, public principals, iam:PassRole on every role (severity security).
import type { ActionCheck } from './actions.js';
import { arnSegments, isStarLike } from './arn.js';
import type { LintCode, LintSeverity, PolicyType } from './types.js';

type Obj = Record<string, unknown>;
type At = (c: LintCode, s: LintSeverity, m: string) => void;
type Entry = { raw: string; check: ActionCheck };

const hasCondition = (st: Obj) => typeof st.Condition === 'object' && st.Condition !== null && Object.keys(st.Condition).length > 0;
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : [v]);

/** Over-broad grants of one Allow statement with Action. */
export function broadGrants(st: Obj, type: PolicyType, entries: Entry[], resources: string[], at: At): void {
  if (type === 'scp') return; // an SCP's Allow only filters (FullAWSAccess is AWS's default), it grants nothing
  const all = entries.find((e) => e.check.kind === 'all');
  const fullAdmin = type === 'identity' && !!all && st.Resource !== undefined && resources.includes('*') && !hasCondition(st);
  if (fullAdmin) {
    at('FULL_ADMIN', 'security', `Allow of ${all.raw} on "*" without a condition is full administrator access, including deleting every bucket, backup and vault; grant the actions the principal needs, or keep it to a break-glass role with MFA and a condition`);
  }
  if ((type === 'resource' || type === 'trust') && !hasCondition(st)) {
    const p = st.Principal;
    const pub = p === '*' || (typeof p === 'object' && p !== null && list((p as Obj).AWS).includes('*'));
    if (pub) {
      const what = type === 'trust' ? 'anyone in any AWS account can assume this role' : 'anyone, in any account or anonymously, gets these actions';
      at('PUBLIC_PRINCIPAL', 'security', `Allow to Principal ${JSON.stringify(p)} without a condition: ${what}; name the accounts or principals, or add a condition (aws:PrincipalOrgID, aws:SourceAccount, aws:SourceArn${type === 'trust' ? ', sts:ExternalId' : ''})`);
    }
  }
  if (!fullAdmin && st.Resource !== undefined) passRole(st, entries, resources, at);
}

// Every role: "*", a CloudFormation value, or an IAM ARN whose resource part is `*`, `role*`, `role/*`.
const EVERY_ROLE = /^(\*+|role\*+|role\/\*+)$/;

function passRole(st: Obj, entries: Entry[], resources: string[], at: At): void {
  const pr = entries.find((e) => e.check.kind === 'all' || (e.check.kind === 'ok' && e.check.service === 'iam' && e.check.actions.some((a) => a.name === 'PassRole')));
  if (!pr) return;
  const anyRole = resources.find((r) => {
    if (isStarLike(r)) return true;
    const s = arnSegments(r);
    return s[0] === 'arn' && (s[2] === 'iam' || s[2] === '*') && EVERY_ROLE.test(s.slice(5).join(':'));
  });
  if (!anyRole) return;
  const scoped = JSON.stringify(st.Condition ?? {}).toLowerCase().includes('iam:passedtoservice');
  at('PASSROLE_WITH_STAR', scoped ? 'info' : 'security', `${pr.raw} on ${anyRole} lets the holder hand any role${scoped ? ' (limited by iam:PassedToService)' : ''} to a service and act with its permissions; name the roles (arn:aws:iam::<account>:role/<name>)${scoped ? '' : ' and add a condition on iam:PassedToService'}`);
}
