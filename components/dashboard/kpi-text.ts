// Words the KPI cards and the printable report share (a plain module: the
// report renders on the server, the cards in the browser).

const SHOWN_LABELS = 3;

/** "Frustrated or Angry", "A, B, C or 2 more": a share card's labels, short. */
export function labelsPhrase(labels: readonly string[]): string {
  if (labels.length <= 1) return labels[0] ?? '';
  if (labels.length <= SHOWN_LABELS) return `${labels.slice(0, -1).join(', ')} or ${labels[labels.length - 1]}`;
  return `${labels.slice(0, SHOWN_LABELS).join(', ')} or ${labels.length - SHOWN_LABELS} more`;
}

/** A missing model, said the same way on every card and in the report. */
export const MISSING_MODEL_TEXT = 'Its model was deleted or has no predictions yet';
