import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { lintCommand } from '../../src/commands/lint.js';

const DIR = join(__dirname, '..', '..', '..', 'test', 'fixtures', 'lint', 'dir');
const SCHEMA = join(__dirname, '..', '..', '..', 'test', 'fixtures', 'sarif-schema-2.1.0.json');

async function run(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const ow = process.stdout.write.bind(process.stdout);
  const ew = process.stderr.write.bind(process.stderr);
  process.stdout.write = ((s: string) => ((out += s), true)) as typeof process.stdout.write;
  process.stderr.write = ((s: string) => ((err += s), true)) as typeof process.stderr.write;
  try {
    const code = await lintCommand(argv);
    return { code, out, err };
  } finally {
    process.stdout.write = ow;
    process.stderr.write = ew;
  }
}

describe('drready lint (lintCommand)', () => {
  it('prints findings with file, statement and a fix; bad JSON is a finding; exit 1', async () => {
    const r = await run([DIR]);
    assert.equal(r.code, 1);
    assert.match(r.out, /bad-resource\.json/);
    assert.match(r.out, /RESOURCE_MISMATCH/);
    const flat = r.out.replace(/[│\s]/g, '');
    assert.ok(flat.includes('writearn:aws:s3:::data/*'), 'the fix'); // the fix
    assert.ok(flat.includes('didyoumean"s3:GetObject"'), 'suggestion for HeadObject');
    assert.ok(flat.includes('broken.json') && flat.includes('MALFORMED_JSON'));
    assert.match(r.out, /Read/); // statement Sid
  });

  it('JSON output has the fixed shape', async () => {
    const r = await run([DIR, '--format', 'json']);
    const j = JSON.parse(r.out) as { findings: Record<string, unknown>[] };
    assert.ok(j.findings.length > 0);
    for (const f of j.findings) {
      assert.deepEqual(Object.keys(f).filter((k) => k !== 'statement'), ['file', 'policy', 'code', 'severity', 'message']);
    }
    const broken = j.findings.find((f) => f.code === 'MALFORMED_JSON')!;
    assert.equal(broken.statement, undefined);
    const mm = j.findings.find((f) => f.code === 'RESOURCE_MISMATCH' && String(f.file).endsWith('bad-resource.json'))!;
    assert.equal(mm.statement, 'Read');
  });

  it('walks directories: nested templates linted, non-policy JSON/YAML skipped unless named', async () => {
    const j = JSON.parse((await run([DIR, '--format', 'json'])).out) as { findings: { file: string; policy: string; code: string; statement?: unknown }[] };
    const nested = j.findings.find((f) => f.file.endsWith('template.json'))!;
    assert.equal(nested.code, 'RESOURCE_MISMATCH'); // s3:ListBucket on an object ARN built with Fn::Sub
    assert.equal(nested.statement, 'ListData');
    assert.match(nested.policy, /template\.json#ReadPolicy$/);
    assert.ok(!j.findings.some((f) => /package\.json|ci\.yaml/.test(f.file)));
    // A policy with a typo'd Statement key is a policy, not a file to skip.
    const typo = j.findings.filter((f) => f.file.endsWith('typo.json')).map((f) => [f.code, (f as { message?: string }).message]);
    assert.deepEqual(typo.map((t) => t[0]), ['MALFORMED', 'MALFORMED']);
    assert.ok(typo.some((t) => /unknown element "Statment"; did you mean "Statement"\?/.test(String(t[1]))));
    const named = JSON.parse((await run([join(DIR, 'nested', 'package.json'), '--format', 'json'])).out) as { findings: { code: string }[] };
    assert.ok(named.findings.some((f) => f.code === 'MALFORMED'));
  });

  it('lints CloudFormation policies by logical id with their types', async () => {
    const r = await run([join(DIR, 'stack.yaml'), '--format', 'json']);
    const j = JSON.parse(r.out) as { findings: { policy: string; code: string }[] };
    const got = j.findings.map((f) => `${f.policy.replace(/.*#/, '#')} ${f.code}`).sort();
    // stack.yaml writes `Version: 2012-10-17` unquoted: YAML must keep it a string (no INVALID_VERSION).
    assert.deepEqual(got, [
      '#AppRole/AssumeRolePolicyDocument MALFORMED', // trust policy has no Resource
      '#AppRole/app UNKNOWN_SERVICE',
      '#BucketPolicy MALFORMED', // resource policy needs a Principal
    ]);
  });

  it('writes SARIF that validates against the SARIF 2.1.0 schema', async () => {
    const out = mkdtempSync(join(tmpdir(), 'lint-'));
    const r = await run([DIR, '--format', 'sarif,json', '--out', out]);
    assert.equal(r.code, 1);
    const sarif = JSON.parse(readFileSync(join(out, 'lint.sarif'), 'utf8')) as { version: string; runs: { results: { ruleId: string }[] }[] };
    // The schema's language-tag pattern is not valid with the `u` flag.
    const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
    addFormats(ajv);
    const validate = ajv.compile(JSON.parse(readFileSync(SCHEMA, 'utf8')));
    assert.ok(validate(sarif), JSON.stringify(validate.errors, null, 1));
    assert.equal(sarif.version, '2.1.0');
    assert.ok(sarif.runs[0].results.some((x: { ruleId: string }) => x.ruleId === 'UNKNOWN_ACTION'));
    // Statements are located: the inline policy's first statement in stack.yaml starts on line 20.
    const cfn = (sarif.runs[0].results as unknown as { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string }; region?: { startLine: number } } }[] }[])
      .find((x) => x.ruleId === 'UNKNOWN_SERVICE')!;
    assert.match(cfn.locations[0].physicalLocation.artifactLocation.uri, /stack\.yaml$/);
    assert.equal(cfn.locations[0].physicalLocation.region?.startLine, 20);
    assert.ok(JSON.parse(readFileSync(join(out, 'lint.json'), 'utf8')).findings.length > 0);
  });

  it('--fail-on decides the exit code', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lint-'));
    writeFileSync(join(dir, 'p.json'), JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' }] }));
    assert.equal((await run([dir])).code, 0); // security < error
    assert.equal((await run([dir, '--fail-on', 'security'])).code, 1);
    assert.equal((await run([dir, '--fail-on', 'none'])).code, 0);
  });

  it('--policy-type applies to bare policies', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lint-'));
    writeFileSync(join(dir, 'p.json'), JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }] }));
    assert.equal((await run([dir])).code, 0);
    const r = await run([dir, '--policy-type', 'resource', '--format', 'json']);
    assert.equal(r.code, 1);
    assert.match(r.out, /Principal/);
  });

  it('usage errors exit 2 and name the problem', async () => {
    const r = await run(['/nonexistent/policies']);
    assert.equal(r.code, 2);
    assert.match(r.err, /\/nonexistent\/policies/);
    assert.equal((await run([])).code, 2);
    assert.equal((await run([DIR, '--policy-type', 'bogus'])).code, 2);
    assert.equal((await run([DIR, '--format', 'xml'])).code, 2);
    assert.equal((await run([DIR, '--fail-on', 'critical'])).code, 2);
    assert.equal((await run([DIR, '--bogus'])).code, 2);
  });
});

describe('lint table width', () => {
  it('fits the terminal (at least 80 columns), losing no character of the message', async () => {
    const { formatTable } = await import('../../src/lint/format.js');
    const { lintPolicy } = await import('../../src/lint/index.js');
    const f = lintPolicy({ Version: '2012-10-17', Statement: [{ Sid: 'Read', Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::bucket-with-a-long-name' }] }, { policyType: 'identity', name: 'policies/app.json', file: 'policies/app.json' });
    for (const [cols, want] of [[60, 80], [80, 80], [100, 100], [160, 160]]) {
      const lines = formatTable(f, 1, cols).split('\n').filter((l) => /^[┌│└├]/.test(l));
      assert.equal(Math.max(...lines.map((l) => l.length)), want, `${cols} columns`);
      const text = lines.map((l) => l.split('│').slice(-2, -1).join('').trim()).join('');
      assert.ok(text.replace(/\s/g, '').includes(f[0].message.replace(/\s/g, '')), `${cols}: message kept`);
    }
    assert.match(formatTable(f, 1, 160), /│ Statement +│ Severity/);
    assert.match(formatTable(f, 1, 100), /│ Severity \/ code/);
  });
});
