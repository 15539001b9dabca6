import { App, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { DetectorKeys } from '../../src';

describe('DetectorKeys', () => {
  it('creates rotating customer-managed keys with aliases under the prefix', () => {
    // Prepare
    const stack = new Stack(new App(), 'S');
    // Act
    new DetectorKeys(stack, 'Keys', { aliasPrefix: 'aad-test' });
    // Assess
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::KMS::Key', 2);
    template.allResourcesProperties('AWS::KMS::Key', { EnableKeyRotation: true, RotationPeriodInDays: 365 });
    template.hasResourceProperties('AWS::KMS::Alias', { AliasName: 'alias/aad-test/logs' });
    template.hasResourceProperties('AWS::KMS::Alias', { AliasName: 'alias/aad-test/data' });
    template.allResources('AWS::KMS::Key', { DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
  });

  it('honours an explicit removal policy', () => {
    const stack = new Stack(new App(), 'S');
    new DetectorKeys(stack, 'Keys', { aliasPrefix: 'aad-test', removalPolicy: RemovalPolicy.DESTROY });
    Template.fromStack(stack).allResources('AWS::KMS::Key', { DeletionPolicy: 'Delete' });
  });

  it.each(['', 'has space', 'x'.repeat(201)])('rejects the alias prefix %j', (prefix) => {
    const stack = new Stack(new App(), 'S');
    expect(() => new DetectorKeys(stack, 'Keys', { aliasPrefix: prefix })).toThrow(
      `\`aliasPrefix\` must be 1-200 letters, digits, '/', '_' or '-', received '${prefix}'`,
    );
  });

  it('has no key policy statement other than the account root', () => {
    const stack = new Stack(new App(), 'S');
    new DetectorKeys(stack, 'Keys', { aliasPrefix: 'aad-test' });
    Template.fromStack(stack).allResourcesProperties('AWS::KMS::Key', {
      KeyPolicy: { Statement: [Match.objectLike({ Principal: { AWS: Match.anyValue() } })] },
    });
  });
});
