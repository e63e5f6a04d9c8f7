// Policies inside CloudFormation templates, including those behind a condition.
import assert from 'node:assert/strict';
import { parseTemplate, templatePolicies } from '../../src/lint/cfn';
import { lintPolicy } from '../../src/lint';

const TEMPLATE = `
Conditions:
  On: !Equals [a, a]
Resources:
  R:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: 2012-10-17
        Statement: [{ Effect: Allow, Principal: { Service: lambda.amazonaws.com }, Action: sts:AssumeRole }]
      Policies:
        - PolicyName: plain
          PolicyDocument: { Version: 2012-10-17, Statement: [{ Effect: Allow, Action: s3:GetObject, Resource: '*' }] }
        - !If
          - On
          - PolicyName: conditional
            PolicyDocument: { Version: 2012-10-17, Statement: [{ Effect: Allow, Action: s3:GetObjectt, Resource: '*' }] }
          - !Ref AWS::NoValue
`;

describe('lint: CloudFormation policies', () => {
  it('finds an inline policy wrapped in Fn::If and lints it', () => {
    const pols = templatePolicies(parseTemplate(TEMPLATE), 't.yaml');
    assert.deepEqual(pols.map((p) => p.name), ['t.yaml#R/AssumeRolePolicyDocument', 't.yaml#R/plain', 't.yaml#R/conditional']);
    const cond = pols[2];
    assert.deepEqual(lintPolicy(cond.doc as object, { policyType: cond.policyType, name: cond.name }).map((f) => f.code), ['UNKNOWN_ACTION']);
  });
});
