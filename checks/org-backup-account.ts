import type { AccountInventory, Inventory, OrganizationPolicy } from '../src/inventory/types';
import { parseVaultArn } from './arn';
import { plural } from './common';
import { backupTargets, TARGET_PERMISSIONS } from './backup-selection';
import { scpDenial, statements } from './policy';
import { bucketOwners, replicationDestinations } from './replication';
import type { Check, CheckResult } from './types';

interface Destination {
  accountId?: string;
  what: 'backup' | 's3';
  via: string;
}

/** Where this account's backup copies and S3 replicas land outside it, and what could not be read. */
function destinations(inv: Inventory, account: AccountInventory): { dests: Destination[]; unread: string[] } {
  const dests: Destination[] = [];
  const unread: string[] = [];
  for (const region of account.regions) {
    const plans = region.backup.plans;
    if (!plans.ok) {
      unread.push(plans.error.permission);
      continue;
    }
    for (const plan of plans.value)
      for (const rule of plan.Rules)
        for (const c of rule.CopyActions ?? []) {
          const v = parseVaultArn(c.DestinationBackupVaultArn);
          if (v && v.accountId !== account.accountId) dests.push({ accountId: v.accountId, what: 'backup', via: `backup plan ${plan.BackupPlanName}` });
        }
  }
  const owners = bucketOwners(inv);
  if (!account.s3.buckets.ok) unread.push(account.s3.buckets.error.permission);
  else
    for (const b of account.s3.buckets.value) {
      if (!b.replication.ok) {
        unread.push(b.replication.error.permission);
        continue;
      }
      for (const d of replicationDestinations(b, account, owners)) if (d.crossAccount) dests.push({ accountId: d.owner, what: 's3', via: `bucket ${b.name}` });
    }
  return { dests, unread: [...new Set(unread)] };
}

/** Whether the account holds anything to back up; `unread`: resource lists that failed (when nothing was found). */
function toProtect(account: AccountInventory): { any: boolean; unread: string[] } {
  if (account.s3.buckets.ok && account.s3.buckets.value.length) return { any: true, unread: [] };
  const unread: string[] = [];
  for (const r of account.regions) {
    if (r.backup.plans.ok && r.backup.plans.value.length > 0) return { any: true, unread: [] };
    const { targets, failures } = backupTargets(account, r);
    if (targets.length) return { any: true, unread: [] };
    unread.push(...failures.flatMap((f) => f.missingPermissions ?? []));
  }
  return { any: false, unread: [...new Set(unread)] };
}

export const NEEDED: Record<Destination['what'], string> = { backup: 'backup:DeleteRecoveryPoint', s3: 's3:DeleteObjectVersion' };
/** Actions that purge by expiry what NEEDED protects from deletion. */
const EXPIRE: Record<Destination['what'], string[]> = { backup: ['backup:UpdateRecoveryPointLifecycle'], s3: ['s3:PutLifecycleConfiguration'] };

// The backup account is only a refuge if the people who can wipe a workload account cannot reach
// into it, and if an SCP stops even its own admins from deleting what it holds.
export const orgBackupAccount: Check = {
  meta: {
    id: 'org-backup-account',
    title: 'Backups land in a separate organization account protected by an SCP',
    severity: 'high',
    threats: ['account-wipe'],
    resourceType: 'AWS::Organizations::Account',
    risk: 'Backups kept in the account they protect are wiped with it. A separate backup account helps only if it belongs to the organization (so a service control policy can bind even its administrators) and an SCP denies deleting recovery points and object versions there. SCPs never bind the management account, so it is no place for backups.',
    remediation: {
      console:
        'Organizations console → create (or pick) a dedicated backup account, not the management account → point backup plan copy actions and S3 replication at it → Policies → Service control policies → Create policy denying backup:DeleteRecoveryPoint, backup:UpdateRecoveryPointLifecycle, backup:DeleteBackupVault*, s3:DeleteObjectVersion, s3:DeleteBucket, s3:PutLifecycleConfiguration (except one break-glass role named by its full ARN) → Attach it to the backup account or its OU.',
      cli: 'aws organizations create-policy --type SERVICE_CONTROL_POLICY --name protect-backups --content \'{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":["backup:DeleteRecoveryPoint","backup:UpdateRecoveryPointLifecycle","backup:DeleteBackupVault","backup:DeleteBackupVaultAccessPolicy","backup:DeleteBackupVaultLockConfiguration","s3:DeleteObjectVersion","s3:DeleteBucket","s3:PutLifecycleConfiguration"],"Resource":"*","Condition":{"ArnNotLike":{"aws:PrincipalArn":"arn:aws:iam::<backup-account-id>:role/<break-glass>"}}}]}\' && aws organizations attach-policy --policy-id <p-id> --target-id <backup-account-id>',
      cloudformation: 'AWS::Organizations::Policy { Type: SERVICE_CONTROL_POLICY, Content: <deny statement above>, TargetIds: [<backup-account-id>] }',
    },
    permissions: ['organizations:DescribeOrganization', 'organizations:ListAccounts', 'organizations:ListPolicies', 'organizations:DescribePolicy', 'organizations:ListTargetsForPolicy', 'organizations:ListParents', 'backup:ListBackupPlans', 's3:ListAllMyBuckets', 's3:GetReplicationConfiguration', ...TARGET_PERMISSIONS],
  },
  run({ inventory }) {
    const out: CheckResult[] = [];
    const all = inventory.accounts.map((a) => ({ account: a, ...destinations(inventory, a) }));
    const receivers = new Map<string, string[]>();
    for (const { account, dests } of all)
      for (const d of dests) if (d.accountId) receivers.set(d.accountId, [...(receivers.get(d.accountId) ?? []), account.accountId]);
    for (const { account, dests, unread } of all) {
      const where = { accountId: account.accountId, region: 'global', resourceId: account.accountId };
      const fromOthers = receivers.get(account.accountId);
      if (fromOthers && !dests.length) {
        out.push({ ...where, status: 'NOT_APPLICABLE', message: `Account ${account.accountId} is the backup account of ${plural(new Set(fromOthers).size, 'account')} (${[...new Set(fromOthers)].join(', ')}): it is judged as the place their copies land, not as a source.` });
        continue;
      }
      if (!dests.length) {
        if (unread.length) out.push({ ...where, status: 'UNKNOWN', missingPermissions: unread, message: `Could not tell where the backups and replicas of account ${account.accountId} land: grant ${unread.join(', ')}.` });
        else {
          const p = toProtect(account);
          if (!p.any && p.unread.length)
            out.push({ ...where, status: 'UNKNOWN', missingPermissions: p.unread, message: `No backup copy or S3 replica of account ${account.accountId} lands in another account, but whether account ${account.accountId} has resources to back up could not be read: grant ${p.unread.join(', ')}.` });
          else if (!p.any) out.push({ ...where, status: 'NOT_APPLICABLE', message: `Account ${account.accountId} has no buckets, backup plans or backup-able resources in the scanned regions.` });
          else
            out.push({ ...where, status: 'FAIL', message: `No backup copy or S3 replica of account ${account.accountId} lands in another account: an account wipe takes the backups too. Copy backups and replicate critical buckets to a dedicated backup account.` });
        }
        continue;
      }
      out.push(judgeDestinations(inventory, account, dests, where));
    }
    return out;
  },
};

function judgeDestinations(inv: Inventory, account: AccountInventory, dests: Destination[], where: { accountId: string; region: string; resourceId: string }): CheckResult {
  const org = account.organizations.organization;
  const byAccount = new Map<string, Destination[]>();
  for (const d of dests) byAccount.set(d.accountId ?? 'unknown', [...(byAccount.get(d.accountId ?? 'unknown') ?? []), d]);
  const list = [...byAccount.keys()].join(', ');
  const details = { destinations: Object.fromEntries([...byAccount].map(([a, ds]) => [a, [...new Set(ds.map((d) => d.via))]])) };
  if (!org.ok) return { ...where, status: 'UNKNOWN', missingPermissions: [org.error.permission], details, message: `Copies land in ${list}, but the organization could not be read: grant ${org.error.permission}.` };
  if (!org.value)
    return { ...where, status: 'FAIL', severity: 'medium', details, message: `Copies land in account ${list}, but account ${account.accountId} is not in an AWS Organization: no service control policy can stop that account's admins from deleting them. Put both accounts in an organization and protect the backup account with an SCP.` };
  const orgId = org.value.Id;
  const mgmt = org.value.MasterAccountId;
  // Account lists and SCPs are readable only from the management (or delegated admin) account.
  const sameOrg = inv.accounts.filter((a) => a.organizations.organization.ok && a.organizations.organization.value?.Id === orgId);
  const members = sameOrg.map((a) => a.organizations.accounts).find((g) => g.ok);
  const scps = sameOrg.map((a) => a.organizations.serviceControlPolicies).find((g) => g.ok);
  const problems: string[] = [];
  const partial: string[] = [];
  const missing = new Set<string>();
  for (const [dest, ds] of byAccount) {
    if (dest === 'unknown') {
      problems.push(`replicas of ${[...new Set(ds.map((d) => d.via))].join(', ')} go to a bucket whose owner is unknown (set Destination.Account in the rule)`);
      continue;
    }
    if (dest === mgmt) {
      problems.push(`account ${dest} is the management account, which SCPs never bind`);
      continue;
    }
    const member = members?.ok ? members.value.find((m) => m.Id === dest) : undefined;
    if (members?.ok && !member) {
      problems.push(`account ${dest} is not a member of organization ${orgId}`);
      continue;
    }
    if (!scps?.ok) {
      const err = [account, ...sameOrg].map((a) => a.organizations.serviceControlPolicies).find((g) => !g.ok);
      missing.add(err && !err.ok ? err.error.permission : 'organizations:ListPolicies');
      continue;
    }
    const applies = (p: OrganizationPolicy): boolean | undefined => {
      if (!p.targets.ok) return undefined;
      return p.targets.value.some((t) => t.TargetId === dest || t.TargetId.startsWith('r-') || (member?.ancestorIds ?? []).includes(t.TargetId))
        ? true
        : p.targets.value.some((t) => t.TargetId.startsWith('ou-')) && !member?.ancestorIds
          ? undefined
          : false;
    };
    const denied = (action: string): 'all' | 'conditional' | 'none' | 'unknown' => {
      let state: 'all' | 'conditional' | 'none' | 'unknown' = 'none';
      for (const p of scps.value) {
        const stmts = p.Content ? statements(p.Content) : null;
        if (!stmts) continue;
        const how = scpDenial(stmts, action);
        if (how === 'none') continue;
        const on = applies(p);
        if (on === true && how === 'all') state = 'all';
        else if (on === true && state === 'none') state = 'conditional';
        else if (on === undefined && state === 'none') {
          state = 'unknown';
          missing.add(p.targets.ok ? 'organizations:ListParents' : p.targets.error.permission);
        }
      }
      return state;
    };
    for (const what of new Set(ds.map((d) => d.what))) {
      const action = NEEDED[what];
      const state = denied(action);
      if (state === 'none') problems.push(`no SCP attached to account ${dest} (or its OUs or root) denies ${action}`);
      else if (state === 'conditional') problems.push(`the SCP denying ${action} in account ${dest} applies only under conditions or only on some resources`);
      else if (state === 'all') {
        // Deleting is denied; shortening the lifecycle purges the copies by expiry just as well.
        const open = EXPIRE[what].filter((a) => denied(a) !== 'all');
        if (open.length) partial.push(`an SCP denies ${action} in account ${dest}, but not ${open.join(', ')}, which purge ${what === 'backup' ? 'recovery points' : 'object versions'} by expiry`);
      }
    }
  }
  if (problems.length) return { ...where, status: 'FAIL', details: { ...details, problems: [...problems, ...partial] }, message: `Copies land in ${list}, but ${[...problems, ...partial].join('; ')}.` };
  if (missing.size)
    return { ...where, status: 'UNKNOWN', missingPermissions: [...missing], details, message: `Copies land in ${list}; whether an SCP protects them could not be read: run from the management account or grant ${[...missing].join(', ')}.` };
  if (partial.length)
    return { ...where, status: 'FAIL', severity: 'medium', details: { ...details, problems: partial }, message: `Copies land in ${list}, but the protection is partial: ${partial.join('; ')}. Deny those actions in the SCP too.` };
  return { ...where, status: 'PASS', details, message: `Copies land in ${list}, an account of organization ${orgId} where an SCP denies deleting them and shortening their lifecycle.` };
}
