// CloudFormation templates: find the policies inside, with unresolvable values made opaque.
import { parse as parseYaml, type Tags } from 'yaml';
import type { PolicyType } from './types.js';

const FN_TAGS = ['Sub', 'GetAtt', 'Ref', 'Join', 'If', 'Select', 'Split', 'FindInMap', 'ImportValue', 'Base64', 'Cidr', 'GetAZs', 'Equals', 'And', 'Or', 'Not', 'Condition', 'Transform', 'ToJsonString', 'Length'];

// `!Sub x` becomes `{ "Fn::Sub": x }`, as in JSON templates; the three node kinds each need a tag.
const customTags: Tags = FN_TAGS.flatMap((name) => {
  const key = name === 'Ref' || name === 'Condition' ? name : `Fn::${name}`;
  const resolve = (v: unknown) => ({ [key]: name === 'GetAtt' && typeof v === 'string' ? v.split('.') : v });
  return [
    { tag: `!${name}`, resolve: (s: string) => resolve(s) },
    { tag: `!${name}`, collection: 'seq' as const, resolve: (s: unknown) => resolve((s as { toJSON(): unknown }).toJSON()) },
    { tag: `!${name}`, collection: 'map' as const, resolve: (s: unknown) => resolve((s as { toJSON(): unknown }).toJSON()) },
  ];
}) as unknown as Tags;

// YAML 1.2 core schema: `Version: 2012-10-17` unquoted stays a string (1.1 would make it a date).
export function parseTemplate(text: string): unknown {
  return parseYaml(text, { customTags, uniqueKeys: false });
}

export function isTemplate(doc: unknown): boolean {
  return typeof doc === 'object' && doc !== null && typeof (doc as Record<string, unknown>).Resources === 'object' && !('Statement' in (doc as object));
}

const NO_VALUE = Symbol('NoValue');

/** Replace intrinsic functions by strings: `${Name}` stands for a value we cannot know. */
export function resolveIntrinsics(v: unknown): unknown {
  const r = resolve(v);
  return r === NO_VALUE ? undefined : r;
}

function resolve(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(resolve).filter((x) => x !== NO_VALUE);
  if (typeof v !== 'object' || v === null) return v;
  const o = v as Record<string, unknown>;
  const keys = Object.keys(o);
  if (keys.length === 1 && (keys[0] === 'Ref' || keys[0].startsWith('Fn::'))) {
    const [k] = keys;
    const arg = o[k];
    if (k === 'Ref') return arg === 'AWS::NoValue' ? NO_VALUE : `\${${String(arg)}}`;
    if (k === 'Fn::Sub') return typeof arg === 'string' ? arg : Array.isArray(arg) && typeof arg[0] === 'string' ? arg[0] : '${Fn::Sub}';
    if (k === 'Fn::Join' && Array.isArray(arg) && typeof arg[0] === 'string' && Array.isArray(arg[1])) {
      return arg[1].map((p) => { const r = resolve(p); return typeof r === 'string' ? r : '${Fn::Join}'; }).join(arg[0]);
    }
    if (k === 'Fn::If' && Array.isArray(arg)) return resolve(arg[1]); // the "true" branch stands for both
    if (k === 'Fn::GetAtt') return `\${${Array.isArray(arg) ? arg.join('.') : String(arg)}}`;
    return `\${${k}}`;
  }
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(o)) {
    const r = resolve(x);
    if (r !== NO_VALUE) out[k] = r;
  }
  return out;
}

export interface TemplatePolicy {
  name: string;
  policyType: PolicyType;
  doc: unknown;
}

const RESOURCE_POLICY_PROP: Record<string, string> = {
  'AWS::S3::BucketPolicy': 'PolicyDocument',
  'AWS::SQS::QueuePolicy': 'PolicyDocument',
  'AWS::SNS::TopicPolicy': 'PolicyDocument',
  'AWS::Backup::BackupVault': 'AccessPolicy',
  'AWS::KMS::Key': 'KeyPolicy',
  'AWS::SecretsManager::ResourcePolicy': 'ResourcePolicy',
};

/** The policies of a template, each named `file#LogicalId[/PolicyName]`. */
export function templatePolicies(template: unknown, file: string): TemplatePolicy[] {
  const out: TemplatePolicy[] = [];
  const resources = (template as { Resources?: Record<string, unknown> }).Resources ?? {};
  for (const [id, res] of Object.entries(resources)) {
    if (typeof res !== 'object' || res === null) continue;
    const type = (res as { Type?: unknown }).Type;
    const props = ((res as { Properties?: unknown }).Properties ?? {}) as Record<string, unknown>;
    const push = (suffix: string, policyType: PolicyType, raw: unknown) => {
      const doc = typeof raw === 'string' ? raw : resolveIntrinsics(raw);
      if (doc !== undefined) out.push({ name: `${file}#${id}${suffix}`, policyType, doc });
    };
    switch (type) {
      case 'AWS::IAM::Policy':
      case 'AWS::IAM::ManagedPolicy':
      case 'AWS::IAM::RolePolicy':
      case 'AWS::IAM::UserPolicy':
      case 'AWS::IAM::GroupPolicy':
        push('', 'identity', props.PolicyDocument);
        break;
      case 'AWS::IAM::Role':
      case 'AWS::IAM::User':
      case 'AWS::IAM::Group':
        if (type === 'AWS::IAM::Role') push('/AssumeRolePolicyDocument', 'trust', props.AssumeRolePolicyDocument);
        if (Array.isArray(props.Policies)) {
          props.Policies.forEach((p: unknown, i: number) => {
            // An entry may itself be an intrinsic (`Fn::If: [Cond, {PolicyName, PolicyDocument}, NoValue]`).
            const pol = (resolveIntrinsics(p) ?? {}) as { PolicyName?: unknown; PolicyDocument?: unknown };
            push(`/${typeof pol.PolicyName === 'string' ? pol.PolicyName : `Policies[${i}]`}`, 'identity', pol.PolicyDocument);
          });
        }
        break;
      default:
        if (typeof type === 'string' && RESOURCE_POLICY_PROP[type]) push('', 'resource', props[RESOURCE_POLICY_PROP[type]]);
    }
  }
  return out;
}
