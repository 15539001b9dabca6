/**
 * Recognizes deploy commands in one shell command segment (no `&&`, `|`, `;`).
 * Works on words, not on a loose regex over the line, so flags between the
 * tool and its verb (`cdk --app cdk.out deploy`) are still caught and
 * `aws s3 cp` is only a deploy when its destination is `s3://`.
 */

/** A deploy command found in a segment. */
export interface DeployCommandMatch {
  /** Stable id of the kind of command, e.g. `cdk-deploy`, `aws-s3-upload`. */
  readonly kind: string;
  /** The words that matched, e.g. `cdk deploy`. */
  readonly summary: string;
}

const WRAPPERS = new Set([
  'npx',
  'pnpm',
  'yarn',
  'npm',
  'exec',
  'dlx',
  'sudo',
  'time',
  'env',
  'command',
  'run',
  'bunx',
]);

/** Splits a segment into words, dropping quotes; `$(` and backticks are treated as separators by the caller. */
export function words(segment: string): string[] {
  return (segment.match(/"[^"]*"|'[^']*'|\S+/g) ?? []).map((w) => w.replace(/^["']|["']$/g, ''));
}

/** Splits a command line into segments at `&&`, `||`, `;`, `|`, `$(`, backticks and parentheses. */
export function segments(line: string): string[] {
  return line
    .split(/&&|\|\||;|\||\$\(|`|\(|\)/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

/** The program word: strips env assignments, package-runner wrappers and version suffixes (`aws-cdk@2`). */
function programIndex(ws: readonly string[]): number {
  let i = 0;
  while (i < ws.length && (/^[A-Za-z_][A-Za-z0-9_]*=/.test(ws[i]) || WRAPPERS.has(ws[i]) || ws[i].startsWith('-'))) i++;
  return i;
}

function bare(word: string): string {
  return word.replace(/@[^/]*$/, '').replace(/^.*\//, '');
}

const AWS_VERBS: Record<string, RegExp> = {
  cloudformation:
    /^(deploy|create-stack|update-stack|delete-stack|execute-change-set|create-stack-set|update-stack-set|delete-stack-set)$/,
  proton: /^(create-|update-|delete-)/,
};

/** Returns the deploy command in `segment`, if any. */
export function matchDeployCommand(segment: string): DeployCommandMatch | undefined {
  const ws = words(segment);
  const start = programIndex(ws);
  if (start >= ws.length) return undefined;
  const program = bare(ws[start]);
  const rest = ws.slice(start + 1);
  const positional = rest.filter((w) => !w.startsWith('-'));

  if (program === 'cdk' || program === 'aws-cdk') {
    const verb = positional.find((w) => w === 'deploy' || w === 'destroy');
    return verb ? { kind: `cdk-${verb}`, summary: `cdk ${verb}` } : undefined;
  }
  if (program === 'sam') {
    const verb = positional[0];
    return verb === 'deploy' || verb === 'delete' ? { kind: `sam-${verb}`, summary: `sam ${verb}` } : undefined;
  }
  if (program === 'terraform' || program === 'tofu') {
    const verb = positional.find((w) => w === 'apply' || w === 'destroy');
    return verb ? { kind: `terraform-${verb}`, summary: `${program} ${verb}` } : undefined;
  }
  if (program === 'aws') {
    // Skip global options and their values (`--profile x`, `--region y`).
    const args: string[] = [];
    for (let i = 0; i < rest.length; i++) {
      if (rest[i].startsWith('--')) {
        if (!rest[i].includes('=') && i + 1 < rest.length && !rest[i + 1].startsWith('-') && args.length < 2) i++;
        continue;
      }
      args.push(rest[i]);
    }
    const [service, verb] = args;
    if (service && verb && AWS_VERBS[service]?.test(verb)) {
      return { kind: `aws-${service}-${verb.replace(/-.*$/, '')}`, summary: `aws ${service} ${verb}` };
    }
    if (service === 's3' && (verb === 'cp' || verb === 'sync' || verb === 'mv')) {
      const destination = args[args.length - 1];
      if (args.length >= 4 && destination.startsWith('s3://')) {
        return { kind: 'aws-s3-upload', summary: `aws s3 ${verb} … ${destination}` };
      }
    }
    if (service === 's3' && (verb === 'rm' || verb === 'rb') && args.some((a) => a.startsWith('s3://'))) {
      return { kind: 'aws-s3-delete', summary: `aws s3 ${verb}` };
    }
  }
  return undefined;
}

/** True when `text` compares ALLOW_AWS_DEPLOY with 1 (an inline assignment `ALLOW_AWS_DEPLOY=1 cmd` is not a check). */
export function hasAllowCheck(text: string): boolean {
  return /ALLOW_AWS_DEPLOY(?::-[^}]*)?\}?["']?\s+(?:={1,3}|-eq)\s*["']?1\b/.test(text);
}

/** True when `text` checks for the explicit `--apply` flag (or a workflow `apply` input). */
export function hasApplyCheck(text: string): boolean {
  return /(^|[^\w-])--apply(?![\w-])/.test(text) || /\binputs\.apply\b/.test(text);
}
