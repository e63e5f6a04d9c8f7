import assert from 'node:assert/strict';
import { ec2RoleDataReach } from '../../checks/ec2-role-data-reach';
import type { Ec2Instance, IamManagedPolicy, IamRole, S3Bucket } from '../../src/inventory/types';
import { account, ACCOUNT, bucket, denied, inventory, ok, region, REGION } from '../helpers/inventory';
import { runCheck } from '../helpers/run';

const profileArn = (name: string) => `arn:aws:iam::${ACCOUNT}:instance-profile/${name}`;
const roleArn = (name: string) => `arn:aws:iam::${ACCOUNT}:role/${name}`;
const instance = (id: string, profile?: string, state = 'running'): Ec2Instance => ({ InstanceId: id, State: { Name: state }, IamInstanceProfile: profile ? { Arn: profileArn(profile) } : undefined });
/** A role with one inline policy `app-access`, in an instance profile of its own name. */
const role = (name: string, statements: object[], patch: Partial<IamRole> = {}): IamRole => ({
  RoleName: name,
  Arn: roleArn(name),
  InstanceProfileList: [{ InstanceProfileName: name, Arn: profileArn(name) }],
  RolePolicyList: statements.length ? [{ PolicyName: 'app-access', PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: statements }) }] : [],
  ...patch,
});
const allow = (Action: string | string[], Resource: string | string[], extra: object = {}) => ({ Effect: 'Allow', Action, Resource, ...extra });

const HR = bucket('hr-documents', { tags: ok({ 'drready:sensitive': 'true' }) });
const LOGS = bucket('nonsensitive.logs');
const ASSETS = bucket('assets', { tags: ok({ 'drready:sensitive': 'false' }) });

function inv(roles: IamRole[], instances: Ec2Instance[], buckets: S3Bucket[] = [HR, LOGS, ASSETS], policies: IamManagedPolicy[] = []) {
  return inventory([
    account({
      regions: [region(REGION, { ec2: { instances: ok(instances) } })],
      s3: { buckets: ok(buckets) },
      iam: { authorizationDetails: ok({ users: [], groups: [], roles, policies }) },
    }),
  ]);
}

describe('ec2-role-data-reach', () => {
  const readOnly: IamManagedPolicy = {
    PolicyName: 'ReadOnlyAccess',
    Arn: 'arn:aws:iam::aws:policy/ReadOnlyAccess',
    DefaultVersionId: 'v1',
    PolicyVersionList: [{ VersionId: 'v1', IsDefaultVersion: true, Document: JSON.stringify({ Statement: [allow(['s3:Get*', 's3:List*', 'ec2:Describe*'], '*')] }) }],
  };
  const cases: { name: string; role: IamRole; buckets?: S3Bucket[]; policies?: IamManagedPolicy[]; status: string; message: RegExp; sensitive?: string[] }[] = [
    { name: 's3:* on * reads every bucket, the sensitive one named', role: role('worker', [allow('s3:*', '*')]), status: 'FAIL', message: /1 sensitive bucket \(hr-documents\) and every bucket of the account \(3\), and any bucket created later.*Narrow inline policy app-access of role worker/, sensitive: ['arn:aws:s3:::hr-documents'] },
    { name: 'GetObject on arn:aws:s3:::* with only non-sensitive buckets still reads every bucket', role: role('worker', [allow('s3:GetObject', 'arn:aws:s3:::*')]), buckets: [LOGS, ASSETS], status: 'FAIL', message: /every bucket of the account \(2\), and any bucket created later/, sensitive: [] },
    { name: 'a scoped read of one non-sensitive bucket passes', role: role('web', [allow('s3:GetObject', 'arn:aws:s3:::assets/*')]), status: 'PASS', message: /reads only non-sensitive buckets \(assets\)/ },
    { name: 'a scoped read of the sensitive bucket fails', role: role('hr-app', [allow(['s3:GetObject', 's3:PutObject'], 'arn:aws:s3:::hr-documents/*')]), status: 'FAIL', message: /1 sensitive bucket \(hr-documents\): .*Narrow inline policy app-access of role hr-app/, sensitive: ['arn:aws:s3:::hr-documents'] },
    { name: 'an unmarked bucket counts as sensitive', role: role('web', [allow('s3:GetObjectVersion', 'arn:aws:s3:::uploads/*')]), buckets: [bucket('uploads'), LOGS], status: 'FAIL', message: /sensitive bucket \(uploads\)/, sensitive: ['arn:aws:s3:::uploads'] },
    { name: 'an explicit Deny on the sensitive bucket wins', role: role('web', [allow('s3:GetObject', '*'), { Effect: 'Deny', Action: 's3:*', Resource: 'arn:aws:s3:::hr-documents/*' }]), status: 'PASS', message: /reads only non-sensitive buckets \(nonsensitive\.logs, assets\)/ },
    { name: 'NotResource leaving out the sensitive bucket', role: role('web', [{ Effect: 'Allow', Action: 's3:GetObject', NotResource: 'arn:aws:s3:::hr-documents/*' }]), status: 'PASS', message: /non-sensitive buckets \(nonsensitive\.logs, assets\)/ },
    { name: 'NotAction that leaves s3 in reaches everything', role: role('admin-ish', [{ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' }]), status: 'FAIL', message: /every bucket of the account/, sensitive: ['arn:aws:s3:::hr-documents'] },
    { name: 'NotAction that leaves GetObject out reads nothing', role: role('writer', [{ Effect: 'Allow', NotAction: ['s3:GetObject*', 'iam:*'], Resource: '*' }]), status: 'PASS', message: /reads no bucket/ },
    { name: 'an AWS managed policy with s3:Get* on * (ReadOnlyAccess) fails and is named', role: role('reporting', [], { AttachedManagedPolicies: [{ PolicyName: 'ReadOnlyAccess', PolicyArn: readOnly.Arn }] }), policies: [readOnly], status: 'FAIL', message: /Narrow arn:aws:iam::aws:policy\/ReadOnlyAccess/, sensitive: ['arn:aws:s3:::hr-documents'] },
    { name: 'a conditional grant alone passes, saying conditional', role: role('web', [allow('s3:GetObject', 'arn:aws:s3:::hr-documents/*', { Condition: { StringEquals: { 'aws:SourceVpc': 'vpc-1' } } })]), status: 'PASS', message: /reads no bucket\. It can read hr-documents only if a condition holds \(conditional: Allow with condition StringEquals in inline policy app-access of role web\)/ },
    { name: 'a conditional grant next to an unconditional sensitive one fails, and mentions it', role: role('web', [allow('s3:GetObject', 'arn:aws:s3:::hr-documents/*'), allow('s3:GetObject', 'arn:aws:s3:::assets/*', { Condition: { Bool: { 'aws:SecureTransport': 'true' } } })]), status: 'FAIL', message: /hr-documents.*It can read assets only if a condition holds \(conditional/, sensitive: ['arn:aws:s3:::hr-documents'] },
    { name: 'reading every bucket by listing them all (2+) fails', role: role('etl', [allow('s3:GetObject', ['arn:aws:s3:::nonsensitive.logs/*', 'arn:aws:s3:::assets/*'])]), buckets: [LOGS, ASSETS], status: 'FAIL', message: /every bucket of the account \(2\):/, sensitive: [] },
    { name: 'a read of some keys only is conditional, not a FAIL', role: role('web', [allow('s3:GetObject', 'arn:aws:s3:::hr-documents/public/*')]), status: 'PASS', message: /only if a condition holds \(conditional: Allow on some object keys only/ },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const findings = runCheck(ec2RoleDataReach, inv([c.role], [instance('i-1', c.role.RoleName)], c.buckets, c.policies));
      assert.equal(findings.length, 1);
      const [f] = findings;
      assert.equal(f.status, c.status, f.message);
      assert.match(f.message, c.message);
      assert.equal(f.resourceId, c.role.Arn);
      assert.equal(f.resourceType, 'AWS::IAM::Role');
      assert.equal(f.region, 'global');
      assert.deepEqual(f.threats, ['data-leak', 'server-compromise']);
      if (c.sensitive) assert.deepEqual(f.details!.readsSensitive, c.sensitive);
    });
  }

  it('reads reached through another role: that role\'s grants are named, with the path', () => {
    const web = role('web', [allow('sts:AssumeRole', roleArn('reader'))]);
    const trust = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { AWS: roleArn('web') } }] });
    const reader = role('reader', [], { InstanceProfileList: [], AssumeRolePolicyDocument: trust, AttachedManagedPolicies: [{ PolicyName: 'ReadOnlyAccess', PolicyArn: readOnly.Arn }] });
    const [f] = runCheck(ec2RoleDataReach, inv([web, reader], [instance('i-1', 'web')], undefined, [readOnly]));
    assert.equal(f.status, 'FAIL', f.message);
    assert.deepEqual(f.details!.grants, ['arn:aws:iam::aws:policy/ReadOnlyAccess (via role/reader)']);
    assert.match(f.message, /Narrow arn:aws:iam::aws:policy\/ReadOnlyAccess \(via role\/reader\) to the buckets it needs/);
    assert.doesNotMatch(f.message, /Narrow its policies/);
  });

  it('one finding per role, listing every instance that uses it; terminated instances do not count', () => {
    const r = role('worker', [allow('s3:*', '*')]);
    const findings = runCheck(ec2RoleDataReach, inv([r], [instance('i-1', 'worker'), instance('i-2', 'worker', 'stopped'), instance('i-3', 'worker', 'terminated')]));
    assert.equal(findings.length, 1);
    assert.match(findings[0].message, /Role worker \(used by 2 instances: i-1, i-2\)/);
    assert.deepEqual(findings[0].details!.instances, [`arn:aws:ec2:${REGION}:${ACCOUNT}:instance/i-1`, `arn:aws:ec2:${REGION}:${ACCOUNT}:instance/i-2`]);
  });

  it('an instance without a profile is not applicable: no role to judge', () => {
    const findings = runCheck(ec2RoleDataReach, inv([], [instance('i-bare')]));
    assert.deepEqual(findings.map((f) => [f.status, f.resourceType, f.resourceId]), [['NOT_APPLICABLE', 'AWS::EC2::Instance', `arn:aws:ec2:${REGION}:${ACCOUNT}:instance/i-bare`]]);
    assert.match(findings[0].message, /has no role/);
  });

  it('a profile holding no role is not applicable', () => {
    const findings = runCheck(ec2RoleDataReach, inv([], [instance('i-1', 'empty')]));
    assert.deepEqual(findings.map((f) => [f.status, f.resourceId]), [['NOT_APPLICABLE', profileArn('empty')]]);
    assert.match(findings[0].message, /holds no role/);
  });

  it('an account without instances gives nothing to judge', () => {
    assert.deepEqual(runCheck(ec2RoleDataReach, inv([role('worker', [allow('s3:*', '*')])], [])), []);
  });

  it('IAM details missing: UNKNOWN per instance profile, naming iam:GetAccountAuthorizationDetails', () => {
    const i = inv([], [instance('i-1', 'worker')]);
    i.accounts[0].iam.authorizationDetails = denied('iam:GetAccountAuthorizationDetails');
    const findings = runCheck(ec2RoleDataReach, i);
    assert.deepEqual(findings.map((f) => [f.status, f.resourceId, f.missingPermissions]), [['UNKNOWN', profileArn('worker'), ['iam:GetAccountAuthorizationDetails']]]);
  });

  it('tags missing on a bucket the role reads: UNKNOWN naming s3:GetBucketTagging (unless a firm FAIL stands anyway)', () => {
    const blind = bucket('assets', { tags: denied('s3:GetBucketTagging') });
    const scoped = runCheck(ec2RoleDataReach, inv([role('web', [allow('s3:GetObject', 'arn:aws:s3:::assets/*')])], [instance('i-1', 'web')], [HR, blind]));
    assert.deepEqual(scoped.map((f) => [f.status, f.missingPermissions]), [['UNKNOWN', ['s3:GetBucketTagging']]]);
    const wide = runCheck(ec2RoleDataReach, inv([role('worker', [allow('s3:*', '*')])], [instance('i-1', 'worker')], [HR, blind]));
    assert.equal(wide[0].status, 'FAIL');
  });

  it('instances or buckets not listed: UNKNOWN naming the permission', () => {
    const noEc2 = inv([], []);
    noEc2.accounts[0].regions[0].ec2.instances = denied('ec2:DescribeInstances');
    assert.deepEqual(runCheck(ec2RoleDataReach, noEc2).map((f) => [f.status, f.missingPermissions]), [['UNKNOWN', ['ec2:DescribeInstances']]]);
    const noS3 = inv([role('web', [allow('s3:GetObject', '*')])], [instance('i-1', 'web')]);
    noS3.accounts[0].s3.buckets = denied('s3:ListBuckets', 's3:ListAllMyBuckets');
    assert.deepEqual(runCheck(ec2RoleDataReach, noS3).map((f) => [f.status, f.resourceId, f.missingPermissions]), [['UNKNOWN', roleArn('web'), ['s3:ListAllMyBuckets']]]);
  });
});
