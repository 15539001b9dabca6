/**
 * JSON field paths of mentions: `userIdentity.arn`, `resources[0].ARN`,
 * `requestParameters["aws:s3:arn"]` (keys that are not plain identifiers are quoted).
 */
export function joinPath(parent: string, key: string | number): string {
  if (typeof key === 'number') return `${parent}[${key}]`;
  if (isIdentifier(key)) return parent === '' ? key : `${parent}.${key}`;
  return `${parent}[${JSON.stringify(key)}]`;
}

const IDENTIFIERS = new Map<string, boolean>();

function isIdentifier(key: string): boolean {
  let known = IDENTIFIERS.get(key);
  if (known === undefined) {
    known = /^[A-Za-z_$][\w$]*$/.test(key);
    if (IDENTIFIERS.size < 10_000) IDENTIFIERS.set(key, known);
  }
  return known;
}
