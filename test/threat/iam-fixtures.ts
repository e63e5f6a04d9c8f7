// Small IAM building blocks for blast-radius tests.
import type { IamAuthorizationDetails, IamRole, IamUser } from '../../src/inventory/types';
import { ACCOUNT, COLLECTED_AT, ok } from '../helpers/inventory';

export const doc = (...statements: object[]) => JSON.stringify({ Version: '2012-10-17', Statement: statements });
export const allow = (Action: string | string[], Resource: string | string[] = '*', extra: object = {}) => ({ Effect: 'Allow', Action, Resource, ...extra });
export const deny = (Action: string | string[], Resource: string | string[] = '*', extra: object = {}) => ({ Effect: 'Deny', Action, Resource, ...extra });

export function user(name: string, ...policies: string[]): IamUser {
  return {
    UserName: name,
    Arn: `arn:aws:iam::${ACCOUNT}:user/${name}`,
    UserPolicyList: policies.map((PolicyDocument, i) => ({ PolicyName: `${name}-p${i}`, PolicyDocument })),
  };
}

export function role(name: string, trust: object, opts: { instanceProfile?: boolean; policies?: string[] } = {}): IamRole {
  return {
    RoleName: name,
    Arn: `arn:aws:iam::${ACCOUNT}:role/${name}`,
    AssumeRolePolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: trust }] }),
    InstanceProfileList: opts.instanceProfile ? [{ InstanceProfileName: name, Arn: `arn:aws:iam::${ACCOUNT}:instance-profile/${name}` }] : [],
    RolePolicyList: (opts.policies ?? []).map((PolicyDocument, i) => ({ PolicyName: `${name}-p${i}`, PolicyDocument })),
  };
}

export function authDetails(patch: Partial<IamAuthorizationDetails>) {
  return ok({ users: [], groups: [], roles: [], policies: [], ...patch });
}

/** Credential report rows giving these users one active access key each. */
export function keysFor(...users: string[]) {
  return ok({
    generatedTime: COLLECTED_AT,
    rows: users.map((u) => ({ user: u, arn: u === '<root_account>' ? `arn:aws:iam::${ACCOUNT}:root` : `arn:aws:iam::${ACCOUNT}:user/${u}`, access_key_1_active: 'true', access_key_2_active: 'false' })),
  });
}
