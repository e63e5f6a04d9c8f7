// Runs one check the way the engine does and returns its findings, for table-driven tests.
import type { Check } from '../../checks/types';
import { defaultConfig } from '../../src/config';
import type { Config } from '../../src/config';
import { runChecks } from '../../src/engine';
import type { Inventory } from '../../src/inventory/types';
import type { Finding } from '../../src/model';

export function runCheck(check: Check, inv: Inventory, thresholds: Record<string, number> = {}, config: Partial<Config> = {}): Finding[] {
  const cfg = { ...defaultConfig(), ...config };
  cfg.checks = { ...cfg.checks, [check.meta.id]: thresholds };
  const { findings, checkFailures } = runChecks(inv, [check], cfg);
  if (checkFailures.length) throw new Error(`check threw: ${checkFailures[0].error}`);
  return findings;
}

/** `resource id → status` for compact assertions. */
export function verdicts(findings: Finding[]): Record<string, string> {
  return Object.fromEntries(findings.map((f) => [f.resourceId, f.status]));
}
