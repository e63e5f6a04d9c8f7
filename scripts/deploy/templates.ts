// The CloudFormation templates, as data: deploy/drready.yaml (the audit: function, roles, schedule,
// report bucket, topic, optional Step Functions fan-out) and deploy/member-role.yaml (the read-only
// role every member account gets, StackSet-ready). Written by scripts/gen-deploy.ts; a test checks
// the committed files are current and pass cfn-lint.
type Json = unknown;

const sub = (s: string): Json => ({ 'Fn::Sub': s });
const ref = (s: string): Json => ({ Ref: s });
const ifc = (cond: string, yes: Json, no: Json): Json => ({ 'Fn::If': [cond, yes, no] });
const NO_VALUE = { Ref: 'AWS::NoValue' };

export const DEFAULT_MEMBER_ROLE = 'DrreadyAuditRole';
export const DEFAULT_FUNCTION_ROLE = 'drready-audit-function';

function readOnlyStatement(actions: readonly string[]): Json {
  return { Sid: 'DrreadyReadOnly', Effect: 'Allow', Action: [...actions], Resource: '*' };
}

/** The Step Functions fan-out: plan → one collect-account per account (bounded) → merge. */
// (Resource ARNs of service integrations are written for the `aws` partition, as cfn-lint requires.)
export function stateMachineDefinition(): Record<string, unknown> {
  const retry = [{ ErrorEquals: ['Lambda.ServiceException', 'Lambda.AWSLambdaException', 'Lambda.SdkClientException', 'Lambda.TooManyRequestsException'], IntervalSeconds: 2, MaxAttempts: 4, BackoffRate: 2 }];
  const invoke = (payload: Record<string, unknown>) => ({ Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Parameters: { FunctionName: '${FunctionArn}', Payload: payload }, OutputPath: '$.Payload', Retry: retry });
  const def = {
    Comment: 'drready organization audit: one Lambda invocation per account, then one merge (the same merge code as the CLI).',
    StartAt: 'Plan',
    States: {
      Plan: { ...invoke({ action: 'plan' }), Next: 'CollectAccounts' },
      CollectAccounts: {
        Type: 'Map',
        ItemsPath: '$.accounts',
        ItemSelector: { action: 'collect-account', 'runId.$': '$.runId', 'account.$': '$$.Map.Item.Value' },
        // The plan's output carries MAP_CONCURRENCY (a number; substitutions could only give a string).
        MaxConcurrencyPath: '$.mapConcurrency',
        ItemProcessor: {
          ProcessorConfig: { Mode: 'INLINE' },
          StartAt: 'CollectAccount',
          States: {
            // A failure after the retries leaves no result for that account; merge reports it as failed.
            CollectAccount: { ...invoke({ 'Payload.$': '$' }), Parameters: { FunctionName: '${FunctionArn}', 'Payload.$': '$' }, Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: 'AccountFailed' }], End: true },
            AccountFailed: { Type: 'Pass', End: true },
          },
        },
        ResultPath: null,
        Next: 'Merge',
      },
      Merge: { ...invoke({ action: 'merge', 'runId.$': '$.runId', 'startedAt.$': '$.startedAt', 'accounts.$': '$.accounts' }), End: true },
    },
  };
  return def;
}

export function auditTemplate(readOnly: readonly string[]): Json {
  const bucketArn = sub('arn:${AWS::Partition}:s3:::${ReportBucket}');
  const objects = (prefix: string) => sub(`arn:\${AWS::Partition}:s3:::\${ReportBucket}/${prefix}*`);
  return {
    AWSTemplateFormatVersion: '2010-09-09',
    Description: 'drready: daily disaster-recovery readiness audit of this account or the whole AWS Organization, reports stored in S3.',
    Parameters: {
      CodeS3Bucket: { Type: 'String', Description: 'Bucket holding drready-lambda.zip (npm run build:lambda).' },
      CodeS3Key: { Type: 'String', Default: 'drready-lambda.zip', Description: 'Key of the zip in CodeS3Bucket.' },
      AuditScope: { Type: 'String', AllowedValues: ['account', 'org', 'accounts'], Default: 'account', Description: 'account = this account; org = every active account of the organization; accounts = AccountIds.' },
      AccountIds: { Type: 'String', Default: '', Description: 'Comma-separated account ids (AuditScope accounts).' },
      MemberRoleName: { Type: 'String', Default: DEFAULT_MEMBER_ROLE, AllowedPattern: '[\\w+=,.@-]{1,64}', Description: 'Role assumed in each member account (deploy/member-role.yaml creates it).' },
      FunctionRoleName: { Type: 'String', Default: DEFAULT_FUNCTION_ROLE, AllowedPattern: '[\\w+=,.@-]{1,64}', Description: 'Name of the function’s role; member roles trust exactly this role.' },
      Regions: { Type: 'String', Default: '', Description: 'Comma-separated regions to audit; empty = every enabled region.' },
      ScheduleExpression: { Type: 'String', Default: 'cron(0 5 * * ? *)', Description: 'When the audit runs (EventBridge schedule expression, UTC).' },
      UseStepFunctions: { Type: 'String', AllowedValues: ['true', 'false'], Default: 'false', Description: 'true = one invocation per account through Step Functions (organizations that do not fit 15 minutes).' },
      MapConcurrency: { Type: 'Number', Default: 10, MinValue: 1, MaxValue: 40, Description: 'Accounts collected at once by the state machine.' },
      AccountConcurrency: { Type: 'Number', Default: 4, MinValue: 1, MaxValue: 32, Description: 'Accounts collected at once inside one invocation.' },
      ConfigKey: { Type: 'String', Default: '', Description: 'Key of a drready config file (YAML/JSON) in the report bucket, e.g. config/drready.yaml; empty = defaults.' },
      NotificationEmail: { Type: 'String', Default: '', Description: 'Subscribed to score-drop notifications; empty = none.' },
      MemorySize: { Type: 'Number', Default: 1024, MinValue: 256, MaxValue: 10240 },
      LogRetentionDays: { Type: 'Number', Default: 90, AllowedValues: [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653] },
    },
    Conditions: {
      UseSfn: { 'Fn::Equals': [ref('UseStepFunctions'), 'true'] },
      UseFunctionSchedule: { 'Fn::Equals': [ref('UseStepFunctions'), 'false'] },
      HasEmail: { 'Fn::Not': [{ 'Fn::Equals': [ref('NotificationEmail'), ''] }] },
      HasConfig: { 'Fn::Not': [{ 'Fn::Equals': [ref('ConfigKey'), ''] }] },
      AllRegions: { 'Fn::Equals': [ref('Regions'), ''] },
      AssumesRoles: { 'Fn::Not': [{ 'Fn::Equals': [ref('AuditScope'), 'account'] }] },
    },
    Resources: {
      ReportBucket: {
        Type: 'AWS::S3::Bucket',
        DeletionPolicy: 'Retain',
        UpdateReplacePolicy: 'Retain',
        Properties: {
          VersioningConfiguration: { Status: 'Enabled' },
          BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' }, BucketKeyEnabled: true }] },
          PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
          OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
          LifecycleConfiguration: {
            Rules: [
              { Id: 'step-functions-parts', Status: 'Enabled', Prefix: 'runs/', ExpirationInDays: 14, NoncurrentVersionExpiration: { NoncurrentDays: 1 } },
              { Id: 'old-latest-copies', Status: 'Enabled', Prefix: 'latest/', NoncurrentVersionExpiration: { NoncurrentDays: 90 } },
            ],
          },
        },
      },
      ReportBucketPolicy: {
        Type: 'AWS::S3::BucketPolicy',
        Properties: {
          Bucket: ref('ReportBucket'),
          PolicyDocument: {
            Version: '2012-10-17',
            Statement: [{ Sid: 'TlsOnly', Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: [bucketArn, objects('')], Condition: { Bool: { 'aws:SecureTransport': 'false' } } }],
          },
        },
      },
      ReportTopic: { Type: 'AWS::SNS::Topic', Properties: { DisplayName: 'drready readiness dropped', KmsMasterKeyId: 'alias/aws/sns' } },
      ReportTopicEmail: { Type: 'AWS::SNS::Subscription', Condition: 'HasEmail', Properties: { TopicArn: ref('ReportTopic'), Protocol: 'email', Endpoint: ref('NotificationEmail') } },
      FunctionLogGroup: { Type: 'AWS::Logs::LogGroup', DeletionPolicy: 'Delete', UpdateReplacePolicy: 'Delete', Properties: { LogGroupName: sub('/aws/lambda/${AWS::StackName}-drready'), RetentionInDays: ref('LogRetentionDays') } },
      FunctionRole: {
        Type: 'AWS::IAM::Role',
        Properties: {
          RoleName: ref('FunctionRoleName'),
          Description: 'drready audit function: reads the account (and assumes the member roles); writes only the report bucket and topic.',
          AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] },
          Policies: [
            { PolicyName: 'drready-read-only', PolicyDocument: { Version: '2012-10-17', Statement: [readOnlyStatement(readOnly)] } },
            {
              PolicyName: 'drready-report-store',
              PolicyDocument: {
                Version: '2012-10-17',
                Statement: [
                  { Sid: 'WriteReports', Effect: 'Allow', Action: 's3:PutObject', Resource: [objects('reports/'), objects('latest/'), objects('runs/')] },
                  { Sid: 'ReadReportsAndConfig', Effect: 'Allow', Action: 's3:GetObject', Resource: objects('') },
                  // Without ListBucket a missing key (the first run's latest/) reads as AccessDenied.
                  { Sid: 'SeeMissingKeys', Effect: 'Allow', Action: 's3:ListBucket', Resource: bucketArn },
                  { Sid: 'Notify', Effect: 'Allow', Action: 'sns:Publish', Resource: ref('ReportTopic') },
                  { Sid: 'OwnLogs', Effect: 'Allow', Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Resource: sub('${FunctionLogGroup.Arn}') },
                ],
              },
            },
            ifc(
              'AssumesRoles',
              {
                PolicyName: 'drready-member-roles',
                PolicyDocument: { Version: '2012-10-17', Statement: [{ Sid: 'AssumeMemberRoles', Effect: 'Allow', Action: 'sts:AssumeRole', Resource: sub('arn:${AWS::Partition}:iam::*:role/${MemberRoleName}') }] },
              },
              NO_VALUE,
            ),
          ],
        },
      },
      AuditFunction: {
        Type: 'AWS::Lambda::Function',
        Properties: {
          FunctionName: sub('${AWS::StackName}-drready'),
          Description: 'drready disaster-recovery readiness audit',
          Runtime: 'nodejs22.x',
          Architectures: ['arm64'],
          Handler: 'index.handler',
          Code: { S3Bucket: ref('CodeS3Bucket'), S3Key: ref('CodeS3Key') },
          Role: sub('${FunctionRole.Arn}'),
          Timeout: 900,
          MemorySize: ref('MemorySize'),
          LoggingConfig: { LogGroup: ref('FunctionLogGroup') },
          Environment: {
            Variables: {
              REPORT_BUCKET: ref('ReportBucket'),
              SNS_TOPIC_ARN: ref('ReportTopic'),
              AUDIT_SCOPE: ref('AuditScope'),
              ACCOUNT_IDS: ref('AccountIds'),
              ROLE_NAME: ref('MemberRoleName'),
              REGIONS: ref('Regions'),
              ALL_REGIONS: ifc('AllRegions', 'true', 'false'),
              ACCOUNT_CONCURRENCY: ref('AccountConcurrency'),
              MAP_CONCURRENCY: ref('MapConcurrency'),
              DRREADY_CONFIG_S3: ifc('HasConfig', sub('s3://${ReportBucket}/${ConfigKey}'), NO_VALUE),
              NODE_OPTIONS: '--enable-source-maps',
            },
          },
        },
      },
      ScheduleRule: {
        Type: 'AWS::Events::Rule',
        Properties: {
          Description: 'drready daily audit',
          ScheduleExpression: ref('ScheduleExpression'),
          State: 'ENABLED',
          Targets: [ifc('UseSfn', { Id: 'drready-state-machine', Arn: ref('AuditStateMachine'), RoleArn: sub('${ScheduleRole.Arn}') }, { Id: 'drready-function', Arn: sub('${AuditFunction.Arn}') })],
        },
      },
      SchedulePermission: {
        Type: 'AWS::Lambda::Permission',
        Condition: 'UseFunctionSchedule',
        Properties: { FunctionName: ref('AuditFunction'), Action: 'lambda:InvokeFunction', Principal: 'events.amazonaws.com', SourceArn: sub('${ScheduleRule.Arn}') },
      },
      ScheduleRole: {
        Type: 'AWS::IAM::Role',
        Condition: 'UseSfn',
        Properties: {
          AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'events.amazonaws.com' }, Action: 'sts:AssumeRole' }] },
          Policies: [{ PolicyName: 'start-audit', PolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'states:StartExecution', Resource: ref('AuditStateMachine') }] } }],
        },
      },
      StateMachineRole: {
        Type: 'AWS::IAM::Role',
        Condition: 'UseSfn',
        Properties: {
          AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'states.amazonaws.com' }, Action: 'sts:AssumeRole' }] },
          Policies: [{ PolicyName: 'invoke-audit', PolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'lambda:InvokeFunction', Resource: [sub('${AuditFunction.Arn}'), sub('${AuditFunction.Arn}:*')] }] } }],
        },
      },
      AuditStateMachine: {
        Type: 'AWS::StepFunctions::StateMachine',
        Condition: 'UseSfn',
        Properties: {
          StateMachineType: 'STANDARD',
          RoleArn: sub('${StateMachineRole.Arn}'),
          Definition: stateMachineDefinition(),
          DefinitionSubstitutions: { FunctionArn: sub('${AuditFunction.Arn}') },
        },
      },
    },
    Outputs: {
      ReportBucketName: { Description: 'Reports: reports/<date-time>-<run-id>/ and latest/', Value: ref('ReportBucket') },
      ReportTopicArn: { Value: ref('ReportTopic') },
      FunctionName: { Value: ref('AuditFunction') },
      FunctionRoleArn: { Description: 'Member roles (deploy/member-role.yaml) trust this role.', Value: sub('${FunctionRole.Arn}') },
      StateMachineArn: { Condition: 'UseSfn', Value: ref('AuditStateMachine') },
    },
  };
}

/** Deployed to every member account (a service-managed StackSet on the organization or some OUs). */
export function memberRoleTemplate(readOnly: readonly string[]): Json {
  return {
    AWSTemplateFormatVersion: '2010-09-09',
    Description: 'drready member-account role: read-only, assumable only by the drready audit function’s role. StackSet-ready.',
    Parameters: {
      AuditAccountId: { Type: 'String', AllowedPattern: '\\d{12}', Description: 'Account where deploy/drready.yaml runs the audit function.' },
      FunctionRoleName: { Type: 'String', Default: DEFAULT_FUNCTION_ROLE, AllowedPattern: '[\\w+=,.@-]{1,64}', Description: 'FunctionRoleName of the audit stack.' },
      MemberRoleName: { Type: 'String', Default: DEFAULT_MEMBER_ROLE, AllowedPattern: '[\\w+=,.@-]{1,64}', Description: 'MemberRoleName of the audit stack.' },
    },
    Resources: {
      MemberRole: {
        Type: 'AWS::IAM::Role',
        Properties: {
          RoleName: ref('MemberRoleName'),
          Description: 'drready: read-only disaster-recovery readiness audit',
          MaxSessionDuration: 3600,
          AssumeRolePolicyDocument: {
            Version: '2012-10-17',
            Statement: [
              {
                Effect: 'Allow',
                Principal: { AWS: sub('arn:${AWS::Partition}:iam::${AuditAccountId}:root') },
                Action: 'sts:AssumeRole',
                Condition: { ArnEquals: { 'aws:PrincipalArn': sub('arn:${AWS::Partition}:iam::${AuditAccountId}:role/${FunctionRoleName}') } },
              },
            ],
          },
          Policies: [{ PolicyName: 'drready-read-only', PolicyDocument: { Version: '2012-10-17', Statement: [readOnlyStatement(readOnly)] } }],
        },
      },
    },
    Outputs: { MemberRoleArn: { Value: sub('${MemberRole.Arn}') } },
  };
}
