// lintPolicy: one policy document in, findings out. Pure; IAM data is loaded once per process.
import { checkAction, type ActionCheck } from './actions.js';
import { broadGrants } from './broad.js';
import { conditionIssues } from './conditions.js';
import { grammarIssues } from './grammar.js';
import { arnShapeIssues, mismatchIssues } from './resources.js';
import type { LintCode, LintFinding, LintOptions, LintSeverity } from './types.js';
import { decodePolicyDocument } from '../collect/plain.js';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const strings = (v: unknown): string[] => (typeof v === 'string' ? [v] : Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
// A policy variable (`${aws:username}`), not a CloudFormation pseudo parameter (`${AWS::Region}`).
const POLICY_VARIABLE = /\$\{(?!AWS::)[^}:]+:[^}]+\}/;

/** Parse policy text; tolerates URL-encoded documents as IAM APIs return them. */
export function parsePolicyText(text: string): { ok: true; doc: unknown } | { ok: false; error: string } {
  try {
    return { ok: true, doc: JSON.parse(text) };
  } catch (e) {
    const decoded = decodePolicyDocument(text);
    if (decoded !== undefined && decoded !== text) {
      try {
        return { ok: true, doc: JSON.parse(decoded) };
      } catch {
        /* report the first error */
      }
    }
    return { ok: false, error: (e as Error).message };
  }
}

export function lintPolicy(input: string | object, opts: LintOptions): LintFinding[] {
  const out: LintFinding[] = [];
  const add = (code: LintCode, severity: LintSeverity, message: string, idx?: number, label?: number | string) => {
    const f: LintFinding = { policy: opts.name, policyType: opts.policyType, code, severity, message };
    if (opts.file !== undefined) f.file = opts.file;
    if (idx !== undefined) {
      f.statement = label ?? idx;
      f.statementIndex = idx;
      if (typeof f.statement === 'string') f.sid = f.statement;
    }
    out.push(f);
  };
  let doc: unknown = input;
  if (typeof input === 'string') {
    const p = parsePolicyText(input);
    if (!p.ok) {
      add('MALFORMED_JSON', 'error', `not valid JSON (${p.error}); fix the syntax, IAM rejects the document`);
      return out;
    }
    doc = p.doc;
  }
  if (!isObj(doc)) {
    add('MALFORMED', 'error', 'a policy is a JSON object: {"Version": "2012-10-17", "Statement": [...]}');
    return out;
  }
  const stmts: unknown[] = Array.isArray(doc.Statement) ? doc.Statement : doc.Statement !== undefined ? [doc.Statement] : [];
  const sidOf = (s: unknown) => (isObj(s) && typeof s.Sid === 'string' && s.Sid !== '' ? s.Sid : undefined);
  const sidCount = new Map<string, number>();
  for (const s of stmts) {
    const sid = sidOf(s);
    if (sid !== undefined) sidCount.set(sid, (sidCount.get(sid) ?? 0) + 1);
  }
  // The Sid names a statement only when it is unique; else the index does.
  const labelOf = (i: number): number | string => {
    const sid = sidOf(stmts[i]);
    return sid !== undefined && sidCount.get(sid) === 1 ? sid : i;
  };

  // Version
  const text = JSON.stringify(doc);
  const usesVars = POLICY_VARIABLE.test(text);
  if (doc.Version === undefined) {
    add('MISSING_VERSION', usesVars ? 'error' : 'warning', usesVars
      ? 'no Version, so IAM reads the policy as 2008-10-17 and takes policy variables such as ${aws:username} literally; add "Version": "2012-10-17"'
      : 'no Version (defaults to 2008-10-17, which has no policy variables); add "Version": "2012-10-17"');
  } else if (doc.Version !== '2012-10-17' && doc.Version !== '2008-10-17') {
    add('INVALID_VERSION', 'error', `Version ${JSON.stringify(doc.Version)} is not accepted; write "Version": "2012-10-17"`);
  } else if (doc.Version === '2008-10-17' && usesVars) {
    add('INVALID_VERSION', 'warning', 'Version 2008-10-17 takes policy variables such as ${aws:username} literally; write "Version": "2012-10-17"');
  }

  for (const g of grammarIssues(doc, opts.policyType)) {
    add('MALFORMED', 'error', g.message, g.statementIndex, g.statementIndex !== undefined ? labelOf(g.statementIndex) : undefined);
  }

  const sids = new Map<string, number>();
  stmts.forEach((st, i) => {
    if (!isObj(st)) return;
    const label = labelOf(i);
    const at = (code: LintCode, sev: LintSeverity, msg: string) => add(code, sev, msg, i, label);
    lintStatement(st, opts.policyType, at);
    if (typeof st.Sid === 'string' && st.Sid !== '') {
      const prev = sids.get(st.Sid);
      if (prev !== undefined) at('DUPLICATE_SID', 'error', `Sid "${st.Sid}" is also used by statement ${prev}; give each statement its own Sid`);
      else sids.set(st.Sid, i);
    }
  });
  return out;
}

function lintStatement(st: Obj, type: LintOptions['policyType'], at: (c: LintCode, s: LintSeverity, m: string) => void): void {
  const allow = st.Effect === 'Allow';
  const deny = st.Effect === 'Deny';

  if (typeof st.Sid === 'string' && type !== 'resource' && !/^[A-Za-z0-9]*$/.test(st.Sid)) {
    at('INVALID_SID', type === 'scp' ? 'warning' : 'error', `Sid "${st.Sid}" may only contain A-Z, a-z and 0-9 in ${type === 'scp' ? 'an SCP' : 'IAM'}; write "${st.Sid.replace(/[^A-Za-z0-9]/g, '')}"`);
  }

  // Actions (Action and NotAction are checked alike).
  const actionKey = st.Action !== undefined ? 'Action' : 'NotAction';
  const entries = strings(st[actionKey]).map((raw) => ({ raw, check: checkAction(raw) }));
  for (const { raw, check } of entries) actionIssue(raw, check, actionKey, deny, at);

  // Resources (Resource and NotResource alike).
  const resKey = st.Resource !== undefined ? 'Resource' : 'NotResource';
  const resources = strings(st[resKey]);
  for (const r of resources) for (const i of arnShapeIssues(r)) at(i.code, i.severity, `${resKey}: ${i.message}`);

  if (allow && st.NotAction !== undefined) {
    at('NOT_ACTION_WITH_ALLOW', 'security', `Allow with NotAction grants every action except ${strings(st.NotAction).join(', ')}, including future ones; list the allowed actions in Action (or use NotAction only with Deny)`);
  }
  if (allow && st.NotResource !== undefined) {
    at('NOT_RESOURCE_WITH_ALLOW', 'security', `Allow with NotResource grants the actions on every resource except ${resources.join(', ')}; list the allowed resources in Resource (or use NotResource only with Deny)`);
  }
  // A Deny is never reported as a resource mismatch: denying more than needed is harmless.
  if (allow && st.Action !== undefined && st.Resource !== undefined && resources.length) {
    const valid = resources.filter((r) => arnShapeIssues(r).every((i) => i.code !== 'INVALID_ARN'));
    if (valid.length) for (const i of mismatchIssues(entries, valid)) at(i.code, i.severity, i.message);
  }
  if (allow && st.Action !== undefined) broadGrants(st, type, entries, resources, at);
  for (const c of conditionIssues(st.Condition)) at(c.code, c.code === 'UNKNOWN_OPERATOR' ? 'error' : 'warning', c.message);
}

function actionIssue(raw: string, check: ActionCheck, key: string, deny: boolean, at: (c: LintCode, s: LintSeverity, m: string) => void): void {
  // In NotAction an entry excludes rather than grants or denies.
  const effect = key === 'NotAction' ? 'excludes' : deny ? 'denies' : 'grants';
  switch (check.kind) {
    case 'malformed':
      at('MALFORMED', 'error', `${key}: ${check.message}`);
      break;
    case 'unknownService':
      at('UNKNOWN_SERVICE', 'error', `${key}: "${raw}" names service prefix "${check.service}", which is not in the IAM service authorization data (a typo, or a retired service), so it ${effect} nothing${check.suggestions.length ? `; did you mean "${check.suggestions[0]}"?` : '; remove it, or use the service\'s current prefix'}`);
      break;
    case 'unknownAction':
      at('UNKNOWN_ACTION', 'error', `${key}: "${raw}" is not an IAM action of ${check.service} (API operation names are not always action names), so it ${effect} nothing${check.suggestions.length ? `; did you mean ${check.suggestions.map((s) => `"${s}"`).join(' or ')}?` : `; use an action listed for ${check.service} in the Service Authorization Reference`}`);
      break;
    case 'noMatch':
      at('WILDCARD_MATCHES_NOTHING', 'error', `${key}: "${raw}" matches no action of ${check.service}, so it ${effect} nothing; ${check.suggestions.length ? `did you mean "${check.suggestions[0]}"?` : `check the spelling, e.g. "${check.service}:Get*"`}`);
      break;
    default:
  }
}
