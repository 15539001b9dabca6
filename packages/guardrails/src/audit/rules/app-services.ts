import { CloudAssembly, StackTemplate } from '../../assembly/cloud-assembly';
import { GlobalIssue, GlobalRule } from '../rule';
import { namingPrefix } from './physical-naming';

/** Stacks grouped by environment (naming prefix), so dev and prod are judged apart. */
export function environmentGroups(assembly: CloudAssembly): Map<string, StackTemplate[]> {
  const groups = new Map<string, StackTemplate[]>();
  for (const stack of assembly.stacks) {
    const key = namingPrefix(stack.stackName);
    groups.set(key, [...(groups.get(key) ?? []), stack]);
  }
  return groups;
}

function presenceRule(meta: Omit<GlobalRule, 'scope' | 'check'>, types: readonly string[], what: string): GlobalRule {
  return {
    ...meta,
    scope: 'app',
    check({ assembly }) {
      const issues: GlobalIssue[] = [];
      for (const [env, stacks] of environmentGroups(assembly)) {
        const found = stacks.some((s) => Object.values(s.resources).some((r) => types.includes(r.Type)));
        if (!found) {
          issues.push({ stack: stacks.map((s) => s.stackName).join(', '), reason: `${env}: ${what}` });
        }
      }
      return issues;
    },
  };
}

/** Medium: an environment without a cost budget. */
export const budgetDefined = presenceRule(
  {
    id: 'budget-defined',
    title: 'Each environment defines a cost budget',
    severity: 'Medium',
    checklist: 'Audit template: no budget (Medium); FinOps: budgets and alerts per env',
    remediation:
      'Add an AWS::Budgets::Budget from config budget.monthlyUsd with an alert to the alerts topic (or document the organization-level budget and acknowledge).',
  },
  ['AWS::Budgets::Budget'],
  'no AWS::Budgets::Budget in any stack',
);

/** Medium: an environment without a CloudTrail trail or event data store. */
export const cloudTrailEnabled = presenceRule(
  {
    id: 'cloudtrail-enabled',
    title: 'Each environment records API activity in CloudTrail',
    severity: 'Medium',
    checklist: 'Platform checklist: CloudTrail enabled and shipped to S3; mandates: audit path assurance',
    remediation: 'Enable features.cloudTrail (a trail with log file validation to the raw log bucket).',
  },
  ['AWS::CloudTrail::Trail', 'AWS::CloudTrail::EventDataStore'],
  'no CloudTrail trail or event data store',
);

/** Medium: an environment without an AWS Config recorder. */
export const configRecorder = presenceRule(
  {
    id: 'config-recorder',
    title: 'Each environment records configuration in AWS Config',
    severity: 'Medium',
    checklist: 'Platform services: AWS Config recorder, delivery channel and a rule pack',
    remediation:
      'Enable features.config (recorder + delivery channel to an encrypted bucket), or rely on an organization recorder and acknowledge.',
  },
  ['AWS::Config::ConfigurationRecorder'],
  'no AWS Config configuration recorder',
);
