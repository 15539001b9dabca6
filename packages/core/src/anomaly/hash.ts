import { createHash } from 'node:crypto';

/**
 * Fast, well-mixed 53-bit string hash (the public-domain "cyrb53" construction:
 * two 32-bit multiply-xorshift lanes combined). Used for the profile sketches,
 * where it must be stable across processes and uniformly distributed (the
 * bottom-k sketches keep the smallest hashes). Returns an integer in [0, 2^53).
 */
/* eslint-disable no-bitwise -- a hash function is bitwise arithmetic by nature; scoped to this function */
export function hash53(text: string, seed = 0): number {
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
  h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}
/* eslint-enable no-bitwise */

const hashMemo = new Map<string, number>();
const HASH_MEMO_SIZE = 50_000;

/**
 * {@link hash53} of a value that recurs (feature values, principal keys),
 * remembered: a string the map has seen before is found by the engine's own
 * cached string hash instead of being hashed again character by character.
 */
export function recurringHash53(text: string): number {
  let h = hashMemo.get(text);
  if (h === undefined) {
    h = hash53(text);
    if (hashMemo.size >= HASH_MEMO_SIZE) hashMemo.clear();
    hashMemo.set(text, h);
  }
  return h;
}

/* eslint-disable no-bitwise -- the incremental form of hash53, same mixing; scoped to these functions */
let lane1 = 0;
let lane2 = 0;

/** Starts an incremental {@link hash53} over several strings (not re-entrant: finish before starting another). */
export function hashStart(seed = 0): void {
  lane1 = 0xdeadbeef ^ seed;
  lane2 = 0x41c6ce57 ^ seed;
}

/** Adds a string (and a separator, so that field boundaries count) to the running hash. */
export function hashAdd(text: string): void {
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    lane1 = Math.imul(lane1 ^ ch, 2654435761);
    lane2 = Math.imul(lane2 ^ ch, 1597334677);
  }
  lane1 = Math.imul(lane1 ^ 0x1f, 2654435761);
  lane2 = Math.imul(lane2 ^ 0x1f, 1597334677);
}

/** The running hash, as an integer in [0, 2^53). */
export function hashEnd(): number {
  let h1 = Math.imul(lane1 ^ (lane1 >>> 16), 2246822507);
  h1 ^= Math.imul(lane2 ^ (lane2 >>> 13), 3266489909);
  let h2 = Math.imul(lane2 ^ (lane2 >>> 16), 2246822507);
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}
/* eslint-enable no-bitwise */

/** Hex SHA-256 prefix of `text` (stable ids: finding ids, log ids of records without `eventID`). */
export function sha256Hex(text: string, length = 32): string {
  return createHash('sha256').update(text).digest('hex').slice(0, length);
}
