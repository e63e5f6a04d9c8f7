import assert from 'node:assert/strict';
import { computeBlastRadius, resourceOf } from '../../src/blast-radius';
import { defaultConfig } from '../../src/config';
import type { IamAuthorizationDetails, S3Bucket } from '../../src/inventory/types';
import { account, ACCOUNT, bucket, inventory, ok, OTHER_ACCOUNT } from '../helpers/inventory';
import { allow, authDetails, deny, doc, keysFor, role, user } from './iam-fixtures';

const replicated = bucket('replicated', {
  replication: ok({ Role: 'arn:aws:iam::111111111111:role/repl', Rules: [{ Status: 'Enabled', Destination: { Bucket: 'arn:aws:s3:::vault-copy', Account: OTHER_ACCOUNT } }] }),
});
const unversioned = bucket('plain', { versioning: ok({ status: 'Never', mfaDelete: 'Never' }) });
const versionedOnly = bucket('versioned');

function run(details: Partial<IamAuthorizationDetails>, buckets: S3Bucket[], keyUsers: string[]) {
  const inv = inventory([account({ s3: { buckets: ok(buckets) }, iam: { authorizationDetails: authDetails(details), credentialReport: keysFor(...keyUsers) } })]);
  return computeBlastRadius(inv, defaultConfig());
}

const entry = (r: ReturnType<typeof run>, name: string) => {
  const e = r.entries.find((x) => x.name === name);
  assert.ok(e, `no blast-radius entry for ${name}: ${r.entries.map((x) => x.name).join(', ')}`);
  return e;
};

describe('blast radius', () => {
  it('s3:* on *: the replicated bucket is recoverable, the unversioned one is not', () => {
    const r = run({ users: [user('admin', doc(allow('s3:*')))] }, [replicated, unversioned], ['admin']);
    const e = entry(r, 'admin');
    assert.equal(e.kind, 'user');
    assert.deepEqual(e.unrecoverable, ['arn:aws:s3:::plain']);
    const rep = resourceOf(e, 'arn:aws:s3:::replicated')!;
    assert.equal(rep.recoverable, true);
    assert.match(rep.why, /vault-copy in account 222222222222/);
    assert.ok(rep.actions.includes('s3:DeleteObjectVersion'));
    assert.ok(e.destructiveActions.includes('s3:DeleteBucket'));
    assert.equal(e.canWipeAccount, true, 'holds every destructive S3 action on the only unrecoverable resource');
  });

  it('versioning alone protects against DeleteObject, not against a version purge', () => {
    const r = run({ users: [user('writer', doc(allow('s3:DeleteObject'))), user('purger', doc(allow(['s3:DeleteObject', 's3:DeleteObjectVersion'])))] }, [versionedOnly], ['writer', 'purger']);
    assert.deepEqual(entry(r, 'writer').unrecoverable, []);
    assert.equal(resourceOf(entry(r, 'writer'), 'arn:aws:s3:::versioned')!.recoverable, true);
    assert.deepEqual(entry(r, 'purger').unrecoverable, ['arn:aws:s3:::versioned']);
  });

  it('an unconditional Deny removes the power', () => {
    const r = run({ users: [user('denied', doc(allow('s3:*'), deny(['s3:Delete*', 's3:PutLifecycleConfiguration'], 'arn:aws:s3:::plain*')))] }, [unversioned, versionedOnly], ['denied']);
    const e = entry(r, 'denied');
    assert.equal(resourceOf(e, 'arn:aws:s3:::plain'), undefined, 'the denied bucket is out of reach');
    assert.deepEqual(e.unrecoverable, ['arn:aws:s3:::versioned']);
  });

  it('a Deny in a group policy counts too', () => {
    const details = {
      users: [{ ...user('grouped', doc(allow('*'))), GroupList: ['no-delete'] }],
      groups: [{ GroupName: 'no-delete', Arn: `arn:aws:iam::${ACCOUNT}:group/no-delete`, GroupPolicyList: [{ PolicyName: 'd', PolicyDocument: doc(deny(['s3:Delete*', 's3:PutLifecycleConfiguration'])) }] }],
    };
    const e = entry(run(details, [unversioned], ['grouped']), 'grouped');
    assert.deepEqual(e.unrecoverable, []);
    assert.ok(e.escalation.some((x) => x.action === 'iam:AttachUserPolicy' && !x.conditional), 'still holds IAM escalation');
    assert.equal(e.canWipeAccount, true, 'with IAM escalation it can take itself out of the group that denies');
  });

  it('NotAction: Allow everything but s3 leaves the buckets alone; Deny NotAction keeps only what it names', () => {
    const r = run(
      {
        users: [
          user('not-s3', doc({ Effect: 'Allow', NotAction: ['s3:*', 'iam:*'], Resource: '*' })),
          user('only-get', doc(allow('s3:*'), { Effect: 'Deny', NotAction: 's3:Get*', Resource: '*' })),
        ],
      },
      [unversioned],
      ['not-s3', 'only-get'],
    );
    assert.equal(entry(r, 'not-s3').resourceCount, 0);
    assert.ok(entry(r, 'not-s3').destructiveActions.includes('ec2:DeleteSnapshot'), 'NotAction still grants the rest');
    assert.deepEqual(entry(r, 'only-get').destructiveActions, []);
  });

  it('a conditional grant is shown as conditional, not dropped and not counted as certain', () => {
    const mfa = { Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } } };
    const e = entry(run({ users: [user('mfa-admin', doc(allow('s3:*', '*', mfa)))] }, [unversioned], ['mfa-admin']), 'mfa-admin');
    assert.deepEqual(e.unrecoverable, []);
    assert.deepEqual(e.conditional, ['arn:aws:s3:::plain']);
    assert.ok(resourceOf(e, 'arn:aws:s3:::plain')!.conditionalActions.includes('s3:DeleteObject'));
    assert.match(e.conditions.join(' '), /aws:MultiFactorAuthPresent|Bool/);
    assert.equal(e.canWipeAccount, false);
  });

  it('a conditional Deny turns a certain grant into a conditional one', () => {
    const e = entry(run({ users: [user('u', doc(allow('s3:*'), deny('s3:*', '*', { Condition: { StringNotEquals: { 'aws:SourceVpc': 'vpc-1' } } })))] }, [unversioned], ['u']), 'u');
    assert.deepEqual(e.unrecoverable, []);
    assert.deepEqual(e.conditional, ['arn:aws:s3:::plain']);
  });

  it('wildcards in actions and resources are expanded against the real action names', () => {
    const e = entry(run({ users: [user('w', doc(allow('s3:Delete*', 'arn:aws:s3:::pl?in/*')))] }, [unversioned, versionedOnly], ['w']), 'w');
    assert.deepEqual(e.resources.flatMap((x) => x.arns), ['arn:aws:s3:::plain']);
    assert.deepEqual(e.resources[0].actions, ['s3:DeleteObject', 's3:DeleteObjectVersion'], 'object actions only: DeleteBucket needs the bucket ARN');
  });

  it('only principals that matter: users with active keys, instance roles, roles assumable from outside', () => {
    const s3all = doc(allow('s3:*'));
    const r = run(
      {
        users: [user('with-key', s3all), user('console-only', s3all)],
        roles: [
          role('web', { Service: 'ec2.amazonaws.com' }, { instanceProfile: true, policies: [s3all] }),
          role('vendor', { AWS: `arn:aws:iam::${OTHER_ACCOUNT}:root` }, { policies: [s3all] }),
          role('lambda', { Service: 'lambda.amazonaws.com' }, { policies: [s3all] }),
          role('same-account', { AWS: `arn:aws:iam::${ACCOUNT}:root` }, { policies: [s3all] }),
        ],
      },
      [unversioned],
      ['with-key'],
    );
    assert.deepEqual(r.entries.map((e) => `${e.name}:${e.kind}`).sort(), ['vendor:external-role', 'web:instance-role', 'with-key:user']);
  });

  it('root with an active access key can wipe the account', () => {
    const r = run({}, [unversioned], ['<root_account>']);
    const e = entry(r, 'root');
    assert.equal(e.kind, 'root');
    assert.equal(e.canWipeAccount, true);
    assert.equal(r.entries[0].name, 'root', 'ranked first');
  });

  it('an attached managed policy missing from the snapshot makes everything conditional, with a note', () => {
    const u = { ...user('mystery'), AttachedManagedPolicies: [{ PolicyArn: 'arn:aws:iam::aws:policy/Unknown' }] };
    const e = entry(run({ users: [u] }, [unversioned], ['mystery']), 'mystery');
    assert.deepEqual(e.conditional, ['arn:aws:s3:::plain']);
    assert.match(e.notes.join(), /Unknown: document not in the snapshot/);
  });

  it('a permissions boundary limits what the policies grant', () => {
    const boundaryArn = `arn:aws:iam::${ACCOUNT}:policy/boundary`;
    const u = { ...user('bounded', doc(allow('*'))), PermissionsBoundary: { PermissionsBoundaryArn: boundaryArn } };
    const policies = [{ Arn: boundaryArn, DefaultVersionId: 'v1', PolicyVersionList: [{ VersionId: 'v1', IsDefaultVersion: true, Document: doc(allow('s3:Get*')) }] }];
    const e = entry(run({ users: [u], policies }, [unversioned], ['bounded']), 'bounded');
    assert.deepEqual(e.destructiveActions, []);
  });

  it('groups resources treated alike, so an admin over many buckets stays small', () => {
    const many = Array.from({ length: 30 }, (_, i) => bucket(`b${i}`, { versioning: ok({ status: 'Never', mfaDelete: 'Never' }) }));
    const e = entry(run({ users: [user('admin', doc(allow('s3:*')))] }, [...many, replicated], ['admin']), 'admin');
    assert.equal(e.resourceCount, 31);
    assert.equal(e.resources.length, 2);
    assert.equal(e.resources[0].arns.length, 30, 'unrecoverable group first');
    assert.equal(e.resources[0].recoverable, false);
    assert.deepEqual(e.resources[1].arns, ['arn:aws:s3:::replicated']);
  });

  it('data a server role can read: sensitive stores only, conditional reads apart', () => {
    const reader = role('web', { Service: 'ec2.amazonaws.com' }, { instanceProfile: true, policies: [doc(allow('s3:GetObject', ['arn:aws:s3:::customers/*', 'arn:aws:s3:::nonsensitive.assets/*']), allow('s3:GetObject', 'arn:aws:s3:::tagged/*', { Condition: { IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } } }))] });
    const buckets = [bucket('customers'), bucket('nonsensitive.assets'), bucket('tagged', { tags: ok({ 'drready:sensitive': 'true' }) }), bucket('other')];
    const e = entry(run({ roles: [reader] }, buckets, []), 'web');
    assert.deepEqual(e.readsSensitive, ['arn:aws:s3:::customers']);
    assert.deepEqual(e.readsSensitiveConditional, ['arn:aws:s3:::tagged']);
    assert.deepEqual(e.destructiveActions, [], 'reading destroys nothing');
  });

  it('power over some keys of a bucket is conditional; a Deny on some keys leaves the rest in reach', () => {
    const r = run(
      {
        users: [
          user('logs-cleaner', doc(allow('s3:DeleteObject', 'arn:aws:s3:::plain/logs/*'))),
          user('mostly', doc(allow('s3:*'), deny('s3:DeleteObject', 'arn:aws:s3:::plain/keep/*'))),
        ],
      },
      [unversioned],
      ['logs-cleaner', 'mostly'],
    );
    const cleaner = entry(r, 'logs-cleaner');
    assert.deepEqual(cleaner.unrecoverable, []);
    assert.deepEqual(cleaner.conditional, ['arn:aws:s3:::plain']);
    assert.match(cleaner.conditions.join(), /some object keys only/);
    assert.deepEqual(entry(r, 'mostly').unrecoverable, ['arn:aws:s3:::plain']);
  });

  it('reports what it could not see instead of guessing', () => {
    const inv = inventory([account({ iam: { authorizationDetails: { ok: false, error: { api: 'iam:GetAccountAuthorizationDetails', permission: 'iam:GetAccountAuthorizationDetails', code: 'AccessDenied', message: 'no', accountId: ACCOUNT, region: 'global' } } } })]);
    const r = computeBlastRadius(inv, defaultConfig());
    assert.deepEqual(r.entries, []);
    assert.match(r.notes.join(), /grant iam:GetAccountAuthorizationDetails/);
  });
});
