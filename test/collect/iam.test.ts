import assert from 'node:assert/strict';
import { mockClient, type AwsClientStub } from 'aws-sdk-client-mock';
import {
  CredentialReportNotReadyException,
  GenerateCredentialReportCommand,
  GetAccountAuthorizationDetailsCommand,
  GetAccountSummaryCommand,
  GetCredentialReportCommand,
  IAMClient,
  IAMServiceException,
} from '@aws-sdk/client-iam';
import { authorizationDetailsFrom, collectIam, decodePolicyDocument, parseCsv, policyNameFromArn } from '../../src/collect/iam';
import { awsError, roundTrips, testContext } from '../helpers/collect';
import { parseStatements } from '../../src/blast-radius/policy';
import { parsePolicyText } from '../../src/lint/policy';

// Stubbed only while this suite runs: other suites use the real SDK stack.
let iam: AwsClientStub<IAMClient>;

const trust = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}';
const inlineDoc = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:GetObject","s3:PutObject"],"Resource":"arn:aws:s3:::app-data/*"}]}';
const managedDoc = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"backup:*","Resource":"*","Condition":{"StringLike":{"aws:PrincipalTag/team":"ops team"}}}]}';
const enc = (s: string) => encodeURIComponent(s);

const REPORT_HEADER =
  'user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,password_next_rotation,mfa_active,access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,access_key_2_last_used_region,access_key_2_last_used_service,cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated';
const ROOT_ROW =
  '<root_account>,arn:aws:iam::111122223333:root,2019-05-02T09:13:41+00:00,not_supported,2024-11-30T08:01:12+00:00,not_supported,not_supported,true,false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A';
const ALICE_ROW =
  'alice,arn:aws:iam::111122223333:user/alice,2020-01-10T12:00:00+00:00,true,no_information,2020-01-10T12:05:00+00:00,N/A,false,true,2020-01-10T12:00:00+00:00,2024-11-29T17:45:00+00:00,eu-west-1,s3,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A';

function mockAuthDetails(): void {
  // Page 1: users and a role (AWS URL-encodes every policy document).
  iam.on(GetAccountAuthorizationDetailsCommand).resolves({
    IsTruncated: true,
    Marker: 'page-2',
    UserDetailList: [
      {
        UserName: 'alice',
        UserId: 'AIDAEXAMPLEALICE',
        Arn: 'arn:aws:iam::111122223333:user/alice',
        Path: '/',
        CreateDate: new Date('2020-01-10T12:00:00Z'),
        UserPolicyList: [{ PolicyName: 'app-data', PolicyDocument: enc(inlineDoc) }],
        GroupList: ['admins'],
        AttachedManagedPolicies: [{ PolicyName: 'BackupOps', PolicyArn: 'arn:aws:iam::111122223333:policy/ops/BackupOps' }],
        Tags: [],
      },
    ],
    GroupDetailList: [],
    RoleDetailList: [
      {
        RoleName: 'web',
        RoleId: 'AROAEXAMPLEWEB',
        Arn: 'arn:aws:iam::111122223333:role/web',
        Path: '/',
        CreateDate: new Date('2021-06-01T00:00:00Z'),
        AssumeRolePolicyDocument: enc(trust),
        InstanceProfileList: [
          { InstanceProfileName: 'web', InstanceProfileId: 'AIPAEXAMPLE', Arn: 'arn:aws:iam::111122223333:instance-profile/web', Path: '/', CreateDate: new Date('2021-06-01T00:00:00Z'), Roles: [] },
        ],
        RolePolicyList: [],
        AttachedManagedPolicies: [],
        RoleLastUsed: { LastUsedDate: new Date('2024-11-30T10:00:00Z'), Region: 'eu-west-1' },
      },
    ],
    Policies: [],
  });
  // Page 2: a group, a role as an emulator returns it (trust not encoded), a policy without PolicyName.
  iam.on(GetAccountAuthorizationDetailsCommand, { Marker: 'page-2' }).resolves({
    IsTruncated: false,
    UserDetailList: [],
    GroupDetailList: [
      { GroupName: 'admins', GroupId: 'AGPAEXAMPLE', Arn: 'arn:aws:iam::111122223333:group/admins', Path: '/', GroupPolicyList: [], AttachedManagedPolicies: [{ PolicyName: 'AdministratorAccess', PolicyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' }] },
    ],
    RoleDetailList: [{ RoleName: 'emulated', Arn: 'arn:aws:iam::111122223333:role/emulated', AssumeRolePolicyDocument: trust }],
    Policies: [
      {
        Arn: 'arn:aws:iam::111122223333:policy/ops/BackupOps',
        Path: '/ops/',
        DefaultVersionId: 'v2',
        AttachmentCount: 1,
        IsAttachable: true,
        PolicyVersionList: [
          { VersionId: 'v2', IsDefaultVersion: true, CreateDate: new Date('2023-02-01T00:00:00Z'), Document: enc(managedDoc) },
          { VersionId: 'v1', IsDefaultVersion: false, CreateDate: new Date('2022-02-01T00:00:00Z'), Document: enc('{"Version":"2012-10-17","Statement":[]}') },
        ],
      },
    ],
  });
}

describe('collect/iam', () => {
  before(() => {
    iam = mockClient(IAMClient);
  });
  beforeEach(() => iam.reset());
  after(() => iam.restore());

  it('decodes policy documents: URL-encoded, plain JSON, or an object', () => {
    assert.equal(decodePolicyDocument(enc(managedDoc)), managedDoc);
    assert.equal(decodePolicyDocument(trust), trust);
    assert.equal(decodePolicyDocument({ Version: '2012-10-17', Statement: [] }), '{"Version":"2012-10-17","Statement":[]}');
    // A plain JSON document with a literal % must not be "decoded".
    const withPercent = '{"Version":"2012-10-17","Statement":[{"Sid":"100%","Effect":"Deny","Action":"*","Resource":"*"}]}';
    assert.equal(decodePolicyDocument(withPercent), withPercent);
    assert.equal(decodePolicyDocument(undefined), undefined);
  });

  it('the linter and the blast radius decode policy documents as the collector does (one decodePolicyDocument)', () => {
    // AWS encodes the whole text, leading newline included: "%0A%7B...".
    const encoded = enc('\n' + managedDoc);
    assert.equal(decodePolicyDocument(encoded), '\n' + managedDoc);
    const linted = parsePolicyText(encoded);
    assert.ok(linted.ok);
    assert.deepEqual(linted.doc, JSON.parse(managedDoc));
    assert.deepEqual(parseStatements(encoded, 'BackupOps').map((st) => [st.effect, st.actions, st.conditional]), [['Allow', ['backup:*'], true]]);
    // Plain JSON with a literal % is read as is by all of them.
    const withPercent = '{"Version":"2012-10-17","Statement":[{"Sid":"100%","Effect":"Deny","Action":"*","Resource":"*"}]}';
    assert.ok(parsePolicyText(withPercent).ok);
    assert.equal(parseStatements(withPercent, 'x')[0].effect, 'Deny');
    assert.throws(() => parseStatements('{"Statement": [', 'broken'));
    assert.ok(!parsePolicyText('{"Statement": [').ok);
  });

  it('derives a policy name from its ARN (with or without a path)', () => {
    assert.equal(policyNameFromArn('arn:aws:iam::111122223333:policy/ops/BackupOps'), 'BackupOps');
    assert.equal(policyNameFromArn('arn:aws:iam::aws:policy/AdministratorAccess'), 'AdministratorAccess');
  });

  it('walks every page of GetAccountAuthorizationDetails and normalises documents', async () => {
    mockAuthDetails();
    iam.on(GenerateCredentialReportCommand).resolves({ State: 'COMPLETE' });
    iam.on(GetCredentialReportCommand).resolves({ Content: Buffer.from(`${REPORT_HEADER}\n${ALICE_ROW}`), ReportFormat: 'text/csv', GeneratedTime: new Date('2024-12-01T00:00:00Z') });
    iam.on(GetAccountSummaryCommand).resolves({ SummaryMap: { AccountMFAEnabled: 1, AccountAccessKeysPresent: 0, Users: 1 } });
    const ctx = testContext();
    const out = await collectIam(ctx, { reportPollMs: 0 });
    assert.ok(out.authorizationDetails.ok);
    const d = out.authorizationDetails.value;
    assert.equal(iam.commandCalls(GetAccountAuthorizationDetailsCommand).length, 2);
    assert.deepEqual(d.users.map((u) => u.UserName), ['alice']);
    assert.deepEqual(d.users[0].UserPolicyList, [{ PolicyName: 'app-data', PolicyDocument: inlineDoc }]);
    assert.equal(d.users[0].CreateDate, '2020-01-10T12:00:00.000Z');
    assert.deepEqual(d.users[0].GroupList, ['admins']);
    assert.deepEqual(d.roles.map((r) => r.AssumeRolePolicyDocument), [trust, trust]);
    assert.deepEqual(d.roles[0].InstanceProfileList, [{ InstanceProfileName: 'web', Arn: 'arn:aws:iam::111122223333:instance-profile/web' }]);
    assert.deepEqual(d.roles[0].RoleLastUsed, { LastUsedDate: '2024-11-30T10:00:00.000Z', Region: 'eu-west-1' });
    assert.equal(d.groups[0].AttachedManagedPolicies?.[0].PolicyArn, 'arn:aws:iam::aws:policy/AdministratorAccess');
    assert.equal(d.policies[0].PolicyName, 'BackupOps');
    assert.deepEqual(d.policies[0].PolicyVersionList?.[0], { VersionId: 'v2', IsDefaultVersion: true, CreateDate: '2023-02-01T00:00:00.000Z', Document: managedDoc });
    assert.deepEqual(out.accountSummary, { ok: true, value: { AccountMFAEnabled: 1, AccountAccessKeysPresent: 0, Users: 1 } });
    assert.deepEqual(ctx.errors, []);
    assert.ok(roundTrips(out));
  });

  it('keeps role permission boundaries, and AWS-managed policies used only as a boundary', () => {
    const boundaryArn = 'arn:aws:iam::aws:policy/PowerUserAccess';
    const d = authorizationDetailsFrom([
      {
        RoleDetailList: [{ RoleName: 'dev', Arn: 'arn:aws:iam::111122223333:role/dev', PermissionsBoundary: { PermissionsBoundaryType: 'PermissionsBoundaryPolicy', PermissionsBoundaryArn: boundaryArn } }],
        Policies: [
          { Arn: boundaryArn, AttachmentCount: 0, PermissionsBoundaryUsageCount: 1, PolicyVersionList: [{ VersionId: 'v1', IsDefaultVersion: true, Document: enc(managedDoc) }] },
          { Arn: 'arn:aws:iam::aws:policy/ReadOnlyAccess', AttachmentCount: 0, PermissionsBoundaryUsageCount: 0 },
        ],
        $metadata: {},
      },
    ]);
    assert.deepEqual((d.roles[0] as { PermissionsBoundary?: unknown }).PermissionsBoundary, { PermissionsBoundaryType: 'PermissionsBoundaryPolicy', PermissionsBoundaryArn: boundaryArn });
    assert.deepEqual(d.policies.map((p) => p.Arn), [boundaryArn]);
    assert.equal(d.policies[0].PolicyVersionList?.[0].Document, managedDoc);
  });

  it('parses the credential report CSV into raw strings (N/A, no_information, not_supported kept)', async () => {
    iam.on(GenerateCredentialReportCommand).resolves({ State: 'COMPLETE' });
    iam.on(GetCredentialReportCommand).resolves({
      Content: new TextEncoder().encode(`${REPORT_HEADER}\n${ROOT_ROW}\n${ALICE_ROW}\n`),
      ReportFormat: 'text/csv',
      GeneratedTime: new Date('2024-12-01T08:00:00Z'),
    });
    const ctx = testContext();
    const out = await collectIam(ctx, { reportPollMs: 0 });
    assert.ok(out.credentialReport.ok);
    const { rows, generatedTime } = out.credentialReport.value;
    assert.equal(generatedTime, '2024-12-01T08:00:00.000Z');
    assert.equal(rows.length, 2);
    assert.equal(rows[0].user, '<root_account>');
    assert.equal(rows[0].password_enabled, 'not_supported');
    assert.equal(rows[0].mfa_active, 'true');
    assert.equal(rows[0].access_key_1_active, 'false');
    assert.equal(rows[0].access_key_1_last_rotated, 'N/A');
    assert.equal(rows[1].user, 'alice');
    assert.equal(rows[1].password_last_used, 'no_information');
    assert.equal(rows[1].access_key_1_last_used_date, '2024-11-29T17:45:00+00:00');
    assert.equal(rows[1].access_key_1_last_used_service, 's3');
    assert.equal(rows[1].cert_2_last_rotated, 'N/A');
    assert.equal(Object.keys(rows[1]).length, 22);
  });

  it('tolerates a report without a <root_account> row', () => {
    const rows = parseCsv(`${REPORT_HEADER}\r\n${ALICE_ROW}\r\n`);
    assert.equal(rows.length, 1);
    assert.equal(rows[0].user, 'alice');
    assert.equal(rows[0].arn, 'arn:aws:iam::111122223333:user/alice');
  });

  it('parses quoted CSV fields', () => {
    assert.deepEqual(parseCsv('a,b\n"x,1","say ""hi"""\n'), [{ a: 'x,1', b: 'say "hi"' }]);
  });

  it('polls GetCredentialReport while the report is being generated', async () => {
    iam.on(GenerateCredentialReportCommand).resolves({ State: 'STARTED', Description: 'No report exists. Starting a new report generation task' });
    const notReady = new CredentialReportNotReadyException({ $metadata: { httpStatusCode: 410 }, message: 'Report is in progress' });
    iam.on(GetCredentialReportCommand)
      .rejectsOnce(notReady)
      .rejectsOnce(notReady)
      .resolves({ Content: Buffer.from(`${REPORT_HEADER}\n${ALICE_ROW}`), ReportFormat: 'text/csv' });
    const ctx = testContext();
    const out = await collectIam(ctx, { reportPollMs: 1 });
    assert.ok(out.credentialReport.ok);
    assert.equal(out.credentialReport.value.rows[0].user, 'alice');
    assert.equal(iam.commandCalls(GetCredentialReportCommand).length, 3);
    assert.ok(!ctx.errors.some((e) => e.api === 'iam:GetCredentialReport'));
  });

  it('gives up polling after the configured attempts and records the error', async () => {
    iam.on(GenerateCredentialReportCommand).resolves({ State: 'INPROGRESS' });
    iam.on(GetCredentialReportCommand).rejects(new CredentialReportNotReadyException({ $metadata: { httpStatusCode: 410 }, message: 'Report is in progress' }));
    const ctx = testContext();
    const out = await collectIam(ctx, { reportPolls: 3, reportPollMs: 1 });
    assert.ok(!out.credentialReport.ok);
    assert.equal(out.credentialReport.error.api, 'iam:GetCredentialReport');
    assert.equal(iam.commandCalls(GetCredentialReportCommand).length, 3);
  });

  it('records AccessDenied on GetAccountAuthorizationDetails and still collects the rest', async () => {
    iam.on(GetAccountAuthorizationDetailsCommand).rejects(awsError(IAMServiceException, 'AccessDenied', 403, 'User: arn:aws:iam::111122223333:user/auditor is not authorized to perform: iam:GetAccountAuthorizationDetails'));
    iam.on(GenerateCredentialReportCommand).resolves({ State: 'COMPLETE' });
    iam.on(GetCredentialReportCommand).resolves({ Content: Buffer.from(`${REPORT_HEADER}\n${ALICE_ROW}`) });
    iam.on(GetAccountSummaryCommand).resolves({ SummaryMap: { AccountMFAEnabled: 0 } });
    const ctx = testContext();
    const out = await collectIam(ctx, { reportPollMs: 0 });
    assert.ok(!out.authorizationDetails.ok);
    assert.equal(out.authorizationDetails.error.code, 'AccessDenied');
    assert.equal(out.authorizationDetails.error.permission, 'iam:GetAccountAuthorizationDetails');
    assert.equal(out.authorizationDetails.error.region, 'global');
    assert.ok(out.credentialReport.ok);
    assert.deepEqual(out.accountSummary, { ok: true, value: { AccountMFAEnabled: 0 } });
  });
});
