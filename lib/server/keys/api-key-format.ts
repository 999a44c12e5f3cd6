import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * API keys look like `cs_<12 chars id>_<32 chars secret>`. The id part is the
 * stored `prefix` used to find the row; the whole key is only ever stored as
 * its SHA-256, compared in constant time.
 */
const ALPHABET = 'abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';

function randomString(length: number): string {
  const bytes = randomBytes(length * 2);
  let out = '';
  for (let i = 0; out.length < length && i < bytes.length; i++) {
    const b = bytes[i] ?? 0;
    // rejection sampling keeps every character equally likely
    if (b < 256 - (256 % ALPHABET.length)) out += ALPHABET[b % ALPHABET.length];
  }
  return out.length === length ? out : randomString(length);
}

export const KEY_PATTERN = /^cs_([A-Za-z0-9]{12})_([A-Za-z0-9]{32})$/;

export function generateApiKey(): { key: string; prefix: string; hash: string } {
  const prefix = randomString(12);
  const key = `cs_${prefix}_${randomString(32)}`;
  return { key, prefix, hash: hashApiKey(key) };
}

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

export function prefixOf(key: string): string | null {
  return KEY_PATTERN.exec(key)?.[1] ?? null;
}

export function hashesEqual(a: string, b: string): boolean {
  const ba = Buffer.from(a, 'hex');
  const bb = Buffer.from(b, 'hex');
  return ba.length === bb.length && timingSafeEqual(ba, bb);
}
