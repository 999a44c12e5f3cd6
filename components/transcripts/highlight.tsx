import type { ReactNode } from 'react';

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The text with the searched words marked: React text nodes and <mark>
 * elements only, never HTML from the text itself.
 */
export function Highlight({ text, query }: { text: string; query: string | null | undefined }): ReactNode {
  const words = (query ?? '')
    .split(/\s+/)
    .map((w) => w.replace(/^["']+|["']+$/g, ''))
    .filter((w) => w.length >= 2);
  if (!words.length) return text;
  const re = new RegExp(`(${words.map(escape).join('|')})`, 'gi');
  const parts = text.split(re);
  return parts.map((p, i) => (i % 2 === 1 ? <mark key={i}>{p}</mark> : p));
}
