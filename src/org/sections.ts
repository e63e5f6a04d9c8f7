// Per-account sections of a report: each account's own summary and threat scores, and the accounts
// that were in scope but could not be audited. Same scoring (and options) as the whole report, on its findings only.
import type { Inventory } from '../inventory/types';
import type { Finding, Status, ThreatId } from '../model';
import { scoreThreats, type ScoreOptions } from '../score';
import { ACCOUNT_APIS } from './merge';
import type { AccountError } from './types';

export interface AccountSection {
  id: string;
  name?: string;
  /** `failed`: the role could not be assumed or collection broke; `error` says why. */
  status: 'audited' | 'failed';
  error?: { api: string; code: string; message: string };
  summary: Record<Status, number> & { suppressed: number };
  threats: { id: ThreatId; score: number | null; coverage: number; failed: number }[];
  /** Calls that failed inside the account (their findings are UNKNOWN). */
  callErrors: number;
}

/** `opts`: the same scoring options as the whole report, so one account's scores agree with it. */
export function accountSections(inventory: Inventory, findings: readonly Finding[], opts: ScoreOptions = {}): AccountSection[] {
  const byAccount = new Map<string, Finding[]>();
  for (const f of findings) byAccount.set(f.accountId, [...(byAccount.get(f.accountId) ?? []), f]);
  const sections: AccountSection[] = inventory.accounts.map((a) => {
    const own = byAccount.get(a.accountId) ?? [];
    return {
      id: a.accountId,
      ...(a.name ? { name: a.name } : {}),
      status: 'audited',
      summary: summarize(own),
      threats: scoreThreats(own, opts).map((t) => ({ id: t.id, score: t.score, coverage: t.coverage, failed: t.failed })),
      callErrors: a.errors.length,
    };
  });
  const audited = new Set(sections.map((s) => s.id));
  for (const e of inventory.errors) {
    if (!ACCOUNT_APIS.has(e.api) || audited.has(e.accountId)) continue;
    audited.add(e.accountId);
    const name = (e as AccountError).accountName;
    sections.push({
      id: e.accountId,
      ...(name ? { name } : {}),
      status: 'failed',
      error: { api: e.api, code: e.code, message: e.message },
      summary: summarize([]),
      threats: [],
      callErrors: 0,
    });
  }
  return sections;
}

/** Findings counted by status; suppressed ones apart (the report's summary and each account's). */
export function summarize(findings: readonly Finding[]): AccountSection['summary'] {
  const s = { PASS: 0, FAIL: 0, UNKNOWN: 0, NOT_APPLICABLE: 0, suppressed: 0 };
  for (const f of findings) {
    if (f.suppressed) s.suppressed++;
    else s[f.status]++;
  }
  return s;
}
