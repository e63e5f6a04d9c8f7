// Which resources could come back, per kind, as the blast radius judges them.
import assert from 'node:assert/strict';
import { computeBlastRadius, resourceOf } from '../../src/blast-radius';
import { defaultConfig, parseConfig } from '../../src/config';
import type { RegionInventory } from '../../src/inventory/types';
import { account, ACCOUNT, bucket, inventory, ok, OTHER_ACCOUNT, region } from '../helpers/inventory';
import { allow, authDetails, doc, keysFor, role, user } from './iam-fixtures';

type Patch = Parameters<typeof region>[1];
const vault = (acct: string, name: string) => `arn:aws:backup:us-east-1:${acct}:backup-vault:${name}`;

function admin(regionPatch: Patch, extra: { buckets?: ReturnType<typeof bucket>[]; config?: ReturnType<typeof defaultConfig> } = {}) {
  const inv = inventory([
    account({
      regions: [region('us-east-1', regionPatch) as RegionInventory],
      s3: { buckets: ok(extra.buckets ?? []) },
      iam: { authorizationDetails: authDetails({ users: [user('ops', doc(allow(['ec2:*', 'rds:*', 'dynamodb:*', 'backup:*', 's3:*'])))] }), credentialReport: keysFor('ops') },
    }),
  ]);
  const e = computeBlastRadius(inv, extra.config ?? defaultConfig()).entries[0];
  const rec = (arn: string) => {
    const r = resourceOf(e, arn);
    assert.ok(r, `${arn} not in reach: ${e.resources.flatMap((x) => x.arns).join(', ')}`);
    return r;
  };
  return { e, rec };
}

const inst = (id: string, tags: { Key: string; Value: string }[] = []) => ({ InstanceId: id, State: { Name: 'running' }, Tags: tags });
const instArn = (id: string) => `arn:aws:ec2:us-east-1:${ACCOUNT}:instance/${id}`;

describe('recoverability', () => {
  it('EC2: automation brings an instance back, a pet is gone', () => {
    const { rec } = admin({
      ec2: { instances: ok([inst('i-asg'), inst('i-cfn', [{ Key: 'aws:cloudformation:stack-name', Value: 'app' }]), inst('i-pet')]) },
      autoscaling: { groups: ok([{ AutoScalingGroupName: 'web', Instances: [{ InstanceId: 'i-asg' }] }]) },
    });
    assert.equal(rec(instArn('i-asg')).recoverable, true);
    assert.equal(rec(instArn('i-cfn')).recoverable, true);
    assert.equal(rec(instArn('i-pet')).recoverable, false);
    assert.deepEqual(rec(instArn('i-pet')).actions, ['ec2:TerminateInstances']);
  });

  it('RDS and DynamoDB: only a backup copied to another account brings them back', () => {
    const db = (id: string, tags: { Key: string; Value: string }[] = []) => ({ DBInstanceIdentifier: id, DBInstanceArn: `arn:aws:rds:us-east-1:${ACCOUNT}:db:${id}`, TagList: tags });
    const plan = (name: string, dest: string, selection: object) => ({
      BackupPlanId: name,
      BackupPlanArn: `arn:aws:backup:us-east-1:${ACCOUNT}:backup-plan:${name}`,
      BackupPlanName: name,
      Rules: [{ RuleName: 'r', TargetBackupVaultName: 'local', CopyActions: [{ DestinationBackupVaultArn: dest }] }],
      selections: ok([{ SelectionId: 's', SelectionName: 's', ...selection }]),
    });
    const { rec } = admin({
      rds: { instances: ok([db('by-arn'), db('by-tag', [{ Key: 'backup', Value: 'offsite' }]), db('same-account'), db('excluded')]) },
      dynamodb: { tables: ok([{ TableName: 't', TableArn: `arn:aws:dynamodb:us-east-1:${ACCOUNT}:table/t`, pointInTimeRecovery: ok({}) }]) },
      backup: {
        plans: ok([
          plan('offsite', vault(OTHER_ACCOUNT, 'dr'), { Resources: ['arn:aws:rds:*:*:db:by-*', 'arn:aws:rds:*:*:db:excluded'], NotResources: ['arn:aws:rds:*:*:db:excluded'], ListOfTags: [{ ConditionType: 'STRINGEQUALS', ConditionKey: 'backup', ConditionValue: 'offsite' }] }),
          plan('local', vault(ACCOUNT, 'local'), { Resources: ['*'] }),
        ]),
      },
    });
    const arn = (id: string) => `arn:aws:rds:us-east-1:${ACCOUNT}:db:${id}`;
    assert.equal(rec(arn('by-arn')).recoverable, true);
    assert.match(rec(arn('by-arn')).why, /offsite copies it to another account/);
    assert.equal(rec(arn('by-tag')).recoverable, true);
    assert.equal(rec(arn('same-account')).recoverable, false);
    assert.equal(rec(arn('excluded')).recoverable, false);
    assert.equal(rec(`arn:aws:dynamodb:us-east-1:${ACCOUNT}:table/t`).recoverable, false, 'the plan selecting everything copies only within the account');
  });

  it('Backup vaults: a compliance lock past its date or an offsite copy protects; governance does not', () => {
    const v = (name: string, extra: object = {}) => ({ BackupVaultName: name, BackupVaultArn: vault(ACCOUNT, name), accessPolicy: ok(null), recoveryPoints: ok([]), ...extra });
    const { rec } = admin({
      backup: {
        vaults: ok([v('compliance', { Locked: true, LockDate: '2026-01-01T00:00:00Z' }), v('cooling-off', { Locked: true, LockDate: '2027-01-01T00:00:00Z' }), v('governance', { Locked: true }), v('copied')]),
        plans: ok([{ BackupPlanId: 'p', BackupPlanArn: 'arn:p', BackupPlanName: 'p', Rules: [{ RuleName: 'r', TargetBackupVaultName: 'copied', CopyActions: [{ DestinationBackupVaultArn: vault(OTHER_ACCOUNT, 'dr') }] }], selections: ok([]) }]),
      },
    });
    assert.equal(rec(vault(ACCOUNT, 'compliance')).recoverable, true);
    assert.equal(rec(vault(ACCOUNT, 'cooling-off')).recoverable, false, 'before the lock date the lock can still be removed');
    assert.equal(rec(vault(ACCOUNT, 'governance')).recoverable, false);
    assert.equal(rec(vault(ACCOUNT, 'copied')).recoverable, true);
  });

  it('S3 Object Lock: compliance holds; governance falls to s3:BypassGovernanceRetention', () => {
    const locked = (mode: string) => bucket(`lock-${mode.toLowerCase()}`, { objectLock: ok({ ObjectLockEnabled: 'Enabled', Rule: { DefaultRetention: { Mode: mode, Days: 30 } } }) });
    const { rec } = admin({}, { buckets: [locked('COMPLIANCE'), locked('GOVERNANCE')] });
    assert.equal(rec('arn:aws:s3:::lock-compliance').recoverable, true);
    assert.equal(rec('arn:aws:s3:::lock-governance').recoverable, false, 's3:* includes the bypass');
  });

  it('marks critical and sensitive resources from the config', () => {
    const config = parseConfig({ critical: { namePatterns: ['crown-*'] } }, 'test');
    const { rec } = admin({}, { buckets: [bucket('crown-jewels'), bucket('nonsensitive.assets'), bucket('tagged', { tags: ok({ 'drready:sensitive': 'false' }) })], config });
    assert.equal(rec('arn:aws:s3:::crown-jewels').critical, true);
    assert.equal(rec('arn:aws:s3:::crown-jewels').sensitive, true, 'unmarked data counts as sensitive');
    assert.equal(rec('arn:aws:s3:::nonsensitive.assets').sensitive, false);
    assert.equal(rec('arn:aws:s3:::tagged').sensitive, false);
  });

  it('policy documents: URL-encoded text is read, broken JSON makes the grant conditional', () => {
    const encoded = encodeURIComponent(doc(allow('s3:*')));
    const inv = inventory([
      account({
        s3: { buckets: ok([bucket('plain', { versioning: ok({ status: 'Never', mfaDelete: 'Never' }) })]) },
        iam: {
          authorizationDetails: authDetails({ roles: [role('enc', { Service: 'ec2.amazonaws.com' }, { instanceProfile: true, policies: [encoded] }), role('broken', { AWS: OTHER_ACCOUNT }, { policies: ['{"Statement": ['] })] }),
          credentialReport: keysFor(),
        },
      }),
    ]);
    const r = computeBlastRadius(inv, defaultConfig());
    const enc = r.entries.find((e) => e.name === 'enc')!;
    const broken = r.entries.find((e) => e.name === 'broken')!;
    assert.deepEqual(enc.unrecoverable, ['arn:aws:s3:::plain']);
    assert.equal(broken.kind, 'external-role');
    assert.deepEqual(broken.unrecoverable, []);
    assert.deepEqual(broken.conditional, ['arn:aws:s3:::plain']);
    assert.match(broken.notes.join(), /not valid JSON/);
  });
});
