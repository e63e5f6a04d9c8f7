import { plural } from './common';
import { keysOf, rootFact } from './credential-report';
import type { Check, CheckResult } from './types';

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
      const fact = rootFact(
        account,
        'has access keys',
        (s) => (typeof s.AccountAccessKeysPresent === 'number' ? s.AccountAccessKeysPresent : undefined),
        (row) => keysOf(row).filter((k) => k.active).length,
      );
      const where = fact.where;
      // The summary counts inactive keys too; the report's root row tells them apart. The summary is
      // fresher than the report: when it counts no key, an inactive key in the report is gone.
      const keys = fact.row ? keysOf(fact.row) : [];
      const active = keys.filter((k) => k.active).length;
      const inactive = keys.filter((k) => !k.active && k.lastRotated).length;
      const summary = account.iam.accountSummary;
      const summaryNone = summary.ok && summary.value.AccountAccessKeysPresent === 0;
      if (!active && inactive && !summaryNone) {
        out.push({ ...where, status: 'FAIL', severity: 'medium', details: { keys: inactive, inactive }, message: `The root user has ${plural(inactive, 'inactive access key')} (credential report): an inactive root key cannot sign requests, but it can be reactivated. Inactive root key: delete it.` });
      } else if (!fact.known) out.push(fact.result);
      else if (fact.value > 0) {
        const count = fact.value;
        out.push({ ...where, status: 'FAIL', message: `The root user has ${plural(count, 'access key')}: anyone holding one can wipe the account.`, details: { keys: count } });
      } else {
        out.push({ ...where, status: 'PASS', message: 'The root user has no access keys.' });
      }
    }
    return out;
  },
};
