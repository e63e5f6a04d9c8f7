import assert from 'node:assert/strict';
import { iamPrincipalCanWipe } from '../../checks/iam-principal-can-wipe';
import { blastRadiusOf } from '../../src/blast-radius';
import { defaultConfig } from '../../src/config';
import type { IamAuthorizationDetails, S3Bucket } from '../../src/inventory/types';
import { account, ACCOUNT, bucket, denied, inventory, ok, OTHER_ACCOUNT } from '../helpers/inventory';
import { runCheck } from '../helpers/run';
import { allow, authDetails, doc, keysFor, role, user } from '../threat/iam-fixtures';

const plain = bucket('plain', { versioning: ok({ status: 'Never', mfaDelete: 'Never' }) });
const other = bucket('other', { versioning: ok({ status: 'Never', mfaDelete: 'Never' }) });
const versioned = bucket('versioned');
const arn = (kind: string, name: string) => `arn:aws:iam::${ACCOUNT}:${kind}/${name}`;

function inv(details: Partial<IamAuthorizationDetails>, keys: string[], buckets: S3Bucket[] = [plain]) {
  return inventory([account({ s3: { buckets: ok(buckets) }, iam: { authorizationDetails: authDetails(details), credentialReport: keysFor(...keys) } })]);
}

describe('iam-principal-can-wipe', () => {
  const cases = [
    {
      name: 'a user key with * on *: FAIL critical, alone it wipes the account',
      inv: inv({ users: [user('admin', doc(allow('*')))] }, ['admin']),
      id: arn('user', 'admin'), type: 'AWS::IAM::User', status: 'FAIL', severity: 'critical',
      message: /^User admin could alone wipe the account: it can destroy for good 1 resource that cannot be brought back \(plain\), 1 sensitive data store \(1 bucket\) among them; it holds iam:CreatePolicyVersion, iam:SetDefaultPolicyVersion and \d+ more without condition.*move the work of its access key to a role assumed with MFA\.$/,
    },
    {
      name: 'a user that can purge one of two unrecoverable buckets: FAIL high, not a wipe',
      inv: inv({ users: [user('cleaner', doc(allow('s3:DeleteObject', 'arn:aws:s3:::plain/*')))] }, ['cleaner'], [plain, other]),
      id: arn('user', 'cleaner'), type: 'AWS::IAM::User', status: 'FAIL', severity: 'high',
      message: /^User cleaner could destroy data for good: it can destroy for good 1 resource that cannot be brought back \(plain\), 1 sensitive data store \(1 bucket\) among them\. Remove/,
    },
    {
      name: 'a user one sts:AssumeRole away from an admin role: FAIL critical, naming the path',
      inv: inv({ users: [user('dev', doc(allow('sts:AssumeRole')))], roles: [role('admin', { AWS: `arn:aws:iam::${ACCOUNT}:root` }, { policies: [doc(allow('*'))] })] }, ['dev']),
      id: arn('user', 'dev'), type: 'AWS::IAM::User', status: 'FAIL', severity: 'critical',
      message: /through role\/admin \(sts:AssumeRole\).*or take away its sts:AssumeRole on role\/admin/,
    },
    {
      name: 'a role another account may assume, with s3:*: FAIL, fix the trust policy',
      inv: inv({ roles: [role('vendor', { AWS: `arn:aws:iam::${OTHER_ACCOUNT}:root` }, { policies: [doc(allow('s3:*'))] })] }, []),
      id: arn('role', 'vendor'), type: 'AWS::IAM::Role', status: 'FAIL', severity: 'critical',
      message: /^Role vendor \(assumable from outside the account\) could alone wipe the account: .*restrict its trust policy with sts:ExternalId or aws:PrincipalOrgID/,
    },
    {
      name: 'delete without purge on a versioned bucket: PASS',
      inv: inv({ users: [user('writer', doc(allow('s3:DeleteObject')))] }, ['writer'], [versioned]),
      id: arn('user', 'writer'), type: 'AWS::IAM::User', status: 'PASS', severity: 'critical',
      message: /^User writer cannot destroy for good anything that could not be brought back\.$/,
    },
    {
      name: 'power only with MFA: PASS with a note naming the condition',
      inv: inv({ users: [user('mfa', doc(allow('s3:*', '*', { Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } } })))] }, ['mfa']),
      id: arn('user', 'mfa'), type: 'AWS::IAM::User', status: 'PASS', severity: 'critical',
      message: /It could destroy 1 more only if a condition holds \(Allow with condition Bool in inline policy mfa-p0 of user mfa\)/,
    },
    {
      name: 'only the root user holds a key: NOT_APPLICABLE (root is iam-root-access-keys)',
      inv: inv({ users: [user('nokey', doc(allow('*')))] }, ['<root_account>']),
      id: `${ACCOUNT}/global`, type: 'AWS::IAM::User', status: 'NOT_APPLICABLE', severity: 'critical',
      message: /No user with an active access key, server role or role trusted from outside the account/,
    },
  ];
  for (const c of cases)
    it(c.name, () => {
      const findings = runCheck(iamPrincipalCanWipe, c.inv);
      assert.equal(findings.length, 1, findings.map((f) => f.message).join('\n'));
      const [f] = findings;
      assert.deepEqual([f.status, f.severity, f.resourceId, f.resourceType, f.region, f.threats], [c.status, c.severity, c.id, c.type, 'global', ['account-wipe']]);
      assert.match(f.message, c.message);
    });

  it('IAM authorization details missing: UNKNOWN naming iam:GetAccountAuthorizationDetails', () => {
    const i = inv({}, []);
    i.accounts[0].iam.authorizationDetails = denied('iam:GetAccountAuthorizationDetails');
    const findings = runCheck(iamPrincipalCanWipe, i);
    assert.deepEqual(findings.map((f) => [f.status, f.resourceId, f.missingPermissions]), [['UNKNOWN', `${ACCOUNT}/global`, ['iam:GetAccountAuthorizationDetails']]]);
  });

  it('a resource list missing: UNKNOWN naming the permission only for who could destroy that kind of resource; a proven FAIL stays', () => {
    const i = inv(
      {
        users: [
          user('writer', doc(allow('s3:DeleteObject', 'arn:aws:s3:::versioned/*'))),
          user('cleaner', doc(allow('s3:DeleteObject', 'arn:aws:s3:::plain/*'))),
          user('tabler', doc(allow('dynamodb:DeleteTable', 'arn:aws:dynamodb:*:*:table/prod-*'))),
          user('reader', doc(allow('s3:GetObject'))),
        ],
      },
      ['writer', 'cleaner', 'tabler', 'reader'],
      [plain, versioned],
    );
    i.accounts[0].regions[0].dynamodb.tables = denied('dynamodb:ListTables');
    const st = Object.fromEntries(runCheck(iamPrincipalCanWipe, i).map((f) => [f.resourceId.split('/').pop(), [f.status, f.missingPermissions]]));
    assert.deepEqual(st, { writer: ['PASS', undefined], cleaner: ['FAIL', undefined], tabler: ['UNKNOWN', ['dynamodb:ListTables']], reader: ['PASS', undefined] });
  });

  it('a missing bucket list leaves open who could delete objects, and who can grant itself anything', () => {
    const i = inv({ users: [user('writer', doc(allow('s3:DeleteObject'))), user('granter', doc(allow('iam:PutUserPolicy'))), user('tabler', doc(allow('dynamodb:DeleteTable')))] }, ['writer', 'granter', 'tabler'], []);
    i.accounts[0].s3.buckets = denied('s3:ListAllMyBuckets');
    const st = Object.fromEntries(runCheck(iamPrincipalCanWipe, i).map((f) => [f.resourceId.split('/').pop(), [f.status, f.missingPermissions]]));
    assert.deepEqual(st, { writer: ['UNKNOWN', ['s3:ListAllMyBuckets']], granter: ['UNKNOWN', ['s3:ListAllMyBuckets']], tabler: ['PASS', undefined] });
  });

  it('the message names resources as the report does: short names, "a and b"', () => {
    const [f] = runCheck(iamPrincipalCanWipe, inv({ users: [user('admin', doc(allow('*')))] }, ['admin'], [plain, other]));
    assert.match(f.message, /it can destroy for good 2 resources that cannot be brought back \(plain and other\)/);
  });

  it('the blast radius throwing: one UNKNOWN per account with the error, not a crashed check', () => {
    const i = inv({ users: [user('admin', doc(allow('*')))] }, ['admin']);
    i.accounts.push({ ...i.accounts[0], accountId: OTHER_ACCOUNT });
    // A bucket record the blast radius cannot read stands for any fault inside it.
    (i.accounts[0].s3.buckets as { value: unknown[] }).value = [{ ...plain, versioning: undefined }];
    const findings = runCheck(iamPrincipalCanWipe, i);
    assert.deepEqual(findings.map((f) => [f.status, f.accountId, f.resourceId, f.missingPermissions]), [
      ['UNKNOWN', ACCOUNT, `${ACCOUNT}/global`, undefined],
      ['UNKNOWN', OTHER_ACCOUNT, `${OTHER_ACCOUNT}/global`, undefined],
    ]);
    assert.match(findings[0].message, /blast radius could not be computed \(.+\)\. No permission is missing/);
  });

  it('details name the count, examples and the sensitive stores', () => {
    const [f] = runCheck(iamPrincipalCanWipe, inv({ users: [user('admin', doc(allow('*')))] }, ['admin'], [plain, other, versioned]));
    assert.deepEqual([f.details!.unrecoverable, f.details!.examples, f.details!.destroysSensitive], [3, ['arn:aws:s3:::plain', 'arn:aws:s3:::other', 'arn:aws:s3:::versioned'], 3]);
  });

  it('the blast radius is computed once per inventory and config, shared with the report', () => {
    const i = inv({ users: [user('admin', doc(allow('*')))] }, ['admin']);
    const config = defaultConfig();
    assert.equal(blastRadiusOf(i, config), blastRadiusOf(i, config));
    assert.notEqual(blastRadiusOf(i, config), blastRadiusOf(i, defaultConfig()), 'another config is another result');
  });
});
