// The principals whose credentials matter for the blast radius: users with an active access key
// (and the root user when it has one), roles of instance profiles, and roles another account (or
// anyone) may assume. Each comes with the identity-policy statements that apply to it.
import { keysOf } from '../../checks/credential-report';
import type { AccountInventory, IamAttachedPolicy, IamAuthorizationDetails, IamInlinePolicy, IamRole } from '../inventory/types';
import type { Statement } from './policy';
import { parseStatements, trustStatements } from './policy';

export type PrincipalKind = 'root' | 'user' | 'instance-role' | 'external-role';

export interface Principal {
  arn: string;
  name: string;
  kind: PrincipalKind;
  /** Why it matters, in words (e.g. "access key 1 active", "assumable by 222222222222"). */
  reasons: string[];
  statements: Statement[];
  /** A permissions boundary's statements, when there is one (both it and the policies must allow). */
  boundary?: Statement[];
  /** Policies that could not be read: they make every destructive action conditional. */
  notes: string[];
}

/** A statement standing for a policy we cannot read: it may allow anything. */
function unreadable(source: string, problem: string): Statement {
  return { effect: 'Allow', actions: ['*'], resources: ['*'], conditional: true, source, why: `${source} could not be read (${problem})` };
}

function readPolicy(text: string | undefined, source: string, notes: string[]): Statement[] {
  if (text === undefined) {
    notes.push(`${source}: document not in the snapshot`);
    return [unreadable(source, 'document not in the snapshot')];
  }
  try {
    return parseStatements(text, source);
  } catch (e) {
    notes.push(`${source}: not valid JSON`);
    return [unreadable(source, `not valid JSON: ${(e as Error).message}`)];
  }
}

function managedDocument(details: IamAuthorizationDetails, arn: string): string | undefined {
  const p = details.policies.find((x) => x.Arn === arn);
  const versions = p?.PolicyVersionList ?? [];
  return (versions.find((v) => v.IsDefaultVersion) ?? versions.find((v) => v.VersionId === p?.DefaultVersionId) ?? versions[0])?.Document;
}

function collect(details: IamAuthorizationDetails, inline: IamInlinePolicy[] | undefined, attached: IamAttachedPolicy[] | undefined, owner: string, notes: string[]): Statement[] {
  const out: Statement[] = [];
  for (const p of inline ?? []) out.push(...readPolicy(p.PolicyDocument, `inline policy ${p.PolicyName} of ${owner}`, notes));
  for (const p of attached ?? []) out.push(...readPolicy(managedDocument(details, p.PolicyArn), p.PolicyArn, notes));
  return out;
}

function boundaryOf(details: IamAuthorizationDetails, arn: string | undefined, notes: string[]): Statement[] | undefined {
  if (!arn) return undefined;
  return readPolicy(managedDocument(details, arn), `permissions boundary ${arn}`, notes);
}

/** Account ids, ARNs or `*` outside this account that a trust policy lets assume the role. */
export function externalTrust(trustText: string | undefined, accountId: string): { who: string[]; conditional: boolean } {
  const who: string[] = [];
  let conditional = false;
  for (const s of trustStatements(trustText)) {
    const found = s.aws.filter((v) => {
      const acct = /^\d{12}$/.test(v) ? v : /^arn:[^:]+:(?:iam|sts)::(\d{12}):/.exec(v)?.[1];
      return v === '*' || (acct && acct !== accountId);
    });
    found.push(...s.federated);
    if (found.length && s.conditional) conditional = true;
    who.push(...found);
  }
  return { who: [...new Set(who)], conditional };
}

/** A role's identity policies and boundary, whether or not it is a principal of its own (a role others can reach through). */
export function rolePolicies(details: IamAuthorizationDetails, r: IamRole): Pick<Principal, 'arn' | 'name' | 'statements' | 'boundary' | 'notes'> {
  const notes: string[] = [];
  const statements = collect(details, r.RolePolicyList, r.AttachedManagedPolicies, `role ${r.RoleName}`, notes);
  return { arn: r.Arn, name: r.RoleName, statements, boundary: boundaryOf(details, r.PermissionsBoundary?.PermissionsBoundaryArn, notes), notes };
}

export function findPrincipals(account: AccountInventory): { principals: Principal[]; notes: string[] } {
  const notes: string[] = [];
  const auth = account.iam.authorizationDetails;
  if (!auth.ok) return { principals: [], notes: [`IAM authorization details unavailable (${auth.error.code}): grant ${auth.error.permission}`] };
  const details = auth.value;
  const out: Principal[] = [];
  const report = account.iam.credentialReport;
  const activeKeys = new Map<string, string[]>();
  if (report.ok) {
    for (const row of report.value.rows) {
      const keys = keysOf(row).filter((k) => k.active).map((k) => `access key ${k.slot} active`);
      if (keys.length) activeKeys.set(row.user, keys);
    }
    const root = activeKeys.get('<root_account>');
    if (root) {
      const allow: Statement = { effect: 'Allow', actions: ['*'], resources: ['*'], conditional: false, source: 'root user' };
      out.push({ arn: `arn:${account.partition}:iam::${account.accountId}:root`, name: 'root', kind: 'root', reasons: root, statements: [allow], notes: [] });
    }
  } else notes.push(`credential report unavailable (${report.error.code}): every user is treated as holding an active key`);

  for (const u of details.users) {
    const keys = report.ok ? activeKeys.get(u.UserName) : ['access keys unknown'];
    if (!keys) continue;
    const pnotes: string[] = [];
    const statements = collect(details, u.UserPolicyList, u.AttachedManagedPolicies, `user ${u.UserName}`, pnotes);
    for (const g of u.GroupList ?? []) {
      const group = details.groups.find((x) => x.GroupName === g);
      if (!group) {
        pnotes.push(`group ${g}: not in the snapshot`);
        statements.push(unreadable(`group ${g}`, 'not in the snapshot'));
      } else statements.push(...collect(details, group.GroupPolicyList, group.AttachedManagedPolicies, `group ${g}`, pnotes));
    }
    const boundary = boundaryOf(details, u.PermissionsBoundary?.PermissionsBoundaryArn, pnotes);
    out.push({ arn: u.Arn, name: u.UserName, kind: 'user', reasons: keys, statements, boundary, notes: pnotes });
  }

  for (const r of details.roles) {
    const reasons: string[] = [];
    let kind: PrincipalKind | undefined;
    if (r.InstanceProfileList?.length) {
      kind = 'instance-role';
      reasons.push(`used by instance profile ${r.InstanceProfileList.map((p) => p.InstanceProfileName ?? p.Arn).join(', ')}`);
    }
    const trust = externalTrust(r.AssumeRolePolicyDocument, account.accountId);
    if (trust.who.length) {
      kind ??= 'external-role';
      reasons.push(`assumable from outside the account by ${trust.who.join(', ')}${trust.conditional ? ' (with conditions)' : ''}`);
    }
    if (!kind) continue;
    out.push({ ...rolePolicies(details, r), kind, reasons });
  }
  return { principals: out, notes };
}
