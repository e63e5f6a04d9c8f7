// The audit core shared by the CLI and the Lambda: inventory → findings → scores → report → files.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CHECKS } from '../checks';
import type { Check } from '../checks/types';
import { RENDERERS } from '../reports';
import type { Config } from './config';
import { defaultConfig, unusedSuppressions } from './config';
import { runChecks } from './engine';
import { InputError } from './errors';
import { lintInventory } from './lint';
import type { Inventory } from './inventory/types';
import type { Report, ReportLint } from './report';
import { buildReport } from './report';
import { blastRadiusOf } from './blast-radius';
import { overallScore, scoreOptions, scoreWithExposure, totalExposure } from './exposure';
import { fixFirst } from './fix-first';
import { indexResources, isCritical } from './marking';
import { longLivedKeys } from './metrics';

export interface EvaluateOptions {
  checks?: readonly Check[];
  /** Defaults to the IAM linter over every policy in the inventory. */
  lint?: (inventory: Inventory) => ReportLint;
  generatedAt?: Date;
  /** The config file the run used (shown with the prices); omitted: built-in defaults. */
  configSource?: string;
}

export function evaluate(inventory: Inventory, config: Config, opts: EvaluateOptions = {}): Report {
  const checks = opts.checks ?? CHECKS;
  const { findings, checkFailures } = runChecks(inventory, checks, config);
  const facts = indexResources(inventory);
  const sopts = scoreOptions(config, (f) => isCritical(f.resourceId, facts.get(f.resourceId), config));
  const threats = scoreWithExposure(findings, config, sopts);
  const metas = checks.map((c) => c.meta);
  for (const t of threats) for (const c of t.contributors) c.title = metas.find((m) => m.id === c.checkId)?.title;
  const blast = blastRadiusOrNote(inventory, config);
  const exposure = totalExposure(threats);
  const longLived = longLivedKeys(inventory);
  const overall = { score: overallScore(threats), exposure, loss: threats.reduce((s, t) => s + (t.loss?.amount ?? 0), 0) };
  const generatedAt = opts.generatedAt ?? new Date();
  return buildReport({
    inventory,
    findings,
    threats,
    lint: (opts.lint ?? lintInventory)(inventory),
    checks: metas,
    checkFailures,
    generatedAt,
    scoreOptions: sopts,
    extra: {
      ...(opts.configSource ? { configSource: opts.configSource } : {}),
      defaultPrices: JSON.stringify(config.money) === JSON.stringify(defaultConfig().money),
      currency: config.money.currency,
      overall,
      blastRadius: blast.entries,
      blastRadiusNotes: blast.notes,
      fixFirst: fixFirst(findings, metas, config, sopts),
      unusedSuppressions: unusedSuppressions(config.suppressions, findings),
      metrics: { longLivedKeys: longLived },
      trend: [{ generatedAt: generatedAt.toISOString(), overall: overall.score, exposure, longLivedKeys: longLived, threats: Object.fromEntries(threats.map((t) => [t.id, t.score])) }],
    },
  });
}

// The blast radius is one section of the report: if it breaks, the rest of the run still stands.
function blastRadiusOrNote(inventory: Inventory, config: Config): ReturnType<typeof blastRadiusOf> {
  try {
    return blastRadiusOf(inventory, config);
  } catch (e) {
    return { entries: [], notes: [`blast radius could not be computed: ${(e as Error).message}`] };
  }
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
