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
  ];
  for (const [name, raw, message] of bad)
    it(`names the bad key: ${name}`, () => {
      assert.throws(() => parseConfig(raw, 'x.json'), (e: Error) => e instanceof InputError && message.test(e.message));
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
