import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { knownThresholds } from '../../checks';
import { InputError } from '../../src/errors';
import { defaultConfig, loadConfig, parseConfig } from '../../src/config';

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
