import fc from 'fast-check';
import { EntityFlag, ipClass, ipv4Range, recognition, Recognition, recognizeIpv4 } from '../../src/entities';

/** The straightforward split-based grammar the one-pass parser must match. */
function reference(text: string): Recognition | undefined {
  const slash = text.indexOf('/');
  const address = slash >= 0 ? text.slice(0, slash) : text;
  let prefix: number | undefined;
  if (slash >= 0) {
    const p = text.slice(slash + 1);
    if (!/^\d{1,2}$/.test(p) || Number(p) > 32) return undefined;
    prefix = Number(p);
  }
  const parts = address.split('.');
  if (parts.length !== 4) return undefined;
  const flags: EntityFlag[] = [];
  const octets: number[] = [];
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part) || Number(part) > 255) return undefined;
    if (part.length > 1 && part[0] === '0' && !flags.includes('leading-zeros')) flags.push('leading-zeros');
    octets.push(Number(part));
  }
  const normalized = flags.length === 0 ? address : octets.join('.');
  const range = ipv4Range(octets);
  if (prefix !== undefined) flags.push('cidr');
  return recognition('ipv4', prefix !== undefined ? `${normalized}/${prefix}` : normalized, flags, {
    ip_class: ipClass(range),
    ip_range: range,
  });
}

const octet = fc.oneof(fc.nat(300).map(String), fc.constantFrom('0', '00', '007', '255', '256', '', '1a', '0x1'));
const candidate = fc.oneof(
  fc
    .tuple(octet, octet, octet, octet, fc.option(fc.oneof(fc.nat(40).map(String), fc.constantFrom('', '1/2', '033'))))
    .map(([a, b, c, d, p]) => `${a}.${b}.${c}.${d}${p === null ? '' : `/${p}`}`),
  fc.string({ unit: fc.constantFrom('0', '1', '9', '.', '/', 'a', ' ') }),
  fc.string(),
);

describe('recognizeIpv4', () => {
  it('accepts and normalizes exactly what the split-based grammar does', () => {
    fc.assert(
      fc.property(candidate, (text) => {
        expect(recognizeIpv4(text)).toEqual(reference(text));
      }),
      { numRuns: 2000 },
    );
  });
});
