import { vaultNotInUse, vaultWriters } from './backup-selection';
import { denial, statements, wildcardsFor } from './policy';
import type { Check, CheckResult } from './types';
import { eachRegion, listUnknown, unknown } from './types';

const DELETE = 'backup:DeleteRecoveryPoint';
const SHORTEN = 'backup:UpdateRecoveryPointLifecycle';
const TAMPER = ['backup:PutBackupVaultAccessPolicy', 'backup:DeleteBackupVaultAccessPolicy'];
/** Every action this check looks for in a deny (checked against IAM's action list in the tests). */
export const VAULT_POLICY_ACTIONS = [DELETE, SHORTEN, ...TAMPER];
// AWS creates this vault with its own deny policy, which customers cannot change.
const AWS_DEFAULT_VAULTS = ['aws/efs/automatic-backup-vault'];

// A vault access policy that denies deletion to everyone (but a named break-glass role) stops an
// admin key from deleting backups even where the vault is not locked.
export const backupVaultAccessPolicy: Check = {
  meta: {
    id: 'backup-vault-access-policy',
    title: 'Vault access policies deny deleting recovery points',
    severity: 'high',
    threats: ['account-wipe', 'server-compromise'],
    resourceType: 'AWS::Backup::BackupVault',
    risk: 'Without a deny in the vault access policy, any identity with backup:DeleteRecoveryPoint (every admin, and any role with a broad policy) can delete the backups, or shorten their retention with UpdateRecoveryPointLifecycle so they expire. A deny is only as good as the policy: whoever can replace the policy can lift it.',
    remediation: {
      console:
        'AWS Backup console → Backup vaults → the vault → Access policy → Edit → add a statement: Effect Deny, Principal "*", Action backup:DeleteRecoveryPoint, backup:UpdateRecoveryPointLifecycle, backup:PutBackupVaultAccessPolicy, backup:DeleteBackupVaultAccessPolicy, Resource "*", with Condition ArnNotLike aws:PrincipalArn = your break-glass role → Save.',
      cli: 'aws backup put-backup-vault-access-policy --backup-vault-name <vault> --policy \'{"Version":"2012-10-17","Statement":[{"Sid":"DenyDeletes","Effect":"Deny","Principal":"*","Action":["backup:DeleteRecoveryPoint","backup:UpdateRecoveryPointLifecycle","backup:PutBackupVaultAccessPolicy","backup:DeleteBackupVaultAccessPolicy"],"Resource":"*","Condition":{"ArnNotLike":{"aws:PrincipalArn":"arn:aws:iam::<account>:role/<break-glass>"}}}]}\'',
      cloudformation: 'AWS::Backup::BackupVault AccessPolicy: { Statement: [{ Effect: Deny, Principal: "*", Action: [backup:DeleteRecoveryPoint, backup:UpdateRecoveryPointLifecycle, backup:PutBackupVaultAccessPolicy, backup:DeleteBackupVaultAccessPolicy], Resource: "*", Condition: { ArnNotLike: { aws:PrincipalArn: "arn:aws:iam::<account>:role/<break-glass>" } } }] }',
    },
    permissions: ['backup:ListBackupVaults', 'backup:GetBackupVaultAccessPolicy', 'backup:ListBackupPlans'],
  },
  run({ inventory }) {
    const out: CheckResult[] = [];
    const { writers, unknownPlans } = vaultWriters(inventory);
    for (const [account, region] of eachRegion(inventory)) {
      const where = { accountId: account.accountId, region: region.region };
      const vaults = region.backup.vaults;
      const failed = listUnknown(vaults, where, 'list the backup vaults');
      if (failed || !vaults.ok) {
        out.push(...(failed ?? []));
        continue;
      }
      for (const v of vaults.value) {
        const base = { ...where, resourceId: v.BackupVaultArn };
        const name = v.BackupVaultName;
        const idle = vaultNotInUse(v, writers, unknownPlans.get(`${account.accountId}/${region.region}`), base);
        if (idle) {
          out.push(idle);
          continue;
        }
        if (!v.accessPolicy.ok) {
          out.push(unknown(v.accessPolicy.error, base, `read the access policy of vault ${name}`));
          continue;
        }
        if (v.accessPolicy.value === null) {
          out.push({ ...base, status: 'FAIL', message: `Vault ${name} has no access policy: anyone with ${DELETE} can delete its recovery points. Add a Deny for ${DELETE} and ${SHORTEN} to "*", except a break-glass role.` });
          continue;
        }
        const stmts = statements(v.accessPolicy.value);
        if (!stmts) {
          out.push({ ...base, status: 'UNKNOWN', message: `The access policy of vault ${name} is not readable JSON, so its denies cannot be judged.` });
          continue;
        }
        // AWS Backup vault access policies do not support wildcards in Action (AWS Backup developer guide).
        const opts = { wildcards: false };
        const del = denial(stmts, DELETE, opts);
        const shorten = denial(stmts, SHORTEN, opts);
        const tamper = TAMPER.map((a) => denial(stmts, a, opts));
        const wild = [...new Set(stmts.filter((s) => s.Effect === 'Deny').flatMap((s) => VAULT_POLICY_ACTIONS.flatMap((a) => wildcardsFor(s, a))))];
        const wildNote = wild.length ? ` Wildcard actions (${wild.join(', ')}) do not work in vault access policies: list each action.` : '';
        const exempt = [...new Set([...del.exempt, ...shorten.exempt])];
        const details = { deleteDenied: del.how, lifecycleDenied: shorten.how, policyChangeDenied: tamper.map((t) => t.how), exempt, ignoredWildcards: wild };
        const awsDefault = AWS_DEFAULT_VAULTS.includes(name) && del.how === 'all' && shorten.how === 'all';
        if (awsDefault) {
          out.push({ ...base, status: 'PASS', details, message: `Vault ${name} carries the deny policy AWS creates for it: no one can delete or shorten its recovery points.` });
        } else if (del.how === 'none') {
          out.push({ ...base, status: 'FAIL', details, message: `The access policy of vault ${name} does not deny ${DELETE}: anyone with that permission can delete its recovery points. Add a Deny to "*", except a break-glass role.${wildNote}` });
        } else if (del.how === 'conditional') {
          out.push({ ...base, status: 'FAIL', severity: 'medium', details, message: `Vault ${name} denies ${DELETE} only conditionally (${del.conditions.join('; ')}): check that an attacker cannot meet the condition, or deny it unconditionally except to named principals.${wildNote}` });
        } else if (shorten.how !== 'all') {
          out.push({ ...base, status: 'FAIL', severity: 'medium', details, message: `Vault ${name} denies ${DELETE} but not ${SHORTEN}: a recovery point's retention can be cut to one day so that it expires. Deny ${SHORTEN} too.${wildNote}` });
        } else if (tamper.some((t) => t.how !== 'all')) {
          const open = TAMPER.filter((_, i) => tamper[i].how !== 'all');
          out.push({ ...base, status: 'FAIL', severity: 'low', details, message: `Vault ${name} denies deleting and shortening recovery points, but not ${open.join(' / ')}: an admin can replace or remove the policy first. Deny those actions too.${wildNote}` });
        } else {
          const but = exempt.length ? `, except ${exempt.join(', ')}` : '';
          out.push({ ...base, status: 'PASS', details, message: `The access policy of vault ${name} denies deleting recovery points, shortening their retention and changing the policy to everyone${but}.` });
        }
      }
    }
    return out;
  },
};
