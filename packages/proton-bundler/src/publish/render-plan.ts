import { PublishPlan } from './publish-plan';

/** Quotes one word for bash; `${NAME}` (a captured value) stays a double-quoted expansion. */
export function shellQuote(word: string): string {
  if (/^\$\{[A-Z0-9_]+\}$/.test(word)) return `"${word}"`;
  if (/^[A-Za-z0-9_/.:=@%+,-]+$/.test(word)) return word;
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

const TARGET_TITLE = { proton: 'AWS Proton', 'service-catalog': 'AWS Service Catalog' } as const;

/**
 * The plan as a bash script. It is gated itself: it exits unless run with
 * `--apply` and `ALLOW_AWS_DEPLOY=1`, so a saved copy cannot publish by
 * accident (and passes the repository's no-deploy lock).
 */
export function renderShell(plan: PublishPlan): string {
  const lines = [
    '#!/usr/bin/env bash',
    '# Publish plan printed by `proton-bundle publish --dry-run`. Nothing was sent to AWS.',
    `# ${plan.notice}`,
    `# Bucket: ${plan.bucket}; Region: ${plan.region}; run from the directory proton-bundle ran in.`,
    '# Review every command. To run them, save this script and run: ALLOW_AWS_DEPLOY=1 bash publish.sh --apply',
    'set -euo pipefail',
    '',
    '[ "${1:-}" = "--apply" ] || { echo "dry run: review this plan, then run it with --apply and ALLOW_AWS_DEPLOY=1" >&2; exit 1; }',
    '[ "${ALLOW_AWS_DEPLOY:-0}" = 1 ] || { echo "refused: set ALLOW_AWS_DEPLOY=1 to publish" >&2; exit 1; }',
  ];
  let heading = '';
  plan.steps.forEach((step, i) => {
    const title = `${TARGET_TITLE[step.target]}: ${step.template} ${step.version}`;
    if (title !== heading) {
      lines.push('', `# --- ${title}`);
      heading = title;
    }
    const command = step.argv.map(shellQuote).join(' ');
    lines.push(`# ${i + 1}. ${step.comment}`);
    if (step.captureAs) {
      lines.push(`${step.captureAs}="$(${command})"`, `echo "${step.captureAs}=\${${step.captureAs}}"`);
    } else {
      lines.push(command);
    }
  });
  lines.push('', `echo "published ${plan.objects.length} object(s) in ${plan.steps.length} step(s)"`, '');
  return lines.join('\n');
}

/** The plan as stable JSON (2-space indent, final newline). */
export function renderPlanJson(plan: PublishPlan): string {
  return `${JSON.stringify({ dryRun: true, ...plan }, null, 2)}\n`;
}
