import { refTarget } from '../../assembly/template';
import { COMPLIANT, ResourceRule, nonCompliant } from '../rule';

const BLOCKS = ['BlockPublicAcls', 'BlockPublicPolicy', 'IgnorePublicAcls', 'RestrictPublicBuckets'] as const;

interface Statement {
  readonly Effect?: string;
  readonly Principal?: unknown;
  readonly Condition?: unknown;
}

function isPublicPrincipal(principal: unknown): boolean {
  if (principal === '*') return true;
  if (typeof principal === 'object' && principal !== null) {
    const aws = (principal as { AWS?: unknown }).AWS;
    return aws === '*' || (Array.isArray(aws) && aws.includes('*'));
  }
  return false;
}

/** Critical: a bucket that is, or can become, public. */
export const s3PublicAccess: ResourceRule = {
  id: 's3-public-access',
  title: 'S3 bucket blocks all public access',
  severity: 'Critical',
  scope: 'resource',
  checklist: 'Audit template risk scoring: public S3 buckets (Critical); platform checklist: prevent public S3',
  remediation:
    'Set all four PublicAccessBlockConfiguration flags to true (CDK: blockPublicAccess: BlockPublicAccess.BLOCK_ALL), drop public ACLs and any Allow statement for Principal "*" without a condition.',
  resourceTypes: ['AWS::S3::Bucket'],
  check(resource, { stack, logicalId }) {
    const props = resource.Properties ?? {};
    const acl = props.AccessControl;
    if (typeof acl === 'string' && /^Public/.test(acl)) return nonCompliant(`AccessControl is ${acl}`);
    const block = (props.PublicAccessBlockConfiguration ?? {}) as Record<string, unknown>;
    const open = BLOCKS.filter((flag) => block[flag] !== true && block[flag] !== 'true');
    if (open.length > 0) return nonCompliant(`PublicAccessBlockConfiguration does not set ${open.join(', ')} to true`);
    for (const policy of Object.values(stack.resources)) {
      if (policy.Type !== 'AWS::S3::BucketPolicy' || refTarget(policy.Properties?.Bucket) !== logicalId) continue;
      const statements = (policy.Properties?.PolicyDocument as { Statement?: Statement[] } | undefined)?.Statement;
      for (const s of statements ?? []) {
        if (s.Effect === 'Allow' && isPublicPrincipal(s.Principal) && s.Condition === undefined) {
          return nonCompliant('its bucket policy allows Principal "*" without a condition');
        }
      }
    }
    return COMPLIANT;
  },
};
