// From a report to stored files: a new folder per run, a refreshed `latest/`, and a notification
// when a score went down since the previous run.
import { plural } from '../text';
import { randomUUID } from 'node:crypto';
import { RENDERERS } from '../../reports';
import { trendPoint } from '../history';
import type { Report } from '../report';
import type { ReportStore } from './store';

/** `2026-12-03T18-50-42Z-<8 hex>`: sorts by time, unique per run, safe in a key. */
export function newRunId(now: Date = new Date(), suffix: string = randomUUID().slice(0, 8)): string {
  return `${now.toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/:/g, '-')}-${suffix}`;
}

// report.json is written last, in the run folder and in latest/: a report.json means the run's other
// files are all there (an interrupted run leaves at most an HTML file and no report.json), and the
// next run's comparison reads latest/report.json.
const FILES: { format: string; contentType: string }[] = [
  { format: 'html', contentType: 'text/html; charset=utf-8' },
  { format: 'json', contentType: 'application/json' },
];

export interface Published {
  runId: string;
  keys: string[];
  latestKeys: string[];
  scoreDrops: string[];
  notified: boolean;
}

export async function publishReport(store: ReportStore, report: Report, opts: { runId: string; reportPrefix: string; latestPrefix: string }): Promise<Published> {
  const previous = await readPrevious(store, `${opts.latestPrefix}report.json`);
  // The trend rides forward in each report: the previous run's points (or that run alone) then this one.
  // Every run stays under reportPrefix, so a lost latest/ only restarts the chart, never the history.
  if (previous) report.trend = carryTrend(previous, report);
  const folder = `${opts.reportPrefix}${opts.runId}/`;
  const keys: string[] = [];
  const latestKeys: string[] = [];
  for (const f of FILES) {
    const r = RENDERERS[f.format];
    const key = folder + r.file!;
    await store.putNew(key, { body: r.render(report), contentType: f.contentType });
    keys.push(key);
  }
  // History is written first; latest/ only ever points at a complete run.
  for (const [i, f] of FILES.entries()) {
    const latest = opts.latestPrefix + RENDERERS[f.format].file!;
    await store.copy(keys[i], latest, f.contentType);
    latestKeys.push(latest);
  }
  const jsonKey = keys[FILES.findIndex((f) => f.format === 'json')];
  const drops = previous ? scoreDrops(previous, report) : [];
  let notified = false;
  if (drops.length) notified = await store.notify(`drready: readiness dropped (${plural(drops.length, 'score')})`, headline(report, drops, jsonKey, store.bucket));
  return { runId: opts.runId, keys, latestKeys, scoreDrops: drops, notified };
}

/** Most recent TREND_LIMIT points: about a year of daily runs, a few hundred KB at most. */
export const TREND_LIMIT = 400;

export function carryTrend(previous: Report, current: Report): NonNullable<Report['trend']> {
  const before = previous.trend?.length ? previous.trend : [trendPoint(previous)];
  const points = [...before.filter((p) => p.generatedAt < current.generatedAt), trendPoint(current)];
  return points.slice(-TREND_LIMIT);
}

async function readPrevious(store: ReportStore, key: string): Promise<Report | undefined> {
  const text = await store.getText(key);
  if (!text) return undefined;
  try {
    const r = JSON.parse(text) as Report;
    return r?.schemaVersion === 1 && Array.isArray(r.threats) ? r : undefined;
  } catch {
    return undefined; // an unreadable previous report only costs the comparison
  }
}

/** One line per threat score (overall and per account) that is lower than in the previous report. */
export function scoreDrops(previous: Report, current: Report): string[] {
  const out: string[] = [];
  for (const t of current.threats) {
    const before = previous.threats.find((p) => p.id === t.id)?.score;
    if (before != null && t.score != null && t.score < before) out.push(`${t.title}: ${before} → ${t.score}`);
  }
  for (const a of current.accounts ?? []) {
    const prev = previous.accounts?.find((p) => p.id === a.id);
    if (!prev) continue;
    if (prev.status === 'audited' && a.status === 'failed') out.push(`account ${a.id}: could not be audited (${a.error?.code})`);
    for (const t of a.threats) {
      const before = prev.threats.find((p) => p.id === t.id)?.score;
      if (before != null && t.score != null && t.score < before) out.push(`account ${a.id}${a.name ? ` (${a.name})` : ''} ${t.id}: ${before} → ${t.score}`);
    }
  }
  return out;
}

export function headline(report: Report, drops: string[], reportKey: string, bucket: string): string {
  const s = report.summary;
  const accounts = report.accounts ?? [];
  const failed = accounts.filter((a) => a.status === 'failed').length;
  return [
    `drready ${report.tool.version}: disaster-recovery readiness went down since the previous run.`,
    '',
    ...drops.map((d) => `- ${d}`),
    '',
    ...report.threats.map((t) => `${t.title}: ${t.score ?? 'n/a'}/100`),
    `${s.FAIL} failing, ${s.PASS} passing, ${s.UNKNOWN} unknown findings across ${report.scope.accounts.length} account(s)${failed ? `; ${failed} account(s) could not be audited` : ''}.`,
    '',
    `Report: s3://${bucket}/${reportKey} (and report.html beside it)`,
  ].join('\n');
}
