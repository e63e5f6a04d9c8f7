// One hop of escalation: a principal that can become (or hand its work to) another role holds that
// role's power. Assuming R needs R's trust policy to name the account (then the principal's own
// policy must allow sts:AssumeRole on R) or the principal itself (then only its own Denies, or its
// boundary's, can stop it). Passing R to a server or function it launches gives R's power too, but
// only once something runs there: that is always conditional.
// Only one hop: the role reached does not pass on what it could reach in turn.
import type { AccountInventory, IamRole } from '../inventory/types';
import type { DestructiveAction } from './catalog';
import type { Statement, TrustStatement, Verdict } from './policy';
import { trustStatements } from './policy';
import type { Principal } from './principals';
import { rolePolicies } from './principals';
import type { Hop, Prepared } from './verdict';
import { directVerdict, prepare } from './verdict';

interface Target {
  role: IamRole;
  trust: TrustStatement[];
  prep: () => Prepared;
}

/** Every role of the account someone could reach, each prepared once (lazily) however many principals reach it. */
function hopTargets(account: AccountInventory, catalog: DestructiveAction[]): Target[] {
  const d = account.iam.authorizationDetails;
  if (!d.ok) return [];
  return d.value.roles.map((role) => {
    let prep: Prepared | undefined;
    return { role, trust: trustStatements(role.AssumeRolePolicyDocument), prep: () => (prep ??= prepare({ ...rolePolicies(d.value, role), kind: 'external-role', reasons: [] }, catalog)) };
  });
}

const NONE: Verdict = { decision: 'none', why: [] };

/** A trust statement naming the principal, as the Allow it amounts to (conditional when the statement is). */
function trustGrant(s: TrustStatement, roleArn: string, label: string): Statement {
  const source = `the trust policy of ${label}`;
  return { effect: 'Allow', actions: ['sts:AssumeRole'], resources: [roleArn], conditional: s.conditional, source, why: s.conditional ? `a condition in ${source}` : undefined };
}

const SERVICES = [
  { service: 'ec2.amazonaws.com', launch: ['ec2:RunInstances'], label: 'EC2', needsProfile: true },
  { service: 'lambda.amazonaws.com', launch: ['lambda:CreateFunction', 'lambda:InvokeFunction'], label: 'Lambda', needsProfile: false },
];

/** The roles `p` can reach in one hop, and how. */
function hopsOf(p: Principal, prep: Prepared, targets: Target[], account: AccountInventory): Hop[] {
  if (p.kind === 'root') return [];
  const acct = account.accountId;
  const rootArn = `arn:${account.partition}:iam::${acct}:root`;
  const launchArn: Record<string, string> = {
    'ec2:RunInstances': `arn:${account.partition}:ec2:*:${acct}:instance/*`,
    'lambda:CreateFunction': `arn:${account.partition}:lambda:*:${acct}:function:*`,
    'lambda:InvokeFunction': `arn:${account.partition}:lambda:*:${acct}:function:*`,
  };
  const out: Hop[] = [];
  for (const t of targets) {
    if (t.role.Arn === p.arn) continue;
    const label = `role/${t.role.RoleName}`;
    const byName = t.trust.filter((s) => s.aws.includes(p.arn));
    const byAccount = t.trust.filter((s) => s.aws.some((a) => a === '*' || a === acct || a === rootArn));
    // Named in the trust policy: in its own account that alone allows it, but its own Denies still stop it.
    const named = byName.length ? directVerdict(prep, 'sts:AssumeRole', t.role.Arn, { allows: byName.map((s) => trustGrant(s, t.role.Arn, label)), pastBoundary: p.kind === 'user' }) : NONE;
    // Trusted through the account: its own policies must allow the call too.
    const assume = byAccount.length ? directVerdict(prep, 'sts:AssumeRole', t.role.Arn) : NONE;
    if (named.decision !== 'none' || assume.decision !== 'none') {
      const firm = named.decision === 'allow' || (assume.decision === 'allow' && byAccount.some((s) => !s.conditional));
      out.push({ role: t.role.Arn, label, how: 'sts:AssumeRole', conditional: !firm, why: `via ${label} (sts:AssumeRole${firm ? '' : ', with conditions'})`, prep: t.prep() });
      continue;
    }
    for (const s of SERVICES) {
      if (!t.trust.some((x) => x.services.includes(s.service)) || (s.needsProfile && !t.role.InstanceProfileList?.length)) continue;
      if (directVerdict(prep, 'iam:PassRole', t.role.Arn).decision === 'none') continue;
      if (s.launch.some((a) => directVerdict(prep, a, launchArn[a]).decision === 'none')) continue;
      out.push({ role: t.role.Arn, label, how: `iam:PassRole to ${s.label}`, conditional: true, why: `via passing ${label} to ${s.label}`, prep: t.prep() });
      break;
    }
  }
  return out;
}

/** Each principal prepared, with the roles it reaches attached. */
export function preparedWithHops(principals: Principal[], account: AccountInventory, catalog: DestructiveAction[]): Prepared[] {
  const targets = hopTargets(account, catalog);
  return principals.map((p) => {
    const prep = prepare(p, catalog);
    const hops = hopsOf(p, prep, targets, account);
    return hops.length ? { ...prep, hops } : prep;
  });
}
