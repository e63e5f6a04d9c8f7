import assert from 'node:assert/strict';
import type { AccountInventory, Inventory } from '../../src/inventory/types.js';
import { lintInventory, sprawlSummary } from '../../src/lint/index.js';

const V = '2012-10-17';
const doc = (...Statement: object[]) => JSON.stringify({ Version: V, Statement });
const ok = <T>(value: T) => ({ ok: true as const, value });
const fail = { ok: false as const, error: { api: 'x', permission: 'x', code: 'AccessDenied', message: '', accountId: '111111111111', region: 'global' } };

const readBucket = doc({ Effect: 'Allow', Action: ['s3:GetObject', 's3:ListBucket'], Resource: ['arn:aws:s3:::data', 'arn:aws:s3:::data/*'] });

function account(id: string, extra: Partial<AccountInventory> = {}): AccountInventory {
  return {
    accountId: id,
    partition: 'aws',
    regions: [{
      region: 'us-east-1',
      ec2: { instances: ok([]), launchTemplateVersions: ok([]), images: ok([]) },
      autoscaling: { groups: ok([]), launchConfigurations: ok([]) },
      backup: {
        vaults: ok([{ BackupVaultName: 'v', BackupVaultArn: `arn:aws:backup:us-east-1:${id}:backup-vault:v`, accessPolicy: ok(doc({ Effect: 'Deny', Principal: '*', Action: 'backup:DeleteRecoveryPoint', Resource: '*' })), recoveryPoints: ok([]) }]),
        plans: ok([]), protectedResources: ok([]), restoreTestingPlans: ok([]),
      },
      rds: { instances: ok([]), clusters: ok([]) },
      dynamodb: { tables: ok([]) },
      efs: { fileSystems: ok([]) },
      ebsVolumes: ok([]),
    }],
    s3: { buckets: ok([{
      name: 'data', arn: 'arn:aws:s3:::data', region: ok('us-east-1'), bucketType: 'general-purpose',
      versioning: ok({ status: 'Enabled', mfaDelete: 'Never' }), lifecycle: ok(null), objectLock: ok(null), replication: ok(null), tags: ok({}),
      policy: ok(doc({ Sid: 'Read only', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::222222222222:root' }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::data' })),
    }]) },
    iam: {
      authorizationDetails: ok({
        users: [{ UserName: 'u', Arn: `arn:aws:iam::${id}:user/u`, UserPolicyList: [{ PolicyName: 'typo', PolicyDocument: doc({ Effect: 'Allow', Action: 'dyanmodb:PutItem', Resource: '*' }) }] }],
        groups: [{ GroupName: 'g', Arn: `arn:aws:iam::${id}:group/g`, GroupPolicyList: [{ PolicyName: 'read', PolicyDocument: readBucket }] }],
        roles: [{ RoleName: 'r', Arn: `arn:aws:iam::${id}:role/r`, AssumeRolePolicyDocument: encodeURIComponent(doc({ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' })), RolePolicyList: [{ PolicyName: 'read2', PolicyDocument: readBucket }] }],
        policies: [
          { PolicyName: 'unused', Arn: `arn:aws:iam::${id}:policy/unused`, AttachmentCount: 0, DefaultVersionId: 'v2', PolicyVersionList: [{ VersionId: 'v1', Document: doc({ Effect: 'Allow', Action: 's3:HeadObject', Resource: '*' }) }, { VersionId: 'v2', IsDefaultVersion: true, Document: doc({ Effect: 'Allow', Action: 's3:ListAllMyBuckets', Resource: '*' }) }] },
          { Arn: 'arn:aws:iam::aws:policy/PowerUserAccess', AttachmentCount: 1, PolicyVersionList: [{ VersionId: 'v5', IsDefaultVersion: true, Document: doc({ Effect: 'Allow', NotAction: ['iam:*', 'organizations:*'], Resource: '*' }) }] },
        ],
      }),
      credentialReport: fail,
      accountSummary: fail,
    },
    organizations: {
      organization: ok(null), accounts: ok([]),
      serviceControlPolicies: ok([{ Id: 'p-1', Arn: 'arn:aws:organizations::111111111111:policy/o-x/service_control_policy/p-1', Content: doc({ Effect: 'Deny', Action: 's3:DeleteBucket', Resource: '*' }), targets: ok([]) }]),
    },
    errors: [],
    ...extra,
  };
}

const inv = (accounts: AccountInventory[]): Inventory => ({ kind: 'drready-inventory', schemaVersion: 1, collectedAt: '2026-01-01T00:00:00Z', tool: { name: 'drready', version: '0' }, source: 'test', regions: ['us-east-1'], accounts, errors: [] });

describe('lintInventory', () => {
  it('lints every kind of policy with its type, AWS-managed apart', () => {
    const s = lintInventory(inv([account('111111111111')]));
    // managed(1) + inline user/group/role (3) + trust (1) + bucket (1) + vault (1) + SCP (1)
    assert.equal(s.policiesLinted, 8);
    const codes = s.findings.map((f) => `${f.policy} ${f.code} ${f.policyType}`);
    assert.ok(codes.includes('arn:aws:iam::111111111111:user/u#inline/typo UNKNOWN_SERVICE identity'));
    assert.ok(codes.includes('arn:aws:s3:::data RESOURCE_MISMATCH resource'));
    assert.ok(!codes.some((c) => c.includes('policy/unused'))); // only the default version is linted
    assert.ok(!codes.some((c) => c.includes('#trust'))); // URL-encoded trust policy parses
    const bucket = s.findings.find((f) => f.policy === 'arn:aws:s3:::data')!;
    assert.equal(bucket.statement, 'Read only');
    assert.equal(bucket.accountId, '111111111111');
    assert.equal(s.awsManaged.policiesLinted, 1);
    assert.deepEqual(s.awsManaged.findings.map((f) => f.code), ['NOT_ACTION_WITH_ALLOW']);
  });

  it('AWS-managed policies and SCPs seen in two accounts are linted once', () => {
    const s = lintInventory(inv([account('111111111111'), account('222222222222')]));
    assert.equal(s.awsManaged.policiesLinted, 1);
    assert.equal(s.policiesLinted, 15); // 7 per account + the SCP once
  });

  it('tolerates failed calls', () => {
    const a = account('111111111111', { s3: { buckets: fail } });
    a.iam.authorizationDetails = fail;
    const s = lintInventory(inv([a]));
    assert.equal(s.policiesLinted, 2); // vault + SCP
  });

  it('summarises sprawl', () => {
    const s = lintInventory(inv([account('111111111111')])).sprawl;
    assert.equal(s.customerManaged, 1);
    assert.equal(s.inline, 3);
    assert.equal(s.unattached, 1);
    assert.equal(s.statements, 4);
    assert.equal(s.nearDuplicatePolicies, 2); // group 'read' and role 'read2'
    assert.equal(s.nearDuplicateGroups.length, 1);
  });
});

describe('sprawlSummary near-duplicates', () => {
  const many = (n: number, extra: string[] = []) => JSON.stringify({ Version: V, Statement: [{ Effect: 'Allow', Action: [...Array.from({ length: n }, (_, i) => `s3:Action${i}`), ...extra], Resource: '*' }] });
  const cases: { name: string; a: string; b: string; dup: boolean }[] = [
    { name: 'same statements, different Sid and order', a: doc({ Sid: 'A', Effect: 'Allow', Action: ['s3:GetObject', 'S3:ListBucket'], Resource: '*' }), b: doc({ Sid: 'B', Effect: 'Allow', Action: ['s3:listbucket', 's3:GetObject'], Resource: '*' }), dup: true },
    { name: 'Jaccard 19/20 = 0.95', a: many(19), b: many(19, ['s3:Extra']), dup: true },
    { name: 'Jaccard 9/10 = 0.9 (threshold)', a: many(9), b: many(9, ['s3:Extra']), dup: true },
    { name: 'Jaccard 8/9 < 0.9', a: many(8), b: many(8, ['s3:Extra']), dup: false },
    { name: 'Allow vs Deny', a: doc({ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }), b: doc({ Effect: 'Deny', Action: 's3:GetObject', Resource: '*' }), dup: false },
  ];
  for (const c of cases) {
    it(`${c.name} -> ${c.dup ? 'near-duplicate' : 'distinct'}`, () => {
      const s = sprawlSummary([{ name: 'a', kind: 'inline', doc: c.a }, { name: 'b', kind: 'inline', doc: c.b }]);
      assert.equal(s.nearDuplicatePolicies, c.dup ? 2 : 0);
    });
  }

  it('stays fast on a large set (corpus of 1,594 AWS-managed policies)', async () => {
    const { managedPolicies } = await import('./corpus.js');
    const t = Date.now();
    const s = sprawlSummary(managedPolicies().map((p) => ({ name: p.name, kind: 'customer-managed' as const, attachmentCount: 1, doc: p.doc })));
    assert.ok(Date.now() - t < 10000);
    assert.equal(s.customerManaged, 1594);
    // Twins checked by hand: both allow the same X-Ray write actions on "*".
    assert.ok(s.nearDuplicateGroups.some((g) => g.policies.includes('AWSXRayDaemonWriteAccess') && g.policies.includes('AWSXrayWriteOnlyAccess')));
  });
});
