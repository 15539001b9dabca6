import { CfnResource } from 'aws-cdk-lib';
import { NagMessageLevel, NagPack, NagPackProps, NagRuleResult } from 'cdk-nag';
import { IConstruct } from 'constructs';
import { asyncFunctionHasDeadLetter } from './async-function-has-dead-letter';
import { customerManagedKeyEncryption } from './customer-managed-key-encryption';
import { iamSensitiveActionOnWildcard } from './iam-sensitive-action-on-wildcard';
import { iamWildcardResourceAllowlist } from './iam-wildcard-resource-allowlist';
import { lambdaInsideVpc } from './lambda-inside-vpc';
import { queueHasDeadLetterQueue } from './queue-has-dead-letter-queue';
import { REQUIRED_TAG_KEYS, requiredTags } from './required-tags';

/** One rule of the AAD pack: id suffix, messages and the check. */
export interface AadRule {
  /** Suffix of the rule id: `AAD-<suffix>`. */
  readonly id: string;
  readonly info: string;
  readonly explanation: string;
  readonly check: (node: CfnResource) => NagRuleResult;
}

/** Properties of {@link AadChecks}. */
export interface AadChecksProps extends NagPackProps {
  /**
   * Tag keys every taggable resource must carry.
   * @default ['Application', 'Environment', 'CostCenter']
   */
  readonly requiredTags?: readonly string[];
}

/** The rules of the AAD pack, one per file in `src/rules/`. */
export function aadRules(requiredTagKeys: readonly string[] = REQUIRED_TAG_KEYS): AadRule[] {
  return [
    {
      id: 'IamSensitiveActionOnWildcard',
      info: 'An identity policy grants a sensitive action (iam, kms, log administration, ...) on Resource "*".',
      explanation: 'Sensitive actions must name their resources; see SENSITIVE_ACTIONS for each reason.',
      check: iamSensitiveActionOnWildcard,
    },
    {
      id: 'IamWildcardResourceAllowlist',
      info: 'An identity policy grants an action on Resource "*" that AWS allows to scope to resources.',
      explanation: 'Only actions AWS authorizes on "*" alone (AWS_REQUIRED_WILDCARD_ACTIONS, with reasons) may use it.',
      check: iamWildcardResourceAllowlist,
    },
    {
      id: 'CustomerManagedKeyEncryption',
      info: 'The S3 bucket, SQS queue, SNS topic, DynamoDB table or log group is not encrypted with a customer-managed KMS key.',
      explanation: 'Every data store of the detector uses a CMK (rotation, key policy, audit of every use).',
      check: customerManagedKeyEncryption,
    },
    {
      id: 'RequiredTags',
      info: `A taggable resource lacks one of the tags ${requiredTagKeys.join(', ')}.`,
      explanation: 'Tags drive cost allocation, ownership and tag-based access conditions.',
      check: (node) => requiredTags(node, requiredTagKeys),
    },
    {
      id: 'QueueHasDeadLetterQueue',
      info: 'The SQS queue has no dead-letter queue and is not one.',
      explanation: 'Messages that cannot be processed must be kept for inspection, never dropped.',
      check: queueHasDeadLetterQueue,
    },
    {
      id: 'AsyncFunctionHasDeadLetter',
      info: 'The function is invoked asynchronously but has neither a dead-letter queue nor an on-failure destination.',
      explanation: 'Failed asynchronous events are lost after retries unless they land somewhere.',
      check: asyncFunctionHasDeadLetter,
    },
    {
      id: 'LambdaInsideVpc',
      info: 'The function does not run in VPC subnets.',
      explanation: 'All detector compute is VPC-only: private subnets, no internet route, VPC endpoints.',
      check: lambdaInsideVpc,
    },
  ];
}

/**
 * The Access Anomaly Detector's own rule pack (plugin name `AAD`), run like
 * the cdk-nag packs: `Validations.of(app).addPlugins(new AadChecks(app))`, or
 * `new AadChecks().validateScope(stack)` in tests. Acknowledge a finding with
 * `AAD::AAD-<rule>[…]`.
 */
export class AadChecks extends NagPack {
  public readonly name = 'AAD';
  private readonly rules: AadRule[];

  constructor(scope?: IConstruct, props: AadChecksProps = {}) {
    super(scope, props);
    this.packName = 'AAD';
    this.rules = aadRules(props.requiredTags);
  }

  protected checkResource(node: CfnResource): void {
    for (const rule of this.rules) {
      this.applyRule({
        ruleSuffixOverride: rule.id,
        info: rule.info,
        explanation: rule.explanation,
        level: NagMessageLevel.ERROR,
        rule: rule.check,
        node,
      });
    }
  }
}
