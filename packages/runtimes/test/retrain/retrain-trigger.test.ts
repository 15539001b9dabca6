import { Metrics } from '@aws-lambda-powertools/metrics';
import { SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import type { SNSEvent } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { createLogger } from '../../src/observability';
import { RetrainTrigger, executionName, parseAlarm } from '../../src/retrain';
import { captureOutput, OutputCapture } from '../_helpers/capture';

const sfn = mockClient(SFNClient);
const ARN = 'arn:aws:states:us-east-1:111111111111:stateMachine:aad-dev-retrain';
const alarm = (state = 'ALARM', time = '2026-11-20T10:15:00.123+0000') => ({
  AlarmName: 'aad-dev-anomaly-rate',
  AlarmArn: 'arn:aws:cloudwatch:us-east-1:111111111111:alarm:aad-dev-anomaly-rate',
  NewStateValue: state,
  NewStateReason: 'Threshold Crossed',
  StateChangeTime: time,
});
const sns = (message: object, id = 'sns-1'): SNSEvent => ({
  Records: [
    {
      EventSource: 'aws:sns',
      EventVersion: '1.0',
      EventSubscriptionArn: 'arn',
      Sns: { MessageId: id, Message: JSON.stringify(message) } as SNSEvent['Records'][number]['Sns'],
    },
  ],
});

describe('RetrainTrigger', () => {
  let out: OutputCapture;
  beforeEach(() => {
    sfn.reset();
    out = captureOutput();
  });
  afterEach(() => out.restore());
  const trigger = (): RetrainTrigger =>
    new RetrainTrigger(new SFNClient({}), ARN, createLogger('t'), new Metrics({ namespace: 'AAD', serviceName: 't' }), {
      sleep: async () => undefined,
    });

  it('starts the retrain execution with an idempotent name and the alarm as input', async () => {
    sfn.on(StartExecutionCommand).resolves({ executionArn: 'arn:exec', startDate: new Date() });
    await expect(trigger().handle(sns(alarm()))).resolves.toEqual(['started']);
    const input = sfn.commandCalls(StartExecutionCommand)[0].args[0].input;
    expect(input).toEqual({
      stateMachineArn: ARN,
      name: executionName(alarm()),
      input: JSON.stringify({
        trigger: 'anomaly-rate-alarm',
        alarmName: 'aad-dev-anomaly-rate',
        stateChangeTime: '2026-11-20T10:15:00.123+0000',
        reason: 'Threshold Crossed',
      }),
    });
    expect(input.name).toMatch(/^retrain-20261120T101500Z-[0-9a-f]{16}$/);
  });

  it('starts nothing new on a duplicate SNS delivery', async () => {
    sfn
      .on(StartExecutionCommand)
      .resolvesOnce({ executionArn: 'arn:exec', startDate: new Date() })
      .rejects(Object.assign(new Error('exists'), { name: 'ExecutionAlreadyExists' }));
    const t = trigger();
    expect(await t.handle(sns(alarm(), 'a'))).toEqual(['started']);
    expect(await t.handle(sns(alarm(), 'b'))).toEqual(['duplicate']);
    const names = sfn.commandCalls(StartExecutionCommand).map((c) => c.args[0].input.name);
    expect(new Set(names).size).toBe(1);
    expect(out.metric('RetrainStarted')).toBe(1);
  });

  it('gives another alarm transition another name', () => {
    expect(executionName(alarm('ALARM', '2026-11-21T10:15:00.000+0000'))).not.toBe(executionName(alarm()));
    expect(executionName(alarm()).length).toBeLessThanOrEqual(80);
  });

  it('ignores a transition back to OK', async () => {
    await expect(trigger().handle(sns(alarm('OK')))).resolves.toEqual(['ignored']);
    expect(sfn.commandCalls(StartExecutionCommand)).toHaveLength(0);
  });

  it('retries a throttled start', async () => {
    sfn
      .on(StartExecutionCommand)
      .rejectsOnce(Object.assign(new Error('slow'), { name: 'ThrottlingException' }))
      .resolves({ executionArn: 'arn:exec', startDate: new Date() });
    await expect(trigger().handle(sns(alarm()))).resolves.toEqual(['started']);
  });

  it.each([
    ['not json', 'SNS message is not JSON'],
    [JSON.stringify({ hello: 1 }), 'SNS message is not a CloudWatch alarm notification'],
  ])('rejects message %s', (message, error) => {
    expect(() => parseAlarm(message)).toThrow(error);
  });
});
