import assert from 'node:assert/strict';
import { evaluate } from '../../src/audit';
import { DEMO_SNAPSHOT } from '../../src/cli';
import { defaultConfig } from '../../src/config';
import { readSnapshot } from '../../src/inventory/snapshot';
import { renderTable } from '../../reports/table';
import { terminalWidth, wrapLine } from '../../reports/terminal';

describe('terminal table width', () => {
  const report = evaluate(readSnapshot(DEMO_SNAPSHOT), defaultConfig());

  for (const width of [80, 100]) {
    it(`no line of the demo output is wider than ${width} columns`, () => {
      const lines = renderTable(report, width).split('\n');
      // Only a single token longer than the width (a JSON argument to copy) may run past it, whole.
      const over = lines.filter((l) => [...l].length > width && /\s\S/.test(l.trim()));
      assert.deepEqual(over, []);
      // Still complete: the remediation of the first fix is there, wrapped, not cut.
      assert.ok(lines.some((l) => l.startsWith('1. [')));
      assert.ok(lines.some((l) => l.startsWith('   ')), 'continuation lines are indented under the number');
    });
  }

  it('shows backup plans by name, not by UUID', () => {
    const text = renderTable(report, 120);
    const plan = report.findings.find((f) => f.checkId === 'backup-cross-account-copy' && f.status === 'FAIL' && f.resourceName === 'northwind-same-account-copy')!;
    assert.ok(plan, 'the demo has the same-account plan failing');
    assert.match(text, /northwind-same-account-copy/);
    assert.ok(!text.includes(plan.resourceId.split(':').pop()!.slice(0, 8)), 'the plan id is not shown');
  });

  it('takes the tty columns, else $COLUMNS, else 120, never below 80', () => {
    assert.equal(terminalWidth(100, '90'), 100);
    assert.equal(terminalWidth(undefined, '90'), 90);
    assert.equal(terminalWidth(undefined, undefined), 120);
    assert.equal(terminalWidth(undefined, 'wide'), 120);
    assert.equal(terminalWidth(40, undefined), 80);
  });

  it('wraps a long line at spaces and keeps a word longer than the width whole (copyable)', () => {
    const lines = wrapLine(`1. run ${'x'.repeat(30)} now`, 20);
    assert.deepEqual(lines, ['1. run', `   ${'x'.repeat(30)}`, '   now']);
  });
});
