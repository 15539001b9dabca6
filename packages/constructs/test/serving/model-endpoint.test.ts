import { resources, synthesized } from '../_helpers/stacks';

describe('ModelEndpoint', () => {
  it('is gated by the EnableSageMakerEndpoint parameter and condition, defaulting to the config flag', () => {
    const json = synthesized('aad-dev-detector').toJSON();
    expect(json.Parameters.EnableSageMakerEndpoint).toEqual({
      Type: 'String',
      Default: 'false',
      AllowedValues: ['true', 'false'],
      Description: 'Create the SageMaker model endpoint (instances are billed while it exists)',
    });
    expect(json.Conditions.SageMakerEndpointEnabled).toEqual({
      'Fn::Equals': [{ Ref: 'EnableSageMakerEndpoint' }, 'true'],
    });
    expect(json.Rules.SageMakerImageRequired.RuleCondition).toEqual({
      'Fn::Equals': [{ Ref: 'EnableSageMakerEndpoint' }, 'true'],
    });
  });

  it('synthesizes every endpoint resource under the condition (and nothing else)', () => {
    const all = resources(synthesized('aad-dev-detector'));
    const gated = Object.values(all).filter((r) => r.Condition === 'SageMakerEndpointEnabled');
    const types = new Set(gated.map((r) => r.Type));
    for (const t of [
      'AWS::SageMaker::Model',
      'AWS::SageMaker::EndpointConfig',
      'AWS::SageMaker::Endpoint',
      'AWS::IAM::Role',
      'AWS::EC2::VPCEndpoint',
    ]) {
      expect(types).toContain(t);
    }
    for (const r of Object.values(all).filter((x) => x.Type.startsWith('AWS::SageMaker::'))) {
      expect(r.Condition).toBe('SageMakerEndpointEnabled');
    }
  });

  it('serves from the VPC with network isolation and a KMS-encrypted endpoint configuration', () => {
    const all = Object.values(resources(synthesized('aad-dev-detector')));
    const model = all.find((r) => r.Type === 'AWS::SageMaker::Model')!;
    expect(model.Properties).toMatchObject({
      EnableNetworkIsolation: true,
      PrimaryContainer: { Image: { Ref: 'SageMakerImageUri' }, Mode: 'SingleModel' },
      VpcConfig: { Subnets: expect.any(Array), SecurityGroupIds: expect.any(Array) },
    });
    const config = all.find((r) => r.Type === 'AWS::SageMaker::EndpointConfig')!;
    expect(config.Properties).toMatchObject({
      KmsKeyId: expect.anything(),
      ProductionVariants: [
        { VariantName: 'primary', InstanceType: { Ref: 'SageMakerInstanceType' }, InitialInstanceCount: 2 },
      ],
    });
  });

  it('defaults EnableSageMakerEndpoint to true when the config flag is on', () => {
    const template = synthesized('aad-prod-detector');
    expect(template.toJSON().Parameters.EnableSageMakerEndpoint.Default).toBe('false');
  });
});
