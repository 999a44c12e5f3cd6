/**
 * Text that can be stored and read back as it was. A JavaScript string may
 * hold a lone UTF-16 surrogate (a JSON escape like "\uD800" parses to one);
 * it has no UTF-8 form, so SQLite stores bytes that read back as U+FFFD and
 * PostgreSQL refuses them. Rows with one are rejected; text we write ourselves
 * (excerpts, cut values) is made well-formed.
 */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

const LONE_SURROGATES = new RegExp(LONE_SURROGATE.source, 'g');

export const hasLoneSurrogate = (s: string): boolean => LONE_SURROGATE.test(s);

/** Where a string holds half of a UTF-16 surrogate pair, or -1. */
export const loneSurrogateAt = (s: string): number => s.search(LONE_SURROGATE);

/** The end of a rejection message: "<what> contains an unpaired surrogate …". */
export const LONE_SURROGATE_REASON =
  'contains an unpaired surrogate (a "\\uD800"–"\\uDFFF" escape without its pair), which is not valid Unicode text and cannot be stored; fix or remove the escape';

/** `s` with every lone surrogate replaced by U+FFFD. */
export function toWellFormed(s: string): string {
  return LONE_SURROGATE.test(s) ? s.replace(LONE_SURROGATES, '\uFFFD') : s;
}

/** At most `max` UTF-16 units of `s`, never ending on the first half of a surrogate pair. */
export function cutText(s: string, max: number): string {
  if (s.length <= max) return s;
  const code = s.charCodeAt(max - 1);
  return s.slice(0, code >= 0xd800 && code <= 0xdbff ? max - 1 : max);
}
