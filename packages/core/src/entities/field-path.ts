/**
 * JSON field paths of mentions: `userIdentity.arn`, `resources[0].ARN`,
 * `requestParameters["aws:s3:arn"]` (keys that are not plain identifiers are quoted).
 */
export function joinPath(parent: string, key: string | number): string {
  if (typeof key === 'number') return `${parent}[${key}]`;
  if (/^[A-Za-z_$][\w$]*$/.test(key)) return parent === '' ? key : `${parent}.${key}`;
  return `${parent}[${JSON.stringify(key)}]`;
}
