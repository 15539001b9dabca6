#!/usr/bin/env bash
# Publish plan printed by `proton-bundle publish --dry-run`. Nothing was sent to AWS.
# AWS Proton reached end of support on 2026-10-07: the Proton commands are kept for existing accounts; the AWS Service Catalog target publishes the same templates (see docs/adr/0007-proton-and-service-catalog.md).
# Bucket: aad-templates-111111111111; Region: us-east-1; run from the directory proton-bundle ran in.
# Review every command. To run them, save this script and run: ALLOW_AWS_DEPLOY=1 bash publish.sh --apply
set -euo pipefail

[ "${1:-}" = "--apply" ] || { echo "dry run: review this plan, then run it with --apply and ALLOW_AWS_DEPLOY=1" >&2; exit 1; }
[ "${ALLOW_AWS_DEPLOY:-0}" = 1 ] || { echo "refused: set ALLOW_AWS_DEPLOY=1 to publish" >&2; exit 1; }

# --- AWS Proton: aad-dev-detector 1.0
# 1. upload the environment template bundle (sha256 4a30e49ae8fae2c5bd1d07957eae936736ff2d9f8c8d212afbf7e2b840821bd4)
aws --region us-east-1 s3 cp dist/proton/aad-dev-detector.tar.gz s3://aad-templates-111111111111/aad-templates/proton/aad-dev-detector/1.0/4a30e49ae8fae2c5bd1d07957eae936736ff2d9f8c8d212afbf7e2b840821bd4.tar.gz
# 2. register the environment template
aws --region us-east-1 proton create-environment-template --name aad-dev-detector --display-name aad-dev-detector --description 'Access Anomaly Detector (dev)'
# 3. create version 1.0 from the bundle (Proton numbers versions itself: expect 1.0, as the lock file says)
aws --region us-east-1 proton create-environment-template-version --template-name aad-dev-detector --description 'aad-dev-detector 1.0 (bundle sha256 4a30e49ae8fa)' --source 's3={bucket=aad-templates-111111111111,key=aad-templates/proton/aad-dev-detector/1.0/4a30e49ae8fae2c5bd1d07957eae936736ff2d9f8c8d212afbf7e2b840821bd4.tar.gz}'
# 4. wait until Proton has registered the version
aws --region us-east-1 proton wait environment-template-version-registered --template-name aad-dev-detector --major-version 1 --minor-version 0
# 5. publish the version so environments and services can use it
aws --region us-east-1 proton update-environment-template-version --template-name aad-dev-detector --major-version 1 --minor-version 0 --status PUBLISHED

# --- AWS Proton: aad-dev-team-pipeline 1.0
# 6. upload the service template bundle (sha256 4bcde395766b21a8a26aae79dcac1f2bda4f3fadff9775d45b51cdaa2b3da1a4)
aws --region us-east-1 s3 cp dist/proton/aad-dev-team-pipeline.tar.gz s3://aad-templates-111111111111/aad-templates/proton/aad-dev-team-pipeline/1.0/4bcde395766b21a8a26aae79dcac1f2bda4f3fadff9775d45b51cdaa2b3da1a4.tar.gz
# 7. register the service template (no --pipeline-provisioning: the bundle has no pipeline)
aws --region us-east-1 proton create-service-template --name aad-dev-team-pipeline --display-name aad-dev-team-pipeline --description 'Access Anomaly Detector (dev): per-team enrichment pipeline'
# 8. create version 1.0 from the bundle (Proton numbers versions itself: expect 1.0, as the lock file says)
aws --region us-east-1 proton create-service-template-version --template-name aad-dev-team-pipeline --description 'aad-dev-team-pipeline 1.0 (bundle sha256 4bcde395766b)' --source 's3={bucket=aad-templates-111111111111,key=aad-templates/proton/aad-dev-team-pipeline/1.0/4bcde395766b21a8a26aae79dcac1f2bda4f3fadff9775d45b51cdaa2b3da1a4.tar.gz}' --compatible-environment-templates templateName=aad-dev-detector,majorVersion=1
# 9. wait until Proton has registered the version
aws --region us-east-1 proton wait service-template-version-registered --template-name aad-dev-team-pipeline --major-version 1 --minor-version 0
# 10. publish the version so environments and services can use it
aws --region us-east-1 proton update-service-template-version --template-name aad-dev-team-pipeline --major-version 1 --minor-version 0 --status PUBLISHED

# --- AWS Service Catalog: aad-dev-detector 1.0
# 11. upload the CloudFormation template (sha256 7235574cf923c00d29d733f23694b6dfcd907ce3e621041e16fff9def575970e)
aws --region us-east-1 s3 cp dist/proton/service-catalog/aad-dev-detector.template.yaml s3://aad-templates-111111111111/aad-templates/service-catalog/aad-dev-detector/1.0/7235574cf923c00d29d733f23694b6dfcd907ce3e621041e16fff9def575970e.template.yaml
# 12. create the product with provisioning artifact 1.0; then associate it with your portfolio (aws servicecatalog associate-product-with-portfolio --product-id "$PRODUCT_ID_AAD_DEV_DETECTOR" --portfolio-id <id>)
PRODUCT_ID_AAD_DEV_DETECTOR="$(aws --region us-east-1 servicecatalog create-product --name aad-dev-detector --owner 'Access Anomaly Detector platform team' --description 'Access Anomaly Detector (dev)' --product-type CLOUD_FORMATION_TEMPLATE --provisioning-artifact-parameters '{"Name":"1.0","Description":"aad-dev-detector 1.0 (template sha256 7235574cf923)","Info":{"LoadTemplateFromURL":"https://aad-templates-111111111111.s3.us-east-1.amazonaws.com/aad-templates/service-catalog/aad-dev-detector/1.0/7235574cf923c00d29d733f23694b6dfcd907ce3e621041e16fff9def575970e.template.yaml"},"Type":"CLOUD_FORMATION_TEMPLATE","DisableTemplateValidation":false}' --idempotency-token aad-dev-detector-1-0-7235574cf923c00d --query ProductViewDetail.ProductViewSummary.ProductId --output text)"
echo "PRODUCT_ID_AAD_DEV_DETECTOR=${PRODUCT_ID_AAD_DEV_DETECTOR}"

# --- AWS Service Catalog: aad-dev-team-pipeline 1.0
# 13. upload the CloudFormation template (sha256 4e393ebd75cef2be8438b6e169fdff0a5b511aec8952740726499d7ced03053a)
aws --region us-east-1 s3 cp dist/proton/service-catalog/aad-dev-team-pipeline.template.yaml s3://aad-templates-111111111111/aad-templates/service-catalog/aad-dev-team-pipeline/1.0/4e393ebd75cef2be8438b6e169fdff0a5b511aec8952740726499d7ced03053a.template.yaml
# 14. create the product with provisioning artifact 1.0; then associate it with your portfolio (aws servicecatalog associate-product-with-portfolio --product-id "$PRODUCT_ID_AAD_DEV_TEAM_PIPELINE" --portfolio-id <id>)
PRODUCT_ID_AAD_DEV_TEAM_PIPELINE="$(aws --region us-east-1 servicecatalog create-product --name aad-dev-team-pipeline --owner 'Access Anomaly Detector platform team' --description 'Access Anomaly Detector (dev): per-team enrichment pipeline' --product-type CLOUD_FORMATION_TEMPLATE --provisioning-artifact-parameters '{"Name":"1.0","Description":"aad-dev-team-pipeline 1.0 (template sha256 4e393ebd75ce)","Info":{"LoadTemplateFromURL":"https://aad-templates-111111111111.s3.us-east-1.amazonaws.com/aad-templates/service-catalog/aad-dev-team-pipeline/1.0/4e393ebd75cef2be8438b6e169fdff0a5b511aec8952740726499d7ced03053a.template.yaml"},"Type":"CLOUD_FORMATION_TEMPLATE","DisableTemplateValidation":false}' --idempotency-token aad-dev-team-pipeline-1-0-4e393ebd75cef2be --query ProductViewDetail.ProductViewSummary.ProductId --output text)"
echo "PRODUCT_ID_AAD_DEV_TEAM_PIPELINE=${PRODUCT_ID_AAD_DEV_TEAM_PIPELINE}"

echo "published 4 object(s) in 14 step(s)"
