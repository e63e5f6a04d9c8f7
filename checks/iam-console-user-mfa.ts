import { eachUserRow } from './credential-report';
import type { Check, CheckResult } from './types';

// A console password without MFA is one phishing email away from the account.
export const iamConsoleUserMfa: Check = {
  meta: {
    id: 'iam-console-user-mfa',
    title: 'Users who can sign in to the console have MFA',
    severity: 'high',
    threats: ['account-wipe'],
    resourceType: 'AWS::IAM::User',
    risk: 'A console password is phished, guessed or reused from another site; without MFA that is all it takes to act as the user, with every permission the user has.',
    remediation: {
      console: 'IAM console → Users → the user → Security credentials → Multi-factor authentication → Assign MFA device. Better still: move people to IAM Identity Center and remove IAM user passwords. Enforce with a policy that denies everything but MFA set-up when aws:MultiFactorAuthPresent is false.',
      cli: 'aws iam create-virtual-mfa-device --virtual-mfa-device-name <user> --outfile qr.png --bootstrap-method QRCodePNG; aws iam enable-mfa-device --user-name <user> --serial-number <arn> --authentication-code1 <code> --authentication-code2 <next-code>   # or remove the password: aws iam delete-login-profile --user-name <user>',
    },
    permissions: ['iam:GenerateCredentialReport', 'iam:GetCredentialReport'],
  },
  run({ inventory }) {
    const out: CheckResult[] = [];
    for (const [account, row] of eachUserRow(inventory, out, 'read the credential report')) {
      if (row.password_enabled !== 'true') continue; // no console password: MFA is not what protects this user
      const where = { accountId: account.accountId, region: 'global', resourceId: row.arn };
      if (row.mfa_active === 'true') out.push({ ...where, status: 'PASS', message: `User ${row.user} has a console password and MFA.` });
      else out.push({ ...where, status: 'FAIL', details: { user: row.user, passwordLastUsed: row.password_last_used }, message: `User ${row.user} can sign in to the console with a password alone: assign an MFA device, or remove the password if the user does not need the console.` });
    }
    return out;
  },
};
