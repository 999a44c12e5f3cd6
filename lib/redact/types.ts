/** The kinds of personal data redact() finds, most specific first (the order breaks ties between equally long matches). */
export const PII_TYPES = ['EMAIL', 'IBAN', 'CARD', 'NATIONAL_ID', 'IP', 'PHONE', 'NAME'] as const;
export type PiiType = (typeof PII_TYPES)[number];

/** One piece of personal data: its type and where it is in the original text (UTF-16 code units, end exclusive). */
export interface PiiEntity {
  type: PiiType;
  start: number;
  end: number;
}

/** What replaces an entity in the redacted text: `[EMAIL]`, `[PHONE]`, … */
export const placeholder = (type: PiiType): string => `[${type}]`;

export const isPiiType = (value: unknown): value is PiiType => typeof value === 'string' && (PII_TYPES as readonly string[]).includes(value);
