import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileKindOf, scanRepository, scanText } from '../../src/no-deploy';

const REPO_ROOT = join(__dirname, '..', '..', '..', '..');

function repoWith(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'aad-no-deploy-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

describe('scanRepository', () => {
  it('passes on the real repository tree', () => {
    // Act
    const report = scanRepository(REPO_ROOT);
    // Assess
    expect(report.violations).toEqual([]);
    expect(report.filesScanned).toEqual(
      expect.arrayContaining(['package.json', '.projen/tasks.json', '.github/workflows/build.yml', '.ci/run']),
    );
  });

  it('catches a planted deploy command with file and line', () => {
    // Prepare
    const root = repoWith({
      'scripts/release.sh': '#!/bin/sh\nset -e\nnpx cdk deploy --all --require-approval never\n',
    });
    // Act
    const report = scanRepository(root);
    // Assess
    expect(report.violations).toEqual([
      {
        file: 'scripts/release.sh',
        line: 3,
        kind: 'cdk-deploy',
        summary: 'cdk deploy',
        text: 'npx cdk deploy --all --require-approval never',
      },
    ]);
  });

  it('skips dependencies and build output', () => {
    const root = repoWith({
      'node_modules/x/run.sh': 'cdk deploy\n',
      'lib/run.sh': 'cdk deploy\n',
      'cdk.out/a.sh': 'cdk deploy\n',
    });
    expect(scanRepository(root).violations).toEqual([]);
  });

  it('catches a deploy in a package.json script with its line', () => {
    const root = repoWith({
      'package.json': '{\n  "scripts": {\n    "build": "tsc",\n    "ship": "tsc && cdk deploy"\n  }\n}\n',
    });
    expect(scanRepository(root).violations.map((v) => `${v.file}:${v.line}:${v.kind}`)).toEqual([
      'package.json:4:cdk-deploy',
    ]);
  });

  it('catches a deploy in a projen task and honours a task condition', () => {
    const tasks = {
      tasks: {
        ship: { name: 'ship', steps: [{ exec: 'cdk deploy' }] },
        gated: {
          name: 'gated',
          condition: '[ "$ALLOW_AWS_DEPLOY" = 1 ] && [ "$1" = --apply ]',
          steps: [{ exec: 'cdk deploy' }],
        },
      },
    };
    const root = repoWith({ '.projen/tasks.json': JSON.stringify(tasks, null, 2) });
    const report = scanRepository(root);
    expect(report.violations.map((v) => `${v.file}:${v.line}`)).toEqual(['.projen/tasks.json:7']);
    expect(report.gated).toBe(1);
  });
});

describe('scanText verdicts', () => {
  it.each<[string, string, 'shell' | 'script' | 'workflow', number]>([
    ['ungated shell line', 'cdk deploy\n', 'shell', 1],
    ['inline assignment is not a gate', 'ALLOW_AWS_DEPLOY=1 cdk deploy --apply\n', 'shell', 1],
    ['&& chain with both checks', '[ "$ALLOW_AWS_DEPLOY" = 1 ] && [ "$1" = --apply ] && cdk deploy\n', 'shell', 0],
    ['&& chain with only the variable', '[ "$ALLOW_AWS_DEPLOY" = 1 ] && cdk deploy\n', 'shell', 1],
    [
      'if block with both checks',
      'if [ "$ALLOW_AWS_DEPLOY" = 1 ] && [ "$1" = "--apply" ]; then\n  cdk deploy\nfi\n',
      'shell',
      0,
    ],
    [
      'else branch of the gate',
      'if [ "$ALLOW_AWS_DEPLOY" = 1 ] && [ "$1" = "--apply" ]; then\n  echo ok\nelse\n  cdk deploy\nfi\n',
      'shell',
      1,
    ],
    [
      'after the if block ends',
      'if [ "$ALLOW_AWS_DEPLOY" = 1 ] && [ "$1" = "--apply" ]; then\n  echo ok\nfi\ncdk deploy\n',
      'shell',
      1,
    ],
    [
      'guard lines that exit',
      '[ "${ALLOW_AWS_DEPLOY:-0}" = 1 ] || exit 1\n[ "$1" = --apply ] || exit 1\naws s3 sync dist s3://b/p\n',
      'shell',
      0,
    ],
    ['commented-out command', '# cdk deploy\n', 'shell', 0],
    ['line continuation', 'npx cdk \\\n  deploy\n', 'shell', 1],
    ['script spawn with array words', "spawnSync('cdk', ['deploy', '--all']);\n", 'script', 1],
    [
      'script inside a gated if block',
      "if (process.env.ALLOW_AWS_DEPLOY === '1' && argv.includes('--apply')) {\n  spawnSync('cdk', ['deploy']);\n}\n",
      'script',
      0,
    ],
    [
      'workflow run step',
      'jobs:\n  d:\n    steps:\n      - run: |\n          echo hi\n          cdk deploy\n',
      'workflow',
      1,
    ],
    [
      'workflow step gated by if',
      "jobs:\n  d:\n    steps:\n      - if: env.ALLOW_AWS_DEPLOY == '1' && inputs.apply\n        run: cdk deploy\n",
      'workflow',
      0,
    ],
  ])('%s', (_name, text, kind, expected) => {
    expect(scanText(text, 'f', kind).violations).toHaveLength(expected);
  });

  it('reports the line inside a workflow block scalar', () => {
    const text = 'jobs:\n  d:\n    steps:\n      - run: |\n          echo hi\n          cdk deploy\n';
    expect(scanText(text, 'w.yml', 'workflow').violations[0].line).toBe(6);
  });
});

describe('fileKindOf', () => {
  it.each([
    ['package.json', 'package-json'],
    ['packages/core/package.json', 'package-json'],
    ['.projen/tasks.json', 'projen-tasks'],
    ['.github/workflows/build.yml', 'workflow'],
    ['.ci/run', 'shell'],
    ['scripts/x.sh', 'shell'],
    ['Makefile', 'shell'],
    ['scripts/publish.ts', 'script'],
    ['src/deploy.ts', undefined],
    ['docs/runbooks/deploy.md', undefined],
  ])('classifies %s as %s', (path, kind) => {
    expect(fileKindOf(path)).toBe(kind);
  });
});
