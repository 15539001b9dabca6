import { Aws } from 'aws-cdk-lib';
import * as budgets from 'aws-cdk-lib/aws-budgets';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { InvalidPropError } from '../errors';
import { DetectorKeys } from '../keys/detector-keys';
import { validateResourceName } from '../validation';

/** Properties of {@link CostBudget}. */
export interface CostBudgetProps {
  /** Budget name. */
  readonly budgetName: string;
  /** Monthly limit in USD (`budget.monthlyUsd`). */
  readonly monthlyUsd: number;
  /** Topic notified at 80 % of actual and 100 % of forecast spend. */
  readonly alertsTopic: sns.ITopic;
  /**
   * Key of the alerts topic (AWS Budgets must be allowed to use it).
   * @default - the topic is not encrypted with a key this construct manages
   */
  readonly topicKey?: kms.IKey;
}

/**
 * A monthly AWS Budgets cost budget for the environment: notifications to
 * the alerts topic at 80 % of actual and 100 % of forecasted spend.
 */
export class CostBudget extends Construct {
  public readonly budget: budgets.CfnBudget;

  constructor(scope: Construct, id: string, props: CostBudgetProps) {
    super(scope, id);
    validateResourceName('budgetName', props.budgetName);
    if (!(props.monthlyUsd > 0)) {
      throw new InvalidPropError('monthlyUsd', 'a positive amount in USD', props.monthlyUsd);
    }
    const fromThisAccount = { StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID } };
    props.alertsTopic.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AllowBudgets',
        principals: [new iam.ServicePrincipal('budgets.amazonaws.com')],
        actions: ['sns:Publish'],
        resources: [props.alertsTopic.topicArn],
        conditions: fromThisAccount,
      }),
    );
    if (props.topicKey) {
      DetectorKeys.allowService(props.topicKey, 'AllowBudgetsToAlertsTopic', 'budgets.amazonaws.com', fromThisAccount);
    }
    const subscribers = [{ subscriptionType: 'SNS', address: props.alertsTopic.topicArn }];
    this.budget = new budgets.CfnBudget(this, 'Budget', {
      budget: {
        budgetName: props.budgetName,
        budgetType: 'COST',
        timeUnit: 'MONTHLY',
        budgetLimit: { amount: props.monthlyUsd, unit: 'USD' },
      },
      notificationsWithSubscribers: [
        {
          notification: {
            notificationType: 'ACTUAL',
            comparisonOperator: 'GREATER_THAN',
            threshold: 80,
            thresholdType: 'PERCENTAGE',
          },
          subscribers,
        },
        {
          notification: {
            notificationType: 'FORECASTED',
            comparisonOperator: 'GREATER_THAN',
            threshold: 100,
            thresholdType: 'PERCENTAGE',
          },
          subscribers,
        },
      ],
    });
  }
}
