import { isWordChar } from './context';
import type { PiiEntity } from './types';

// IPv4: four decimal octets 0–255, not part of a longer dotted number
// ("10.2.3.4.5") or a word ("v1.2.3.4"). IPv6: hexadecimal groups and colons
// around each colon in the text, read at most 45 characters wide and parsed
// (eight groups, or fewer with one "::", optionally ending in an IPv4); a
// run of plain decimals with few groups ("12:30", "2::1") is a time or a
// score, not an address.
const IPV4 = /(?<![\p{L}\p{N}_.]|\p{N}[.])(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})(?![\p{L}\p{N}_]|\.\p{N})/gu;
const HEX = /^[0-9A-Fa-f]{1,4}$/;

const octet = (s: string) => (s.length === 1 || s[0] !== '0') && Number(s) <= 255;

export function isIpv4(s: string): boolean {
  const parts = s.split('.');
  return parts.length === 4 && parts.every((p) => /^\d{1,3}$/.test(p) && octet(p));
}

/** An IPv6 address in any of its written forms (RFC 4291 section 2.2). */
export function isIpv6(s: string): boolean {
  if (s.length < 2 || s.length > 45) return false;
  let groups = s;
  let ipv4Groups = 0;
  const lastColon = s.lastIndexOf(':');
  if (s.indexOf('.', lastColon) >= 0) {
    if (!isIpv4(s.slice(lastColon + 1))) return false;
    groups = `${s.slice(0, lastColon + 1)}0`;
    ipv4Groups = 1;
  }
  const double = groups.indexOf('::');
  if (double >= 0 && groups.indexOf('::', double + 1) >= 0) return false;
  if (double < 0) {
    const parts = groups.split(':');
    return parts.length + ipv4Groups === 8 && parts.every((p) => HEX.test(p));
  }
  const head = groups.slice(0, double);
  const tail = groups.slice(double + 2);
  const parts = [...(head ? head.split(':') : []), ...(tail ? tail.split(':') : [])];
  return parts.length + ipv4Groups <= 7 && parts.every((p) => HEX.test(p));
}

const isIpv6Char = (c: number) => (c >= 48 && c <= 58) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102) || c === 46;

/** IPv4 and IPv6 addresses. */
export function detectIps(text: string, out: PiiEntity[]): void {
  if (text.includes('.')) {
    IPV4.lastIndex = 0;
    for (let m = IPV4.exec(text); m; m = IPV4.exec(text)) {
      if (isIpv4(m[0])) out.push({ type: 'IP', start: m.index, end: m.index + m[0].length });
    }
  }
  // IPv6: the whole run of hex digits, colons and dots around each colon, each character read once
  let from = 0;
  for (let colon = text.indexOf(':'); colon >= 0; colon = text.indexOf(':', from)) {
    let start = colon;
    while (start > from && isIpv6Char(text.charCodeAt(start - 1))) start--;
    let end = colon + 1;
    while (end < text.length && isIpv6Char(text.charCodeAt(end))) end++;
    from = end;
    while (end > start && text[end - 1] === '.') end--;
    if (end - start > 45 || end - start < 2 || isWordChar(text[start - 1]) || isWordChar(text[end])) continue;
    const candidate = text.slice(start, end);
    if (!isIpv6(candidate)) continue;
    const parts = candidate.split(':').filter(Boolean);
    if (parts.length < 3 && parts.every((p) => /^\d+$/.test(p))) continue;
    if (parts.length < 8 && !candidate.includes('::')) continue;
    if (/^\d{1,2}:\d{2}(?::\d{2})?$/.test(candidate)) continue;
    out.push({ type: 'IP', start, end });
  }
}
