// The inventory: a JSON-serialisable snapshot of what the collectors saw.
// It is the only contract between src/collect (which calls AWS) and checks/ (which never do).
//
// Conventions:
// - Every piece of data that comes from one API call that can fail is a `Got<T>`: either the value,
//   or the error that explains why it is missing. Checks turn an error into UNKNOWN naming
//   `error.permission`, never into PASS or FAIL.
// - AWS payloads are kept in AWS's own documented shape (PascalCase field names), with Date values
//   as ISO-8601 strings, so that a reader can compare a snapshot with the AWS docs.
// - Our own wrapper fields are camelCase.

export const INVENTORY_SCHEMA_VERSION = 1;

/** One AWS call that failed, and why. */
export interface CallError {
  /** `service:Operation` as in the API reference, e.g. `s3:GetBucketVersioning`. */
  api: string;
  /** The IAM permission the call needs, e.g. `s3:GetLifecycleConfiguration` (may differ from `api`). */
  permission: string;
  /** AWS error code (`AccessDenied`, `ThrottlingException`) or a local code (`NetworkError`). */
  code: string;
  message: string;
  accountId: string;
  /** Region the call went to; `global` for IAM, Organizations and S3 ListBuckets. */
  region: string;
  /** The resource the call was about, when there is one (bucket name, vault ARN...). */
  resource?: string;
}

export type Got<T> = { ok: true; value: T } | { ok: false; error: CallError };

// ---------- S3 ----------

export interface S3Versioning {
  /** `Never` = the bucket never had versioning enabled (AWS returns no Status). */
  status: 'Enabled' | 'Suspended' | 'Never';
  /** `Never` = AWS returned no MFADelete element. */
  mfaDelete: 'Enabled' | 'Disabled' | 'Never';
}

export interface S3LifecycleFilter {
  Prefix?: string;
  Tag?: { Key: string; Value: string };
  ObjectSizeGreaterThan?: number;
  ObjectSizeLessThan?: number;
  And?: { Prefix?: string; Tags?: { Key: string; Value: string }[]; ObjectSizeGreaterThan?: number; ObjectSizeLessThan?: number };
}

export interface S3LifecycleRule {
  ID?: string;
  Status: 'Enabled' | 'Disabled' | string;
  /** Deprecated top-level prefix, still returned for old rules. */
  Prefix?: string;
  Filter?: S3LifecycleFilter;
  Expiration?: { Days?: number; Date?: string; ExpiredObjectDeleteMarker?: boolean };
  NoncurrentVersionExpiration?: { NoncurrentDays?: number; NewerNoncurrentVersions?: number };
  NoncurrentVersionTransitions?: { NoncurrentDays?: number; NewerNoncurrentVersions?: number; StorageClass?: string }[];
  Transitions?: { Days?: number; Date?: string; StorageClass?: string }[];
  AbortIncompleteMultipartUpload?: { DaysAfterInitiation?: number };
}

export interface S3ObjectLock {
  ObjectLockEnabled?: 'Enabled' | string;
  Rule?: { DefaultRetention?: { Mode?: 'GOVERNANCE' | 'COMPLIANCE' | string; Days?: number; Years?: number } };
}

export interface S3ReplicationRule {
  ID?: string;
  Priority?: number;
  Status: 'Enabled' | 'Disabled' | string;
  Prefix?: string;
  Filter?: S3LifecycleFilter;
  Destination: {
    /** `arn:aws:s3:::bucket` — an S3 bucket ARN carries no account id. */
    Bucket: string;
    /** Present when the rule names the destination's owner account. */
    Account?: string;
    StorageClass?: string;
    AccessControlTranslation?: { Owner: string };
  };
  DeleteMarkerReplication?: { Status?: string };
}

export interface S3Replication {
  Role?: string;
  Rules: S3ReplicationRule[];
}

export interface S3Bucket {
  name: string;
  arn: string;
  creationDate?: string;
  /** Region from GetBucketLocation (`us-east-1` for the empty LocationConstraint). */
  region: Got<string>;
  /** Directory buckets (S3 Express One Zone) have no versioning; general purpose is the default. */
  bucketType: 'general-purpose' | 'directory';
  versioning: Got<S3Versioning>;
  /** `null`: the bucket has no lifecycle configuration (NoSuchLifecycleConfiguration). */
  lifecycle: Got<S3LifecycleRule[] | null>;
  /** `null`: no Object Lock configuration (ObjectLockConfigurationNotFoundError). */
  objectLock: Got<S3ObjectLock | null>;
  /** `null`: no replication (ReplicationConfigurationNotFoundError). */
  replication: Got<S3Replication | null>;
  /** The bucket policy document as JSON text; `null` when there is none (NoSuchBucketPolicy). */
  policy: Got<string | null>;
  /** `{}` when the bucket has no tags (NoSuchTagSet). */
  tags: Got<Record<string, string>>;
}

// ---------- IAM ----------

export interface IamPolicyVersion {
  VersionId?: string;
  IsDefaultVersion?: boolean;
  /** Decoded JSON text of the policy document. */
  Document?: string;
  CreateDate?: string;
}

export interface IamInlinePolicy {
  PolicyName: string;
  /** Decoded JSON text. */
  PolicyDocument: string;
}

export interface IamAttachedPolicy {
  PolicyName?: string;
  PolicyArn: string;
}

export interface IamUser {
  UserName: string;
  UserId?: string;
  Arn: string;
  Path?: string;
  CreateDate?: string;
  UserPolicyList?: IamInlinePolicy[];
  GroupList?: string[];
  AttachedManagedPolicies?: IamAttachedPolicy[];
  PermissionsBoundary?: { PermissionsBoundaryArn?: string; PermissionsBoundaryType?: string };
  Tags?: { Key: string; Value: string }[];
}

export interface IamGroup {
  GroupName: string;
  GroupId?: string;
  Arn: string;
  Path?: string;
  GroupPolicyList?: IamInlinePolicy[];
  AttachedManagedPolicies?: IamAttachedPolicy[];
}

export interface IamRole {
  RoleName: string;
  RoleId?: string;
  Arn: string;
  Path?: string;
  CreateDate?: string;
  /** Decoded JSON text of the trust policy. */
  AssumeRolePolicyDocument?: string;
  InstanceProfileList?: { InstanceProfileName?: string; Arn: string }[];
  RolePolicyList?: IamInlinePolicy[];
  AttachedManagedPolicies?: IamAttachedPolicy[];
  RoleLastUsed?: { LastUsedDate?: string; Region?: string };
  PermissionsBoundary?: { PermissionsBoundaryArn?: string; PermissionsBoundaryType?: string };
  Tags?: { Key: string; Value: string }[];
}

export interface IamManagedPolicy {
  /** May be missing in emulators; derive from Arn when absent. */
  PolicyName?: string;
  PolicyId?: string;
  Arn: string;
  Path?: string;
  DefaultVersionId?: string;
  AttachmentCount?: number;
  IsAttachable?: boolean;
  PolicyVersionList?: IamPolicyVersion[];
}

export interface IamAuthorizationDetails {
  users: IamUser[];
  groups: IamGroup[];
  roles: IamRole[];
  /** Customer-managed and attached AWS-managed policies, with their versions. */
  policies: IamManagedPolicy[];
}

/**
 * One row of the credential report, column names as AWS writes them
 * (`user`, `arn`, `password_enabled`, `access_key_1_active`, `access_key_1_last_rotated`,
 * `access_key_1_last_used_date`, `access_key_1_last_used_region`, `access_key_1_last_used_service`, ...).
 * Values are kept raw: `N/A`, `no_information`, `not_supported`, `true`, `false`, ISO dates.
 * The root user's row has `user` = `<root_account>`.
 */
export type CredentialReportRow = Record<string, string>;

export interface CredentialReport {
  generatedTime?: string;
  rows: CredentialReportRow[];
}

export interface IamInventory {
  authorizationDetails: Got<IamAuthorizationDetails>;
  credentialReport: Got<CredentialReport>;
  /** GetAccountSummary's SummaryMap (AccountAccessKeysPresent, AccountMFAEnabled, ...). */
  accountSummary: Got<Record<string, number>>;
}

// ---------- EC2 and Auto Scaling (regional) ----------

export interface Tag {
  Key: string;
  Value: string;
}

export interface Ec2Instance {
  InstanceId: string;
  InstanceType?: string;
  ImageId?: string;
  LaunchTime?: string;
  State?: { Name?: string; Code?: number };
  Tags?: Tag[];
  IamInstanceProfile?: { Arn?: string; Id?: string };
  VpcId?: string;
  SubnetId?: string;
  PrivateIpAddress?: string;
}

export interface LaunchTemplateVersion {
  LaunchTemplateId: string;
  LaunchTemplateName?: string;
  VersionNumber?: number;
  DefaultVersion?: boolean;
  LaunchTemplateData?: { ImageId?: string; InstanceType?: string; IamInstanceProfile?: { Arn?: string; Name?: string } };
}

export interface Ec2Image {
  ImageId: string;
  Name?: string;
  State?: string;
  OwnerId?: string;
  CreationDate?: string;
  DeprecationTime?: string;
}

export interface Ec2Inventory {
  instances: Got<Ec2Instance[]>;
  /** Default and latest versions of the region's launch templates. */
  launchTemplateVersions: Got<LaunchTemplateVersion[]>;
  /** Images referenced by instances, launch templates and launch configurations that still exist. */
  images: Got<Ec2Image[]>;
}

export interface AutoScalingGroup {
  AutoScalingGroupName: string;
  AutoScalingGroupARN?: string;
  LaunchConfigurationName?: string;
  LaunchTemplate?: { LaunchTemplateId?: string; LaunchTemplateName?: string; Version?: string };
  MixedInstancesPolicy?: { LaunchTemplate?: { LaunchTemplateSpecification?: { LaunchTemplateId?: string; LaunchTemplateName?: string; Version?: string } } };
  MinSize?: number;
  MaxSize?: number;
  DesiredCapacity?: number;
  Instances?: { InstanceId: string; LifecycleState?: string; LaunchTemplate?: { LaunchTemplateId?: string; LaunchTemplateName?: string; Version?: string }; LaunchConfigurationName?: string }[];
  Tags?: { Key: string; Value: string }[];
}

export interface LaunchConfiguration {
  LaunchConfigurationName: string;
  ImageId?: string;
  InstanceType?: string;
  CreatedTime?: string;
}

export interface AutoScalingInventory {
  groups: Got<AutoScalingGroup[]>;
  launchConfigurations: Got<LaunchConfiguration[]>;
}

// ---------- AWS Backup (regional) ----------

export interface BackupVault {
  BackupVaultName: string;
  BackupVaultArn: string;
  /** `BACKUP_VAULT` (default) or `LOGICALLY_AIR_GAPPED_BACKUP_VAULT`. */
  VaultType?: string;
  CreationDate?: string;
  EncryptionKeyArn?: string;
  NumberOfRecoveryPoints?: number;
  Locked?: boolean;
  MinRetentionDays?: number;
  MaxRetentionDays?: number;
  /** Compliance mode: the date after which the lock is immutable. Absent in governance mode. */
  LockDate?: string;
  /** Vault access policy JSON text; `null` when the vault has none. */
  accessPolicy: Got<string | null>;
  recoveryPoints: Got<BackupRecoveryPoint[]>;
}

export interface BackupLifecycle {
  MoveToColdStorageAfterDays?: number;
  DeleteAfterDays?: number;
}

export interface BackupCopyAction {
  DestinationBackupVaultArn: string;
  Lifecycle?: BackupLifecycle;
}

export interface BackupRule {
  RuleName: string;
  RuleId?: string;
  TargetBackupVaultName: string;
  ScheduleExpression?: string;
  StartWindowMinutes?: number;
  CompletionWindowMinutes?: number;
  Lifecycle?: BackupLifecycle;
  EnableContinuousBackup?: boolean;
  CopyActions?: BackupCopyAction[];
}

export interface BackupSelection {
  SelectionId: string;
  SelectionName: string;
  IamRoleArn?: string;
  Resources?: string[];
  NotResources?: string[];
  ListOfTags?: { ConditionType: 'STRINGEQUALS' | string; ConditionKey: string; ConditionValue: string }[];
  Conditions?: {
    StringEquals?: { ConditionKey: string; ConditionValue: string }[];
    StringNotEquals?: { ConditionKey: string; ConditionValue: string }[];
    StringLike?: { ConditionKey: string; ConditionValue: string }[];
    StringNotLike?: { ConditionKey: string; ConditionValue: string }[];
  };
}

export interface BackupPlan {
  BackupPlanId: string;
  BackupPlanArn: string;
  BackupPlanName: string;
  VersionId?: string;
  Rules: BackupRule[];
  selections: Got<BackupSelection[]>;
}

export interface BackupRecoveryPoint {
  RecoveryPointArn: string;
  BackupVaultName?: string;
  BackupVaultArn?: string;
  ResourceArn?: string;
  ResourceType?: string;
  Status?: string;
  CreationDate?: string;
  CompletionDate?: string;
  Lifecycle?: BackupLifecycle;
  CalculatedLifecycle?: { MoveToColdStorageAt?: string; DeleteAt?: string };
  /** Where a copy came from, for recovery points copied in from another vault. */
  SourceBackupVaultArn?: string;
}

export interface BackupProtectedResource {
  ResourceArn: string;
  ResourceType?: string;
  LastBackupTime?: string;
  ResourceName?: string;
  LastBackupVaultArn?: string;
  LastRecoveryPointArn?: string;
}

export interface RestoreTestingPlan {
  RestoreTestingPlanName: string;
  RestoreTestingPlanArn?: string;
  ScheduleExpression?: string;
  /** When the plan last ran a restore test (absent: never). */
  LastExecutionTime?: string;
  selections: Got<{ RestoreTestingSelectionName: string; ProtectedResourceType?: string }[]>;
}

export interface BackupInventory {
  vaults: Got<BackupVault[]>;
  plans: Got<BackupPlan[]>;
  protectedResources: Got<BackupProtectedResource[]>;
  restoreTestingPlans: Got<RestoreTestingPlan[]>;
}

// ---------- Databases (regional) ----------

export interface RdsDbInstance {
  DBInstanceIdentifier: string;
  DBInstanceArn: string;
  Engine?: string;
  DBClusterIdentifier?: string;
  BackupRetentionPeriod?: number;
  DeletionProtection?: boolean;
  MultiAZ?: boolean;
  DBInstanceStatus?: string;
  LatestRestorableTime?: string;
  /** Set on a read replica: its source's backups are what protect the data. */
  ReadReplicaSourceDBInstanceIdentifier?: string;
  TagList?: Tag[];
}

export interface RdsDbCluster {
  DBClusterIdentifier: string;
  DBClusterArn: string;
  Engine?: string;
  BackupRetentionPeriod?: number;
  DeletionProtection?: boolean;
  Status?: string;
  LatestRestorableTime?: string;
  DBClusterMembers?: { DBInstanceIdentifier: string; IsClusterWriter?: boolean }[];
  TagList?: Tag[];
}

export interface RdsInventory {
  instances: Got<RdsDbInstance[]>;
  clusters: Got<RdsDbCluster[]>;
}

export interface DynamoDbTable {
  TableName: string;
  TableArn: string;
  TableStatus?: string;
  DeletionProtectionEnabled?: boolean;
  /** From ListTagsOfResource. Absent: not collected (a tag-based backup selection is then undecided). */
  Tags?: Tag[];
  /** From DescribeContinuousBackups. */
  pointInTimeRecovery: Got<{ PointInTimeRecoveryStatus?: string; RecoveryPeriodInDays?: number; EarliestRestorableDateTime?: string; LatestRestorableDateTime?: string }>;
}

export interface DynamoDbInventory {
  tables: Got<DynamoDbTable[]>;
}

export interface EfsFileSystem {
  FileSystemId: string;
  FileSystemArn?: string;
  Name?: string;
  Tags?: Tag[];
}

// ---------- Regions and accounts ----------

export interface RegionInventory {
  region: string;
  ec2: Ec2Inventory;
  autoscaling: AutoScalingInventory;
  backup: BackupInventory;
  rds: RdsInventory;
  dynamodb: DynamoDbInventory;
  efs: { fileSystems: Got<EfsFileSystem[]> };
  /** EBS volumes, by ARN-able id, for backup coverage of EBS. */
  ebsVolumes: Got<{ VolumeId: string; Tags?: Tag[]; State?: string; Attachments?: { InstanceId?: string }[] }[]>;
}

export interface OrganizationAccount {
  Id: string;
  Arn?: string;
  Name?: string;
  Email?: string;
  Status?: string;
  /** ACTIVE, SUSPENDED, PENDING_CLOSURE (newer field that replaces Status). */
  State?: string;
  /** OU ids and the root id above the account, nearest first (from ListParents); absent when not collected. */
  ancestorIds?: string[];
}

export interface OrganizationPolicy {
  Id: string;
  Arn?: string;
  Name?: string;
  Type?: string;
  AwsManaged?: boolean;
  /** Policy JSON text. */
  Content?: string;
  /** Account ids, OU ids and root ids the policy is attached to. */
  targets: Got<{ TargetId: string; Type?: string; Name?: string }[]>;
}

export interface OrganizationsInventory {
  /** `null`: the account is not in an organization (AWSOrganizationsNotInUseException). */
  organization: Got<{ Id: string; Arn?: string; MasterAccountId?: string; FeatureSet?: string } | null>;
  accounts: Got<OrganizationAccount[]>;
  serviceControlPolicies: Got<OrganizationPolicy[]>;
}

export interface AccountInventory {
  accountId: string;
  /** Friendly name from Organizations, when known. */
  name?: string;
  /** Caller ARN from sts:GetCallerIdentity. */
  callerArn?: string;
  /** Partition, e.g. `aws`. */
  partition: string;
  regions: RegionInventory[];
  s3: { buckets: Got<S3Bucket[]> };
  iam: IamInventory;
  organizations: OrganizationsInventory;
  /** Every call that failed in this account, in the order they happened. */
  errors: CallError[];
}

export interface Inventory {
  kind: 'drready-inventory';
  schemaVersion: typeof INVENTORY_SCHEMA_VERSION;
  /** When collection finished; checks judge ages against this, so a saved snapshot gives stable results. */
  collectedAt: string;
  tool: { name: string; version: string };
  /** `aws` for a live run; `demo` for the bundled demo account; free text otherwise. */
  source: string;
  regions: string[];
  accounts: AccountInventory[];
  /** Failures outside any one account (assuming a role, listing the organization). */
  errors: CallError[];
}
