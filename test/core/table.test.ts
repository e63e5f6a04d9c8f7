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
      const widest = Math.max(...lines.map((l) => [...l].length));
      assert.ok(widest <= width, `widest line is ${widest}: ${lines.find((l) => [...l].length === widest)}`);
      // Still complete: the remediation of the first fix is there, wrapped, not cut.
      assert.ok(lines.some((l) => l.startsWith('1. [')));
      assert.ok(lines.some((l) => l.startsWith('   ')), 'continuation lines are indented under the number');
    });
  }

  it('shows backup plans by name, not by UUID', () => {
    const text = renderTable(report, 120);
    assert.match(text, /northwind-same-account-copy/);
    assert.doesNotMatch(text, /│ 3f9f41aa-/);
  });

  it('takes the tty columns, else $COLUMNS, else 120, never below 80', () => {
    assert.equal(terminalWidth(100, '90'), 100);
    assert.equal(terminalWidth(undefined, '90'), 90);
    assert.equal(terminalWidth(undefined, undefined), 120);
    assert.equal(terminalWidth(undefined, 'wide'), 120);
    assert.equal(terminalWidth(40, undefined), 80);
  });

  it('wraps a long line at spaces and splits a word longer than the width', () => {
    const lines = wrapLine(`1. run ${'x'.repeat(30)} now`, 20);
    assert.deepEqual(lines, ['1. run', '   xxxxxxxxxxxxxxxxx', '   xxxxxxxxxxxxx now']);
  });
});
