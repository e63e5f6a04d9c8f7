import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { evaluate } from '../../src/audit';
import { defaultConfig } from '../../src/config';
import { folderStore, historyName, recordHistory } from '../../src/history';
import { main } from '../../src/cli';
import { writeSnapshot } from '../../src/inventory/snapshot';
import { bucket, ok, withBuckets } from '../helpers/inventory';
import { sampleInventory } from '../fixtures/sample-account';

describe('history and trend', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'drready-history-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps every run under a unique name, never overwriting, and builds the trend oldest first', async () => {
    const bad = withBuckets(bucket('a', { versioning: ok({ status: 'Never', mfaDelete: 'Never' }) }));
    const good = withBuckets(bucket('a'));
    const store = folderStore(join(dir, 'h'));
    const r1 = evaluate(bad, defaultConfig(), { generatedAt: new Date('2026-05-01T00:00:00Z') });
    const r2 = evaluate(good, defaultConfig(), { generatedAt: new Date('2026-05-08T00:00:00Z') });
    const same = evaluate(good, defaultConfig(), { generatedAt: new Date('2026-05-08T00:00:00Z') });
    await recordHistory(r2, store); // stored out of order on purpose
    await recordHistory(r1, store);
    await recordHistory(same, store); // same instant: still a new file
    assert.equal(readdirSync(join(dir, 'h')).length, 3);
    assert.deepEqual(same.trend!.map((p) => p.generatedAt), ['2026-05-01T00:00:00.000Z', '2026-05-08T00:00:00.000Z', '2026-05-08T00:00:00.000Z']);
    assert.ok(same.trend![0].exposure > same.trend![2].exposure, 'fixing the bucket shows as less exposure');
    assert.ok(same.trend![0].threats['account-wipe']! < same.trend![2].threats['account-wipe']!);
  });

  it('refuses to overwrite an existing name', async () => {
    const store = folderStore(dir);
    await store.put('report-x.json', '{}');
    await assert.rejects(store.put('report-x.json', '{}'), /EEXIST/);
  });

  it('names are sortable by time and unique', () => {
    const a = historyName('2026-05-01T00:00:00.000Z');
    assert.match(a, /^report-2026-05-01T00-00-00-000Z-[0-9a-f]{6}\.json$/);
    assert.notEqual(a, historyName('2026-05-01T00:00:00.000Z'));
  });

  it('skips files that are not reports and names them', async () => {
    writeFileSync(join(dir, 'report-junk.json'), 'not json');
    const r = evaluate(withBuckets(), defaultConfig());
    const { skipped } = await recordHistory(r, folderStore(dir));
    assert.deepEqual(skipped, ['report-junk.json']);
    assert.equal(r.trend!.length, 1);
  });

  it('counts long-lived keys in each run', () => {
    assert.equal(evaluate(sampleInventory(), defaultConfig()).metrics!.longLivedKeys, 3);
  });

  it('drready audit --history DIR stores the run and the HTML shows the trend', async () => {
    const snap = join(dir, 'snap.json');
    writeSnapshot(snap, sampleInventory());
    const err: string[] = [];
    const io = { out: () => undefined, err: (s: string) => void err.push(s) };
    for (let i = 0; i < 2; i++) assert.equal(await main(['audit', '--from-snapshot', snap, '--history', join(dir, 'hist'), '--out', join(dir, 'out'), '--format', 'json,html'], io), 0);
    assert.equal(readdirSync(join(dir, 'hist')).length, 2);
    const report = JSON.parse(readFileSync(join(dir, 'out', 'report.json'), 'utf8'));
    assert.equal(report.trend.length, 2);
    assert.match(readFileSync(join(dir, 'out', 'report.html'), 'utf8'), /2 runs from/);
    assert.match(err.join(''), /History: 2 run\(s\)/);
  });
});
