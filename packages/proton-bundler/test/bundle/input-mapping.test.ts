import { CfnParameter, applyPlaceholders, inputPlaceholder, mapParameters, toInputName } from '../../src';

describe('toInputName', () => {
  it.each([
    ['EnableSageMakerEndpoint', 'enable_sage_maker_endpoint'],
    ['VPCId', 'vpc_id'],
    ['S3Prefix', 's3_prefix'],
    ['TeamName', 'team_name'],
    ['Batch2Size', 'batch2_size'],
  ])('%s → %s', (parameter, expected) => {
    expect(toInputName(parameter)).toBe(expected);
  });
});

describe('mapParameters', () => {
  it('maps types, defaults and constraints to schema inputs', () => {
    // Prepare
    const parameters: Record<string, CfnParameter> = {
      Name: { Type: 'String', AllowedPattern: '^[a-z]+$', MinLength: 1, MaxLength: 20, Description: ' The name ' },
      Size: { Type: 'Number', Default: '10', MinValue: 1, MaxValue: 100, AllowedValues: ['10', '20'] },
      Ids: { Type: 'List<Number>', Default: '1,2' },
      Subnets: { Type: 'List<AWS::EC2::Subnet::Id>' },
      Empty: { Type: 'CommaDelimitedList', Default: '' },
      Vpc: { Type: 'AWS::EC2::VPC::Id', Default: 'vpc-1' },
    };
    // Act
    const { inputs } = mapParameters('s', parameters, 'environment');
    // Assess
    expect(inputs).toEqual([
      {
        name: 'name',
        parameter: 'Name',
        type: 'string',
        required: true,
        description: 'The name',
        pattern: '^[a-z]+$',
        minLength: 1,
        maxLength: 20,
      },
      {
        name: 'size',
        parameter: 'Size',
        type: 'number',
        required: false,
        default: 10,
        description: 'CloudFormation parameter Size (Number)',
        enum: [10, 20],
        minimum: 1,
        maximum: 100,
      },
      {
        name: 'ids',
        parameter: 'Ids',
        type: 'array',
        items: 'number',
        required: false,
        default: [1, 2],
        description: 'CloudFormation parameter Ids (List<Number>)',
      },
      {
        name: 'subnets',
        parameter: 'Subnets',
        type: 'array',
        items: 'string',
        required: true,
        description: 'CloudFormation parameter Subnets (List<AWS::EC2::Subnet::Id>)',
      },
      {
        name: 'empty',
        parameter: 'Empty',
        type: 'array',
        items: 'string',
        required: false,
        default: [],
        description: 'CloudFormation parameter Empty (CommaDelimitedList)',
      },
      {
        name: 'vpc',
        parameter: 'Vpc',
        type: 'string',
        required: false,
        default: 'vpc-1',
        description: 'CloudFormation parameter Vpc (AWS::EC2::VPC::Id)',
      },
    ]);
  });

  it('binds a service parameter named like an environment output instead of making it an input', () => {
    const mapping = mapParameters(
      's',
      { AlertsTopicArn: { Type: 'String' }, Team: { Type: 'String' } },
      'service',
      new Set(['AlertsTopicArn']),
    );
    expect(mapping.environmentOutputs).toEqual([{ parameter: 'AlertsTopicArn', output: 'AlertsTopicArn' }]);
    expect(mapping.inputs.map((i) => i.name)).toEqual(['team']);
  });

  it('keeps environment parameters as inputs even if named like an output', () => {
    const mapping = mapParameters('s', { X: { Type: 'String' } }, 'environment', new Set(['X']));
    expect(mapping.inputs.map((i) => i.name)).toEqual(['x']);
  });

  it('rejects two parameters that map to the same input name', () => {
    expect(() => mapParameters('stk', { VpcId: { Type: 'String' }, VPCId: { Type: 'String' } }, 'environment')).toThrow(
      "stk: Parameters.VPCId and Parameters.VpcId both map to the input 'vpc_id'; rename one",
    );
  });

  it('rejects a Number default that is not a number', () => {
    expect(() => mapParameters('stk', { N: { Type: 'Number', Default: 'ten' } }, 'environment')).toThrow(
      "stk: Parameters.N.Default must be a number, received 'ten'",
    );
  });
});

describe('placeholders', () => {
  it('joins arrays back into a comma-delimited list and writes placeholders into the defaults', () => {
    const mapping = mapParameters(
      's',
      { L: { Type: 'CommaDelimitedList' }, S: { Type: 'String', Default: 'a' } },
      'service',
    );
    expect(inputPlaceholder('service', mapping.inputs[0])).toBe("{{ service_instance.inputs.l | join(',') }}");
    const out = applyPlaceholders(
      { Parameters: { L: { Type: 'CommaDelimitedList' }, S: { Type: 'String', Default: 'a' } } },
      mapping,
      'service',
    );
    expect(out.Parameters).toEqual({
      L: { Type: 'CommaDelimitedList', Default: "{{ service_instance.inputs.l | join(',') }}" },
      S: { Type: 'String', Default: '{{ service_instance.inputs.s }}' },
    });
  });
});
