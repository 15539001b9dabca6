import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sha256 } from '../bundle/template-bundle';
import { PublishPlanError } from '../errors';
import {
  BundleManifest,
  ManifestFile,
  ManifestTemplate,
  PROTON_END_OF_SUPPORT,
  formatVersion,
} from '../manifest/bundle-manifest';

/** Where a template is published. */
export type PublishTarget = 'proton' | 'service-catalog';

/** Every target, in the order the plan lists them. */
export const PUBLISH_TARGETS: readonly PublishTarget[] = ['proton', 'service-catalog'];

/** Options of {@link planPublish}. */
export interface PublishOptions {
  readonly manifest: BundleManifest;
  /** Directory the manifest's file paths are relative to (where the files are read and checked). */
  readonly manifestDir: string;
  /**
   * The same directory as it should appear in the printed commands (e.g. `dist/proton`).
   * @default - manifestDir
   */
  readonly displayDir?: string;
  /** S3 bucket the bundles and templates are uploaded to. */
  readonly bucket: string;
  /**
   * Key prefix inside the bucket.
   * @default 'aad-templates'
   */
  readonly prefix?: string;
  /**
   * AWS Region of the bucket and of the Proton / Service Catalog calls.
   * @default 'us-east-1'
   */
  readonly region?: string;
  /**
   * Targets to plan for.
   * @default - every target: Proton, then Service Catalog
   */
  readonly targets?: readonly PublishTarget[];
}

/** One command of the plan. */
export interface PublishStep {
  readonly target: PublishTarget;
  readonly template: string;
  readonly version: string;
  /** What the command does, printed as a comment above it. */
  readonly comment: string;
  /** The command's words; `${NAME}` refers to a value captured by an earlier step. */
  readonly argv: readonly string[];
  /** Shell variable the command's output is stored in (e.g. the new product id). */
  readonly captureAs?: string;
}

/** An object the plan uploads. */
export interface PlannedObject {
  readonly target: PublishTarget;
  readonly template: string;
  readonly file: string;
  readonly sha256: string;
  readonly key: string;
}

/** The whole dry-run plan. */
export interface PublishPlan {
  readonly notice: string;
  readonly bucket: string;
  readonly region: string;
  readonly objects: readonly PlannedObject[];
  readonly steps: readonly PublishStep[];
}

const BUCKET = /^(?!xn--)(?!.*\.\.)[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
const PREFIX = /^[A-Za-z0-9!_.*'()-]+(\/[A-Za-z0-9!_.*'()-]+)*$/;
const REGION = /^[a-z]{2}(-[a-z]+)+-\d$/;

/** Checks the options a user types; the message names the option, the rule and the value. */
export function checkPublishOptions(bucket: string, prefix: string, region: string): void {
  if (!BUCKET.test(bucket)) {
    throw new PublishPlanError(
      `--bucket must be an S3 bucket name (3-63 lower-case letters, digits, dots, hyphens), received '${bucket}'`,
    );
  }
  if (!PREFIX.test(prefix)) {
    throw new PublishPlanError(
      `--prefix must be an S3 key prefix without leading or trailing '/', received '${prefix}'`,
    );
  }
  if (!REGION.test(region)) {
    throw new PublishPlanError(`--region must be an AWS Region such as us-east-1, received '${region}'`);
  }
}

function checkedFile(dir: string, displayDir: string, entry: ManifestFile, template: string): string {
  const path = join(dir, entry.file);
  if (!existsSync(path)) {
    throw new PublishPlanError(
      `${path}: ${template} is listed in the manifest but its file is missing; run proton-bundle build`,
    );
  }
  const actual = sha256(readFileSync(path));
  if (actual !== entry.sha256) {
    throw new PublishPlanError(
      `${path}: sha256 ${actual} does not match the manifest (${entry.sha256}); run proton-bundle build again`,
    );
  }
  return join(displayDir, entry.file);
}

function isNew(t: ManifestTemplate): boolean {
  return t.version.major === 1 && t.version.minor === 0;
}

/** `aad-dev-detector` → `PRODUCT_ID_AAD_DEV_DETECTOR`. */
export function productVariable(template: string): string {
  return `PRODUCT_ID_${template.toUpperCase().replace(/[^A-Z0-9]+/g, '_')}`;
}

function protonSteps(t: ManifestTemplate, object: PlannedObject, bucket: string, region: string): PublishStep[] {
  const version = formatVersion(t.version);
  const noun = t.kind === 'environment' ? 'environment-template' : 'service-template';
  const aws = (...words: string[]): string[] => ['aws', '--region', region, ...words];
  const step = (comment: string, argv: string[]): PublishStep => ({
    target: 'proton',
    template: t.name,
    version,
    comment,
    argv,
  });
  const major = String(t.version.major);
  const minor = String(t.version.minor);
  const steps: PublishStep[] = [
    step(
      `upload the ${t.kind} template bundle (sha256 ${t.bundle.sha256})`,
      aws('s3', 'cp', object.file, `s3://${bucket}/${object.key}`),
    ),
  ];
  if (isNew(t)) {
    steps.push(
      step(
        `register the ${t.kind} template${t.kind === 'service' ? ' (no --pipeline-provisioning: the bundle has no pipeline)' : ''}`,
        aws('proton', `create-${noun}`, '--name', t.name, '--display-name', t.name, '--description', t.description),
      ),
    );
  }
  const createVersion = aws(
    'proton',
    `create-${noun}-version`,
    '--template-name',
    t.name,
    // Without --major-version Proton opens the next major version; with it, the next minor one.
    ...(t.version.minor > 0 ? ['--major-version', major] : []),
    '--description',
    `${t.name} ${version} (bundle sha256 ${t.bundle.sha256.slice(0, 12)})`,
    '--source',
    `s3={bucket=${bucket},key=${object.key}}`,
    ...(t.kind === 'service'
      ? [
          '--compatible-environment-templates',
          ...t.compatibleEnvironmentTemplates.map((c) => `templateName=${c.name},majorVersion=${c.majorVersion}`),
        ]
      : []),
  );
  steps.push(
    step(
      `create version ${version} from the bundle (Proton numbers versions itself: expect ${version}, as the lock file says)`,
      createVersion,
    ),
    step(
      'wait until Proton has registered the version',
      aws(
        'proton',
        'wait',
        `${noun}-version-registered`,
        '--template-name',
        t.name,
        '--major-version',
        major,
        '--minor-version',
        minor,
      ),
    ),
    step(
      'publish the version so environments and services can use it',
      aws(
        'proton',
        `update-${noun}-version`,
        '--template-name',
        t.name,
        '--major-version',
        major,
        '--minor-version',
        minor,
        '--status',
        'PUBLISHED',
      ),
    ),
  );
  return steps;
}

function catalogSteps(t: ManifestTemplate, object: PlannedObject, bucket: string, region: string): PublishStep[] {
  const version = formatVersion(t.version);
  const aws = (...words: string[]): string[] => ['aws', '--region', region, ...words];
  const variable = productVariable(t.name);
  const url = `https://${bucket}.s3.${region}.amazonaws.com/${object.key}`;
  const artifact = JSON.stringify({
    Name: version,
    Description: `${t.name} ${version} (template sha256 ${t.serviceCatalog.sha256.slice(0, 12)})`,
    Info: { LoadTemplateFromURL: url },
    Type: 'CLOUD_FORMATION_TEMPLATE',
    DisableTemplateValidation: false,
  });
  const token = `${t.name}-${t.version.major}-${t.version.minor}-${t.serviceCatalog.sha256.slice(0, 16)}`;
  const step = (comment: string, argv: string[], captureAs?: string): PublishStep => ({
    target: 'service-catalog',
    template: t.name,
    version,
    comment,
    argv,
    ...(captureAs ? { captureAs } : {}),
  });
  const steps: PublishStep[] = [
    step(
      `upload the CloudFormation template (sha256 ${t.serviceCatalog.sha256})`,
      aws('s3', 'cp', object.file, `s3://${bucket}/${object.key}`),
    ),
  ];
  if (isNew(t)) {
    steps.push(
      step(
        `create the product with provisioning artifact ${version}; then associate it with your portfolio ` +
          `(aws servicecatalog associate-product-with-portfolio --product-id "$${variable}" --portfolio-id <id>)`,
        aws(
          'servicecatalog',
          'create-product',
          '--name',
          t.name,
          '--owner',
          'Access Anomaly Detector platform team',
          '--description',
          t.description,
          '--product-type',
          'CLOUD_FORMATION_TEMPLATE',
          '--provisioning-artifact-parameters',
          artifact,
          '--idempotency-token',
          token,
          '--query',
          'ProductViewDetail.ProductViewSummary.ProductId',
          '--output',
          'text',
        ),
        variable,
      ),
    );
  } else {
    steps.push(
      step(
        'look up the product created with version 1.0',
        aws(
          'servicecatalog',
          'describe-product-as-admin',
          '--name',
          t.name,
          '--query',
          'ProductViewDetail.ProductViewSummary.ProductId',
          '--output',
          'text',
        ),
        variable,
      ),
      step(
        `add provisioning artifact ${version} to the product`,
        aws(
          'servicecatalog',
          'create-provisioning-artifact',
          '--product-id',
          `\${${variable}}`,
          '--parameters',
          artifact,
          '--idempotency-token',
          token,
        ),
      ),
    );
  }
  return steps;
}

/**
 * The exact commands a platform engineer runs to publish the bundles, in
 * order: for Proton every environment template (upload, create template,
 * create version, wait, publish), then every service template (the same,
 * with its compatible environment templates); for Service Catalog one
 * product per template and one provisioning artifact per version. Nothing
 * is sent anywhere: this only computes the plan (files are checked against
 * the manifest's sha256 so the plan matches what would be uploaded).
 *
 * @example planPublish({ manifest, manifestDir: 'dist/proton', bucket: 'my-templates' }).steps[0].argv
 */
export function planPublish(options: PublishOptions): PublishPlan {
  const prefix = options.prefix ?? 'aad-templates';
  const region = options.region ?? 'us-east-1';
  checkPublishOptions(options.bucket, prefix, region);
  const targets = options.targets ?? PUBLISH_TARGETS;
  const displayDir = options.displayDir ?? options.manifestDir;
  const ordered = [
    ...options.manifest.templates.filter((t) => t.kind === 'environment'),
    ...options.manifest.templates.filter((t) => t.kind === 'service'),
  ];
  const objects: PlannedObject[] = [];
  const steps: PublishStep[] = [];
  for (const target of PUBLISH_TARGETS.filter((t) => targets.includes(t))) {
    for (const t of ordered) {
      const version = formatVersion(t.version);
      if (target === 'proton') {
        const object: PlannedObject = {
          target,
          template: t.name,
          file: checkedFile(options.manifestDir, displayDir, t.bundle, t.name),
          sha256: t.bundle.sha256,
          key: `${prefix}/proton/${t.name}/${version}/${t.bundle.sha256}.tar.gz`,
        };
        objects.push(object);
        steps.push(...protonSteps(t, object, options.bucket, region));
      } else {
        const object: PlannedObject = {
          target,
          template: t.name,
          file: checkedFile(options.manifestDir, displayDir, t.serviceCatalog, t.name),
          sha256: t.serviceCatalog.sha256,
          key: `${prefix}/service-catalog/${t.name}/${version}/${t.serviceCatalog.sha256}.template.yaml`,
        };
        objects.push(object);
        steps.push(...catalogSteps(t, object, options.bucket, region));
      }
    }
  }
  return { notice: PROTON_END_OF_SUPPORT, bucket: options.bucket, region, objects, steps };
}
