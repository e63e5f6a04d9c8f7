import { eachUserRow, keysOf } from './credential-report';
import type { Check, CheckResult } from './types';

// The work list for moving software from access keys to roles: each key, what last used it, and
// how many remain.
export const iamLongLivedKeyUsage: Check = {
  meta: {
    id: 'iam-long-lived-key-usage',
    title: 'Long-lived access keys still in use, and what uses them',
    severity: 'low',
    threats: ['account-wipe'],
    resourceType: 'AWS::IAM::AccessKey',
    risk: 'Every access key is a long-lived secret that works from anywhere until someone revokes it. Roles (instance profiles, IAM Roles Anywhere, OIDC for CI, IAM Identity Center for people) give short-lived credentials instead. The service and region that last used a key tell where the software using it runs.',
    remediation: {
      console:
        'For each key: find the software from the last-used service and region (CloudTrail: filter by the access key id), give it a role (EC2 instance profile, ECS task role, Lambda role, GitHub/GitLab OIDC, IAM Roles Anywhere for on-premises), deploy, then IAM console → Users → the user → Security credentials → Deactivate and Delete the key.',
      cli: 'aws iam get-access-key-last-used --access-key-id <id>; aws cloudtrail lookup-events --lookup-attributes AttributeKey=AccessKeyId,AttributeValue=<id> --max-results 20; then aws iam delete-access-key --user-name <user> --access-key-id <id>',
    },
    permissions: ['iam:GenerateCredentialReport', 'iam:GetCredentialReport'],
  },
  run({ inventory }) {
    const out: CheckResult[] = [];
    const perAccount = new Map<string, CheckResult[]>();
    const seen = new Set<string>();
    for (const [account, row] of eachUserRow(inventory, out, 'read the credential report')) {
      seen.add(account.accountId);
      for (const key of keysOf(row)) {
        if (!key.active) continue;
        const used = key.lastUsed
          ? `last used ${key.lastUsed.toISOString().slice(0, 10)} by ${key.lastUsedService ?? 'an unknown service'} in ${key.lastUsedRegion ?? 'an unknown region'}`
          : 'never used';
        const r: CheckResult = {
          accountId: account.accountId,
          region: 'global',
          resourceId: key.resourceId,
          status: 'FAIL',
          details: { user: row.user, slot: key.slot, lastUsed: key.lastUsed?.toISOString(), service: key.lastUsedService, region: key.lastUsedRegion },
          message: `Access key ${key.slot} of user ${row.user}: ${used}.`,
        };
        perAccount.set(account.accountId, [...(perAccount.get(account.accountId) ?? []), r]);
      }
    }
    for (const account of inventory.accounts) {
      if (!seen.has(account.accountId) && !account.iam.credentialReport.ok) continue;
      const keys = perAccount.get(account.accountId) ?? [];
      if (!keys.length) {
        out.push({ accountId: account.accountId, region: 'global', resourceId: `arn:${account.partition}:iam::${account.accountId}:user/*`, status: 'PASS', message: 'No IAM user has an active access key: software uses roles.' });
        continue;
      }
      keys.forEach((r, i) => {
        r.message += ` Move that software to a role, then delete the key (${i + 1} of ${keys.length} keys left in this account).`;
        r.details = { ...r.details, remaining: keys.length };
        out.push(r);
      });
    }
    return out;
  },
};
