import assert from 'node:assert/strict';
import * as blastRadius from '../../src/blast-radius';
import { computeBlastRadius, resourceOf } from '../../src/blast-radius';
import * as hops from '../../src/blast-radius/hops';
import { defaultConfig } from '../../src/config';
import type { IamAuthorizationDetails } from '../../src/inventory/types';
import { account, ACCOUNT, bucket, inventory, ok, OTHER_ACCOUNT } from '../helpers/inventory';
import { allow, authDetails, deny, doc, keysFor, role, user } from './iam-fixtures';

// A reviewer's probes: power one sts:AssumeRole or one iam:PassRole away.
const plain = bucket('plain', { versioning: ok({ status: 'Never', mfaDelete: 'Never' }) });
const ROOT = `arn:aws:iam::${ACCOUNT}:root`;
const admin = (trust: object, opts: { instanceProfile?: boolean } = {}) => role('admin', trust, { ...opts, policies: [doc(allow('*'))] });

function entryOf(details: Partial<IamAuthorizationDetails>, name: string) {
  const inv = inventory([account({ s3: { buckets: ok([plain]) }, iam: { authorizationDetails: authDetails(details), credentialReport: keysFor('dev') } })]);
  const e = computeBlastRadius(inv, defaultConfig()).entries.find((x) => x.name === name);
  assert.ok(e, `no entry for ${name}`);
  return e;
}

describe('blast radius: one hop through another role', () => {
  const cases = [
    { name: 'sts:AssumeRole on * and an admin role trusting the account root', policy: doc(allow('sts:AssumeRole')), trust: { AWS: ROOT } },
    { name: 'an admin role whose trust policy names the user (no identity policy needed)', policy: doc(allow('s3:ListBucket')), trust: { AWS: `arn:aws:iam::${ACCOUNT}:user/dev` } },
    { name: 'sts:AssumeRole on the role, its own Deny on s3 does not follow it into the session', policy: doc(allow('sts:AssumeRole', `arn:aws:iam::${ACCOUNT}:role/admin`), deny('s3:*')), trust: { AWS: ACCOUNT } },
  ];
  for (const c of cases)
    it(`${c.name}: holds the role's power, firm, via role/admin`, () => {
      const e = entryOf({ users: [user('dev', c.policy)], roles: [admin(c.trust)] }, 'dev');
      assert.deepEqual(e.unrecoverable, ['arn:aws:s3:::plain']);
      assert.equal(e.canWipeAccount, true);
      assert.deepEqual(e.via, [{ role: 'role/admin', arn: `arn:aws:iam::${ACCOUNT}:role/admin`, how: 'sts:AssumeRole', conditional: false }]);
      assert.equal(resourceOf(e, 'arn:aws:s3:::plain')!.via, 'role/admin');
    });

  it('a condition in the trust policy makes the inherited power conditional', () => {
    const trust = JSON.stringify({ Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { AWS: ROOT }, Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } } }] });
    const e = entryOf({ users: [user('dev', doc(allow('sts:AssumeRole')))], roles: [{ ...admin({}), AssumeRolePolicyDocument: trust }] }, 'dev');
    assert.deepEqual(e.unrecoverable, []);
    assert.deepEqual(e.conditional, ['arn:aws:s3:::plain']);
    assert.equal(e.canWipeAccount, false);
    assert.match(e.conditions.join(), /via role\/admin \(sts:AssumeRole, with conditions\)/);
  });

  it('iam:PassRole + ec2:RunInstances next to an admin instance role: its power, conditional, via passing it to EC2', () => {
    const e = entryOf({ users: [user('dev', doc(allow(['iam:PassRole', 'ec2:RunInstances'])))], roles: [admin({ Service: 'ec2.amazonaws.com' }, { instanceProfile: true })] }, 'dev');
    assert.deepEqual(e.unrecoverable, []);
    assert.deepEqual(e.conditional, ['arn:aws:s3:::plain']);
    assert.deepEqual(e.via, [{ role: 'role/admin', arn: `arn:aws:iam::${ACCOUNT}:role/admin`, how: 'iam:PassRole to EC2', conditional: true }]);
    assert.match(e.conditions.join(), /via passing role\/admin to EC2/);
    assert.ok(e.escalation.every((x) => x.conditional) && e.escalation.length > 0, 'the role\'s IAM power, conditional');
  });

  it('iam:PassRole + lambda:CreateFunction + lambda:InvokeFunction onto a role Lambda may assume', () => {
    const e = entryOf({ users: [user('dev', doc(allow(['iam:PassRole', 'lambda:CreateFunction', 'lambda:InvokeFunction'])))], roles: [admin({ Service: 'lambda.amazonaws.com' })] }, 'dev');
    assert.deepEqual(e.conditional, ['arn:aws:s3:::plain']);
    assert.equal(e.via[0].how, 'iam:PassRole to Lambda');
  });

  describe('a trust policy naming the user still yields to its own Denies', () => {
    const DEV = `arn:aws:iam::${ACCOUNT}:user/dev`;
    const ADMIN = `arn:aws:iam::${ACCOUNT}:role/admin`;
    it('an explicit Deny of sts:AssumeRole on the role: no hop, no power, no wipe', () => {
      const e = entryOf({ users: [user('dev', doc(allow('s3:ListBucket'), deny('sts:AssumeRole', ADMIN)))], roles: [admin({ AWS: DEV })] }, 'dev');
      assert.deepEqual(e.via, []);
      assert.deepEqual(e.destructiveActions, []);
      assert.equal(e.canWipeAccount, false);
    });
    it('a Deny in its permissions boundary: no hop either', () => {
      const boundary = { PolicyName: 'b', Arn: `arn:aws:iam::${ACCOUNT}:policy/b`, DefaultVersionId: 'v1', PolicyVersionList: [{ VersionId: 'v1', IsDefaultVersion: true, Document: doc(allow('s3:*'), deny('sts:*')) }] };
      const dev = { ...user('dev', doc(allow('s3:ListBucket'))), PermissionsBoundary: { PermissionsBoundaryArn: boundary.Arn } };
      const e = entryOf({ users: [dev], roles: [admin({ AWS: DEV })], policies: [boundary] }, 'dev');
      assert.deepEqual(e.via, []);
      assert.equal(e.canWipeAccount, false);
    });
    it('a boundary that merely leaves sts:AssumeRole out does not stop it: the trust policy names the user', () => {
      const boundary = { PolicyName: 'b', Arn: `arn:aws:iam::${ACCOUNT}:policy/b`, DefaultVersionId: 'v1', PolicyVersionList: [{ VersionId: 'v1', IsDefaultVersion: true, Document: doc(allow('s3:*')) }] };
      const dev = { ...user('dev', doc(allow('s3:ListBucket'))), PermissionsBoundary: { PermissionsBoundaryArn: boundary.Arn } };
      const e = entryOf({ users: [dev], roles: [admin({ AWS: DEV })], policies: [boundary] }, 'dev');
      assert.equal(e.via[0]?.conditional, false);
      assert.equal(e.canWipeAccount, true);
    });
    it('a conditional Deny of sts:AssumeRole makes the hop conditional', () => {
      const mfa = { Condition: { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } } };
      const e = entryOf({ users: [user('dev', doc(allow('s3:ListBucket'), deny('sts:AssumeRole', '*', mfa)))], roles: [admin({ AWS: DEV })] }, 'dev');
      assert.deepEqual(e.via, [{ role: 'role/admin', arn: ADMIN, how: 'sts:AssumeRole', conditional: true }]);
      assert.deepEqual(e.unrecoverable, []);
      assert.deepEqual(e.conditional, ['arn:aws:s3:::plain']);
      assert.equal(e.canWipeAccount, false);
    });
    it('named and trusted by account, Denied: no hop', () => {
      const trust = { AWS: [DEV, ROOT] };
      const e = entryOf({ users: [user('dev', doc(allow('sts:AssumeRole'), deny('sts:AssumeRole', ADMIN)))], roles: [admin(trust)] }, 'dev');
      assert.deepEqual(e.via, []);
      assert.equal(e.canWipeAccount, false);
    });
  });

  const negatives = [
    { name: 'the trust policy names another account only', policy: doc(allow('sts:AssumeRole')), role: admin({ AWS: `arn:aws:iam::${OTHER_ACCOUNT}:root` }) },
    { name: 'the trust policy trusts the account but the user may not call sts:AssumeRole', policy: doc(allow('s3:ListBucket')), role: admin({ AWS: ROOT }) },
    { name: 'PassRole without a launch action', policy: doc(allow('iam:PassRole')), role: admin({ Service: 'ec2.amazonaws.com' }, { instanceProfile: true }) },
    { name: 'PassRole + RunInstances, but the role trusts Lambda, not EC2', policy: doc(allow(['iam:PassRole', 'ec2:RunInstances'])), role: admin({ Service: 'lambda.amazonaws.com' }) },
  ];
  for (const n of negatives)
    it(`no inheritance when ${n.name}`, () => {
      const roles = [n.role];
      const e = entryOf({ users: [user('dev', n.policy)], roles }, 'dev');
      assert.deepEqual(e.destructiveActions, []);
      assert.deepEqual(e.via, []);
      assert.equal(e.resourceCount, 0);
    });
});

describe('blast radius: module surface', () => {
  it('hops.ts exports only preparedWithHops; the blast radius does not re-export isSensitiveStore', () => {
    assert.deepEqual(Object.keys(hops), ['preparedWithHops']);
    assert.equal('isSensitiveStore' in blastRadius, false);
  });
});
