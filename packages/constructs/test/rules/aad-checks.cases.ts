import { App, Stack, Validations } from 'aws-cdk-lib';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { AadChecks, aadRules } from '../../src';

describe('AadChecks', () => {
  it('reports findings as AAD-<rule> on their construct paths and honours acknowledgements', () => {
    const app = new App();
    const s = new Stack(app, 'S');
    new sqs.Queue(s, 'Q');
    const acked = new sqs.Queue(s, 'Acked');
    Validations.of(acked).acknowledge({ id: 'AAD-CustomerManagedKeyEncryption', reason: 'test' });
    const report = new AadChecks(undefined, { requiredTags: [] }).validateScope(s);
    const rules = report.violations.map((v) => v.ruleName).sort();
    expect(rules).toEqual(['AAD-CustomerManagedKeyEncryption', 'AAD-QueueHasDeadLetterQueue']);
    const cmk = report.violations.find((v) => v.ruleName === 'AAD-CustomerManagedKeyEncryption')!;
    expect(cmk.violatingResources.map((r) => r.constructPath)).toEqual(['S/Q/Resource']);
  });

  it('has one rule per file with an id, info and explanation', () => {
    const rules = aadRules();
    expect(rules.map((r) => r.id)).toEqual([
      'IamSensitiveActionOnWildcard',
      'IamWildcardResourceAllowlist',
      'CustomerManagedKeyEncryption',
      'RequiredTags',
      'QueueHasDeadLetterQueue',
      'AsyncFunctionHasDeadLetter',
      'LambdaInsideVpc',
    ]);
    for (const r of rules) expect(r.info.length * r.explanation.length).toBeGreaterThan(0);
  });
});
