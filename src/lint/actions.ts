// Action names against iam-data: unknown services and actions, dead wildcards, expansion.
// Wildcard matching is iam-expand's (sync); its expandIamActions is async, and the linter stays sync.
import { actionMatchesPattern } from '@cloud-copilot/iam-expand';
import { actionsOf, serviceKeys, type ActionData } from './iamdata.js';
import { editDistance, nearest, type Candidate } from './suggest.js';

export type ActionCheck =
  | { kind: 'all' }
  | { kind: 'opaque' }
  | { kind: 'malformed'; message: string }
  | { kind: 'unknownService'; service: string; suggestions: string[] }
  | { kind: 'unknownAction'; service: string; name: string; suggestions: string[] }
  | { kind: 'noMatch'; service: string; pattern: string; suggestions: string[] }
  | { kind: 'ok'; service: string; wildcard: boolean; actions: ActionData[] };

const cache = new Map<string, ActionCheck>();
let serviceCands: Candidate[] | undefined;
const actionCands = new Map<string, Candidate[]>();
const serviceSuggestions = new Map<string, string[]>();

/** Resolve one Action/NotAction entry. Service and action names compare case-insensitively. */
export function checkAction(raw: string): ActionCheck {
  let r = cache.get(raw);
  if (!r) {
    r = resolve(raw);
    cache.set(raw, r);
  }
  return r;
}

function resolve(raw: string): ActionCheck {
  const a = raw.trim();
  if (a === '*' || a === '*:*') return { kind: 'all' };
  if (/^\$\{[^}]*\}$/.test(a)) return { kind: 'opaque' };
  const parts = a.split(':');
  if (parts.length !== 2 || !parts[0] || !parts[1]) {
    return { kind: 'malformed', message: `"${raw}" is not "service:action" (e.g. "s3:GetObject") or "*"` };
  }
  const [svcRaw, name] = parts;
  const svc = svcRaw.toLowerCase();
  if (/[*?]/.test(svc)) {
    return {
      kind: 'malformed',
      message: `"${raw}": a service prefix cannot contain wildcards; list each service, e.g. "${svc.replace(/[*?]/g, '')}:${name}"`,
    };
  }
  if (!/^[a-z0-9-]+$/.test(svc)) return { kind: 'malformed', message: `"${raw}": the service prefix "${svcRaw}" has characters no service prefix has` };
  if (!/^[A-Za-z0-9*?_-]+$/.test(name)) return { kind: 'malformed', message: `"${raw}": the action name "${name}" has characters no action name has` };
  if (!serviceKeys().has(svc)) {
    serviceCands ??= [...serviceKeys()].map((s) => ({ name: s }));
    let suggestions = serviceSuggestions.get(svc);
    if (!suggestions) {
      // Only close typos: a retired service (deeplens) has no useful "nearest" prefix.
      suggestions = nearest(svc, serviceCands, 2).filter((x) => editDistance(x, svc) <= (svc.length >= 5 ? 2 : 1));
      serviceSuggestions.set(svc, suggestions);
    }
    return { kind: 'unknownService', service: svcRaw, suggestions };
  }
  const actions = actionsOf(svc);
  if (/[*?]/.test(name)) {
    const hit = Object.values(actions).filter((x) => actionMatchesPattern(x.name, name));
    if (hit.length === 0) {
      // Suggest the nearest action to the literal part, keeping the wildcard (`GetObjcet*` -> `GetObject*`).
      const literal = name.replace(/[*?]/g, '');
      const near = literal ? nearest(literal, candidatesOf(svc, actions), 1) : [];
      return { kind: 'noMatch', service: svc, pattern: raw, suggestions: near.map((n) => `${svc}:${n}${name.endsWith('*') ? '*' : ''}`) };
    }
    return { kind: 'ok', service: svc, wildcard: true, actions: hit };
  }
  const found = actions[name.toLowerCase()];
  if (!found) {
    return { kind: 'unknownAction', service: svc, name, suggestions: nearest(name, candidatesOf(svc, actions), 2).map((n) => `${svc}:${n}`) };
  }
  return { kind: 'ok', service: svc, wildcard: false, actions: [found] };
}

function candidatesOf(svc: string, actions: Record<string, ActionData>): Candidate[] {
  let cands = actionCands.get(svc);
  if (!cands) {
    cands = Object.values(actions).map((x) => ({ name: x.name, text: x.description, level: x.accessLevel }));
    actionCands.set(svc, cands);
  }
  return cands;
}
