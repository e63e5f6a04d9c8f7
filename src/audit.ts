// The audit core shared by the CLI and the Lambda: inventory → findings → scores → report → files.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CHECKS } from '../checks';
import type { Check } from '../checks/types';
import { RENDERERS } from '../reports';
import type { Config } from './config';
import { runChecks } from './engine';
import { InputError } from './errors';
import { lintInventory } from './lint';
import type { Inventory } from './inventory/types';
import type { Report, ReportLint } from './report';
import { buildReport } from './report';
import { scoreThreats } from './score';

export interface EvaluateOptions {
  checks?: readonly Check[];
  /** Defaults to the IAM linter over every policy in the inventory. */
  lint?: (inventory: Inventory) => ReportLint;
  generatedAt?: Date;
}

export function evaluate(inventory: Inventory, config: Config, opts: EvaluateOptions = {}): Report {
  const checks = opts.checks ?? CHECKS;
  const { findings, checkFailures } = runChecks(inventory, checks, config);
  return buildReport({
    inventory,
    findings,
    threats: scoreThreats(findings),
    lint: (opts.lint ?? lintInventory)(inventory),
    checks: checks.map((c) => c.meta),
    checkFailures,
    generatedAt: opts.generatedAt,
  });
}

export function parseFormats(value: string | undefined, fallback: string[]): string[] {
  const formats = value ? value.split(',').map((f) => f.trim()).filter(Boolean) : fallback;
  for (const f of formats) if (!RENDERERS[f]) throw new InputError(`--format: unknown format "${f}" (known: ${Object.keys(RENDERERS).join(', ')})`);
  return formats;
}

/** Renders each format: files go under outDir, the table to `print`. Returns the files written. */
export function writeReports(report: Report, outDir: string, formats: string[], print: (s: string) => void): string[] {
  const written: string[] = [];
  for (const f of formats) {
    const r = RENDERERS[f];
    const text = r.render(report);
    if (!r.file) {
      print(text);
      continue;
    }
    mkdirSync(outDir, { recursive: true });
    const path = join(outDir, r.file);
    writeFileSync(path, text);
    written.push(path);
  }
  return written;
}
