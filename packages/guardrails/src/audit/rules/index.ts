import { AuditRule } from '../rule';
import { budgetDefined, cloudTrailEnabled, configRecorder } from './app-services';
import { dataStoreEncryption } from './data-store-encryption';
import { databaseMultiAz } from './database-multi-az';
import { envParityConfigDocs } from './env-parity-config-docs';
import { envParityRuntime } from './env-parity-runtime';
import { iamPermissionBoundary } from './iam-permission-boundary';
import { iamWildcardSensitive } from './iam-wildcard-sensitive';
import { kmsCmk } from './kms-cmk';
import { lambdaAsyncDlq } from './lambda-async-dlq';
import { lambdaInVpc } from './lambda-in-vpc';
import { logRetention } from './log-retention';
import { messagingEncryption } from './messaging-encryption';
import { networkMultiAz } from './network-multi-az';
import { physicalNaming } from './physical-naming';
import { requiredTags } from './required-tags';
import { s3AccessLogging } from './s3-access-logging';
import { s3Lifecycle } from './s3-lifecycle';
import { s3PublicAccess } from './s3-public-access';
import { s3TlsOnly } from './s3-tls-only';
import { s3Versioning } from './s3-versioning';
import { sqsDlq } from './sqs-dlq';
import { tableBackups } from './table-backups';
import { unpinnedWorkflowAction } from './unpinned-workflow-action';

/** Every audit rule, most severe first. docs/audit-rules.md lists the same set (a test compares them). */
export const ALL_RULES: readonly AuditRule[] = [
  s3PublicAccess,
  dataStoreEncryption,
  iamWildcardSensitive,
  tableBackups,
  databaseMultiAz,
  sqsDlq,
  lambdaAsyncDlq,
  iamPermissionBoundary,
  networkMultiAz,
  kmsCmk,
  messagingEncryption,
  envParityRuntime,
  requiredTags,
  logRetention,
  s3Versioning,
  s3AccessLogging,
  s3Lifecycle,
  s3TlsOnly,
  lambdaInVpc,
  budgetDefined,
  cloudTrailEnabled,
  configRecorder,
  unpinnedWorkflowAction,
  envParityConfigDocs,
  physicalNaming,
];

export {
  budgetDefined,
  cloudTrailEnabled,
  configRecorder,
  dataStoreEncryption,
  databaseMultiAz,
  envParityConfigDocs,
  envParityRuntime,
  iamPermissionBoundary,
  iamWildcardSensitive,
  kmsCmk,
  lambdaAsyncDlq,
  lambdaInVpc,
  logRetention,
  messagingEncryption,
  networkMultiAz,
  physicalNaming,
  requiredTags,
  s3AccessLogging,
  s3Lifecycle,
  s3PublicAccess,
  s3TlsOnly,
  s3Versioning,
  sqsDlq,
  tableBackups,
  unpinnedWorkflowAction,
};
