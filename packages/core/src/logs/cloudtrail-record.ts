/**
 * A CloudTrail event as AWS writes it (one element of `Records`, one JSON
 * Lines entry, or the `detail` of an EventBridge envelope). Every field is
 * optional: real recordings and fragments omit many of them, and a parser
 * must accept partial records and say what is missing.
 */
export interface CloudTrailRecord {
  readonly eventVersion?: string;
  readonly eventTime?: string;
  readonly eventSource?: string;
  readonly eventName?: string;
  readonly eventID?: string;
  readonly eventType?: string;
  readonly awsRegion?: string;
  readonly sourceIPAddress?: string;
  readonly userAgent?: string;
  readonly errorCode?: string;
  readonly errorMessage?: string;
  readonly readOnly?: boolean;
  readonly recipientAccountId?: string;
  readonly vpcEndpointId?: string;
  readonly userIdentity?: CloudTrailUserIdentity;
  readonly requestParameters?: Readonly<Record<string, unknown>> | null;
  readonly responseElements?: Readonly<Record<string, unknown>> | null;
  readonly additionalEventData?: Readonly<Record<string, unknown>> | null;
  readonly resources?: readonly { readonly ARN?: string; readonly accountId?: string; readonly type?: string }[];
  readonly [field: string]: unknown;
}

/** `userIdentity` of a CloudTrail event (partial, as recorded). */
export interface CloudTrailUserIdentity {
  readonly type?: string;
  readonly principalId?: string;
  readonly arn?: string;
  readonly accountId?: string;
  readonly accessKeyId?: string;
  readonly userName?: string;
  readonly invokedBy?: string;
  readonly sessionContext?: {
    readonly sessionIssuer?: {
      readonly type?: string;
      readonly arn?: string;
      readonly userName?: string;
      readonly accountId?: string;
    };
    readonly attributes?: { readonly mfaAuthenticated?: string; readonly creationDate?: string };
    readonly [field: string]: unknown;
  };
  readonly [field: string]: unknown;
}
