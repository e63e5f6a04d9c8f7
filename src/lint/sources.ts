// Files and directories: JSON policies and CloudFormation templates (JSON or YAML).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import { InputError } from '../errors.js';
import { isTemplate, parseTemplate, templatePolicies } from './cfn.js';
import { lintPolicy, parsePolicyText } from './policy.js';
import { editDistance, nearest } from './suggest.js';
import type { LintFinding, PolicyType } from './types.js';

const EXTS = new Set(['.json', '.yaml', '.yml', '.template']);

/** Files under the given paths (`explicit` = named on the command line); a missing path is an InputError. */
export function collectFiles(paths: string[]): { path: string; explicit: boolean }[] {
  const out: { path: string; explicit: boolean }[] = [];
  const walk = (p: string, top: boolean) => {
    let st;
    try {
      st = statSync(p);
    } catch {
      throw new InputError(`no such file or directory: ${p}`);
    }
    if (st.isDirectory()) {
      for (const e of readdirSync(p).sort()) if (!e.startsWith('.') && e !== 'node_modules') walk(join(p, e), false);
    } else if (top || EXTS.has(extname(p).toLowerCase())) out.push({ path: p, explicit: top });
  };
  for (const p of paths) walk(p, true);
  return out;
}

/** Policy type of a bare policy file: Principal without Resource = trust, Principal = resource. */
export function guessPolicyType(doc: unknown): PolicyType {
  const st = (doc as { Statement?: unknown })?.Statement;
  const list = (Array.isArray(st) ? st : [st]).filter((s): s is Record<string, unknown> => typeof s === 'object' && s !== null);
  const principal = list.some((s) => 'Principal' in s || 'NotPrincipal' in s);
  const resource = list.some((s) => 'Resource' in s || 'NotResource' in s);
  if (principal && !resource) return 'trust';
  return principal ? 'resource' : 'identity';
}

export interface FileLintResult {
  policiesLinted: number;
  findings: LintFinding[];
}

const SKIPPED: FileLintResult = { policiesLinted: 0, findings: [] };

/** A JSON object with `Statement`, `Version`, or a key one typo from `Statement` (`Statment`), is a policy. */
function looksLikePolicy(doc: unknown): boolean {
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) return false;
  return Object.keys(doc).some((k) => k === 'Version' || nearest(k, STATEMENT, 1).some((n) => editDistance(n.toLowerCase(), k.toLowerCase()) <= 2));
}
const STATEMENT = [{ name: 'Statement' }];
const looksLikeCfn = (text: string) => /AWSTemplateFormatVersion|Type:\s*['"]?AWS::/.test(text);

/**
 * Lint one file. Bad JSON/YAML is a MALFORMED_JSON finding, never an exception. A file found by
 * walking a directory (not `explicit`) is skipped when it is neither a policy nor a template
 * (package.json, CI configs, Helm charts), so pointing the linter at a repository stays quiet.
 */
export function lintFile(file: string, policyType?: PolicyType, explicit = true): FileLintResult {
  const text = readFileSync(file, 'utf8');
  const yaml = /\.(ya?ml|template)$/i.test(file);
  let doc: unknown;
  if (yaml) {
    try {
      doc = parseTemplate(text);
    } catch (e) {
      if (!explicit && !looksLikeCfn(text)) return SKIPPED;
      return malformed(file, `not valid YAML (${(e as Error).message.split('\n')[0]})`);
    }
    if (!explicit && !isTemplate(doc)) return SKIPPED;
  } else {
    const p = parsePolicyText(text);
    if (!p.ok) {
      const r = malformed(file, `not valid JSON (${p.error}); fix the syntax`);
      const pos = /position (\d+)/.exec(p.error);
      if (pos) r.findings[0].line = text.slice(0, Number(pos[1])).split('\n').length;
      return r;
    }
    doc = p.doc;
  }
  if (isTemplate(doc)) {
    const pols = templatePolicies(doc, file);
    const findings = pols.flatMap((p) => lintPolicy(p.doc as object, { policyType: p.policyType, name: p.name, file }));
    return { policiesLinted: pols.length, findings: withLines(text, findings) };
  }
  if (!explicit && !looksLikePolicy(doc)) return SKIPPED;
  const findings = lintPolicy(doc as object, { policyType: policyType ?? guessPolicyType(doc), name: file, file });
  return { policiesLinted: 1, findings: withLines(text, findings) };
}

/**
 * Best-effort line numbers for SARIF and editors: the statement's Sid, else the n-th `Effect`
 * after the template resource's logical id. Never wrong by more than a statement.
 */
function withLines(text: string, findings: LintFinding[]): LintFinding[] {
  const lines = text.split('\n');
  const lineOf = (re: RegExp, from = 0) => {
    for (let i = from; i < lines.length; i++) if (re.test(lines[i])) return i;
    return -1;
  };
  const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  for (const f of findings) {
    let start = 0;
    const m = /#([^/]+)(?:\/(.+))?/.exec(f.policy.slice(f.file?.length ?? 0));
    if (m) {
      start = Math.max(0, lineOf(new RegExp(`^\\s*"?${esc(m[1])}"?\\s*:`)));
      const sub = m[2] === undefined ? -1 : lineOf(m[2] === 'AssumeRolePolicyDocument' ? /AssumeRolePolicyDocument"?\s*:/ : new RegExp(`PolicyName"?\\s*:\\s*["']?${esc(m[2])}["']?\\s*,?\\s*$`), start);
      if (sub >= 0) start = sub;
    }
    let line = start;
    if (f.sid !== undefined) {
      const l = lineOf(new RegExp(`"?Sid"?\\s*:\\s*["']?${esc(f.sid)}["']?\\s*[,}]?\\s*$`), start);
      if (l >= 0) line = l;
    } else if (f.statementIndex !== undefined) {
      let l = start - 1;
      for (let n = 0; n <= f.statementIndex; n++) {
        l = lineOf(/"?Effect"?\s*:/, l + 1);
        if (l < 0) break;
      }
      if (l >= 0) line = l;
    }
    f.line = line + 1;
  }
  return findings;
}

function malformed(file: string, message: string): FileLintResult {
  return { policiesLinted: 1, findings: [{ file, policy: file, policyType: 'identity', code: 'MALFORMED_JSON', severity: 'error', message }] };
}

export function lintPaths(paths: string[], policyType?: PolicyType): FileLintResult {
  const files = collectFiles(paths);
  const res: FileLintResult = { policiesLinted: 0, findings: [] };
  for (const f of files) {
    const r = lintFile(f.path, policyType, f.explicit);
    res.policiesLinted += r.policiesLinted;
    res.findings.push(...r.findings);
  }
  return res;
}
