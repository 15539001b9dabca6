import { GetObjectCommand, HeadObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { ModelPackageError } from '../errors';
import { BuiltModelPackage, PackageLocation } from './model-package';

/**
 * Uploads a package, then points `current.txt` at it (in that order, so the
 * alias never names a missing object). Only called behind the deploy gates.
 */
export async function publishModelPackage(s3: S3Client, pkg: BuiltModelPackage, at: PackageLocation): Promise<void> {
  await s3.send(
    new PutObjectCommand({
      Bucket: at.bucket,
      Key: at.key,
      Body: pkg.zip,
      ContentType: 'application/zip',
      ChecksumSHA256: Buffer.from(pkg.sha256, 'hex').toString('base64'),
      Metadata: { 'aad-sha256': pkg.sha256, 'aad-created-at': pkg.manifest.createdAt },
    }),
  );
  await writeAlias(s3, at, pkg.name);
}

async function writeAlias(s3: S3Client, at: PackageLocation, name: string): Promise<void> {
  await s3.send(new PutObjectCommand({ Bucket: at.bucket, Key: at.aliasKey, Body: name, ContentType: 'text/plain' }));
}

/** The package `current.txt` names now, or undefined when there is none yet. */
export async function readAlias(s3: S3Client, at: PackageLocation): Promise<string | undefined> {
  try {
    const out = await s3.send(new GetObjectCommand({ Bucket: at.bucket, Key: at.aliasKey }));
    return (await out.Body?.transformToString())?.trim();
  } catch (error) {
    if ((error as { name?: string }).name === 'NoSuchKey') return undefined;
    throw error;
  }
}

/**
 * Points `current.txt` back at an earlier package after checking it exists.
 * Returns the name it replaced.
 */
export async function rollbackModelPackage(
  s3: S3Client,
  at: PackageLocation,
  name: string,
): Promise<string | undefined> {
  try {
    await s3.send(new HeadObjectCommand({ Bucket: at.bucket, Key: at.key }));
  } catch (error) {
    const status = (error as { $metadata?: { httpStatusCode?: number }; name?: string }).$metadata?.httpStatusCode;
    if (status === 404 || (error as { name?: string }).name === 'NotFound') {
      throw new ModelPackageError(`${at.uri} does not exist: nothing to roll back to`);
    }
    throw error;
  }
  const previous = await readAlias(s3, at);
  await writeAlias(s3, at, name);
  return previous;
}
