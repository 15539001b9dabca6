import type { Logger } from '@aws-lambda-powertools/logger';
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { ModelIntegrityError, isModelIntegrityError } from '../errors';
import { ModelPackage, PACKAGE_NAME } from './model-package';
import { RetryPolicy, withRetries } from '../aws/retry';

/** Options of {@link ModelPackageSource}. */
export interface ModelPackageSourceOptions {
  readonly bucket: string;
  /** Prefix holding `current.txt` and the packages, ending with `/`. */
  readonly prefix: string;
  /** Seconds a loaded package is used before `current.txt` is read again. */
  readonly refreshSeconds: number;
  /**
   * Environment the manifest must name.
   * @default - the last segment of `prefix` (`model-packages/dev/` → `dev`)
   */
  readonly expectedEnv?: string;
  readonly logger?: Logger;
  readonly retry?: RetryPolicy;
  readonly now?: () => number;
}

/**
 * The current model package of the environment, loaded once per container
 * and refreshed after `refreshSeconds`: `current.txt` names the zip, the zip
 * is verified against its manifest. A package that fails verification is
 * never used (the error propagates, so nothing is scored); a transient S3
 * error during a refresh keeps the verified package already loaded.
 */
export class ModelPackageSource {
  private cached?: { readonly pkg: ModelPackage; checkedAt: number };
  private inflight?: Promise<ModelPackage>;
  private readonly now: () => number;
  private readonly expectedEnv?: string;

  constructor(
    private readonly s3: S3Client,
    private readonly options: ModelPackageSourceOptions,
  ) {
    this.now = options.now ?? Date.now;
    this.expectedEnv =
      options.expectedEnv ??
      options.prefix
        .split('/')
        .filter((s) => s !== '')
        .pop();
  }

  /** The verified current package (from the container cache while fresh). */
  public current(): Promise<ModelPackage> {
    if (this.cached && this.now() - this.cached.checkedAt < this.options.refreshSeconds * 1000) {
      return Promise.resolve(this.cached.pkg);
    }
    this.inflight ??= this.refresh().finally(() => {
      this.inflight = undefined;
    });
    return this.inflight;
  }

  private async refresh(): Promise<ModelPackage> {
    let name: string;
    try {
      name = (await this.getText(`${this.options.prefix}current.txt`)).trim();
    } catch (error) {
      if (this.cached && !isModelIntegrityError(error)) {
        this.options.logger?.warn('model package refresh failed; keeping the verified package', {
          model_package: this.cached.pkg.name,
          error: (error as Error).message,
        });
        this.cached.checkedAt = this.now();
        return this.cached.pkg;
      }
      throw error;
    }
    if (!PACKAGE_NAME.test(name)) {
      throw new ModelIntegrityError(
        `s3://${this.options.bucket}/${this.options.prefix}current.txt must name a model_package-<UTC ts>.zip, ` +
          `received ${JSON.stringify(name.slice(0, 200))}`,
      );
    }
    if (this.cached?.pkg.name === name) {
      this.cached.checkedAt = this.now();
      return this.cached.pkg;
    }
    const zip = await this.getBytes(`${this.options.prefix}${name}`);
    // The unzipper loads with the first package, not at cold start.
    const { verifyModelPackage } = await import('./verify-model-package');
    const pkg = verifyModelPackage(name, zip, this.expectedEnv);
    this.cached = { pkg, checkedAt: this.now() };
    this.options.logger?.info('model package loaded', {
      model_package: name,
      created_at: pkg.manifest.createdAt,
      files: pkg.manifest.files.map((f) => f.path),
    });
    return pkg;
  }

  private async getBytes(key: string): Promise<Uint8Array> {
    return withRetries(async () => {
      const out = await this.s3.send(new GetObjectCommand({ Bucket: this.options.bucket, Key: key }));
      if (!out.Body) throw new ModelIntegrityError(`s3://${this.options.bucket}/${key} has no body`);
      return out.Body.transformToByteArray();
    }, this.options.retry);
  }

  private async getText(key: string): Promise<string> {
    return Buffer.from(await this.getBytes(key)).toString('utf8');
  }
}
