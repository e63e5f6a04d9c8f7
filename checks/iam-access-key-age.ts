import { plural } from './common';
import { eachUserRow, keysOf } from './credential-report';
import type { Check, CheckResult } from './types';
import { DAY_MS } from './types';

// A long-lived key is a standing invitation: the older it is, the more places it has been copied to.
export const iamAccessKeyAge: Check = {
  meta: {
    id: 'iam-access-key-age',
    title: 'Active IAM access keys are rotated',
    severity: 'high',
    threats: ['account-wipe'],
    resourceType: 'AWS::IAM::AccessKey',
    risk: 'Access keys never expire. An old key has had time to end up in laptops, CI logs and chat history; whoever finds one with enough rights can delete the account’s data.',
    remediation: {
      console:
        'Best: move the software to an IAM role (instance profile, IAM Roles Anywhere, OIDC for CI) and delete the key. Otherwise IAM console → Users → the user → Security credentials → Create access key, deploy it, then Deactivate and Delete the old one.',
      cli: 'aws iam create-access-key --user-name <user>; (deploy the new key) aws iam update-access-key --user-name <user> --access-key-id <old-id> --status Inactive; aws iam delete-access-key --user-name <user> --access-key-id <old-id>',
    },
    thresholds: { maxAgeDays: { default: 90, unit: 'days', description: 'An active key older than this fails.' } },
    permissions: ['iam:GenerateCredentialReport', 'iam:GetCredentialReport'],
  },
  run({ inventory, thresholds, now }) {
    const out: CheckResult[] = [];
    for (const [account, row] of eachUserRow(inventory, out, 'read the credential report')) {
      for (const key of keysOf(row)) {
        if (!key.active) continue;
        const where = { accountId: account.accountId, region: 'global', resourceId: key.resourceId };
        if (!key.lastRotated) {
          out.push({ ...where, status: 'UNKNOWN', message: `Key ${key.slot} of ${row.user} is active but the credential report gives no creation date (${row[`access_key_${key.slot}_last_rotated`]}).` });
          continue;
        }
        const age = Math.floor((now.getTime() - key.lastRotated.getTime()) / DAY_MS);
        const details = { user: row.user, ageDays: age, lastUsedService: key.lastUsedService, lastUsedRegion: key.lastUsedRegion };
        if (age > thresholds.maxAgeDays) {
          out.push({ ...where, status: 'FAIL', details, message: `Access key ${key.slot} of user ${row.user} is ${plural(age, 'day')} old (limit ${thresholds.maxAgeDays}).` });
        } else {
          out.push({ ...where, status: 'PASS', details, message: `Access key ${key.slot} of user ${row.user} is ${plural(age, 'day')} old.` });
        }
      }
    }
    return out;
  },
};
