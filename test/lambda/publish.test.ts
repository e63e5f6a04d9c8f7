// publishReport's write order: report.json comes last, in the run folder and in latest/, so a
// report.json always has its report.html beside it, even when a run is interrupted.
import assert from 'node:assert/strict';
import { evaluate } from '../../src/audit';
import { defaultConfig } from '../../src/config';
import { publishReport } from '../../src/lambda/publish';
import type { ReportStore } from '../../src/lambda/store';
import { sampleInventory } from '../fixtures/sample-account';

/** An in-memory store that records each write and can fail at the n-th one (an interrupted run). */
function memoryStore(failAt = Infinity) {
  const objects = new Map<string, string>();
  const writes: string[] = [];
  const write = (key: string, body: string) => {
    if (writes.length + 1 >= failAt) throw new Error(`interrupted before writing ${key}`);
    writes.push(key);
    objects.set(key, body);
  };
  const store = {
    bucket: 'reports',
    async putNew(key: string, file: { body: string }) {
      write(key, file.body);
    },
    async copy(from: string, to: string) {
      write(to, objects.get(from)!);
    },
    async getText(key: string) {
      return objects.get(key);
    },
    async notify() {
      return false;
    },
  };
  return { store: store as unknown as ReportStore, objects, writes };
}

const opts = { runId: 'run-1', reportPrefix: 'reports/', latestPrefix: 'latest/' };

describe('publishReport write order', () => {
  const report = () => evaluate(sampleInventory(), defaultConfig());

  it('writes report.html before report.json, in the run folder and in latest/', async () => {
    const { store, writes } = memoryStore();
    const out = await publishReport(store, report(), opts);
    assert.deepEqual(writes, ['reports/run-1/report.html', 'reports/run-1/report.json', 'latest/report.html', 'latest/report.json']);
    assert.deepEqual(out.keys, ['reports/run-1/report.html', 'reports/run-1/report.json']);
  });

  for (let failAt = 1; failAt <= 4; failAt++) {
    it(`interrupted at write ${failAt}: no report.json without its report.html`, async () => {
      const { store, objects } = memoryStore(failAt);
      await assert.rejects(publishReport(store, report(), opts), /interrupted/);
      for (const folder of ['reports/run-1/', 'latest/']) {
        if (objects.has(`${folder}report.json`)) assert.ok(objects.has(`${folder}report.html`), folder);
      }
      assert.equal(objects.has('reports/run-1/report.json'), failAt > 2);
    });
  }
});
