/**
 * Long transcripts are stored whole but classified on a window: the opening
 * (where the customer states why they call) and the close (how it ended),
 * joined by a marker. Classifying 200,000 characters would cost ~50× a
 * typical transcript for little gain, and the window keeps the cost of one
 * row bounded.
 */
export const CLASSIFY_WINDOW = { maxChars: 20_000, head: 16_000, tail: 4_000 } as const;

export const WINDOW_MARKER = ' … ';

/** The part of `text` the models see: the text itself up to 20,000 characters, else its first 16,000 and last 4,000. */
export function classificationWindow(text: string): string {
  if (text.length <= CLASSIFY_WINDOW.maxChars) return text;
  return `${text.slice(0, CLASSIFY_WINDOW.head)}${WINDOW_MARKER}${text.slice(text.length - CLASSIFY_WINDOW.tail)}`;
}
