// Lambda settings from the environment, and the run id / score-drop logic of publishing.
import assert from 'node:assert/strict';
import { evaluate } from '../../src/audit';
import { defaultConfig } from '../../src/config';
import { carryTrend, headline, newRunId, scoreDrops, TREND_LIMIT } from '../../src/lambda/publish';
import { readSettings, parseConfigText } from '../../src/lambda/settings';
import { mergeOutcomes } from '../../src/org/merge';
import type { Report } from '../../src/report';
import { account, bucket, ok } from '../helpers/inventory';

const base = { REPORT_BUCKET: 'r' };

describe('Lambda settings', () => {
  it('defaults: this account, reports/ and latest/, the default role', () => {
    const s = readSettings(base);
    assert.deepEqual([s.scope, s.reportPrefix, s.latestPrefix, s.partsPrefix, s.roleName, s.accountConcurrency, s.mapConcurrency, s.allRegions], [{ kind: 'self' }, 'reports/', 'latest/', 'runs/', 'OrganizationAccountAccessRole', 4, 10, false]);
    assert.equal(s.regions, undefined);
    assert.equal(s.topicArn, undefined);
  });

  it('reads the scope, regions, prefixes and config location', () => {
    const s = readSettings({ ...base, AUDIT_SCOPE: 'accounts', ACCOUNT_IDS: '111111111111, 222222222222', REGIONS: 'eu-west-1,us-east-1', REPORT_PREFIX: 'drready/reports', DRREADY_CONFIG_S3: 's3://cfg/path/drready.yaml', ALL_REGIONS: 'false' });
    assert.deepEqual(s.scope, { kind: 'accounts', accountIds: ['111111111111', '222222222222'] });
    assert.deepEqual(s.regions, ['eu-west-1', 'us-east-1']);
    assert.equal(s.reportPrefix, 'drready/reports/');
    assert.deepEqual(s.configS3, { bucket: 'cfg', key: 'path/drready.yaml' });
  });

  const bad: [Record<string, string>, RegExp][] = [
    [{ ...base, REPORT_PREFIX: '../x' }, /REPORT_PREFIX: "..\/x" must be a relative key prefix/],
    [{ ...base, ACCOUNT_CONCURRENCY: '0' }, /ACCOUNT_CONCURRENCY: expected a positive whole number, got "0"/],
    [{ ...base, DRREADY_CONFIG_S3: 'bucket/key' }, /DRREADY_CONFIG_S3: expected s3:\/\/bucket\/key/],
    [{ ...base, DRREADY_CONFIG: '{}', DRREADY_CONFIG_S3: 's3://b/k' }, /set one, not both/],
    [{ ...base, ROLE_NAME: 'has space' }, /ROLE_NAME: "has space" is not a valid IAM role name/],
  ];
  for (const [env, msg] of bad) it(`rejects ${JSON.stringify(env)}`, () => assert.throws(() => readSettings(env), msg));

  it('parses inline config as YAML or JSON with the CLI’s validation', () => {
    assert.equal(parseConfigText('{"checks": {"iam-access-key-age": {"maxAgeDays": 30}}}', 'DRREADY_CONFIG').checks['iam-access-key-age'].maxAgeDays, 30);
    assert.throws(() => parseConfigText('money: {currency: 3}', 'DRREADY_CONFIG'), /DRREADY_CONFIG: money.currency: expected a string/);
    assert.throws(() => parseConfigText('a: [', 'DRREADY_CONFIG'), /DRREADY_CONFIG: not valid YAML or JSON/);
  });
});

describe('publishing', () => {
  it('run ids sort by time and are safe in keys', () => {
    assert.equal(newRunId(new Date('2026-12-03T05:00:01.234Z'), 'abcd1234'), '2026-12-03T05-00-01Z-abcd1234');
    assert.notEqual(newRunId(new Date(0)), newRunId(new Date(0)));
  });

  const A = '111111111111';
  const B = '222222222222';
  const report = (bVersioned: boolean, bFails = false) =>
    evaluate(
      mergeOutcomes([
        { accountId: A, ok: true, inventory: account({ accountId: A, s3: { buckets: ok([bucket('a')]) } }) },
        bFails
          ? { accountId: B, name: 'prod', ok: false, error: { api: 'sts:AssumeRole', permission: 'sts:AssumeRole', code: 'AccessDenied', message: 'denied', accountId: B, region: 'global' } }
          : { accountId: B, ok: true, inventory: account({ accountId: B, name: 'prod', s3: { buckets: ok([bucket('b', bVersioned ? {} : { versioning: ok({ status: 'Suspended', mfaDelete: 'Never' }) })]) } }) },
      ]),
      defaultConfig(),
    );

  it('finds the scores that went down, overall and per account', () => {
    const drops = scoreDrops(report(true), report(false));
    // Weighted per check (src/score.ts): engineer-mistake is s3-versioning (high, 5) and
    // s3-noncurrent-retention (medium, 3, passing). B's one bucket fails versioning: 100 - 100 * 5/8 = 37.5 → 38;
    // over both accounts versioning passes 1 of 2: 100 - 100 * 5 * 0.5/8 = 68.75 → 69.
    assert.deepEqual(drops, [
      'Account wipe by powerful credentials: 76 → 69',
      'A compromised server trashes what it can reach: 73 → 50',
      "An engineer's mistake causes an outage: 100 → 69",
      `account ${B} (prod) account-wipe: 76 → 62`,
      `account ${B} (prod) server-compromise: 73 → 27`,
      `account ${B} (prod) engineer-mistake: 100 → 38`,
    ]);
    assert.deepEqual(scoreDrops(report(false), report(true)), []); // improvements are not drops
    assert.deepEqual(scoreDrops(report(true), report(true)), []);
  });

  it('an account that could no longer be audited counts as a drop', () => {
    assert.deepEqual(scoreDrops(report(true), report(true, true)), [`account ${B}: could not be audited (AccessDenied)`]);
  });

  it('the headline gives the numbers and where the report is', () => {
    const r = report(false);
    const text = headline(r, ['x: 100 → 50'], 'reports/run/report.json', 'bucket');
    assert.match(text, /- x: 100 → 50/);
    assert.match(text, /An engineer's mistake causes an outage: 69\/100/);
    // Failing: s3-versioning on b, and per account s3-delete-protection, org-backup-account and
    // s3-data-classified (neither bucket is marked sensitive or not).
    assert.match(text, /7 failing, 9 passing, 0 unknown findings across 2 account\(s\)/);
    assert.match(text, /Report: s3:\/\/bucket\/reports\/run\/report.json/);
  });

  it('carries the trend forward from the previous report, oldest first, capped', () => {
    const at = (iso: string, versioned: boolean): Report => {
      const r = report(versioned);
      return Object.assign(r, { generatedAt: iso, trend: [{ ...r.trend![0], generatedAt: iso }] });
    };
    const day1 = at('2026-12-01T05:00:00.000Z', true);
    delete day1.trend; // a report from before trends
    const day2 = at('2026-12-02T05:00:00.000Z', false);
    day2.trend = carryTrend(day1, day2);
    assert.deepEqual(day2.trend.map((p) => [p.generatedAt, p.overall]), [[day1.generatedAt, day1.overall!.score], [day2.generatedAt, day2.overall!.score]]);
    assert.ok(day2.overall!.score! < day1.overall!.score!);
    const day3 = at('2026-12-03T05:00:00.000Z', true);
    assert.deepEqual(carryTrend(day2, day3).map((p) => p.generatedAt), [day1.generatedAt, day2.generatedAt, day3.generatedAt]);
    // A rerun with an older clock does not put points out of order.
    assert.deepEqual(carryTrend(day2, at('2026-12-01T06:00:00.000Z', true)).map((p) => p.generatedAt), [day1.generatedAt, '2026-12-01T06:00:00.000Z']);
    day2.trend = Array.from({ length: TREND_LIMIT + 5 }, (_, i) => ({ ...day2.trend![0], generatedAt: `2025-01-01T00:00:${String(i).padStart(5, '0')}Z` }));
    const capped = carryTrend(day2, day3);
    assert.equal(capped.length, TREND_LIMIT);
    assert.equal(capped[capped.length - 1].generatedAt, day3.generatedAt);
  });
});
