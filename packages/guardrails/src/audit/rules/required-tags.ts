import { tagsOf } from '../../assembly/template';
import { COMPLIANT, NOT_APPLICABLE, ResourceRule, nonCompliant } from '../rule';

/** Tags every taggable resource carries by default (the delivery checklist's App, Env, CostCenter). */
export const DEFAULT_REQUIRED_TAGS: readonly string[] = ['Application', 'Environment', 'CostCenter'];

/** Types whose CloudFormation schema has `Tags`: a missing `Tags` property there is a finding. */
export const TAGGABLE_TYPES: readonly string[] = [
  'AWS::S3::Bucket',
  'AWS::DynamoDB::Table',
  'AWS::SQS::Queue',
  'AWS::SNS::Topic',
  'AWS::Lambda::Function',
  'AWS::IAM::Role',
  'AWS::KMS::Key',
  'AWS::Logs::LogGroup',
  'AWS::EC2::VPC',
  'AWS::EC2::Subnet',
  'AWS::EC2::SecurityGroup',
  'AWS::StepFunctions::StateMachine',
  'AWS::SecretsManager::Secret',
  'AWS::CloudTrail::Trail',
  'AWS::Kinesis::Stream',
  'AWS::RDS::DBInstance',
];

/** Medium: a taggable resource without the required tags. */
export function requiredTagsRule(required: readonly string[] = DEFAULT_REQUIRED_TAGS): ResourceRule {
  return {
    id: 'required-tags',
    title: `Taggable resources carry ${required.join(', ')}`,
    severity: 'Medium',
    scope: 'resource',
    checklist: 'Audit template: missing tags (Medium); delivery checklist: tag every resource (App, Env, CostCenter)',
    remediation: 'Tag the stack once (CDK: Tags.of(stack).add(key, value)) from the environment configuration.',
    resourceTypes: ['*'],
    check(resource) {
      const tags = tagsOf(resource);
      if (tags === undefined && !TAGGABLE_TYPES.includes(resource.Type)) return NOT_APPLICABLE;
      const missing = required.filter((k) => !tags?.has(k));
      return missing.length === 0 ? COMPLIANT : nonCompliant(`missing tag(s) ${missing.join(', ')}`);
    },
  };
}

export const requiredTags = requiredTagsRule();
