import * as ipaddr from 'ipaddr.js';
import { EntityFlag } from '../entity-types';
import { Recognition, recognition } from '../recognition';

const PRIVATE_RANGES = new Set(['private', 'uniqueLocal', 'carrierGradeNat', 'loopback', 'linkLocal']);

/** `public` (global unicast), `private` (RFC 1918, ULA, CGNAT, loopback, link-local) or `reserved` (everything else). */
export function ipClass(range: string): 'public' | 'private' | 'reserved' {
  if (range === 'unicast') return 'public';
  return PRIVATE_RANGES.has(range) ? 'private' : 'reserved';
}

/**
 * Dotted-quad IPv4: four decimal octets 0-255. Octets with leading zeros
 * (`010.001.002.003`, as some anonymizers write them) are read as decimal and
 * flagged `leading-zeros`; a `/n` suffix (n ≤ 32) is kept in the id and flagged `cidr`.
 */
export function recognizeIpv4(text: string): Recognition | undefined {
  // Parsed in one pass over the characters (no split): most candidates are not addresses.
  const n = text.length;
  if (n < 7) return undefined;
  const slash = text.indexOf('/');
  const end = slash >= 0 ? slash : n;
  let prefix: number | undefined;
  if (slash >= 0) {
    if (n - slash - 1 < 1 || n - slash - 1 > 2) return undefined;
    let p = 0;
    for (let i = slash + 1; i < n; i++) {
      const c = text.charCodeAt(i);
      if (c < 0x30 || c > 0x39) return undefined;
      p = p * 10 + (c - 0x30);
    }
    if (p > 32) return undefined;
    prefix = p;
  }
  const octets = [0, 0, 0, 0];
  let count = 0;
  let value = 0;
  let digits = 0;
  let leadingZeros = false;
  let zeroFirst = false;
  for (let i = 0; i <= end; i++) {
    const c = i < end ? text.charCodeAt(i) : 0x2e; // a dot after the last octet
    if (c === 0x2e) {
      if (digits === 0 || count === 4 || value > 255) return undefined;
      if (digits > 1 && zeroFirst) leadingZeros = true;
      octets[count++] = value;
      value = 0;
      digits = 0;
    } else if (c >= 0x30 && c <= 0x39) {
      if (digits === 0) zeroFirst = c === 0x30;
      if (++digits > 3) return undefined;
      value = value * 10 + (c - 0x30);
    } else {
      return undefined;
    }
  }
  if (count !== 4) return undefined;
  const flags: EntityFlag[] = leadingZeros ? ['leading-zeros'] : [];
  const normalized = leadingZeros ? octets.join('.') : slash >= 0 ? text.slice(0, slash) : text;
  const range = ipv4Range(octets);
  if (prefix !== undefined) flags.push('cidr');
  return recognition('ipv4', prefix !== undefined ? `${normalized}/${prefix}` : normalized, flags, {
    ip_class: ipClass(range),
    ip_range: range,
  });
}

const IPV6_CHARS = /^[0-9A-Fa-f:.]+$/;

/**
 * IPv6 in any RFC 4291 text form; `entity_id` is the RFC 5952 compressed
 * lowercase form. `%zone` is dropped (flag `zone-index`), `/n` kept (flag
 * `cidr`), IPv4-mapped addresses flagged `ipv4-mapped`.
 */
export function recognizeIpv6(text: string): Recognition | undefined {
  if (text.length < 3 || text.indexOf(':') < 0) return undefined;
  const flags: EntityFlag[] = [];
  let body = text;
  let prefix: number | undefined;
  const slash = body.indexOf('/');
  if (slash >= 0) {
    const p = body.slice(slash + 1);
    if (!/^\d{1,3}$/.test(p) || Number(p) > 128) return undefined;
    prefix = Number(p);
    body = body.slice(0, slash);
  }
  const pct = body.indexOf('%');
  if (pct >= 0) {
    if (!/^[\w.-]+$/.test(body.slice(pct + 1))) return undefined;
    body = body.slice(0, pct);
    flags.push('zone-index');
  }
  if (!IPV6_CHARS.test(body) || body === '::' || !ipaddr.IPv6.isValid(body)) return undefined;
  // ipaddr accepts some IPv4 forms in isValid of IPv6 only with colons; require a colon group.
  if (!/[0-9A-Fa-f]/.test(body)) return undefined;
  const address = ipaddr.IPv6.parse(body);
  if (address.isIPv4MappedAddress()) flags.push('ipv4-mapped');
  if (prefix !== undefined) flags.push('cidr');
  if (/[A-F]/.test(body)) flags.push('uppercase');
  const range = address.range();
  // RFC 5952 §5: IPv4-mapped addresses keep the dotted quad.
  const normalized = address.isIPv4MappedAddress()
    ? `::ffff:${address.toIPv4Address().toString()}`
    : address.toRFC5952String();
  return recognition('ipv6', prefix !== undefined ? `${normalized}/${prefix}` : normalized, flags, {
    ip_class: ipClass(range),
    ip_range: range,
  });
}

/** IPv4 or IPv6. */
export function recognizeIp(text: string): Recognition | undefined {
  return text.indexOf(':') >= 0 ? recognizeIpv6(text) : recognizeIpv4(text);
}

/** The ipaddr.js range name of an IPv4 address, without parsing it again (hot path). */
export function ipv4Range(o: readonly number[]): string {
  const [a, b, c, d] = o;
  if (a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168)) return 'private';
  if (a === 127) return 'loopback';
  if (a === 169 && b === 254) return 'linkLocal';
  if (a === 100 && b >= 64 && b <= 127) return 'carrierGradeNat';
  if (a === 0) return 'unspecified';
  if (a >= 224 && a <= 239) return 'multicast';
  if (a === 255 && b === 255 && c === 255 && d === 255) return 'broadcast';
  if (a >= 240) return 'reserved';
  if (
    (a === 192 && b === 0 && (c === 2 || c === 0)) ||
    (a === 198 && b === 51 && c === 100) ||
    (a === 203 && b === 0 && c === 113)
  ) {
    return 'reserved';
  }
  if (a === 198 && (b === 18 || b === 19)) return 'reserved';
  if (a === 192 && b === 88 && c === 99) return 'reserved';
  return 'unicast';
}
