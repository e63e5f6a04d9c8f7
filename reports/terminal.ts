// Fitting the terminal output to the terminal: table columns shrink, long lines wrap.
import Table from 'cli-table3';
import { breakLong } from './format';

export const DEFAULT_WIDTH = 120;
export const MIN_WIDTH = 80;

/** The width to render for: the tty's columns, else $COLUMNS, else 120; never below 80. */
export function terminalWidth(columns: number | undefined = process.stdout.columns, env: string | undefined = process.env.COLUMNS): number {
  const n = columns && columns > 0 ? columns : Number.parseInt(env ?? '', 10);
  return Math.max(MIN_WIDTH, Number.isFinite(n) && n > 0 ? n : DEFAULT_WIDTH);
}

type Cell = string | { colSpan: number; content: string };

/**
 * Column widths (with padding) that fit `width`: natural widths when they fit; else every column
 * keeps up to a fair share (its natural width if smaller), and the room left goes to each in proportion to how much more it wants.
 */
export function fitColumns(rows: Cell[][], width: number): number[] {
  const n = rows[0].length;
  const natural = Array.from({ length: n }, (_, i) => Math.max(3, ...rows.map((r) => (typeof r[i] === 'string' ? Math.max(...(r[i] as string).split('\n').map((l) => l.length)) + 2 : 0))));
  const room = width - (n + 1);
  if (natural.reduce((s, x) => s + x, 0) <= room) return natural;
  const fair = Math.min(24, Math.max(8, Math.floor(room / n)));
  const base = natural.map((x) => Math.min(x, fair));
  const want = natural.map((x, i) => x - base[i]);
  const extra = Math.max(0, room - base.reduce((s, x) => s + x, 0));
  const total = want.reduce((s, x) => s + x, 0);
  return base.map((b, i) => b + Math.floor((extra * want[i]) / total));
}

/** A bordered table no wider than `width`; words longer than their column are split. */
export function fittedTable(head: string[], rows: Cell[][], width: number): string {
  const widths = fitColumns([head, ...rows.filter((r) => r.length === head.length)], width);
  const fit = (c: Cell, i: number): Cell => (typeof c === 'string' ? c.split('\n').map((l) => breakLong(l, widths[i] - 2)).join('\n') : c);
  const t = new Table({ head: head.map(fit) as string[], colWidths: widths, wordWrap: true, style: { head: [], border: [] } });
  for (const r of rows) t.push(r.map(fit) as Table.Cell[]);
  return t.toString();
}

/** Wraps one line at spaces to `width`; continuation lines are indented under a "1. " or "- " bullet. */
export function wrapLine(line: string, width: number): string[] {
  if (line.length <= width) return [line];
  const indent = ' '.repeat(/^(\d+\. |- )/.exec(line)?.[1].length ?? 0);
  const out: string[] = [];
  let cur = '';
  // Words are never split: these lines carry commands and JSON to copy, and a token longer than the
  // width is better left whole on its own line (the terminal soft-wraps it) than broken into two.
  for (const word of line.split(' ')) {
    const next = cur ? `${cur} ${word}` : out.length ? indent + word : word;
    if (next.length > width && cur.trim()) {
      out.push(cur);
      cur = indent + word;
    } else cur = next;
  }
  if (cur) out.push(cur);
  return out;
}
