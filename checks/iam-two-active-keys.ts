import { eachUserRow, keysOf } from './credential-report';
import type { Check, CheckResult } from './types';

// Two active keys is the half-finished rotation: the old one was meant to go.
export const iamTwoActiveKeys: Check = {
  meta: {
    id: 'iam-two-active-keys',
    title: 'No user has two active access keys',
    severity: 'medium',
    threats: ['account-wipe'],
    resourceType: 'AWS::IAM::User',
    risk: 'A second active key usually means a rotation that was never finished: the old key, already copied to more places, still works. It doubles what has to be found and revoked after a leak.',
    remediation: {
      console: 'IAM console → Users → the user → Security credentials → Access keys → find the one the software no longer uses (last used date) → Deactivate, then Delete.',
      cli: 'aws iam list-access-keys --user-name <user>; aws iam get-access-key-last-used --access-key-id <id>; aws iam update-access-key --user-name <user> --access-key-id <old-id> --status Inactive',
    },
    permissions: ['iam:GenerateCredentialReport', 'iam:GetCredentialReport'],
  },
  run({ inventory }) {
    const out: CheckResult[] = [];
    for (const [account, row] of eachUserRow(inventory, out, 'read the credential report')) {
      const active = keysOf(row).filter((k) => k.active);
      if (!active.length) continue; // nothing to judge: the user has no active key
      const where = { accountId: account.accountId, region: 'global', resourceId: row.arn };
      const lastUse = active.map((k) => `key ${k.slot}: ${k.lastUsed ? `last used ${k.lastUsed.toISOString().slice(0, 10)}` : 'never used'}`);
      if (active.length > 1)
        out.push({ ...where, status: 'FAIL', details: { user: row.user, keys: lastUse }, message: `User ${row.user} has two active access keys (${lastUse.join('; ')}): finish the rotation and deactivate the one no longer in use.` });
      else out.push({ ...where, status: 'PASS', message: `User ${row.user} has one active access key.` });
    }
    return out;
  },
};
