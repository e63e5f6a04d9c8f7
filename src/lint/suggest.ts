// Nearest-name suggestions for typos (`dyanmodb`, `s3:HeadObject`).

/** Damerau-Levenshtein (optimal string alignment) distance. */
export function editDistance(a: string, b: string): number {
  const n = a.length;
  const m = b.length;
  let prev2 = new Array<number>(m + 1).fill(0);
  let prev = Array.from({ length: m + 1 }, (_, j) => j);
  for (let i = 1; i <= n; i++) {
    const cur = new Array<number>(m + 1);
    cur[0] = i;
    for (let j = 1; j <= m; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prev2[j - 2] + 1);
      cur[j] = v;
    }
    prev2 = prev;
    prev = cur;
  }
  return prev[m];
}

/** CamelCase words, lower case: `ListObjectsV2` -> list, objects, v2. */
export function words(name: string): string[] {
  return (name.match(/[A-Z]+(?![a-z])|[A-Z]?[a-z]+|\d+/g) ?? [name]).map((w) => w.toLowerCase());
}

function stem(w: string): string {
  return w.replace(/(ies|es|s)$/, '');
}

export interface Candidate {
  name: string;
  /** Extra text that may mention the words of the wanted name (an action's description). */
  text?: string;
  /** iam-data's access level (Read, List, Write, Tagging, Permissions management). */
  level?: string;
}

// Verbs whose access-level family is clear: a read (`HeadObject`) should not suggest a write (`PutObject`).
const READ_VERBS = new Set(['head', 'get', 'list', 'describe', 'read', 'query', 'scan', 'search', 'lookup', 'view', 'select', 'fetch', 'download']);
const WRITE_VERBS = new Set(['put', 'create', 'delete', 'update', 'modify', 'remove', 'add', 'set', 'write', 'upload', 'attach', 'detach', 'tag', 'untag']);
const family = (level: string | undefined) => (level === undefined ? undefined : /^(read|list)$/i.test(level) ? 'read' : 'write');

interface Prepared {
  name: string;
  lower: string;
  verb: string;
  words: Set<string>;
  text: string;
  family?: string;
}

const prepared = new WeakMap<Candidate[], Prepared[]>();
function prepare(cands: Candidate[]): Prepared[] {
  let p = prepared.get(cands);
  if (!p) {
    p = cands.map((c) => {
      const ws = words(c.name).map(stem);
      return { name: c.name, lower: c.name.toLowerCase(), verb: ws[0] ?? '', words: new Set(ws), text: (c.text ?? '').toLowerCase(), family: family(c.level) };
    });
    prepared.set(cands, p);
  }
  return p;
}

/**
 * The candidates nearest to `wanted`: edit distance, less a bonus for the same verb and for each
 * word of `wanted` that the candidate's name or description shares (so `ListObjects` finds
 * `ListBucket`, "list ... objects in a bucket", and `HeadObject` finds `GetObject`), plus a penalty
 * for a candidate of the other access-level family than the wanted verb (read vs write).
 * Pass the same candidates array again to reuse its preparation.
 */
export function nearest(wanted: string, candidates: Candidate[], max = 2): string[] {
  const w = wanted.toLowerCase();
  const ws = words(wanted).map(stem);
  const limit = Math.max(3, w.length * 0.6);
  const maxBonus = 2 + 1.5 * ws.length;
  const want = READ_VERBS.has(ws[0]) ? 'read' : WRITE_VERBS.has(ws[0]) ? 'write' : undefined;
  const scored: { name: string; score: number }[] = [];
  for (const c of prepare(candidates)) {
    if (Math.abs(c.lower.length - w.length) - maxBonus > limit) continue; // cannot get close enough
    let score = editDistance(w, c.lower);
    if (ws[0] && ws[0] === c.verb) score -= 2; // same verb (List, Get, Put)
    if (want && c.family && c.family !== want) score += 3;
    for (const x of ws) {
      if (c.words.has(x)) score -= 1.5;
      else if (x.length > 2 && c.text.includes(x)) score -= 1;
    }
    if (score <= limit) scored.push({ name: c.name, score });
  }
  scored.sort((a, b) => a.score - b.score || a.name.localeCompare(b.name));
  return scored.slice(0, max).map((s) => s.name);
}
