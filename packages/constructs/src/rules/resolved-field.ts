/**
 * Reads a property of a resolved L1 value by its CloudFormation name,
 * ignoring case: L1 property objects resolve with camelCase keys
 * (`sseAlgorithm`, `kmsMasterKeyId`), raw JSON with the CloudFormation
 * spelling (`SSEAlgorithm`, `KMSMasterKeyID`).
 */
export function field(value: unknown, name: string): unknown {
  if (value === null || typeof value !== 'object') return undefined;
  const obj = value as Record<string, unknown>;
  if (name in obj) return obj[name];
  const wanted = name.toLowerCase();
  const key = Object.keys(obj).find((k) => k.toLowerCase() === wanted);
  return key === undefined ? undefined : obj[key];
}

/** `field` along a path: `path(v, 'ServerSideEncryptionByDefault', 'SSEAlgorithm')`. */
export function path(value: unknown, ...names: string[]): unknown {
  return names.reduce<unknown>((v, n) => field(v, n), value);
}

/** A value as an array (`undefined` → `[]`). */
export function asArray(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}
