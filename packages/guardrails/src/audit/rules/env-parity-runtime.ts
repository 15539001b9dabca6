import { CfnResource, StackTemplate } from '../../assembly/cloud-assembly';
import { cdkPath } from '../../assembly/template';
import { GlobalIssue, GlobalRule, HandlerEnvironment } from '../rule';
import { environmentGroups } from './app-services';

function squash(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/** The handler a function runs, matched by name in its construct path, logical id or description. */
export function handlerOf(
  logicalId: string,
  fn: CfnResource,
  handlers: readonly HandlerEnvironment[],
): HandlerEnvironment | undefined {
  const haystack = squash(`${cdkPath(fn) ?? ''} ${logicalId} ${String(fn.Properties?.Description ?? '')}`);
  // Longest name first, so `retrain-trigger` wins over a shorter name it contains.
  return [...handlers]
    .sort((a, b) => b.handler.length - a.handler.length)
    .find((h) => haystack.includes(squash(h.handler)));
}

/** Every deployed function of each handler, per stack. */
export function deployedHandlers(
  stacks: readonly StackTemplate[],
  handlers: readonly HandlerEnvironment[],
): { stack: StackTemplate; logicalId: string; fn: CfnResource; handler: HandlerEnvironment }[] {
  const out = [];
  for (const stack of stacks) {
    for (const [logicalId, fn] of Object.entries(stack.resources)) {
      if (fn.Type !== 'AWS::Lambda::Function') continue;
      const handler = handlerOf(logicalId, fn, handlers);
      if (handler) out.push({ stack, logicalId, fn, handler });
    }
  }
  return out;
}

/** High: a function that does not set a variable its handler reads (it fails at cold start). */
export const envParityRuntime: GlobalRule = {
  id: 'env-parity-runtime',
  title: 'Every environment variable the runtimes read is set on the function',
  severity: 'High',
  scope: 'repository',
  checklist: 'Audit template 2.3 / 13.4: env parity check and env var linter',
  remediation:
    'Set the variable in the construct from the handler contract (HANDLERS in packages/runtimes/src/handler-contract.ts), or mark it optional there.',
  check({ assembly, repository }) {
    const handlers = repository?.handlerEnvironments;
    if (!handlers) return undefined;
    const issues: GlobalIssue[] = [];
    for (const stacks of environmentGroups(assembly).values()) {
      for (const { stack, logicalId, fn, handler } of deployedHandlers(stacks, handlers)) {
        const set = Object.keys(
          (fn.Properties?.Environment as { Variables?: Record<string, unknown> } | undefined)?.Variables ?? {},
        );
        const missing = handler.variables.filter((v) => !set.includes(v));
        if (missing.length > 0) {
          issues.push({
            stack: stack.stackName,
            logicalId,
            file: handler.source,
            reason: `runs handler '${handler.handler}' but does not set ${missing.join(', ')}`,
          });
        }
      }
    }
    return issues;
  },
};
