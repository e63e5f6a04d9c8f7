import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InputError } from '../../src/errors';
import { readSnapshot, writeSnapshot } from '../../src/inventory/snapshot';
import { bucket, withBuckets } from '../helpers/inventory';

const dir = mkdtempSync(join(tmpdir(), 'drready-snap-'));
function file(name: string, content: string): string {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
}

describe('snapshot files', () => {
  it('round-trips an inventory', () => {
    const inv = withBuckets(bucket('a'));
    const p = join(dir, 'ok.json');
    writeSnapshot(p, inv);
    assert.deepEqual(readSnapshot(p), inv);
  });

  const bad: [string, string, RegExp][] = [
    ['missing.json', '', /missing\.json: cannot read snapshot: ENOENT/],
    ['broken.json', '{"kind": ', /broken\.json: snapshot is not valid JSON/],
    ['report.json', '{"schemaVersion":1,"findings":[]}', /report\.json: not a valid drready snapshot: kind: .*report\.json rather than a snapshot/],
    ['future.json', JSON.stringify({ ...withBuckets(), schemaVersion: 99 }), /schemaVersion: this drready reads version 1/],
    ['acct.json', JSON.stringify({ ...withBuckets(), accounts: [{ ...withBuckets().accounts[0], accountId: 'abc' }] }), /accounts\[0\]\.accountId: expected a 12-digit/],
  ];
  for (const [name, content, expected] of bad) {
    it(`rejects ${name} naming the file and the problem`, () => {
      const p = name === 'missing.json' ? join(dir, name) : file(name, content);
      assert.throws(() => readSnapshot(p), (e: Error) => e instanceof InputError && expected.test(e.message) && e.message.includes(p));
    });
  }

  it('names the path of a malformed Got field', () => {
    const inv = JSON.parse(JSON.stringify(withBuckets(bucket('a'))));
    inv.accounts[0].s3.buckets.value[0].versioning = { status: 'Enabled' };
    const p = file('got.json', JSON.stringify(inv));
    assert.throws(() => readSnapshot(p), /accounts\[0\]\.s3\.buckets\.value\[0\]\.versioning: expected \{"ok": true/);
  });
});
