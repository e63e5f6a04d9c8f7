import { rootFact } from './credential-report';
import type { Check, CheckResult } from './types';

// The root user can close the account; a password alone should never be enough to become it.
export const iamRootMfa: Check = {
  meta: {
    id: 'iam-root-mfa',
    title: 'The root user signs in with MFA',
    severity: 'critical',
    threats: ['account-wipe'],
    resourceType: 'AWS::IAM::RootUser',
    risk: 'Whoever signs in as root can delete everything, change the account email and close the account. Without MFA, a phished or reused password is enough.',
    remediation: {
      console: 'Sign in as the root user → account menu → Security credentials → Multi-factor authentication (MFA) → Assign MFA device (a hardware key or passkey is best) → follow the steps. Keep a second device registered in a safe.',
      cli: 'Root MFA can only be assigned while signed in as the root user (console). In an AWS Organization, consider centralised root access: aws iam enable-organizations-root-credentials-management, then remove member accounts\' root credentials.',
    },
    permissions: ['iam:GetAccountSummary', 'iam:GetCredentialReport'],
  },
  run({ inventory }) {
    const out: CheckResult[] = [];
    for (const account of inventory.accounts) {
      const fact = rootFact(
        account,
        'has MFA',
        (s) => (typeof s.AccountMFAEnabled === 'number' ? s.AccountMFAEnabled === 1 : undefined),
        (row) => (row.mfa_active === 'true' || row.mfa_active === 'false' ? row.mfa_active === 'true' : undefined),
      );
      const where = fact.where;
      if (!fact.known) out.push(fact.result);
      else if (fact.value) out.push({ ...where, status: 'PASS', message: 'The root user has MFA.' });
      else out.push({ ...where, status: 'FAIL', message: 'The root user has no MFA: its password alone is enough to wipe or close the account. Assign an MFA device to root.' });
    }
    return out;
  },
};
