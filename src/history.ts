// Run history for the trend: every run's report.json kept under a unique name, never overwritten.
// The store is an interface so the Lambda can keep history under an S3 prefix; the CLI uses a folder.
import { randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from './errors';
import type { Report, TrendPoint } from './report';

export interface HistoryStore {
  /** report.json texts of earlier runs, in any order. */
  list(): Promise<{ name: string; text: string }[]>;
  /** Stores a new run; must fail rather than overwrite an existing name. */
  put(name: string, text: string): Promise<void>;
}

/** `report-2026-06-01T00-00-00-000Z-1a2b3c.json`: sortable by time, unique by the random tail. */
export function historyName(generatedAt: string): string {
  return `report-${generatedAt.replace(/[:.]/g, '-')}-${randomBytes(3).toString('hex')}.json`;
}

export function folderStore(dir: string): HistoryStore {
  return {
    async list() {
      let names: string[];
      try {
        names = readdirSync(dir).filter((n) => /^report-.*\.json$/.test(n));
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
        throw new InputError(`--history ${dir}: cannot read the folder: ${(e as Error).message}`);
      }
      return names.map((name) => ({ name, text: readFileSync(join(dir, name), 'utf8') }));
    },
    async put(name, text) {
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, name), text, { flag: 'wx' }); // wx: never overwrite
    },
  };
}

export function trendPoint(r: Report): TrendPoint {
  const own = r.trend?.[r.trend.length - 1];
  if (own && own.generatedAt === r.generatedAt) return own;
  return {
    generatedAt: r.generatedAt,
    overall: r.overall?.score ?? null,
    exposure: r.overall?.exposure ?? r.threats.reduce((s, t) => s + (t.exposure ?? 0), 0),
    longLivedKeys: r.metrics?.longLivedKeys ?? null,
    threats: Object.fromEntries(r.threats.map((t) => [t.id, t.score])),
  };
}

/**
 * Reads earlier runs, sets `report.trend` (oldest first, this run last) and stores this run.
 * A file that is not a drready report is skipped and named in `skipped`, never fatal.
 */
export async function recordHistory(report: Report, store: HistoryStore): Promise<{ stored: string; skipped: string[] }> {
  const points: TrendPoint[] = [];
  const skipped: string[] = [];
  for (const { name, text } of await store.list()) {
    try {
      const r = JSON.parse(text) as Report;
      if (r.schemaVersion !== 1 || !Array.isArray(r.threats) || typeof r.generatedAt !== 'string') throw new Error('not a report');
      points.push(trendPoint(r));
    } catch {
      skipped.push(name);
    }
  }
  points.push(trendPoint(report));
  points.sort((a, b) => a.generatedAt.localeCompare(b.generatedAt));
  report.trend = points;
  const name = historyName(report.generatedAt);
  await store.put(name, JSON.stringify(report, null, 2) + '\n');
  return { stored: name, skipped };
}
