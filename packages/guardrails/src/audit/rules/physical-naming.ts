import { COMPLIANT, NOT_APPLICABLE, ResourceRule, nonCompliant } from '../rule';

/** The property holding the physical name, per type. */
export const NAME_PROPERTIES: Readonly<Record<string, string>> = {
  'AWS::S3::Bucket': 'BucketName',
  'AWS::DynamoDB::Table': 'TableName',
  'AWS::SQS::Queue': 'QueueName',
  'AWS::SNS::Topic': 'TopicName',
  'AWS::Lambda::Function': 'FunctionName',
  'AWS::IAM::Role': 'RoleName',
  'AWS::Logs::LogGroup': 'LogGroupName',
  'AWS::KMS::Alias': 'AliasName',
  'AWS::StepFunctions::StateMachine': 'StateMachineName',
  'AWS::Events::EventBus': 'Name',
  'AWS::CloudWatch::Alarm': 'AlarmName',
  'AWS::SecretsManager::Secret': 'Name',
  'AWS::SSM::Parameter': 'Name',
};

/** The naming prefix of a stack: its first two dash-separated words (`aad-dev` for `aad-dev-detector`). */
export function namingPrefix(stackName: string): string {
  const words = stackName.split('-');
  return words.length >= 3 ? words.slice(0, 2).join('-') : words[0];
}

/** Low: an explicit physical name that does not carry the environment's prefix. */
export const physicalNaming: ResourceRule = {
  id: 'physical-naming',
  title: 'Physical names carry the environment prefix',
  severity: 'Low',
  scope: 'resource',
  checklist: 'Audit template risk scoring: inconsistent naming (Low)',
  remediation:
    'Name resources `<resourcePrefix>-<purpose>` from config (or let CloudFormation name them); never derive names from display strings.',
  resourceTypes: Object.keys(NAME_PROPERTIES),
  check(resource, { stack }) {
    const name = resource.Properties?.[NAME_PROPERTIES[resource.Type]];
    if (typeof name !== 'string') return NOT_APPLICABLE;
    const prefix = namingPrefix(stack.stackName).toLowerCase();
    // `/aad/dev/…` (SSM hierarchies, log group paths) and `aad_dev_…` carry the prefix too.
    return name.toLowerCase().replace(/[/_.]/g, '-').includes(prefix)
      ? COMPLIANT
      : nonCompliant(`name '${name}' does not contain the prefix '${prefix}'`);
  },
};
