import { CfnResource, Stack, Stage, Validations } from 'aws-cdk-lib';
import {
  AwsSolutionsChecks,
  HIPAASecurityChecks,
  NIST80053R5Checks,
  NagPack,
  PCIDSS321Checks,
  ServerlessChecks,
} from 'cdk-nag';
import { IConstruct } from 'constructs';
import { GuardValidator } from './guard-validator';
import { AadChecks } from '../rules/aad-checks';

/** The cdk-nag packs (and our own) every stack is checked with. */
export function nagPacks(scope?: IConstruct): NagPack[] {
  return [
    new AwsSolutionsChecks(scope),
    new NIST80053R5Checks(scope),
    new HIPAASecurityChecks(scope),
    new PCIDSS321Checks(scope),
    new ServerlessChecks(scope),
    new AadChecks(scope),
  ];
}

/**
 * Attaches every policy pack to a Stage or App as CDK validation plugins:
 * the cdk-nag packs, the AAD pack and cfn-guard (the Control Tower proactive
 * controls bundled in `@cdklabs/cdk-validator-cfnguard`, run offline). Any unacknowledged finding fails
 * `synth()`; the report is `<outdir>/validation-report.json`.
 */
export function attachPolicyPacks(stage: Stage): void {
  Validations.of(stage).addPlugins(...nagPacks(stage), new GuardValidator());
}

/** One finding of a pack. */
export interface PolicyFinding {
  readonly plugin: string;
  readonly rule: string;
  readonly path: string;
  readonly description: string;
}

/** A finding that an acknowledgement suppressed, with its reason. */
export interface AcknowledgedFinding extends PolicyFinding {
  readonly reason: string;
  readonly acknowledgedAt: string;
}

/** Result of {@link checkScope}. */
export interface ScopeCheck {
  readonly findings: PolicyFinding[];
  readonly acknowledged: AcknowledgedFinding[];
}

const ACK_KEY = Validations.ACKNOWLEDGED_RULES_METADATA_KEY;

/**
 * Runs the cdk-nag packs and the AAD pack on a construct tree without a full
 * synthesis (fast; used by unit tests) and applies `<plugin>::<rule>`
 * acknowledgements the way synthesis does. Call it after the tree was
 * synthesized once (`Template.fromStack`) so tag and boundary aspects ran.
 */
export function checkScope(scope: IConstruct, packs: NagPack[] = nagPacks()): ScopeCheck {
  const byPath = new Map<string, IConstruct>(scope.node.findAll().map((c) => [c.node.path, c]));
  const findings: PolicyFinding[] = [];
  const acknowledged: AcknowledgedFinding[] = [];
  for (const pack of packs) {
    const report = pack.validateScope(scope);
    for (const violation of report.violations) {
      for (const resource of violation.violatingResources) {
        const finding = {
          plugin: pack.name,
          rule: violation.ruleName,
          path: resource.constructPath ?? '',
          description: violation.description,
        };
        const ack = findAcknowledgement(byPath.get(finding.path), `${pack.name}::${violation.ruleName}`);
        if (ack) acknowledged.push({ ...finding, ...ack });
        else findings.push(finding);
      }
    }
  }
  return { findings, acknowledged };
}

function findAcknowledgement(
  node: IConstruct | undefined,
  id: string,
): { reason: string; acknowledgedAt: string } | undefined {
  for (let current = node; current; current = current.node.scope) {
    for (const entry of current.node.metadata) {
      if (entry.type !== ACK_KEY || !entry.data) continue;
      const reason = (entry.data as Record<string, string>)[id];
      if (reason !== undefined) return { reason, acknowledgedAt: current.node.path };
    }
  }
  return undefined;
}

/**
 * Runs cfn-guard ({@link GuardValidator}) on a stack's synthesized template
 * and applies `cdk-validator-cfnguard::<rule>` acknowledgements the way
 * synthesis does. Synthesizes the stack's stage if needed.
 */
export function checkGuard(stack: Stack, validator: GuardValidator = new GuardValidator()): ScopeCheck {
  const stage = Stage.of(stack);
  if (!stage) throw new Error(`stack ${stack.node.path} is not in a Stage or App`);
  const assembly = stage.synth();
  const templatePath = assembly.getStackArtifact(stack.artifactId).templateFullPath;
  const report = validator.validate({ templatePaths: [templatePath], appConstruct: stage });
  const byLogicalId = new Map<string, IConstruct>();
  for (const node of stack.node.findAll()) {
    if (CfnResource.isCfnResource(node)) byLogicalId.set(stack.resolve(node.logicalId) as string, node);
  }
  const findings: PolicyFinding[] = [];
  const acknowledged: AcknowledgedFinding[] = [];
  for (const violation of report.violations) {
    for (const resource of violation.violatingResources) {
      const node = byLogicalId.get(resource.resourceLogicalId);
      const finding = {
        plugin: validator.name,
        rule: violation.ruleName,
        path: node?.node.path ?? resource.resourceLogicalId,
        description: violation.description,
      };
      const ack = findAcknowledgement(node, `${validator.name}::${violation.ruleName}`);
      if (ack) acknowledged.push({ ...finding, ...ack });
      else findings.push(finding);
    }
  }
  return { findings, acknowledged };
}
