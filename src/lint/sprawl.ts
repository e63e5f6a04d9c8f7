// Policy sprawl: can a person still audit this set of policies?
//
// Near-duplicates: two policies whose sets of (effect, action, resource) triples — lower-cased,
// statements flattened, Sids ignored — have Jaccard similarity >= 0.9. Identical normalised
// statements give 1.0. Policies are grouped transitively (union-find).
import { parsePolicyText } from './policy.js';

export const NEAR_DUPLICATE_THRESHOLD = 0.9;

export interface SprawlPolicy {
  name: string;
  kind: 'customer-managed' | 'inline';
  /** Attachments; undefined for inline policies (always attached). */
  attachmentCount?: number;
  doc: string | object;
}

export interface SprawlSummary {
  customerManaged: number;
  inline: number;
  /** Customer-managed policies attached to nothing. */
  unattached: number;
  statements: number;
  /** Policies that have at least one near-duplicate. */
  nearDuplicatePolicies: number;
  /** Groups of near-duplicate policies (each group could be one policy). */
  nearDuplicateGroups: { policies: string[] }[];
  largestPolicy?: { policy: string; statements: number };
  definition: string;
}

type Obj = Record<string, unknown>;
const list = (v: unknown): string[] => (typeof v === 'string' ? [v] : Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

export function triples(doc: unknown): { statements: number; set: Set<string> } {
  const st = (doc as Obj | null)?.Statement;
  const stmts = (Array.isArray(st) ? st : st ? [st] : []).filter((s): s is Obj => typeof s === 'object' && s !== null);
  const set = new Set<string>();
  for (const s of stmts) {
    const effect = String(s.Effect ?? '');
    const aKey = s.Action !== undefined ? 'A' : 'NA';
    const rKey = s.Resource !== undefined ? 'R' : s.NotResource !== undefined ? 'NR' : '-';
    const actions = list(s.Action ?? s.NotAction).map((a) => a.toLowerCase());
    const resources = rKey === '-' ? [''] : list(s.Resource ?? s.NotResource);
    const cond = s.Condition ? JSON.stringify(s.Condition) : '';
    for (const a of actions) for (const r of resources) set.add(`${effect}|${aKey}:${a}|${rKey}:${r}|${cond}`);
  }
  return { statements: stmts.length, set };
}

function jaccard(a: Set<string>, b: Set<string>): number {
  let inter = 0;
  const [small, big] = a.size < b.size ? [a, b] : [b, a];
  for (const x of small) if (big.has(x)) inter++;
  const union = a.size + b.size - inter;
  return union === 0 ? 1 : inter / union;
}

export function sprawlSummary(policies: SprawlPolicy[]): SprawlSummary {
  const parsed = policies.map((p) => {
    const d = typeof p.doc === 'string' ? parsePolicyText(p.doc) : { ok: true as const, doc: p.doc };
    return { p, t: triples(d.ok ? d.doc : undefined) };
  });
  const parent = parsed.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i])));
  // Jaccard <= smaller/larger size, so with policies sorted by size each one is compared only with
  // the next ones up to 1/0.9 of its size: close to linear for a realistic spread of sizes.
  const order = parsed.map((_, i) => i).filter((i) => parsed[i].t.set.size > 0).sort((x, y) => parsed[x].t.set.size - parsed[y].t.set.size);
  for (let oi = 0; oi < order.length; oi++) {
    const i = order[oi];
    const a = parsed[i].t.set;
    for (let oj = oi + 1; oj < order.length; oj++) {
      const j = order[oj];
      const b = parsed[j].t.set;
      if (a.size / b.size < NEAR_DUPLICATE_THRESHOLD) break;
      if (find(i) !== find(j) && jaccard(a, b) >= NEAR_DUPLICATE_THRESHOLD) parent[find(j)] = find(i);
    }
  }
  const groups = new Map<number, string[]>();
  parsed.forEach((x, i) => {
    const r = find(i);
    groups.set(r, [...(groups.get(r) ?? []), x.p.name]);
  });
  const dupGroups = [...groups.values()].filter((g) => g.length > 1).map((g) => ({ policies: g }));
  let largest: SprawlSummary['largestPolicy'];
  for (const x of parsed) if (!largest || x.t.statements > largest.statements) largest = { policy: x.p.name, statements: x.t.statements };
  return {
    customerManaged: policies.filter((p) => p.kind === 'customer-managed').length,
    inline: policies.filter((p) => p.kind === 'inline').length,
    unattached: policies.filter((p) => p.kind === 'customer-managed' && p.attachmentCount === 0).length,
    statements: parsed.reduce((n, x) => n + x.t.statements, 0),
    nearDuplicatePolicies: dupGroups.reduce((n, g) => n + g.policies.length, 0),
    nearDuplicateGroups: dupGroups,
    ...(largest ? { largestPolicy: largest } : {}),
    definition: `near-duplicates: Jaccard similarity >= ${NEAR_DUPLICATE_THRESHOLD} of the policies' (effect, action, resource, condition) sets, actions lower-cased, Sids ignored; grouped transitively`,
  };
}
