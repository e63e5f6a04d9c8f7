// Every API the collectors call, and the IAM actions an audit role needs for them (for the README
// and the deploy policy). A test keeps this list in step with the code.
import { permissionFor } from './call';

export const COLLECTOR_APIS = [
  'sts:GetCallerIdentity',
  's3:ListBuckets', 's3:GetBucketLocation', 's3:GetBucketVersioning', 's3:GetBucketLifecycleConfiguration',
  's3:GetObjectLockConfiguration', 's3:GetBucketReplication', 's3:GetBucketPolicy', 's3:GetBucketTagging',
  's3:ListDirectoryBuckets',
  'iam:GetAccountAuthorizationDetails', 'iam:GenerateCredentialReport', 'iam:GetCredentialReport', 'iam:GetAccountSummary',
  'ec2:DescribeRegions', 'ec2:DescribeInstances', 'ec2:DescribeLaunchTemplates', 'ec2:DescribeLaunchTemplateVersions',
  'ec2:DescribeImages', 'ec2:DescribeVolumes',
  'autoscaling:DescribeAutoScalingGroups', 'autoscaling:DescribeLaunchConfigurations',
  'backup:ListBackupVaults', 'backup:GetBackupVaultAccessPolicy', 'backup:ListRecoveryPointsByBackupVault',
  'backup:ListBackupPlans', 'backup:GetBackupPlan', 'backup:ListBackupSelections', 'backup:GetBackupSelection',
  'backup:ListProtectedResources', 'backup:ListRestoreTestingPlans', 'backup:ListRestoreTestingSelections',
  'rds:DescribeDBInstances', 'rds:DescribeDBClusters',
  'dynamodb:ListTables', 'dynamodb:DescribeTable', 'dynamodb:DescribeContinuousBackups', 'dynamodb:ListTagsOfResource',
  'elasticfilesystem:DescribeFileSystems',
  'organizations:DescribeOrganization', 'organizations:ListAccounts', 'organizations:ListPolicies',
  'organizations:DescribePolicy', 'organizations:ListTargetsForPolicy', 'organizations:ListParents',
] as const;

/** IAM actions, sorted; sts:GetCallerIdentity needs none and is left out. */
export const COLLECTOR_PERMISSIONS: readonly string[] = [
  ...new Set(COLLECTOR_APIS.filter((a) => a !== 'sts:GetCallerIdentity').map(permissionFor)),
].sort();
