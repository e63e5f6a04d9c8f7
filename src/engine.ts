// Runs every check over the inventory. Pure: no AWS, no clock (ages are measured to collectedAt).
import type { Check, CheckContext } from '../checks/types';
import type { Config, Suppression } from './config';
import { suppressionMatches } from './config';
import type { Inventory } from './inventory/types';
import type { Finding } from './model';
import { nameIndex } from './names';

export interface CheckFailure {
  checkId: string;
  error: string;
}

export interface EngineResult {
  findings: Finding[];
  /** Checks that threw: reported, never a crash, never a silent PASS. */
  checkFailures: CheckFailure[];
}

export function thresholdsFor(check: Check, config: Config): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [name, t] of Object.entries(check.meta.thresholds ?? {})) out[name] = t.default;
  return { ...out, ...(config.checks[check.meta.id] ?? {}) };
}

function suppressionFor(f: Finding, rules: Suppression[]): Suppression | undefined {
  return rules.find((s) => suppressionMatches(s, f));
}

export function runChecks(inventory: Inventory, checks: readonly Check[], config: Config): EngineResult {
  const findings: Finding[] = [];
  const checkFailures: CheckFailure[] = [];
  const now = new Date(inventory.collectedAt);
  const names = nameIndex(inventory);
  for (const check of checks) {
    const ctx: CheckContext = { inventory, thresholds: thresholdsFor(check, config), now, config };
    let results;
    try {
      results = check.run(ctx);
    } catch (e) {
      checkFailures.push({ checkId: check.meta.id, error: e instanceof Error ? e.message : String(e) });
      continue;
    }
    for (const r of results) {
      const f: Finding = {
        checkId: check.meta.id,
        status: r.status,
        severity: r.severity ?? check.meta.severity,
        threats: [...check.meta.threats],
        accountId: r.accountId,
        region: r.region,
        resourceType: r.resourceType ?? check.meta.resourceType,
        resourceId: r.resourceId,
        message: r.message,
        suppressed: false,
      };
      const name = names.get(r.resourceId);
      if (name) f.resourceName = name;
      if (r.missingPermissions?.length) f.missingPermissions = r.missingPermissions;
      if (r.details) f.details = r.details;
      const s = suppressionFor(f, config.suppressions);
      if (s) {
        f.suppressed = true;
        f.suppressionReason = s.reason;
      }
      findings.push(f);
    }
  }
  return { findings, checkFailures };
}
