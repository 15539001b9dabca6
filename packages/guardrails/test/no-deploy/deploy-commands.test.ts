import { hasAllowCheck, hasApplyCheck, matchDeployCommand } from '../../src/no-deploy';

describe('matchDeployCommand', () => {
  it.each([
    ['cdk deploy --all', 'cdk-deploy'],
    ['npx cdk deploy', 'cdk-deploy'],
    ['npx -y aws-cdk@2 --app cdk.out deploy MyStack', 'cdk-deploy'],
    ['pnpm exec cdk destroy -f', 'cdk-destroy'],
    ['AWS_PROFILE=dev cdk deploy', 'cdk-deploy'],
    ['aws cloudformation deploy --template-file t.yml --stack-name s', 'aws-cloudformation-deploy'],
    ['aws --region us-east-1 cloudformation create-stack --stack-name s', 'aws-cloudformation-create'],
    ['aws cloudformation update-stack --stack-name s', 'aws-cloudformation-update'],
    ['aws cloudformation delete-stack --stack-name s', 'aws-cloudformation-delete'],
    ['aws proton create-environment-template --name t', 'aws-proton-create'],
    ['aws proton update-environment-template-version --status PUBLISHED', 'aws-proton-update'],
    ['sam deploy --guided', 'sam-deploy'],
    ['terraform apply -auto-approve', 'terraform-apply'],
    ['aws s3 cp model.zip s3://bucket/model.zip', 'aws-s3-upload'],
    ['aws s3 sync ./dist s3://bucket/prefix', 'aws-s3-upload'],
    ['aws --profile dev s3 cp a.txt s3://b/a.txt', 'aws-s3-upload'],
  ])('recognizes %s', (segment, kind) => {
    expect(matchDeployCommand(segment)?.kind).toBe(kind);
  });

  it.each([
    'cdk synth',
    'cdk diff',
    'echo cdk deploy is forbidden',
    'aws cloudformation describe-stacks',
    'aws proton list-environment-templates',
    'aws s3 cp s3://bucket/key ./local.txt',
    'aws s3 ls s3://bucket',
    'terraform plan',
    'sam build',
    'aad-guard deploy --env dev',
    'git push',
  ])('ignores %s', (segment) => {
    expect(matchDeployCommand(segment)).toBeUndefined();
  });
});

describe('gate checks', () => {
  it.each([
    '[ "$ALLOW_AWS_DEPLOY" = 1 ]',
    '[ "${ALLOW_AWS_DEPLOY:-0}" = "1" ]',
    'test "$ALLOW_AWS_DEPLOY" -eq 1',
    "env.ALLOW_AWS_DEPLOY == '1'",
    "process.env.ALLOW_AWS_DEPLOY === '1'",
  ])('accepts the comparison %s', (text) => {
    expect(hasAllowCheck(text)).toBe(true);
  });

  it.each(['ALLOW_AWS_DEPLOY=1 cdk deploy', 'export ALLOW_AWS_DEPLOY=1', 'ALLOW_AWS_DEPLOY'])(
    'does not take the assignment %s for a check',
    (text) => {
      expect(hasAllowCheck(text)).toBe(false);
    },
  );

  it('recognizes the --apply flag but not a longer option', () => {
    expect(hasApplyCheck('[ "$1" = --apply ]')).toBe(true);
    expect(hasApplyCheck('--apply-later')).toBe(false);
  });
});
