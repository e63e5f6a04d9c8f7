import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHECKS } from '../../checks';
import type { Check } from '../../checks/types';
import { main } from '../../src/cli';
import { writeSnapshot } from '../../src/inventory/snapshot';
import { bucket, ok, OTHER_ACCOUNT, withBuckets } from '../helpers/inventory';

const CLI = join(__dirname, '..', '..', 'src', 'cli.js');
const dir = mkdtempSync(join(tmpdir(), 'drready-cli-'));

async function run(...argv: string[]) {
  let out = '';
  let err = '';
  const code = await main(argv, { out: (s) => (out += s), err: (s) => (err += s) });
  return { code, out, err };
}

describe('cli', () => {
  const snap = join(dir, 'inv.json');
  before(() =>
    writeSnapshot(
      snap,
      withBuckets(bucket('good'), bucket('bad-<script>', { versioning: ok({ status: 'Never', mfaDelete: 'Never' }) })),
    ),
  );

  it('audits a snapshot offline and writes report.json and report.html', async () => {
    const out = join(dir, 'out1');
    const r = await run('audit', '--from-snapshot', snap, '--out', out);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /What fails, worst first \(\d+\)/);
    const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8'));
    assert.equal(report.schemaVersion, 1);
    assert.equal(report.tool.name, 'drready');
    assert.deepEqual(report.scope.accounts, [{ id: '111111111111' }]);
    const verdicts = Object.fromEntries(report.findings.filter((f: { checkId: string }) => f.checkId === 's3-versioning').map((f: { resourceId: string; status: string }) => [f.resourceId, f.status]));
    assert.deepEqual(verdicts, { 'arn:aws:s3:::good': 'PASS', 'arn:aws:s3:::bad-<script>': 'FAIL' });
    assert.ok(Array.isArray(report.threats) && report.threats.length === 4);
    assert.ok('lint' in report && 'errors' in report);
    const html = readFileSync(join(out, 'report.html'), 'utf8');
    assert.ok(html.includes('bad-&lt;script&gt;'));
    assert.ok(!html.includes('bad-<script>'));
  });

  it('--fail-on exits 1 when a finding is at or above it, 0 when not', async () => {
    assert.equal((await run('audit', '--from-snapshot', snap, '--out', join(dir, 'o2'), '--format', 'json', '--fail-on', 'high')).code, 1);
    assert.equal((await run('audit', '--from-snapshot', snap, '--out', join(dir, 'o3'), '--format', 'json', '--fail-on', 'critical')).code, 0);
  });

  const usage: [string, string[], RegExp][] = [
    ['unknown command', ['frobnicate'], /unknown command "frobnicate"/],
    ['unknown flag', ['audit', '--bogus'], /unknown option --bogus \(see drready audit --help\)/],
    ['mistyped flag', ['audit', '--formt', 'html'], /unknown option --formt — did you mean --format\? \(see drready audit --help\)/],
    ['mistyped report flag', ['report', '--frm', 'x.json'], /unknown option --frm — did you mean --from\?/],
    ['--region with --demo', ['audit', '--demo', '--region', 'us-east-1'], /^drready: --region applies to a live audit only: it cannot be used with --demo or --from-snapshot\n$/],
    ['--profile, --endpoint-url, --all-regions with a snapshot', ['audit', '--from-snapshot', 'x.json', '--profile', 'p', '--endpoint-url', 'http://localhost:1', '--all-regions'], /--all-regions, --profile, --endpoint-url apply to a live audit only/],
    ['--org with --region and --all-regions', ['audit', '--org', '--region', 'us-east-1', '--all-regions'], /^drready: --region and --all-regions cannot be used together\n$/],
    ['an --endpoint-url that is not a URL', ['audit', '--endpoint-url', 'not-a-url'], /^drready: --endpoint-url not-a-url: not an http\(s\) URL/],
    ['--out naming a file', ['audit', '--demo', '--out', __filename], new RegExp(`^drready: --out ${__filename.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}: exists and is not a directory\n$`)],
    ['--save-snapshot into a missing directory', ['audit', '--demo', '--save-snapshot', '/nonexistent/dir/inv.json'], /^drready: --save-snapshot \/nonexistent\/dir\/inv\.json: directory \/nonexistent\/dir does not exist\n$/],
    ['bad --fail-on', ['audit', '--demo', '--fail-on', 'urgent'], /--fail-on: expected critical/],
    ['bad --format', ['audit', '--demo', '--format', 'pdf'], /--format: unknown format "pdf"/],
    ['missing snapshot', ['audit', '--from-snapshot', '/nonexistent/inv.json'], /\/nonexistent\/inv\.json: cannot read snapshot/],
  ];
  for (const [name, argv, expected] of usage) {
    it(`exits 2 on ${name}`, async () => {
      const r = await run(...argv);
      assert.equal(r.code, 2);
      assert.match(r.err, expected);
    });
  }

  it('the built CLI exits 2 naming the file for an invalid snapshot', () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '{"kind":"drready-inventory","schemaVersion":1}');
    const r = spawnSync(process.execPath, [CLI, 'audit', '--from-snapshot', bad, '--out', join(dir, 'o4')], { encoding: 'utf8' });
    assert.equal(r.status, 2);
    assert.match(r.stderr, new RegExp(`${bad}: not a valid drready snapshot: collectedAt`));
    assert.equal(existsSync(join(dir, 'o4')), false);
  });

  it('report re-renders a report.json without AWS', async () => {
    const out = join(dir, 'o5');
    await run('audit', '--from-snapshot', snap, '--out', out, '--format', 'json');
    const text = execFileSync(process.execPath, [CLI, 'report', '--from', join(out, 'report.json'), '--format', 'table'], { encoding: 'utf8' });
    assert.match(text, /What fails, worst first \(\d+\)/);
  });

  it('exits 2 when a check crashed, after writing the reports, naming the check on stderr', async () => {
    const boom: Check = { meta: { ...CHECKS[0].meta, id: 'boom' }, run: () => { throw new Error('kaput'); } };
    const out = join(dir, 'o6');
    let err = '';
    const code = await main(['audit', '--from-snapshot', snap, '--out', out, '--format', 'json', '--fail-on', 'high'], { out: () => {}, err: (s) => (err += s) }, { checks: [boom, ...CHECKS] });
    assert.equal(code, 2);
    assert.match(err, /1 check\(s\) could not run: boom \(kaput\)/);
    assert.match(err, /findings? at or above high/); // --fail-on is still reported
    const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8'));
    assert.deepEqual(report.checkFailures, [{ checkId: 'boom', error: 'kaput' }]);
  });

  it('exits 2 when an account in scope could not be audited, naming it on stderr', async () => {
    const inv = withBuckets(bucket('good'));
    inv.errors.push({ api: 'sts:AssumeRole', permission: 'sts:AssumeRole', code: 'AccessDenied', message: 'no', accountId: OTHER_ACCOUNT, region: 'global' });
    const p = join(dir, 'failed-account.json');
    writeSnapshot(p, inv);
    const out = join(dir, 'o7');
    const r = await run('audit', '--from-snapshot', p, '--out', out, '--format', 'json');
    assert.equal(r.code, 2);
    assert.match(r.err, new RegExp(`1 account\\(s\\) could not be audited: ${OTHER_ACCOUNT} \\(sts:AssumeRole AccessDenied\\)`));
    assert.ok(existsSync(join(out, 'report.json')));
  });

  it('checks --out and --save-snapshot before collecting from AWS, so no collection is lost', async () => {
    let collected = false;
    const argv = ['audit', '--accounts', OTHER_ACCOUNT, '--out', __filename];
    const code = await main(argv, { out: () => {}, err: () => {} }, { collectAccountFor: () => { collected = true; return async () => { throw new Error('not reached'); }; } });
    assert.equal(code, 2);
    assert.equal(collected, false);
  });

  it('report --out without --format writes report.json and report.html and prints the table', async () => {
    const first = join(dir, 'o8');
    await run('audit', '--from-snapshot', snap, '--out', first, '--format', 'json');
    const out = join(dir, 'o9');
    const r = await run('report', '--from', join(first, 'report.json'), '--out', out);
    assert.equal(r.code, 0);
    assert.ok(existsSync(join(out, 'report.json')) && existsSync(join(out, 'report.html')));
    assert.match(r.out, /What fails, worst first/);
  });

  it('audit --help and report --help list each flag with its default', async () => {
    const a = await run('audit', '--help');
    assert.equal(a.code, 0);
    assert.match(a.out, /^ {2}--out DIR +where report files are written \(default: \.\/drready-report\)$/m);
    assert.match(a.out, /^ {2}--role-name NAME +role assumed in each account \(default: OrganizationAccountAccessRole\)$/m);
    const r = await run('report', '--help');
    assert.match(r.out, /^ {2}--format LIST +.*\(default: table; with --out: table,json,html\)$/m);
    assert.doesNotMatch(r.out, /--demo/);
  });

  it('the built CLI does not print the AWS SDK Node version notice', () => {
    const env: NodeJS.ProcessEnv = { ...process.env, AWS_ACCESS_KEY_ID: 'x', AWS_SECRET_ACCESS_KEY: 'y', AWS_EC2_METADATA_DISABLED: 'true' };
    delete env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED;
    const r = spawnSync(process.execPath, [CLI, 'audit', '--endpoint-url', 'http://127.0.0.1:9', '--region', 'us-east-1', '--out', join(dir, 'o10')], {
      encoding: 'utf8',
      env,
      timeout: 60_000,
    });
    assert.equal(r.status, 2);
    assert.doesNotMatch(r.stderr, /NodeVersionSupportWarning|node >=22/);
    assert.match(r.stderr, /The endpoint http:\/\/127\.0\.0\.1:9 could not be reached: check --endpoint-url/);
    assert.doesNotMatch(r.stderr, /Check the credentials/);
  });
});
