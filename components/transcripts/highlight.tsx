import type { ReactNode } from 'react';

/** Case and accents folded, as the full-text search folds them ("Skåne" finds "skane"). */
const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

const WORD = /[\p{L}\p{N}\p{M}]+/gu;

/**
 * Where the search `q` matched in a text, as [start, end) ranges of whole
 * words: the search's own rule (lib/server/analytics/index-reader.ts), every
 * word but the last matching a whole word, the last also a word's start
 * ("invoi" finds "invoice"), letters and digits only, accents and case folded.
 */
export function highlightRanges(text: string, query: string | null | undefined): [number, number][] {
  const words = (query ?? '').match(/[\p{L}\p{N}]+/gu)?.slice(0, 12).map(fold) ?? [];
  const last = words.pop();
  if (!last) return [];
  const whole = new Set(words);
  const out: [number, number][] = [];
  for (const m of text.matchAll(WORD)) {
    const w = fold(m[0]);
    if (w.startsWith(last) || whole.has(w)) out.push([m.index, m.index + m[0].length]);
  }
  return out;
}

/**
 * The text with the searched words marked: React text nodes and <mark>
 * elements only, never HTML from the text itself.
 */
export function Highlight({ text, query }: { text: string; query: string | null | undefined }): ReactNode {
  const ranges = highlightRanges(text, query);
  if (!ranges.length) return text;
  const parts: ReactNode[] = [];
  let at = 0;
  for (const [start, end] of ranges) {
    if (start > at) parts.push(text.slice(at, start));
    parts.push(<mark key={start}>{text.slice(start, end)}</mark>);
    at = end;
  }
  if (at < text.length) parts.push(text.slice(at));
  return parts;
}
