import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { knownThresholds } from '../../checks';
import { main } from '../../src/cli';
import { loadConfig } from '../../src/config';

const dir = mkdtempSync(join(tmpdir(), 'drready-cfg-'));
const write = (name: string, text: string) => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};

describe('config', () => {
  it('merges thresholds and money over the defaults (YAML)', () => {
    const cfg = loadConfig(write('c.yaml', 'checks:\n  iam-access-key-age:\n    maxAgeDays: 30\nmoney:\n  currency: EUR\n'), knownThresholds());
    assert.equal(cfg.checks['iam-access-key-age'].maxAgeDays, 30);
    assert.equal(cfg.money.currency, 'EUR');
    assert.equal(cfg.money.outageCostPerHour, 20_000);
  });

  const bad: [string, string, RegExp][] = [
    ['unknown top key', '{"monie": {}}', /monie: unknown key/],
    ['unknown check', '{"checks": {"nope": {}}}', /checks\.nope: no check has this id/],
    ['unknown threshold', '{"checks": {"iam-access-key-age": {"maxAge": 3}}}', /checks\.iam-access-key-age\.maxAge: unknown threshold \(known: maxAgeDays\)/],
    ['negative number', '{"money": {"outageCostPerHour": -1}}', /money\.outageCostPerHour: expected a non-negative number/],
    ['suppression without reason', '{"suppressions": [{"checkId": "s3-versioning"}]}', /suppressions\[0\]\.reason: required/],
    ['bad JSON', '{', /not valid JSON/],
    ['critical weight 0', '{"critical": {"weight": 0}}', /: critical\.weight: expected a whole number of at least 1/],
    ['recovery hours the wrong way round', '{"money": {"hoursToRecoverByHand": 1, "hoursToRecoverByAutomation": 8}}', /: money\.hoursToRecoverByHand: 1 is less than money\.hoursToRecoverByAutomation \(8\)/],
    ['a currency that is not a code', '{"money": {"currency": "DOLLARS"}}', /: money\.currency: expected a 3-letter ISO 4217 code/],
  ];
  for (const [name, text, expected] of bad) {
    it(`rejects ${name}, naming the file and key`, () => {
      const p = write(`${name.replace(/ /g, '-')}.json`, text);
      assert.throws(() => loadConfig(p, knownThresholds()), (e: Error) => expected.test(e.message) && e.message.startsWith(p));
    });
  }

  it('the audit exits 2 on a config value that would zero the results, naming the file and key', async () => {
    const p = write('zero-weight.json', '{"critical": {"weight": 0}}');
    let err = '';
    const code = await main(['audit', '--demo', '--config', p, '--format', 'json', '--out', join(dir, 'never')], { out: () => undefined, err: (s) => (err += s) });
    assert.equal(code, 2);
    assert.match(err, new RegExp(`${p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: critical\\.weight: expected a whole number of at least 1`));
  });
});
