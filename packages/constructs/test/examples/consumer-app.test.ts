import { join } from 'node:path';
import { Template } from 'aws-cdk-lib/assertions';
import { buildConsumerApp } from '../../examples/consumer-app/app';
import { checkScope } from '../../src';

describe('examples/consumer-app', () => {
  it('builds the detector in the team VPC with the team key, clean under every pack', () => {
    // Prepare
    const { app, stack } = buildConsumerApp(join(__dirname, '..', '..', 'examples', 'consumer-app', 'cdk.out'));
    void app;
    // Act
    const template = Template.fromStack(stack);
    const { findings } = checkScope(stack);
    // Assess
    template.resourceCountIs('AWS::EC2::VPC', 0);
    template.resourceCountIs('AWS::KMS::Key', 0);
    template.hasResourceProperties('AWS::Lambda::Function', {
      VpcConfig: { SubnetIds: ['subnet-0a1b2c3d4e5f60711', 'subnet-0a1b2c3d4e5f60722'] },
    });
    template.hasResourceProperties('AWS::SNS::Topic', { TopicName: 'sec-team-anomaly-alerts' });
    expect(findings).toEqual([]);
  });
});
