import { Readable } from 'node:stream';
import { BaselineProfile } from '@aad/core';
import { zipSync } from 'fflate';
import { sha256Hex } from '../../src/audit';

/** A GetObject `Body` like the SDK returns in Node: a Readable with the SDK's transform helpers. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the SDK's body type is a mixin the mock cannot name
export function s3Body(data: Uint8Array | string): any {
  const bytes = typeof data === 'string' ? Buffer.from(data) : Buffer.from(data);
  return Object.assign(Readable.from([bytes]), {
    transformToByteArray: async () => new Uint8Array(bytes),
    transformToString: async () => bytes.toString('utf8'),
  });
}

/** Files of a model package zip; by default a tiny NER model and an empty baseline profile (60-minute windows). */
export function modelPackageZip(
  options: {
    readonly env?: string;
    readonly files?: Record<string, string>;
    /** Manifest entries to falsify, by path. */
    readonly tamper?: Record<string, { sha256?: string; bytes?: number }>;
    readonly extra?: Record<string, string>;
    readonly format?: string;
  } = {},
): Uint8Array {
  const files = options.files ?? {
    'ner-model.json': JSON.stringify({ version: 1, labels: ['O'] }),
    'baseline-profile.json': JSON.stringify(new BaselineProfile().toJSON()),
  };
  const manifest = {
    format: options.format ?? 'aad-model-package/v1',
    env: options.env ?? 'dev',
    createdAt: '2026-11-20T00:00:00Z',
    files: Object.entries(files).map(([path, text]) => ({
      path,
      sha256: options.tamper?.[path]?.sha256 ?? sha256Hex(Buffer.from(text)),
      bytes: options.tamper?.[path]?.bytes ?? Buffer.byteLength(text),
    })),
  };
  const entries: Record<string, Uint8Array> = { 'manifest.json': Buffer.from(JSON.stringify(manifest)) };
  for (const [p, t] of Object.entries({ ...files, ...(options.extra ?? {}) })) entries[p] = Buffer.from(t);
  return zipSync(entries);
}
