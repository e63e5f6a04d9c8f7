import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { knownThresholds } from '../../checks';
import { InputError } from '../../src/errors';
import { defaultConfig, loadConfig, parseConfig } from '../../src/config';
import { evaluate } from '../../src/audit';
import { DEMO_SNAPSHOT, main } from '../../src/cli';
import { readSnapshot } from '../../src/inventory/snapshot';

describe('config: money, critical, sensitive', () => {
  it('the example config is valid and overrides the defaults', () => {
    const c = loadConfig(join(__dirname, '..', '..', '..', 'examples', 'drready.config.json'), knownThresholds());
    assert.equal(c.money.accountWipeLoss, 25_000_000);
    assert.equal(c.critical.weight, 3);
    assert.deepEqual(c.sensitive.nonSensitivePrefixes, ['nonsensitive.', 'public-']);
  });

  it('keeps defaults for keys not given', () => {
    const c = parseConfig({ money: { currency: 'EUR' } }, 'x.json');
    assert.equal(c.money.currency, 'EUR');
    assert.equal(c.money.accountWipeLoss, defaultConfig().money.accountWipeLoss);
  });

  const bad: [string, unknown, RegExp][] = [
    ['negative money', { money: { accountWipeLoss: -1 } }, /x\.json: money\.accountWipeLoss: expected a non-negative number/],
    ['money as text', { money: { outageCostPerHour: '20k' } }, /money\.outageCostPerHour/],
    ['unknown money key', { money: { companyValue: 1 } }, /money\.companyValue: unknown key/],
    ['critical weight', { critical: { weight: 'high' } }, /critical\.weight: expected a non-negative number/],
    ['name patterns', { critical: { namePatterns: 'prod-*' } }, /critical\.namePatterns: expected a list of strings/],
    ['sensitive tags', { sensitive: { sensitiveTags: { class: 1 } } }, /sensitive\.sensitiveTags: expected an object whose values are strings/],
    ['critical weight 0', { critical: { weight: 0 } }, /x\.json: critical\.weight: expected a whole number of at least 1 .*got 0$/],
    ['critical weight 0.5', { critical: { weight: 0.5 } }, /x\.json: critical\.weight: expected a whole number of at least 1/],
    ['critical weight 2.5', { critical: { weight: 2.5 } }, /x\.json: critical\.weight: expected a whole number/],
    ['hours by hand below automation', { money: { hoursToRecoverByHand: 2, hoursToRecoverByAutomation: 4 } }, /x\.json: money\.hoursToRecoverByHand: 2 is less than money\.hoursToRecoverByAutomation \(4\)/],
    // Only one of the pair given: judged against the default of the other (automation 1 h, by hand 24 h).
    ['hours by hand below the default automation', { money: { hoursToRecoverByHand: 0.5 } }, /money\.hoursToRecoverByHand: 0\.5 is less than money\.hoursToRecoverByAutomation \(1\)/],
    ['hours by automation above the default by hand', { money: { hoursToRecoverByAutomation: 48 } }, /money\.hoursToRecoverByHand: 24 is less than money\.hoursToRecoverByAutomation \(48\)/],
    ['currency as a word', { money: { currency: 'DOLLARS' } }, /x\.json: money\.currency: expected a 3-letter ISO 4217 code such as "USD" or "EUR", got "DOLLARS"/],
    ['currency with a digit', { money: { currency: 'US1' } }, /money\.currency: expected a 3-letter ISO 4217 code/],
    ['currency in lower case', { money: { currency: 'eur' } }, /money\.currency: expected a 3-letter ISO 4217 code/],
  ];
  for (const [name, raw, message] of bad)
    it(`names the bad key: ${name}`, () => {
      assert.throws(() => parseConfig(raw, 'x.json'), (e: Error) => e instanceof InputError && message.test(e.message));
    });

  it('accepts the edge values: weight 1, equal recovery hours, a real currency', () => {
    const c = parseConfig({ critical: { weight: 1 }, money: { currency: 'JPY', hoursToRecoverByHand: 3, hoursToRecoverByAutomation: 3 } }, 'x.json');
    assert.equal(c.critical.weight, 1);
    assert.equal(c.money.currency, 'JPY');
    assert.equal(c.money.hoursToRecoverByHand, 3);
  });

  it('reads YAML too', () => {
    const dir = mkdtempSync(join(tmpdir(), 'drready-cfg-'));
    try {
      const f = join(dir, 'drready.config.yaml');
      writeFileSync(f, 'money:\n  currency: GBP\n  dataIncidentCost: 750000\nsensitive:\n  nonSensitivePrefixes: ["open-"]\n');
      const c = loadConfig(f);
      assert.equal(c.money.currency, 'GBP');
      assert.equal(c.money.dataIncidentCost, 750_000);
      assert.deepEqual(c.sensitive.nonSensitivePrefixes, ['open-']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('config: suppressions that match nothing', () => {
  const example = join(__dirname, '..', '..', '..', 'examples', 'drready.config.json');

  it("the example's suppression accepts a real demo finding, by bucket name", () => {
    const config = loadConfig(example, knownThresholds());
    assert.equal(config.suppressions.length, 1);
    const r = evaluate(readSnapshot(DEMO_SNAPSHOT), config);
    const hit = r.findings.filter((f) => f.suppressed);
    assert.deepEqual(hit.map((f) => [f.checkId, f.resourceId, f.status]), [['s3-versioning', 'arn:aws:s3:::nonsensitive.northwind-build-cache', 'FAIL']]);
    assert.equal(hit[0].suppressionReason, config.suppressions[0].reason);
    assert.deepEqual(r.unusedSuppressions, []);
  });

  it('report.json lists a suppression that matched no finding, and the audit warns on stderr', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'drready-sup-'));
    try {
      const file = join(dir, 'drready.config.json');
      const used = { checkId: 's3-versioning', resource: 'arn:aws:s3:::northwind-tmp-exports', reason: 'scratch exports' };
      const typo = { checkId: 's3-versioning', resource: 'arn:aws:s3:::northwind-tmp-exprots', reason: 'scratch exports' };
      const otherAccount = { checkId: 'iam-root-access-keys', accountId: '000000000000', reason: 'not this account' };
      writeFileSync(file, JSON.stringify({ suppressions: [used, typo, otherAccount] }));
      let err = '';
      const code = await main(['audit', '--demo', '--config', file, '--format', 'json', '--out', dir], { out: () => undefined, err: (s) => (err += s) });
      assert.equal(code, 0, err);
      const report = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8'));
      assert.deepEqual(report.unusedSuppressions, [
        { index: 1, ...typo },
        { index: 2, ...otherAccount },
      ]);
      assert.match(err, /warning: suppression 1 \(checkId s3-versioning, resource arn:aws:s3:::northwind-tmp-exprots\) matched no finding/);
      assert.match(err, /warning: suppression 2 \(checkId iam-root-access-keys, account 000000000000\) matched no finding/);
      assert.doesNotMatch(err, /suppression 0 /);
      assert.equal(report.findings.filter((f: { suppressed: boolean }) => f.suppressed).length, 1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
