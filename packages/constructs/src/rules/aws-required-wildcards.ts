/**
 * Actions AWS only authorizes on `Resource: "*"` (no resource-level
 * permissions), with the documented reason. A statement on `*` passes the
 * allowlist rule only when every action is listed here.
 */
export const AWS_REQUIRED_WILDCARD_ACTIONS: Readonly<Record<string, string>> = {
  'ec2:DescribeNetworkInterfaces':
    'List/Describe API without resource-level permissions (Lambda and SageMaker VPC networking)',
  'ec2:DescribeSubnets': 'List/Describe API without resource-level permissions',
  'ec2:DescribeVpcs': 'List/Describe API without resource-level permissions',
  'ec2:DescribeSecurityGroups': 'List/Describe API without resource-level permissions',
  'ec2:DescribeDhcpOptions': 'List/Describe API without resource-level permissions (SageMaker VPC networking)',
  'ec2:DescribeVpcEndpoints': 'List/Describe API without resource-level permissions',
  'xray:PutTraceSegments': 'X-Ray has no resource-level permissions for trace upload',
  'xray:PutTelemetryRecords': 'X-Ray has no resource-level permissions for telemetry upload',
  'xray:GetSamplingRules': 'X-Ray sampling rules are read account-wide',
  'xray:GetSamplingTargets': 'X-Ray sampling targets are read account-wide',
  'logs:CreateLogDelivery': 'CloudWatch Logs vended log delivery API has no resource types (Step Functions logging)',
  'logs:GetLogDelivery': 'CloudWatch Logs vended log delivery API has no resource types',
  'logs:UpdateLogDelivery': 'CloudWatch Logs vended log delivery API has no resource types',
  'logs:ListLogDeliveries': 'CloudWatch Logs vended log delivery API has no resource types',
  'logs:DescribeResourcePolicies': 'List/Describe API without resource-level permissions',
  'logs:DescribeLogGroups': 'List/Describe API without resource-level permissions',
  'ecr:GetAuthorizationToken': 'ECR registry authentication has no resource-level permissions',
  'cloudwatch:PutMetricData':
    'CloudWatch metrics have no resource-level permissions (scoped by namespace condition where used)',
  'cloudtrail:LookupEvents': 'CloudTrail event history has no resource-level permissions',
};
