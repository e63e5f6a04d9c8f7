import type { BlastRadius, BlastRadiusEntry } from '../src/blast-radius';
import { blastRadiusOf, describeSensitive } from '../src/blast-radius';
import type { Target } from '../src/blast-radius/catalog';
import { destructiveActions } from '../src/blast-radius/catalog';
import { preparedWithHops } from '../src/blast-radius/hops';
import { findPrincipals } from '../src/blast-radius/principals';
import type { Prepared } from '../src/blast-radius/verdict';
import type { AccountInventory, CallError, Got } from '../src/inventory/types';
import type { Check, CheckContext, CheckResult } from './types';
import { unknown } from './types';
import { plural } from './common';
import { listSome, shortResource } from '../src/text';

// The blast radius's "could alone wipe the account" verdict as findings, so it is scored and shows
// up in what to fix first. Root is judged by iam-root-access-keys. Power that holds only if a
// condition holds (MFA, tags, an unreadable policy...) is a PASS with a note, not a FAIL: the
// condition is often the very control that stops a stolen key, and the blast-radius table still
// lists those resources under "only if a condition holds".
export const iamPrincipalCanWipe: Check = {
  meta: {
    id: 'iam-principal-can-wipe',
    title: 'No single key or role can destroy what cannot be brought back',
    severity: 'critical',
    threats: ['account-wipe'],
    resourceType: 'AWS::IAM::User',
    risk: 'A user with an access key, a server role or a role trusted from outside the account that can delete or purge resources with no copy elsewhere turns one leaked credential into permanent loss.',
    remediation: {
      console:
        'IAM console → Users/Roles → the principal → Permissions: replace broad policies (AdministratorAccess, s3:*, *) with the actions and resources it needs; Permissions boundary → set one that denies the purge actions (s3:DeleteObjectVersion, s3:PutLifecycleConfiguration, backup:DeleteRecoveryPoint, rds:DeleteDB*, dynamodb:DeleteTable...), or deny them in an SCP. For a user, move its access-key work to a role assumed with MFA and delete the key. For a role trusted from outside: Trust relationships → add a condition on sts:ExternalId or aws:PrincipalOrgID, or remove the outside principal.',
      cli: 'aws iam put-user-permissions-boundary --user-name <user> --permissions-boundary arn:aws:iam::<account>:policy/<no-purge-boundary> (put-role-permissions-boundary --role-name <role> for a role); aws iam update-assume-role-policy --role-name <role> --policy-document file://trust-with-external-id.json',
      cloudformation: 'AWS::IAM::User / AWS::IAM::Role: PermissionsBoundary: arn:aws:iam::<account>:policy/<no-purge-boundary>; AWS::IAM::Role AssumeRolePolicyDocument: Condition: { StringEquals: { sts:ExternalId: <id> } }',
    },
    // Everything the blast radius reads: resource lists, what makes them recoverable, the tags that mark them.
    permissions: [
      'iam:GetAccountAuthorizationDetails', 'iam:GetCredentialReport', 's3:ListAllMyBuckets', 's3:GetBucketTagging', 's3:GetBucketVersioning', 's3:GetBucketObjectLockConfiguration',
      's3:GetReplicationConfiguration', 'ec2:DescribeInstances', 'ec2:DescribeVolumes', 'autoscaling:DescribeAutoScalingGroups', 'rds:DescribeDBInstances', 'rds:DescribeDBClusters',
      'dynamodb:ListTables', 'elasticfilesystem:DescribeFileSystems', 'backup:ListBackupPlans', 'backup:ListBackupSelections', 'backup:ListBackupVaults',
    ],
  },
  run(ctx) {
    return ctx.inventory.accounts.flatMap((a) => judgeAccount(a, ctx));
  },
};

const examples = (ids: string[], max = 3) => listSome(ids.map(shortResource), max);
const whoOf = (e: BlastRadiusEntry) => (e.kind === 'user' ? `User ${e.name}` : e.kind === 'instance-role' ? `Server role ${e.name}` : `Role ${e.name} (assumable from outside the account)`);

function judgeAccount(account: AccountInventory, ctx: CheckContext): CheckResult[] {
  const where = { accountId: account.accountId, region: 'global' };
  const auth = account.iam.authorizationDetails;
  if (!auth.ok) return [unknown(auth.error, { ...where, resourceId: `${account.accountId}/global` }, 'tell which users and roles could destroy what cannot be brought back')];
  let radius: BlastRadius;
  try {
    radius = blastRadiusOf(ctx.inventory, ctx.config);
  } catch (e) {
    // As the report does (blastRadiusOrNote in src/audit.ts): a note, not a crashed run.
    const why = (e as Error).message;
    return [{ ...where, resourceId: `${account.accountId}/global`, status: 'UNKNOWN', message: `Could not tell which users and roles could destroy what cannot be brought back: the blast radius could not be computed (${why}). No permission is missing: this is a fault in drready or in the snapshot.`, details: { error: why } }];
  }
  const entries = radius.entries.filter((e) => e.accountId === account.accountId && e.kind !== 'root');
  if (!entries.length)
    return [{ ...where, resourceId: `${account.accountId}/global`, status: 'NOT_APPLICABLE', message: 'No user with an active access key, server role or role trusted from outside the account: no standing credential to judge (root is judged by iam-root-access-keys).' }];
  const missing = missingLists(account);
  const reach = missing.length ? missingReach(account, missing) : () => [];
  return entries.map((e) => judge(e, reach));
}

/** A resource list that did not arrive, and the kinds of resource (catalog targets) it would have listed. */
interface MissingList {
  error: CallError;
  targets: Target[];
}

/** Resource lists that did not arrive: a principal that reaches nothing known may still reach what they would list. */
function missingLists(account: AccountInventory): MissingList[] {
  const lists: [Got<unknown>, Target[]][] = [
    [account.s3.buckets, ['s3-object', 's3-bucket']],
    ...account.regions.flatMap((r): [Got<unknown>, Target[]][] => [
      [r.ec2.instances, ['ec2-instance']],
      [r.ebsVolumes, ['ebs-volume']],
      [r.rds.instances, ['rds-instance']],
      [r.rds.clusters, ['rds-cluster']],
      [r.dynamodb.tables, ['dynamodb-table']],
      [r.efs.fileSystems, ['efs']],
      [r.backup.vaults, ['backup-vault']],
    ]),
  ];
  return lists.flatMap(([g, targets]) => (g.ok ? [] : [{ error: g.error, targets }]));
}

/**
 * Per principal ARN, the missing lists whose kind of resource it could destroy: it holds (itself or
 * through a role it reaches) an Allow for a destructive action on that kind, on any resource, as the
 * blast radius's catalog names them; or it can grant itself anything (unconditional IAM escalation).
 * An upper bound on purpose: a principal left out here is judged PASS. Computed once per account.
 */
function missingReach(account: AccountInventory, missing: MissingList[]): (e: BlastRadiusEntry) => MissingList[] {
  const catalog = destructiveActions();
  let preps: Map<string, Prepared> | undefined;
  const prepOf = (arn: string) => {
    if (!preps) {
      const principals = findPrincipals(account).principals;
      const prepared = preparedWithHops(principals, account, catalog);
      preps = new Map(principals.map((p, i) => [p.arn, prepared[i]]));
    }
    return preps.get(arn);
  };
  const allows = (p: Prepared, action: string) => (p.byAction.get(action) ?? []).some((st) => st.effect === 'Allow');
  const grants = (p: Prepared, action: string) => allows(p, action) || (p.hops ?? []).some((h) => allows(h.prep, action));
  const memo = new Map<BlastRadiusEntry, MissingList[]>();
  return (e) => {
    let got = memo.get(e);
    if (got) return got;
    const prep = prepOf(e.principal);
    const everything = !prep || e.escalation.some((x) => !x.conditional);
    // Unlocking alone destroys nothing (as in the blast radius): only deletes and purges count.
    const held = new Set(everything ? [] : catalog.filter((c) => c.effect !== 'unlock' && c.target !== 'iam' && grants(prep!, c.action)).map((c) => c.target));
    got = missing.filter((m) => everything || m.targets.some((t) => held.has(t)));
    memo.set(e, got);
    return got;
  };
}

function fixFor(e: BlastRadiusEntry): string {
  const base = 'Remove its standing destructive power: scope its policies to what it needs and add a permissions boundary (or an SCP) that denies the purge actions';
  const hop = e.via.length ? `; or take away its ${[...new Set(e.via.map((v) => v.how.split(' ')[0]))].join(' and ')} on ${e.via.map((v) => v.role).join(', ')}` : '';
  if (e.kind === 'user') return `${base}${hop}; move the work of its access key to a role assumed with MFA.`;
  if (e.kind === 'external-role') return `${base}${hop}; restrict its trust policy with sts:ExternalId or aws:PrincipalOrgID, or remove the outside principal.`;
  return `${base}${hop}.`;
}

function judge(e: BlastRadiusEntry, missingFor: (e: BlastRadiusEntry) => MissingList[]): CheckResult {
  const result = { accountId: e.accountId, region: 'global', resourceId: e.principal, resourceType: e.kind === 'user' ? 'AWS::IAM::User' : 'AWS::IAM::Role' };
  const who = whoOf(e);
  const firmEscalation = e.escalation.filter((x) => !x.conditional).map((x) => x.action);
  const via = e.via.filter((v) => !v.conditional).length ? ` through ${e.via.filter((v) => !v.conditional).map((v) => `${v.role} (${v.how})`).join(', ')}` : '';
  const details = { kind: e.kind, unrecoverable: e.unrecoverable.length, examples: e.unrecoverable.slice(0, 3), destroysSensitive: e.destroysSensitive.length, conditional: e.conditional.length, escalation: firmEscalation, via: e.via };
  const sensitive = e.destroysSensitive.length ? `, ${describeSensitive(e.destroysSensitive)} among them` : '';
  if (e.canWipeAccount || e.unrecoverable.length) {
    const reach = e.unrecoverable.length ? `it can destroy for good ${plural(e.unrecoverable.length, 'resource')} that cannot be brought back (${examples(e.unrecoverable)})${sensitive}${via}` : `it holds no such power yet${via}`;
    const esc = firmEscalation.length ? `; it holds ${examples(firmEscalation, 2)} without condition, so it can grant itself the rest` : '';
    const verdict = e.canWipeAccount ? 'could alone wipe the account' : 'could destroy data for good';
    return { ...result, status: 'FAIL', severity: e.canWipeAccount ? 'critical' : 'high', message: `${who} ${verdict}: ${reach}${esc}. ${fixFor(e)}`, details };
  }
  // Only lists of a kind it could destroy leave its verdict open.
  const missing = missingFor(e);
  if (missing.length) {
    const u = unknown(missing[0].error, result, `tell whether ${who} can destroy for good what is not in the inventory`);
    return { ...u, missingPermissions: [...new Set(missing.map((m) => m.error.permission))], details };
  }
  const note = e.conditional.length ? ` It could destroy ${e.conditional.length} more only if a condition holds (${e.conditions.slice(0, 2).join('; ')}): check those conditions stop a stolen credential.` : '';
  return { ...result, status: 'PASS', message: `${who} cannot destroy for good anything that could not be brought back.${note}`, details };
}
