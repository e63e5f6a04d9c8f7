// How long evaluating an inventory takes (checks, scoring, exposure, blast radius, lint, renderers),
// and the heap it needs: the bundled demo, then the demo scaled up to a large account.
//   npm run bench:audit
import { evaluate } from '../src/audit';
import { defaultConfig } from '../src/config';
import { readSnapshot } from '../src/inventory/snapshot';
import type { Inventory } from '../src/inventory/types';
import { RENDERERS } from '../reports';
import { DEMO_SNAPSHOT } from '../src/cli';

function scaled(inv: Inventory, times: number): Inventory {
  const copy: Inventory = JSON.parse(JSON.stringify(inv));
  const a = copy.accounts[0];
  if (a.s3.buckets.ok) {
    const base = a.s3.buckets.value;
    a.s3.buckets.value = Array.from({ length: times }, (_, k) => base.map((b) => ({ ...b, name: `${b.name}-${k}`, arn: `${b.arn}-${k}` }))).flat();
  }
  for (const r of a.regions)
    if (r.ec2.instances.ok) {
      const base = r.ec2.instances.value;
      r.ec2.instances.value = Array.from({ length: times }, (_, k) => base.map((i) => ({ ...i, InstanceId: `${i.InstanceId}-${k}` }))).flat();
    }
  return copy;
}

function measure(label: string, inv: Inventory, runs: number): void {
  const buckets = inv.accounts[0].s3.buckets.ok ? inv.accounts[0].s3.buckets.value.length : 0;
  const instances = inv.accounts[0].regions.reduce((n, r) => n + (r.ec2.instances.ok ? r.ec2.instances.value.length : 0), 0);
  global.gc?.();
  const before = process.memoryUsage().heapUsed;
  const times: number[] = [];
  let findings = 0;
  let peak = 0;
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint();
    const report = evaluate(inv, defaultConfig());
    for (const r of Object.values(RENDERERS)) r.render(report);
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
    findings = report.findings.length;
    peak = Math.max(peak, process.memoryUsage().heapUsed - before);
  }
  times.sort((x, y) => x - y);
  console.log(`${label}: ${buckets} buckets, ${instances} instances, ${findings} findings — evaluate+render median ${times[Math.floor(times.length / 2)].toFixed(0)} ms (min ${times[0].toFixed(0)}), heap growth ≤ ${(peak / 1e6).toFixed(0)} MB over ${runs} runs`);
}

const demo = readSnapshot(DEMO_SNAPSHOT);
measure('demo', demo, 5);
measure('demo ×40', scaled(demo, 40), 3);
