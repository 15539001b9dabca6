import { Match } from 'aws-cdk-lib/assertions';
import { resources, synthesized } from '../_helpers/stacks';

function definitionText(name: string): string {
  const template = synthesized('aad-dev-detector');
  const machine = Object.values(resources(template)).find(
    (r) => r.Type === 'AWS::StepFunctions::StateMachine' && r.Properties?.StateMachineName === name,
  )!;
  // The definition is a Fn::Join of escaped JSON: drop the escapes to search it.
  return JSON.stringify(machine.Properties!.DefinitionString).replace(/\\/g, '');
}

describe('DetectionWorkflows', () => {
  it('detection: ingestion → extraction and scoring → alert, Retry on throttling, Catch to the DLQ', () => {
    const text = definitionText('aad-dev-detection');
    expect(text).toContain('"StartAt":"Ingestion"');
    for (const state of [
      '"Ingestion"',
      '"ExtractionAndScoring"',
      '"Scoring"',
      '"Alert"',
      '"DetectionPreserveInDeadLetterQueue"',
      '"DetectionFailed"',
    ]) {
      expect(text).toContain(state);
    }
    expect(text).toContain('"Retry":[{"ErrorEquals":["Lambda.TooManyRequestsException"');
    expect(text).toContain(
      '"Catch":[{"ErrorEquals":["States.ALL"],"ResultPath":"$.error","Next":"DetectionPreserveInDeadLetterQueue"}]',
    );
    expect(text).toContain('"InputPath":"$.request"');
    expect(text).toContain('{"Variable":"$.result.alerted","NumericGreaterThan":0}');
    expect(text).toContain(':states:::sqs:sendMessage');
  });

  it.each(['aad-dev-detection', 'aad-dev-backfill', 'aad-dev-retrain'])(
    '%s logs ALL with execution data to an encrypted group, with X-Ray',
    (name) => {
      const template = synthesized('aad-dev-detector');
      template.hasResourceProperties('AWS::StepFunctions::StateMachine', {
        StateMachineName: name,
        TracingConfiguration: { Enabled: true },
        LoggingConfiguration: {
          Level: 'ALL',
          IncludeExecutionData: true,
          Destinations: [{ CloudWatchLogsLogGroup: { LogGroupArn: Match.anyValue() } }],
        },
      });
      template.hasResourceProperties('AWS::Logs::LogGroup', {
        LogGroupName: `/aad/aad-dev/states/${name.replace('aad-dev-', '')}`,
        KmsKeyId: Match.anyValue(),
        RetentionInDays: 30,
      });
    },
  );

  it('backfill: a Distributed Map over an S3 prefix with bounded concurrency and express children', () => {
    const text = definitionText('aad-dev-backfill');
    expect(text).toContain('"Type":"Map"');
    expect(text).toContain('"Mode":"DISTRIBUTED","ExecutionType":"EXPRESS"');
    expect(text).toContain(':states:::s3:listObjectsV2');
    expect(text).toContain('"Prefix.$":"$.prefix"');
    expect(text).toContain('"MaxConcurrency":10');
    expect(text).toContain('"key.$":"$$.Map.Item.Value.Key"');
  });

  it('retrain: starts the backfill over recent logs and notifies the alerts topic', () => {
    const text = definitionText('aad-dev-retrain');
    expect(text).toContain(':states:::states:startExecution');
    expect(text).toContain('NotifyRetrainStarted');
    expect(text).toContain('NotifyRetrainFailed');
  });

  it('grants state machines no log administration: the log delivery resource policy is in the template', () => {
    const template = synthesized('aad-dev-detector');
    const text = JSON.stringify(template.toJSON());
    expect(text).not.toContain('logs:PutResourcePolicy');
    expect(text).not.toContain('logs:DeleteLogDelivery');
    template.hasResourceProperties('AWS::Logs::ResourcePolicy', { PolicyName: 'aad-dev-workflow-log-delivery' });
    template.resourceCountIs('AWS::IAM::Policy', 0);
  });
});
