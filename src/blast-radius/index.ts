// Blast radius × recoverability: for each principal that matters, the destructive actions it holds
// on the account's resources, and which of those resources could not be brought back. Pure over the
// inventory. Applies identity policies (inline, attached, groups) and permissions boundaries; does
// not apply SCPs or resource policies, so it is an upper bound. Conditions are never evaluated:
// a grant that depends on one is reported as conditional.
import { bucketOwners } from '../../checks/replication';
import type { Config } from '../config';
import { DEFAULT_CRITICAL_WEIGHT } from '../config';
import type { AccountInventory, Inventory } from '../inventory/types';
import { indexResources, isCritical } from '../marking';
import { destructiveActions, readActions } from './catalog';
import type { Marks } from './entry';
import { dataReads, entryFor } from './entry';
import { isSensitiveStore } from './sensitive';
import { allowSources } from './policy';
import { findPrincipals } from './principals';
import { accountResources } from './resources';
import type { BlastRadius, BlastRadiusEntry, BlastResource } from './types';
import { verdictOf } from './verdict';
import { preparedWithHops } from './hops';

export type { BlastRadius, BlastRadiusEntry, BlastResource, BlastResourceGroup } from './types';
export { describeSensitive } from './sensitive';

const memo = new WeakMap<Inventory, WeakMap<Config, BlastRadius>>();

/** computeBlastRadius once per inventory and config: the report and the checks that reuse it share one result (treat it as read-only). */
export function blastRadiusOf(inv: Inventory, config: Config): BlastRadius {
  let byConfig = memo.get(inv);
  if (!byConfig) memo.set(inv, (byConfig = new WeakMap()));
  let r = byConfig.get(config);
  if (!r) byConfig.set(config, (r = computeBlastRadius(inv, config)));
  return r;
}

// Snapshots, images and backups are not in the inventory one by one: judge the power account-wide.
const SNAPSHOT_ARNS = (partition: string, accountId: string) => [
  `arn:${partition}:ec2:*:${accountId}:snapshot/*`,
  `arn:${partition}:ec2:*::image/*`,
  `arn:${partition}:rds:*:${accountId}:snapshot:*`,
  `arn:${partition}:rds:*:${accountId}:cluster-snapshot:*`,
  `arn:${partition}:dynamodb:*:${accountId}:table/*/backup/*`,
];

export function computeBlastRadius(inv: Inventory, config: Config): BlastRadius {
  const catalog = destructiveActions();
  const facts = indexResources(inv);
  const owners = bucketOwners(inv);
  const entries: BlastRadiusEntry[] = [];
  const notes: string[] = [];
  const now = new Date(inv.collectedAt);
  for (const account of inv.accounts) {
    const { principals, notes: pn } = findPrincipals(account);
    const { resources, notes: rn } = accountResources(account, owners, now);
    notes.push(...[...pn, ...rn].map((n) => `${account.accountId}: ${n}`));
    const iamArns = iamTargets(account);
    // What "everything" looks like: resources a principal holding every action could not bring back.
    const all = new Set(catalog.map((c) => c.action));
    const wipeable = resources.filter((r) => !r.recoverable(all).recoverable).map((r) => r.arn);
    // Marks once per resource, not once per principal and resource.
    const marks: Marks = new Map(
      resources.map((r) => {
        const f = facts.get(r.arn);
        return [r.arn, { critical: isCritical(r.arn, f, config), sensitive: isSensitiveStore(r.type, f, config) }];
      }),
    );
    const preps = preparedWithHops(principals, account, catalog);
    principals.forEach((p, i) => entries.push(entryFor(p, preps[i], account.accountId, catalog, resources, iamArns, SNAPSHOT_ARNS(account.partition, account.accountId), wipeable, marks)));
  }
  const w = new Map(entries.map((e) => [e, [weight(e, true, config), weight(e, false, config)]]));
  entries.sort(
    (a, b) =>
      Number(b.canWipeAccount) - Number(a.canWipeAccount) ||
      w.get(b)![0] - w.get(a)![0] ||
      w.get(b)![1] - w.get(a)![1] ||
      a.principal.localeCompare(b.principal),
  );
  return { entries, notes };
}

function weight(e: BlastRadiusEntry, firm: boolean, config: Config): number {
  const cw = config.critical.weight ?? DEFAULT_CRITICAL_WEIGHT;
  return e.resources
    .filter((g) => (firm ? !g.recoverable : g.recoverable && !g.recoverableIfConditional))
    .reduce((s, g) => s + g.arns.length * (g.critical ? cw : 1), 0);
}

/** One resource's verdict for one principal, or undefined when it is out of reach. */
export function resourceOf(e: BlastRadiusEntry, arn: string): BlastResource | undefined {
  const g = e.resources.find((x) => x.arns.includes(arn));
  if (!g) return undefined;
  const { arns: _arns, ...rest } = g;
  return { arn, ...rest };
}

function iamTargets(account: Inventory['accounts'][number]): string[] {
  const d = account.iam.authorizationDetails;
  const base = `arn:${account.partition}:iam::${account.accountId}`;
  if (!d.ok) return [`${base}:user/*`, `${base}:role/*`, `${base}:policy/*`, `${base}:group/*`];
  return [...d.value.users.map((u) => u.Arn), ...d.value.roles.map((r) => r.Arn), ...d.value.groups.map((g) => g.Arn), ...d.value.policies.map((p) => p.Arn).filter((a) => !a.includes(':aws:policy/'))];
}

/** What one instance-profile role can read in the S3 buckets of its account (the data-leak side). */
export interface RoleReads {
  role: string;
  name: string;
  /** Bucket ARNs whose objects it can read without condition. */
  reads: string[];
  /** Bucket ARNs it can read only if a condition holds (or a policy could not be read). */
  readsConditional: string[];
  /** Its unconditional read is a wildcard that covers any bucket, including ones created later. */
  anyBucket: boolean;
  /** Policies granting the unconditional reads: what to narrow (`<policy> (via role/X)` when it reads through role X). */
  grants: string[];
  conditions: string[];
  notes: string[];
}

/** Per instance-profile role, its S3 reads; undefined when the IAM data or the bucket list is missing. */
export function instanceRoleReads(account: AccountInventory, now: Date): RoleReads[] | undefined {
  if (!account.iam.authorizationDetails.ok || !account.s3.buckets.ok) return undefined;
  const catalog = destructiveActions();
  const objectReads = readActions().filter((c) => c.target === 's3-object');
  // Owners only matter for recoverability, which reads do not use.
  const buckets = accountResources(account, new Map(), now).resources.filter((r) => r.type === 'AWS::S3::Bucket');
  const anyArn = `arn:${account.partition}:s3:::*/*`;
  const out: RoleReads[] = [];
  const principals = findPrincipals(account).principals.filter((p) => p.kind === 'instance-role');
  const preps = preparedWithHops(principals, account, catalog);
  for (const [i, p] of principals.entries()) {
    const prep = preps[i];
    const conditions = new Set<string>();
    const { firm, maybe } = dataReads(prep, buckets, () => true, (v) => v.why.forEach((w) => conditions.add(w)));
    const grants = new Set<string>();
    for (const b of buckets.filter((x) => firm.includes(x.arn)))
      for (const c of objectReads) {
        const arn = b.arnFor(c.target)!;
        const v = verdictOf(prep, c.action, arn);
        if (v.decision !== 'allow') continue;
        // Read through a role it reaches: that role's policies grant it, along the path named.
        const hop = v.via ? prep.hops?.find((h) => h.label === v.via) : undefined;
        allowSources((hop ?? { prep }).prep.byAction.get(c.action) ?? [], c.action, arn).forEach((g) => grants.add(hop ? `${g} (via ${hop.label})` : g));
      }
    const anyBucket = objectReads.some((c) => verdictOf(prep, c.action, anyArn).decision === 'allow');
    out.push({ role: p.arn, name: p.name, reads: firm, readsConditional: maybe, anyBucket, grants: [...grants], conditions: [...conditions], notes: p.notes });
  }
  return out;
}
