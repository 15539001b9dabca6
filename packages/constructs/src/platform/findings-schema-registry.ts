import * as eventschemas from 'aws-cdk-lib/aws-eventschemas';
import { Construct } from 'constructs';
import { findingEventSchemaDraft4 } from '../runtime-contracts';
import { validateResourceName } from '../validation';

/** Properties of {@link FindingsSchemaRegistry}. */
export interface FindingsSchemaRegistryProps {
  /** Deploy the module (`features.schemaRegistry`). */
  readonly enabled: boolean;
  /** Registry name. */
  readonly registryName: string;
}

/**
 * EventBridge Schema Registry with the findings event contract (JSON Schema
 * draft 4 of the `@aad/runtimes` finding event), so consumers generate code
 * bindings and contract drift is visible.
 */
export class FindingsSchemaRegistry extends Construct {
  public readonly enabled: boolean;
  public readonly registry?: eventschemas.CfnRegistry;
  public readonly schema?: eventschemas.CfnSchema;

  constructor(scope: Construct, id: string, props: FindingsSchemaRegistryProps) {
    super(scope, id);
    this.enabled = props.enabled;
    validateResourceName('registryName', props.registryName);
    if (!props.enabled) return;
    this.registry = new eventschemas.CfnRegistry(this, 'Registry', {
      registryName: props.registryName,
      description: 'Access Anomaly Detector event contracts',
    });
    this.schema = new eventschemas.CfnSchema(this, 'FindingSchema', {
      registryName: props.registryName,
      schemaName: 'aad.detector@AADFinding',
      type: 'JSONSchemaDraft4',
      description: 'AAD Finding event (schema_version 1)',
      content: JSON.stringify(findingEventSchemaDraft4()),
    });
    this.schema.node.addDependency(this.registry);
  }
}
