import { keysOf, ROOT_USER } from './credential-report';
import type { Check, CheckResult } from './types';
import { unknown } from './types';

// A root access key can do anything, including closing the account; no policy can limit it.
export const iamRootAccessKeys: Check = {
  meta: {
    id: 'iam-root-access-keys',
    title: 'The root user has no access keys',
    severity: 'critical',
    threats: ['account-wipe'],
    resourceType: 'AWS::IAM::RootUser',
    risk: 'A root access key cannot be restricted by any IAM policy and can delete everything in the account, backups included. Whoever holds it can wipe the account.',
    remediation: {
      console: 'Sign in as the root user → account menu → Security credentials → Access keys → Deactivate, then Delete each key. Use IAM roles for any automation that used it.',
      cli: 'Root keys can only be deleted while signed in as root (console), or with root credentials: aws iam delete-access-key --access-key-id <id>',
    },
    permissions: ['iam:GetAccountSummary', 'iam:GetCredentialReport'],
  },
  run({ inventory }) {
    const out: CheckResult[] = [];
    for (const account of inventory.accounts) {
      const where = { accountId: account.accountId, region: 'global', resourceId: `arn:${account.partition}:iam::${account.accountId}:root` };
      const summary = account.iam.accountSummary;
      const report = account.iam.credentialReport;
      const rootRow = report.ok ? report.value.rows.find((r) => r.user === ROOT_USER) : undefined;
      let count: number | undefined;
      if (summary.ok && typeof summary.value.AccountAccessKeysPresent === 'number') count = summary.value.AccountAccessKeysPresent;
      else if (rootRow) count = keysOf(rootRow).filter((k) => k.active).length;
      if (count === undefined) {
        const err = !summary.ok ? summary.error : !report.ok ? report.error : undefined;
        out.push(
          err
            ? unknown(err, where, 'tell whether the root user has access keys')
            : { ...where, status: 'UNKNOWN', message: 'Neither the account summary nor the credential report says whether the root user has access keys.' },
        );
      } else if (count > 0) {
        out.push({ ...where, status: 'FAIL', message: `The root user has ${count} access key${count > 1 ? 's' : ''}: anyone holding one can wipe the account.`, details: { keys: count } });
      } else {
        out.push({ ...where, status: 'PASS', message: 'The root user has no access keys.' });
      }
    }
    return out;
  },
};
