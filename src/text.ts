// Text helpers shared by the core (src/), the checks and the renderers (checks must not import
// reports/; checks/common.ts and reports/format.ts re-export these).

/** "1 bucket", "2 buckets", "0 buckets"; `many` for irregular plurals ("policies"). */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/**
 * Short resource name for tables: an ARN's resource part without its type, and for ARNs that end in
 * a name after a generated id (Auto Scaling groups), just the name.
 */
export function shortResource(id: string): string {
  if (!id.startsWith('arn:')) return id;
  const rest = id.split(':').slice(5).join(':');
  const named = /(?:autoScalingGroupName|launchConfigurationName)\/(.+)$/.exec(rest);
  if (named) return named[1];
  return rest.replace(/^(user|role|instance|volume|instance-profile|policy|backup-plan|backup-vault|db|cluster|table|file-system)[/:]/, '') || id;
}

/** "a, b, c and 2 more": the first `max` items of a list, and how many were left out. */
export function listSome(items: string[], max: number): string {
  if (items.length <= max) return items.length > 1 ? `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}` : items.join('');
  return `${items.slice(0, max).join(', ')} and ${items.length - max} more`;
}
