// Policy grammar (elements, Effect, Action/Resource shapes, Principal by policy type).
// The element-by-element checks come from @cloud-copilot/iam-policy; the rules that depend on
// the policy type are ours, with messages that say what to write.
import { validatePolicySyntax, type ValidationError } from '@cloud-copilot/iam-policy';
import { editDistance, nearest } from './suggest.js';
import type { PolicyType } from './types.js';

export interface GrammarIssue {
  statementIndex?: number;
  message: string;
}

// Checked elsewhere with a better code: action names (UNKNOWN_*), operators (UNKNOWN_OPERATOR), Version.
const HANDLED_ELSEWHERE = [/^Action must be a wildcard/, /^Service can only contain/, /^Action can only contain/, /^Condition operator is invalid/, /^Condition set operator/];

const has = (s: Record<string, unknown>, k: string) => s[k] !== undefined;
const empty = (v: unknown) => Array.isArray(v) && v.length === 0;

function typeRules(type: PolicyType) {
  return (st: Record<string, unknown>, path: string): ValidationError[] => {
    const errs: ValidationError[] = [];
    const e = (message: string) => errs.push({ path, message });
    if (typeof st !== 'object' || st === null || Array.isArray(st)) return errs;
    if (!has(st, 'Action') && !has(st, 'NotAction')) e('the statement has no Action or NotAction; add "Action": ["service:Action"]');
    for (const k of ['Action', 'NotAction', 'Resource', 'NotResource']) if (empty(st[k])) e(`${k} is an empty list; list at least one value or remove ${k}`);
    const principal = has(st, 'Principal') || has(st, 'NotPrincipal');
    const resource = has(st, 'Resource') || has(st, 'NotResource');
    if (type === 'identity' || type === 'scp') {
      if (principal) e(`${type === 'scp' ? 'an SCP' : 'an identity policy'} cannot name a Principal; remove Principal/NotPrincipal (the policy applies to whoever it is attached to)`);
      if (!resource) e('the statement has no Resource; add "Resource": "*" or the ARNs it is about');
    } else if (type === 'resource') {
      if (!principal) e('a resource policy statement needs a Principal, e.g. "Principal": {"AWS": "arn:aws:iam::111122223333:root"}');
    } else if (type === 'trust') {
      if (!principal) e('a trust policy statement needs a Principal (who may assume the role)');
      if (resource) e('a trust policy has no Resource (the role is the resource); remove Resource/NotResource');
    }
    for (const k of ['Principal', 'NotPrincipal']) {
      if (typeof st[k] === 'string' && st[k] !== '*') e(`${k} "${String(st[k])}" must be "*" or an object such as {"AWS": "arn:aws:iam::111122223333:root"}`);
    }
    if (has(st, 'NotPrincipal') && st.Effect === 'Allow') e('NotPrincipal cannot be used with "Effect": "Allow"; name the principals in Principal');
    return errs;
  };
}

const ELEMENTS: [RegExp, string[]][] = [
  [/^\.#/, ['Version', 'Id', 'Statement']],
  [/Principal\.#/, ['AWS', 'Service', 'Federated', 'CanonicalUser']],
  [/^Statement(\[\d+\])?\.#/, ['Sid', 'Effect', 'Principal', 'NotPrincipal', 'Action', 'NotAction', 'Resource', 'NotResource', 'Condition']],
];

/** iam-policy's message, reworded to say what to write. */
function reword(err: ValidationError): string {
  const key = /^Invalid key (.+)$/.exec(err.message)?.[1];
  if (key !== undefined) {
    const allowed = ELEMENTS.find(([re]) => re.test(err.path))?.[1] ?? [];
    const near = nearest(key, allowed.map((name) => ({ name })), 1).find((n) => editDistance(n.toLowerCase(), key.toLowerCase()) <= 2);
    return `unknown element "${key}"${near ? `; did you mean "${near}"?` : ''} Allowed here: ${allowed.join(', ')}`;
  }
  if (err.message === 'Statement is required') return 'the policy has no Statement; add "Statement": [{"Effect": ..., "Action": ..., "Resource": ...}]';
  const where = err.path === 'Statement' ? 'Statement: ' : err.path && !/^Statement(\[\d+\])?$/.test(err.path) ? `${err.path.replace(/^Statement(\[\d+\])?\.?/, '').replace(/#/g, '')}: ` : '';
  return where + err.message.replace(/^Found data type (\w+) allowed type\(s\) are (.+)$/, 'found a $1, expected $2');
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

// iam-policy throws on some nulls (a null statement, Principal or condition block). Report those
// ourselves and hand it a copy without them.
function withoutNulls(doc: Obj, out: GrammarIssue[]): Obj {
  if (!Array.isArray(doc.Statement) && !isObj(doc.Statement)) return doc;
  const list: unknown[] = Array.isArray(doc.Statement) ? doc.Statement : [doc.Statement];
  const cleaned = list.map((st, i) => {
    if (st === null) {
      out.push({ statementIndex: i, message: 'the statement is null; write an object {"Effect": ..., "Action": ..., "Resource": ...} or remove it' });
      return {};
    }
    if (!isObj(st)) return st;
    const c: Obj = { ...st };
    for (const k of ['Principal', 'NotPrincipal', 'Condition']) {
      if (c[k] === null) {
        out.push({ statementIndex: i, message: `${k} is null; give it a value or remove it` });
        delete c[k];
      }
    }
    if (isObj(c.Condition)) {
      const cond: Obj = {};
      for (const [op, block] of Object.entries(c.Condition)) {
        if (block === null) out.push({ statementIndex: i, message: `Condition.${op} is null; write {"key": "value"} or remove it` });
        else cond[op] = block;
      }
      c.Condition = cond;
    }
    return c;
  });
  return { ...doc, Statement: Array.isArray(doc.Statement) ? cleaned : cleaned[0] };
}

export function grammarIssues(doc: unknown, type: PolicyType): GrammarIssue[] {
  const pre: GrammarIssue[] = [];
  const input = isObj(doc) ? withoutNulls(doc, pre) : doc;
  let errors: ValidationError[];
  try {
    errors = validatePolicySyntax(input, { validateVersion: () => [], validateStatement: typeRules(type) });
  } catch (e) {
    return [...pre, { message: `the policy has a value IAM cannot read (${(e as Error).message}); check for nulls and wrong types` }];
  }
  const single = typeof doc === 'object' && doc !== null && !Array.isArray((doc as Record<string, unknown>).Statement);
  const out: GrammarIssue[] = [...pre];
  if (isObj(doc) && Array.isArray(doc.Statement) && doc.Statement.length === 0) {
    out.push({ message: 'Statement is an empty list, so the policy does nothing; add a statement or delete the policy' });
  }
  for (const err of errors) {
    if (HANDLED_ELSEWHERE.some((re) => re.test(err.message))) continue;
    const m = /^Statement(?:\[(\d+)\])?/.exec(err.path);
    const idx = m ? (m[1] !== undefined ? Number(m[1]) : single ? 0 : undefined) : undefined;
    out.push({ statementIndex: idx, message: reword(err) });
  }
  return out;
}
