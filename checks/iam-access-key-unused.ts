import { plural } from './common';
import { eachUserRow, keysOf } from './credential-report';
import type { Check, CheckResult } from './types';
import { DAY_MS } from './types';

const KEY_REMEDIATION_CLI = 'aws iam update-access-key --user-name <user> --access-key-id <id> --status Inactive   # wait a few days for complaints, then: aws iam delete-access-key --user-name <user> --access-key-id <id>';

// A key nobody uses is pure risk: all of the exposure, none of the value.
export const iamAccessKeyUnused: Check = {
  meta: {
    id: 'iam-access-key-unused',
    title: 'No active access key sits unused',
    severity: 'medium',
    threats: ['account-wipe'],
    resourceType: 'AWS::IAM::AccessKey',
    risk: 'An active key that nothing uses still works for whoever finds it in an old laptop, repository or CI log, and its misuse stands out less. Deactivating it costs nothing.',
    remediation: {
      console: 'IAM console → Users → the user → Security credentials → Access keys → the key → Actions → Deactivate; after a quiet period, Delete.',
      cli: KEY_REMEDIATION_CLI,
    },
    thresholds: {
      maxUnusedDays: { default: 45, unit: 'days', description: 'An active key not used for longer than this fails.' },
      neverUsedGraceDays: { default: 7, unit: 'days', description: 'A never-used key older than this fails; a newer one is still being rolled out.' },
    },
    permissions: ['iam:GenerateCredentialReport', 'iam:GetCredentialReport'],
  },
  run({ inventory, thresholds, now }) {
    const out: CheckResult[] = [];
    for (const [account, row] of eachUserRow(inventory, out, 'read the credential report')) {
      for (const key of keysOf(row)) {
        if (!key.active) continue;
        const where = { accountId: account.accountId, region: 'global', resourceId: key.resourceId };
        const name = `Access key ${key.slot} of user ${row.user}`;
        if (key.lastUsed) {
          const idle = Math.floor((now.getTime() - key.lastUsed.getTime()) / DAY_MS);
          const details = { user: row.user, daysSinceUse: idle, lastUsedService: key.lastUsedService, lastUsedRegion: key.lastUsedRegion };
          if (idle > thresholds.maxUnusedDays)
            out.push({ ...where, status: 'FAIL', details, message: `${name} has not been used for ${plural(idle, 'day')} (limit ${thresholds.maxUnusedDays}): deactivate it, then delete it.` });
          else out.push({ ...where, status: 'PASS', details, message: `${name} was used ${plural(idle, 'day')} ago.` });
          continue;
        }
        // Never used (`N/A`), or no usage recorded since IAM began tracking (`no_information`).
        if (!key.lastRotated) {
          out.push({ ...where, status: 'UNKNOWN', message: `${name} is active, but the credential report gives neither a last use nor a creation date.` });
          continue;
        }
        const age = Math.floor((now.getTime() - key.lastRotated.getTime()) / DAY_MS);
        const details = { user: row.user, ageDays: age, neverUsed: true };
        const noInfo = row[`access_key_${key.slot}_last_used_date`] === 'no_information';
        if (age > thresholds.neverUsedGraceDays)
          out.push({
            ...where,
            status: 'FAIL',
            details: { ...details, lastUsed: noInfo ? 'no_information' : 'N/A' },
            message: `${name} was created ${plural(age, 'day')} ago and ${noInfo ? 'has no recorded use (no_information: not used since IAM began tracking in 2015)' : 'has never been used'}: nobody needs it. Delete it.`,
          });
        else out.push({ ...where, status: 'PASS', details, message: `${name} is ${plural(age, 'day')} old and not used yet (grace period ${thresholds.neverUsedGraceDays} days).` });
      }
    }
    return out;
  },
};
