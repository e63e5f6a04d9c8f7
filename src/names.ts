// Names people know resources by (plan names, Name tags), by the ARN findings carry. Built once per
// run from the inventory, so every renderer can show "northwind-daily" instead of a plan UUID.
import type { Inventory } from './inventory/types';
import { indexResources } from './marking';

// Kinds whose own id is opaque: their Name tag is the name people use.
const NAMED_BY_TAG = /:(instance|volume|file-system)\//;

/** ARN → display name for every resource whose name the inventory holds. */
export function nameIndex(inv: Inventory): Map<string, string> {
  const out = new Map<string, string>();
  for (const [arn, f] of indexResources(inv)) {
    const name = NAMED_BY_TAG.test(arn) ? (f.tags.Name ?? (arn.endsWith(`/${f.name}`) ? undefined : f.name)) : f.name;
    if (name) out.set(arn, name);
  }
  for (const a of inv.accounts)
    for (const r of a.regions) {
      if (r.backup.plans.ok) for (const p of r.backup.plans.value) if (p.BackupPlanName) out.set(p.BackupPlanArn, p.BackupPlanName);
      if (r.autoscaling.groups.ok) for (const g of r.autoscaling.groups.value) if (g.AutoScalingGroupARN) out.set(g.AutoScalingGroupARN, g.AutoScalingGroupName);
    }
  return out;
}
