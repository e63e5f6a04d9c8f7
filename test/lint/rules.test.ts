// Table-driven rule tests (ESLint RuleTester style): each case names the codes it must and must not produce.
import assert from 'node:assert/strict';
import { lintPolicy, type LintCode, type PolicyType } from '../../src/lint/index.js';

interface Case {
  name: string;
  policy: unknown;
  type?: PolicyType;
  /** Codes that must appear (with severity when given as CODE/severity). */
  expected: string[];
  /** Codes that must not appear; omitted = exactly `expected` (by code). */
  absent?: LintCode[];
  /** For passing cases: the code this case guards against (a near miss that must stay quiet). */
  about?: LintCode;
}

const V = '2012-10-17';
const allow = (Action: unknown, Resource: unknown = '*', extra: object = {}) => ({ Version: V, Statement: [{ Effect: 'Allow', Action, Resource, ...extra }] });
const deny = (Action: unknown, Resource: unknown = '*', extra: object = {}) => ({ Version: V, Statement: [{ Effect: 'Deny', Action, Resource, ...extra }] });
const stmts = (...Statement: object[]) => ({ Version: V, Statement });

const cases: Case[] = [
  // MALFORMED_JSON
  { name: 'bad JSON text', policy: '{"Version": "2012-10-17", ', expected: ['MALFORMED_JSON/error'] },
  { name: 'URL-encoded JSON as IAM returns it', about: 'MALFORMED_JSON', policy: encodeURIComponent(JSON.stringify(allow('s3:ListAllMyBuckets'))), expected: [] },
  // MALFORMED
  { name: 'policy is an array', policy: [allow('s3:GetObject')], expected: ['MALFORMED/error'] },
  { name: 'lower-case effect', policy: stmts({ Effect: 'allow', Action: 's3:ListAllMyBuckets', Resource: '*' }), expected: ['MALFORMED/error'] },
  { name: 'unknown statement element', policy: stmts({ Effect: 'Allow', Action: 's3:ListAllMyBuckets', Resource: '*', Resources: '*' }), expected: ['MALFORMED/error'] },
  { name: 'Action and NotAction together', policy: stmts({ Effect: 'Deny', Action: 's3:GetObject', NotAction: 's3:PutObject', Resource: '*' }), expected: ['MALFORMED'], absent: [] },
  { name: 'empty Statement list', policy: { Version: V, Statement: [] }, expected: ['MALFORMED/error'] },
  { name: 'no Action', policy: stmts({ Effect: 'Allow', Resource: '*' }), expected: ['MALFORMED/error'] },
  { name: 'empty Action list', policy: allow([]), expected: ['MALFORMED/error'] },
  { name: 'identity policy with Principal', policy: stmts({ Effect: 'Allow', Principal: '*', Action: 's3:ListAllMyBuckets', Resource: '*' }), expected: ['MALFORMED/error'] },
  { name: 'identity policy without Resource', policy: stmts({ Effect: 'Allow', Action: 's3:ListAllMyBuckets' }), expected: ['MALFORMED/error'] },
  { name: 'resource policy without Principal', type: 'resource', policy: allow('s3:GetObject', 'arn:aws:s3:::b/*'), expected: ['MALFORMED/error'] },
  { name: 'resource policy with Principal', about: 'MALFORMED', type: 'resource', policy: stmts({ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }), expected: [] },
  { name: 'trust policy with Resource', type: 'trust', policy: stmts({ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole', Resource: '*' }), expected: ['MALFORMED/error'] },
  { name: 'trust policy', type: 'trust', policy: stmts({ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }), expected: [] },
  { name: 'trust policy without Principal', type: 'trust', policy: stmts({ Effect: 'Allow', Action: 'sts:AssumeRole' }), expected: ['MALFORMED/error'] },
  { name: 'SCP with Principal', type: 'scp', policy: stmts({ Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: '*' }), expected: ['MALFORMED/error'] },
  { name: 'SCP deny guardrail', about: 'MISSING_VERSION', type: 'scp', policy: stmts({ Effect: 'Deny', Action: ['s3:DeleteBucket', 'backup:DeleteBackupVault'], Resource: '*' }), expected: [] },
  { name: 'Principal string other than *', type: 'resource', policy: stmts({ Effect: 'Allow', Principal: '111122223333', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }), expected: ['MALFORMED/error'] },
  { name: 'NotPrincipal with Allow', type: 'resource', policy: stmts({ Effect: 'Allow', NotPrincipal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }), expected: ['MALFORMED/error'] },
  { name: 'globbed service prefix', policy: allow('s3*:Get*'), expected: ['MALFORMED/error'] },
  { name: 'action with two colons', policy: allow('s3:Get:Object'), expected: ['MALFORMED/error'] },
  { name: 'SNS default topic policy', type: 'resource', policy: { Version: '2008-10-17', Id: '__default_policy_ID', Statement: [{ Sid: '__default_statement_ID', Effect: 'Allow', Principal: { AWS: '*' }, Action: ['SNS:GetTopicAttributes', 'SNS:Publish', 'SNS:Subscribe'], Resource: 'arn:aws:sns:us-east-1:123456789012:t', Condition: { StringEquals: { 'AWS:SourceOwner': '123456789012' } } }] }, expected: [] },
  { name: 'KMS key policy with encryption-context key', type: 'resource', policy: stmts({ Sid: 'Enable IAM User Permissions', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::123456789012:root' }, Action: 'kms:*', Resource: '*' }, { Effect: 'Allow', Principal: { AWS: '*' }, Action: 'kms:Decrypt', Resource: '*', Condition: { StringEquals: { 'kms:ViaService': 's3.us-east-1.amazonaws.com' }, StringLike: { 'kms:EncryptionContext:aws:s3:arn': 'arn:aws:s3:::b/*' } } }), expected: [] },
  { name: 'Backup vault access policy guardrail', type: 'resource', policy: stmts({ Effect: 'Deny', Principal: '*', Action: ['backup:DeleteRecoveryPoint', 'backup:UpdateRecoveryPointLifecycle'], Resource: '*' }), expected: [] },
  // Versions
  { name: 'missing Version', policy: { Statement: [{ Effect: 'Allow', Action: 's3:ListAllMyBuckets', Resource: '*' }] }, expected: ['MISSING_VERSION/warning'] },
  { name: 'missing Version with a policy variable', policy: { Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/${aws:username}/*' }] }, expected: ['MISSING_VERSION/error'] },
  { name: 'invalid Version', policy: { Version: '2012-10-18', Statement: [{ Effect: 'Allow', Action: 's3:ListAllMyBuckets', Resource: '*' }] }, expected: ['INVALID_VERSION/error'] },
  { name: 'old Version with variable', policy: { Version: '2008-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/${aws:username}/*' }] }, expected: ['INVALID_VERSION/warning'] },
  { name: 'old Version without variables', about: 'INVALID_VERSION', policy: { Version: '2008-10-17', Statement: [{ Effect: 'Allow', Action: 's3:ListAllMyBuckets', Resource: '*' }] }, expected: [] },
  // UNKNOWN_SERVICE
  { name: 'typo in service', policy: allow('dyanmodb:PutItem'), expected: ['UNKNOWN_SERVICE/error'] },
  { name: 'unknown service in Deny too', policy: deny('dyanmodb:*'), expected: ['UNKNOWN_SERVICE/error'] },
  { name: 'service case-insensitive', about: 'UNKNOWN_SERVICE', policy: allow('DynamoDB:PutItem', 'arn:aws:dynamodb:us-east-1:123456789012:table/T'), expected: [] },
  { name: '* and *:*', policy: allow(['*', '*:*']), expected: ['FULL_ADMIN'] },
  // UNKNOWN_ACTION
  { name: 'API call, not action: s3:HeadObject', policy: allow('s3:HeadObject', 'arn:aws:s3:::b/*'), expected: ['UNKNOWN_ACTION/error'] },
  { name: 's3:ListObjects', policy: allow('s3:ListObjects', 'arn:aws:s3:::b'), expected: ['UNKNOWN_ACTION/error'] },
  { name: 'action case-insensitive', about: 'UNKNOWN_ACTION', policy: allow('s3:getobject', 'arn:aws:s3:::b/*'), expected: [] },
  { name: 'unknown action in NotAction', policy: stmts({ Effect: 'Deny', NotAction: ['s3:GetObjects'], Resource: '*' }), expected: ['UNKNOWN_ACTION/error'] },
  // WILDCARD_MATCHES_NOTHING
  { name: 'dead wildcard', policy: allow('s3:Fetch*', 'arn:aws:s3:::b/*'), expected: ['WILDCARD_MATCHES_NOTHING/error'] },
  { name: 'live wildcard with ?', about: 'WILDCARD_MATCHES_NOTHING', policy: allow('s3:GetObjec?', 'arn:aws:s3:::b/*'), expected: [] },
  // RESOURCE_MISMATCH
  { name: 'object action on bucket ARN', policy: allow('s3:GetObject', 'arn:aws:s3:::b'), expected: ['RESOURCE_MISMATCH/error'] },
  { name: 'bucket action on object ARN', policy: allow('s3:ListBucket', 'arn:aws:s3:::b/*'), expected: ['RESOURCE_MISMATCH/error'] },
  { name: 'object action on object ARN, bucket action on bucket ARN', policy: allow(['s3:GetObject', 's3:ListBucket'], ['arn:aws:s3:::b', 'arn:aws:s3:::b/*']), expected: [] },
  { name: 'prefix-* fits both bucket and object actions', about: 'RESOURCE_MISMATCH', policy: allow(['s3:GetObject', 's3:ListBucket'], 'arn:aws:s3:::prefix-*'), expected: [] },
  { name: 'bucket1:* fits nothing', policy: allow('s3:GetObject', 'arn:aws:s3:::bucket1:*'), expected: ['RESOURCE_MISMATCH/error'] },
  { name: 'S3 read on an SQS queue', policy: allow('s3:GetObject', 'arn:aws:sqs:us-east-1:123456789012:q'), expected: ['RESOURCE_MISMATCH/error'] },
  { name: 'extra SQS ARN beside a fitting one is info', policy: allow('s3:GetObject', ['arn:aws:s3:::b/*', 'arn:aws:sqs:us-east-1:123456789012:q']), expected: ['RESOURCE_MISMATCH/info'] },
  { name: 'wildcard-only action on *', policy: allow('s3:ListAllMyBuckets'), expected: [] },
  { name: 'wildcard-only action on arn:aws:s3:::* is info', policy: allow('s3:ListAllMyBuckets', 'arn:aws:s3:::*'), expected: ['RESOURCE_MISMATCH/info'] },
  { name: 'wildcard-only action on one bucket', policy: allow('s3:ListAllMyBuckets', 'arn:aws:s3:::b'), expected: ['RESOURCE_MISMATCH/error'] },
  { name: 'IAM List* on a path ARN is a warning (IAM evaluates the path)', policy: allow('iam:ListRoles', 'arn:aws:iam::*:role/*'), expected: ['RESOURCE_MISMATCH/warning'] },
  { name: 'companion prefix on its base service ARN is a warning (data lag)', policy: allow('ssmmessages:OpenDataChannel', 'arn:aws:ssm:*:*:session/*'), expected: ['RESOURCE_MISMATCH/warning'] },
  { name: 'wildcard-only action on a bucket prefix', policy: allow('s3:ListAllMyBuckets', 'arn:aws:s3:::b*'), expected: ['RESOURCE_MISMATCH/error'] },
  { name: 'wildcard-only action on objects', policy: allow('s3:ListAllMyBuckets', 'arn:aws:s3:::b/*'), expected: ['RESOURCE_MISMATCH/error'] },
  { name: 'dynamodb:ListTables on every table', policy: allow('dynamodb:ListTables', 'arn:aws:dynamodb:us-east-1:123456789012:table/*'), expected: ['RESOURCE_MISMATCH/error'] },
  { name: 'sts:GetCallerIdentity on every role', policy: allow('sts:GetCallerIdentity', 'arn:aws:iam::123456789012:role/*'), expected: ['RESOURCE_MISMATCH/error'] },
  { name: 'lambda:ListFunctions on every function is not the whole service', policy: allow('lambda:ListFunctions', 'arn:aws:lambda:*:*:function:*'), expected: ['RESOURCE_MISMATCH/error'] },
  { name: 'lambda:ListFunctions on arn:aws:lambda:*:*:* is info', policy: allow('lambda:ListFunctions', 'arn:aws:lambda:*:*:*'), expected: ['RESOURCE_MISMATCH/info'] },
  { name: 'wildcard-only action beside fitting ones', policy: allow(['s3:GetObject', 's3:ListAllMyBuckets'], 'arn:aws:s3:::b/*'), expected: ['RESOURCE_MISMATCH/error'] },
  { name: 's3:* on bucket1:* fits nothing', policy: allow('s3:*', 'arn:aws:s3:::bucket1:*'), expected: ['RESOURCE_MISMATCH/error'] },
  { name: 's3:* on a bucket fits', about: 'RESOURCE_MISMATCH', policy: allow('s3:*', ['arn:aws:s3:::bucket1', 'arn:aws:s3:::bucket1/*']), expected: [] },
  // Placeholders and wildcards before the resource part stay in their segment.
  { name: 'CloudFormation partition is one segment: object action on a bucket', policy: allow('s3:GetObject', 'arn:${AWS::Partition}:s3:::my-bucket'), expected: ['RESOURCE_MISMATCH/error'] },
  { name: 'CloudFormation partition is one segment: SQS action on S3', policy: allow('sqs:SendMessage', 'arn:${AWS::Partition}:s3:::b'), expected: ['RESOURCE_MISMATCH/error'] },
  { name: 'CloudFormation partition with the right ARN', about: 'RESOURCE_MISMATCH', policy: allow('sqs:SendMessage', 'arn:${AWS::Partition}:sqs:${AWS::Region}:${AWS::AccountId}:q'), expected: [] },
  { name: 'partition * stays in its segment', policy: allow('s3:GetObject', 'arn:*:s3:::my-bucket'), expected: ['RESOURCE_MISMATCH/error'] },
  { name: 'region and account * stay in their segments', policy: allow('s3:GetObject', 'arn:aws:s3:*:*:b'), expected: ['RESOURCE_MISMATCH/error'] },
  { name: 'account * does not reach a role through user/x', policy: allow('iam:GetRole', 'arn:aws:iam::*:user/x'), expected: ['RESOURCE_MISMATCH/error'] },
  { name: 'account placeholder does not reach a role through user/x', policy: allow('iam:GetRole', 'arn:aws:iam::${AWS::AccountId}:user/x'), expected: ['RESOURCE_MISMATCH/error'] },
  { name: 'account placeholder with a role', about: 'RESOURCE_MISMATCH', policy: allow('iam:GetRole', 'arn:aws:iam::${AWS::AccountId}:role/x'), expected: [] },
  { name: 'a queue name holds no ":"', policy: allow('sqs:SendMessage', 'arn:aws:sqs:us-east-1:123456789012:q:x'), expected: ['RESOURCE_MISMATCH/error'] },
  { name: 'a role name holds no ":"', policy: allow('iam:GetRole', 'arn:aws:iam::123456789012:role/a:b'), expected: ['RESOURCE_MISMATCH/error'] },
  { name: 'S3 keys and AWS Backup RDS snapshots may hold ":"', about: 'RESOURCE_MISMATCH', policy: allow(['s3:GetObject', 'rds:DeleteDBSnapshot'], ['arn:aws:s3:::b/a:b', 'arn:aws:rds:*:*:snapshot:awsbackup:*']), expected: [] },
  { name: 'log group ARN with the :* suffix', about: 'RESOURCE_MISMATCH', policy: allow('logs:DescribeLogStreams', 'arn:aws:logs:*:*:log-group:/aws/lambda/x:*'), expected: [] },
  { name: 'RunInstances with instance and volume only', policy: allow('ec2:RunInstances', ['arn:aws:ec2:*:*:instance/*', 'arn:aws:ec2:*:*:volume/*']), expected: [] },
  { name: 'wildcard action judged by any matching action', policy: allow('s3:Get*', 'arn:aws:s3:::b'), expected: [] },
  { name: 'wildcard action none of whose actions fit', policy: allow('s3:GetObjectT*', 'arn:aws:s3:::b'), expected: ['RESOURCE_MISMATCH/error'] },
  { name: 'policy variables are opaque and may hold /', policy: allow(['s3:GetObject', 'iam:GetUser'], ['arn:aws:s3:::b/${aws:PrincipalTag/team}', 'arn:aws:iam::*:user/${aws:username}']), expected: [] },
  { name: 'redshift dbuser:cluster/user', policy: allow('redshift:GetClusterCredentials', 'arn:aws:redshift:us-east-1:123456789012:dbuser:cluster/user'), expected: [] },
  { name: 'role with a path', policy: allow('iam:GetRole', 'arn:aws:iam::123456789012:role/service-role/x'), expected: [] },
  { name: 'log group name with slashes and stream suffix', policy: allow(['logs:CreateLogStream', 'logs:PutLogEvents'], 'arn:aws:logs:*:*:log-group:/aws/lambda/*:*'), expected: [] },
  { name: 'a * ending the last segment may run past ":" (log streams)', policy: allow('logs:PutLogEvents', 'arn:aws:logs:*:*:log-group:/aws/lambda/*'), expected: [] },
  { name: 'Lambda alias ARN', policy: allow('lambda:InvokeFunction', 'arn:aws:lambda:us-east-1:123456789012:function:f:prod'), expected: [] },
  { name: 'backup recovery points (format has a literal *)', policy: allow('backup:DeleteRecoveryPoint', 'arn:aws:backup:us-east-1:123456789012:recovery-point:*'), expected: [] },
  { name: 'object ARN for a bucket-listing action', policy: allow('s3:ListBucket', 'arn:aws:s3:::my-bucket/folder/*'), expected: ['RESOURCE_MISMATCH/error'] },
  { name: 'Deny is never a mismatch', policy: deny('s3:GetObject', 'arn:aws:s3:::b'), expected: [] },
  { name: 'DynamoDB index ARN is not a table', policy: allow('dynamodb:PutItem', 'arn:aws:dynamodb:us-east-1:123456789012:table/T/index/I'), expected: ['RESOURCE_MISMATCH/error'] },
  // INVALID_ARN
  { name: 'bucket name instead of ARN', policy: allow('s3:GetObject', 'my-bucket'), expected: ['INVALID_ARN/error'] },
  { name: 'too few segments', policy: allow('s3:GetObject', 'arn:aws:s3:b'), expected: ['INVALID_ARN/error'] },
  { name: 'bad partition', policy: allow('s3:GetObject', 'arn:amazon:s3:::b/*'), expected: ['INVALID_ARN/error'] },
  { name: 'bad account', policy: allow('iam:GetRole', 'arn:aws:iam::prod:role/x'), expected: ['INVALID_ARN/error'] },
  { name: 'NotResource checked like Resource', policy: stmts({ Effect: 'Deny', Action: 's3:*', NotResource: ['my-bucket'] }), expected: ['INVALID_ARN/error'] },
  { name: 'CloudFormation value is opaque', about: 'INVALID_ARN', policy: allow('s3:GetObject', 'arn:${AWS::Partition}:s3:::${Bucket}/*'), expected: [] },
  // WILDCARD_CROSSES_COLON
  { name: 'missing region/account segment bridged by *', policy: allow('dynamodb:GetItem', 'arn:aws:dynamodb:*:table/Orders'), expected: ['WILDCARD_CROSSES_COLON/warning'] },
  { name: 'segment-ending * for a whole service is fine', about: 'WILDCARD_CROSSES_COLON', policy: allow('sqs:SendMessage', 'arn:aws:sqs:*'), expected: [] },
  { name: 'all six segments', policy: allow('dynamodb:GetItem', 'arn:aws:dynamodb:*:*:table/Orders'), expected: [] },
  { name: 'account * runs past ":" to a secret (works in IAM, seldom meant)', policy: allow('secretsmanager:GetSecretValue', 'arn:aws:secretsmanager:*:*:sqlworkbench!*'), expected: ['WILDCARD_CROSSES_COLON/warning'] },
  { name: 'secret ARN with every segment', about: 'WILDCARD_CROSSES_COLON', policy: allow('secretsmanager:GetSecretValue', 'arn:aws:secretsmanager:*:*:secret:sqlworkbench!*'), expected: [] },
  { name: 'a typed resource part is not rescued by a crossing *', policy: allow('cloudformation:CreateStack', 'arn:aws:cloudformation:*:*:stack/name'), expected: ['RESOURCE_MISMATCH/error'] },
  // Sids
  { name: 'duplicate Sid', policy: stmts({ Sid: 'A', Effect: 'Allow', Action: 's3:ListAllMyBuckets', Resource: '*' }, { Sid: 'A', Effect: 'Deny', Action: 's3:DeleteBucket', Resource: '*' }), expected: ['DUPLICATE_SID/error'] },
  { name: 'distinct Sids', about: 'DUPLICATE_SID', policy: stmts({ Sid: 'A', Effect: 'Allow', Action: 's3:ListAllMyBuckets', Resource: '*' }, { Sid: 'B', Effect: 'Deny', Action: 's3:DeleteBucket', Resource: '*' }), expected: [] },
  { name: 'Sid with a dash in IAM', policy: stmts({ Sid: 'read-only', Effect: 'Allow', Action: 's3:ListAllMyBuckets', Resource: '*' }), expected: ['INVALID_SID/error'] },
  { name: 'Sid with spaces in a bucket policy', about: 'INVALID_SID', type: 'resource', policy: stmts({ Sid: 'Allow CloudTrail', Effect: 'Allow', Principal: { Service: 'cloudtrail.amazonaws.com' }, Action: 's3:GetBucketAcl', Resource: 'arn:aws:s3:::b' }), expected: [] },
  // NOT_ACTION_WITH_ALLOW / NOT_RESOURCE_WITH_ALLOW
  { name: 'Allow + NotAction', policy: stmts({ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' }), expected: ['NOT_ACTION_WITH_ALLOW/security'] },
  { name: 'Deny + NotAction guardrail', about: 'NOT_ACTION_WITH_ALLOW', policy: stmts({ Effect: 'Deny', NotAction: ['iam:*', 'sts:*'], Resource: '*' }), expected: [] },
  { name: 'Allow + NotResource', policy: stmts({ Effect: 'Allow', Action: 's3:GetObject', NotResource: 'arn:aws:s3:::secret/*' }), expected: ['NOT_RESOURCE_WITH_ALLOW/security'] },
  { name: 'Deny + NotResource guardrail', about: 'NOT_RESOURCE_WITH_ALLOW', policy: stmts({ Effect: 'Deny', Action: 's3:*', NotResource: ['arn:aws:s3:::b', 'arn:aws:s3:::b/*'] }), expected: [] },
  // PASSROLE_WITH_STAR
  { name: 'PassRole on *', policy: allow('iam:PassRole'), expected: ['PASSROLE_WITH_STAR/security'] },
  { name: 'PassRole on every role', policy: allow('iam:Pass*', 'arn:aws:iam::123456789012:role/*'), expected: ['PASSROLE_WITH_STAR/security'] },
  { name: 'PassRole on * limited by PassedToService is info', policy: allow('iam:PassRole', '*', { Condition: { StringEquals: { 'iam:PassedToService': 'ec2.amazonaws.com' } } }), expected: ['PASSROLE_WITH_STAR/info'] },
  { name: 'PassRole on one role', about: 'PASSROLE_WITH_STAR', policy: allow('iam:PassRole', 'arn:aws:iam::123456789012:role/app'), expected: [] },
  { name: 'PassRole on role* (no slash)', policy: allow('iam:PassRole', 'arn:aws:iam::123456789012:role*'), expected: ['PASSROLE_WITH_STAR/security'] },
  { name: 'iam:* on every role', policy: allow('iam:*', 'arn:aws:iam::*:role/*'), expected: ['PASSROLE_WITH_STAR/security'] },
  { name: '"*" on every role is PassRole too', policy: allow('*', 'arn:aws:iam::123456789012:role/*'), expected: ['PASSROLE_WITH_STAR/security'] },
  { name: 'PassRole on a role path prefix', about: 'PASSROLE_WITH_STAR', policy: allow('iam:PassRole', 'arn:aws:iam::123456789012:role/app-*'), expected: [] },
  // FULL_ADMIN
  { name: '"*" on "*"', policy: allow('*'), expected: ['FULL_ADMIN/security'] },
  { name: '"*:*" on "*"', policy: allow(['*:*']), expected: ['FULL_ADMIN/security'] },
  { name: '"*" on "*" with a condition', about: 'FULL_ADMIN', policy: allow('*', '*', { Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } } }), expected: ['PASSROLE_WITH_STAR/security'] },
  { name: 'SCP FullAWSAccess', about: 'FULL_ADMIN', type: 'scp', policy: allow('*'), expected: [] },
  { name: 'service-wide admin is not full admin', about: 'FULL_ADMIN', policy: allow('s3:*'), expected: [] },
  // PUBLIC_PRINCIPAL
  { name: 'bucket policy open to "*"', type: 'resource', policy: stmts({ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }), expected: ['PUBLIC_PRINCIPAL/security'] },
  { name: 'queue policy open to {"AWS": "*"}', type: 'resource', policy: stmts({ Effect: 'Allow', Principal: { AWS: ['*'] }, Action: 'sqs:SendMessage', Resource: 'arn:aws:sqs:us-east-1:123456789012:q' }), expected: ['PUBLIC_PRINCIPAL/security'] },
  { name: 'trust policy open to {"AWS": "*"}', type: 'trust', policy: stmts({ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:AssumeRole' }), expected: ['PUBLIC_PRINCIPAL/security'] },
  { name: 'trust policy open to "*" but limited by org', about: 'PUBLIC_PRINCIPAL', type: 'trust', policy: stmts({ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-abc123' } } }), expected: [] },
  { name: 'public Deny is a guardrail', about: 'PUBLIC_PRINCIPAL', type: 'resource', policy: stmts({ Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: ['arn:aws:s3:::b', 'arn:aws:s3:::b/*'], Condition: { Bool: { 'aws:SecureTransport': 'false' } } }), expected: [] },
  { name: 'a service principal is not public', about: 'PUBLIC_PRINCIPAL', type: 'resource', policy: stmts({ Effect: 'Allow', Principal: { Service: 'cloudtrail.amazonaws.com' }, Action: 's3:PutObject', Resource: 'arn:aws:s3:::b/*' }), expected: [] },
  // UNKNOWN_OPERATOR
  { name: 'StringEqual typo', policy: allow('s3:ListAllMyBuckets', '*', { Condition: { StringEqual: { 'aws:PrincipalAccount': '123456789012' } } }), expected: ['UNKNOWN_OPERATOR/error'] },
  { name: 'NullIfExists does not exist', policy: allow('s3:ListAllMyBuckets', '*', { Condition: { NullIfExists: { 'aws:MultiFactorAuthAge': 'true' } } }), expected: ['UNKNOWN_OPERATOR/error'] },
  { name: 'set operator and IfExists', about: 'UNKNOWN_OPERATOR', policy: allow('s3:ListAllMyBuckets', '*', { Condition: { 'ForAnyValue:StringLikeIfExists': { 'aws:TagKeys': 'x*' }, Bool: { 'aws:SecureTransport': 'true' } } }), expected: [] },
  // UNKNOWN_CONDITION_KEY
  { name: 'typo in global key', policy: allow('s3:ListAllMyBuckets', '*', { Condition: { StringEquals: { 'aws:PrincipalAcount': '123456789012' } } }), expected: ['UNKNOWN_CONDITION_KEY/warning'] },
  { name: 'unknown service key', policy: allow('s3:GetObject', 'arn:aws:s3:::b/*', { Condition: { StringEquals: { 's3:prefixx': 'a/' } } }), expected: ['UNKNOWN_CONDITION_KEY/warning'] },
  { name: 'keys with tag slots, any case, federated providers', about: 'UNKNOWN_CONDITION_KEY', policy: allow('s3:GetObject', 'arn:aws:s3:::b/*', { Condition: { StringEquals: { 'aws:PrincipalTag/team': 'a', 'AWS:SourceIp': '1.2.3.4', 's3:ExistingObjectTag/class': 'x', 'aws:ResourceTag/env': 'p' } } }), expected: [] },
  { name: 'OIDC keys in a trust policy', type: 'trust', policy: stmts({ Effect: 'Allow', Principal: { Federated: 'arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com' }, Action: 'sts:AssumeRoleWithWebIdentity', Condition: { StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:o/r:*', 'oidc.eks.us-east-1.amazonaws.com/id/ABC:sub': 'system:serviceaccount:x:y' }, StringEquals: { 'sts:ExternalId': 'x' } } }), expected: [] },
];

function codesOf(policy: unknown, type: PolicyType) {
  return lintPolicy(policy as object, { policyType: type, name: 'p.json', file: 'p.json' });
}

describe('lint rules (table-driven)', () => {
  for (const c of cases) {
    it(`${c.name} -> ${c.expected.join(', ') || 'no findings'}`, () => {
      const found = codesOf(typeof c.policy === 'string' ? c.policy : c.policy, c.type ?? 'identity');
      const got = found.map((f) => `${f.code}/${f.severity}`);
      for (const e of c.expected) assert.ok(got.some((g) => g === e || g.startsWith(`${e}/`)), `expected ${e}, got ${JSON.stringify(found, null, 1)}`);
      if (c.absent === undefined) {
        const want = new Set(c.expected.map((e) => e.split('/')[0]));
        const extra = found.filter((f) => !want.has(f.code));
        assert.deepEqual(extra, [], `unexpected findings`);
      } else for (const a of c.absent) assert.ok(!got.some((g) => g.startsWith(`${a}/`)), `did not expect ${a}`);
    });
  }

  it('every code has a failing case and a passing near miss', async () => {
    const { LINT_CODES } = await import('../../src/lint/types.js');
    const failing = new Set(cases.flatMap((c) => c.expected.map((e) => e.split('/')[0])));
    assert.deepEqual(LINT_CODES.filter((c) => !failing.has(c)), []);
    const passing = new Set(cases.filter((c) => c.expected.length === 0 && c.about).map((c) => c.about));
    assert.deepEqual(LINT_CODES.filter((c) => !passing.has(c)), []);
  });

  it('findings carry policy, statement index or Sid, and a fix', () => {
    const f = lintPolicy(stmts({ Sid: 'Read', Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b' }), { policyType: 'identity', name: 'arn:aws:iam::1:policy/x' });
    assert.equal(f.length, 1);
    assert.equal(f[0].policy, 'arn:aws:iam::1:policy/x');
    assert.equal(f[0].statement, 'Read');
    assert.equal(f[0].statementIndex, 0);
    assert.equal(f[0].sid, 'Read');
    assert.match(f[0].message, /write arn:aws:s3:::b\/\*$/);
    const g = lintPolicy(allow('s3:ListBucket', 'arn:aws:s3:::b/*'), { policyType: 'identity', name: 'x' });
    assert.match(g[0].message, /write arn:aws:s3:::b$/);
  });

  it('names statements by index where Sids collide', () => {
    const f = lintPolicy(stmts({ Sid: 'Read', Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b' }, { Sid: 'Read', Effect: 'Allow', Action: 's3:ListAllMyBuckets', Resource: '*' }), { policyType: 'identity', name: 'x' });
    assert.deepEqual(f.map((x) => [x.code, x.statement, x.sid]), [['RESOURCE_MISMATCH', 0, undefined], ['DUPLICATE_SID', 1, undefined]]);
  });

  it('suggests the nearest real action and service', () => {
    const m = (a: string) => lintPolicy(allow(a, '*'), { policyType: 'identity', name: 'x' }).map((f) => f.message).join(' ');
    // A read suggests reads first (access level from iam-data), not the write one edit away.
    assert.match(m('s3:HeadObject'), /did you mean "s3:GetObject" or "s3:GetObjectAcl"\?/);
    assert.match(m('s3:HeadBucket'), /did you mean "s3:ListBucket"/); // AWS documents HeadBucket as needing ListBucket
    assert.match(m('s3:ListObjects'), /did you mean "s3:ListBucket"/);
    assert.match(m('s3:PutObjects'), /did you mean "s3:PutObject"/);
    assert.match(m('dyanmodb:PutItem'), /"dynamodb"/);
    assert.match(m('ec2:DescribeInstance'), /ec2:DescribeInstances/);
    assert.match(m('s3:GetObjcet*'), /"s3:GetObject\*"/);
    assert.match(m('deeplens:*'), /remove it/); // retired service: no far-fetched suggestion
    const g = lintPolicy({ Version: V, Statement: [{ Effect: 'Allow', Action: 's3:ListAllMyBuckets', Resource: '*', Condtion: {} }] }, { policyType: 'identity', name: 'x' });
    assert.match(g[0].message, /unknown element "Condtion"; did you mean "Condition"\?/);
  });
});
