/**
 * Text Callsight stores must not contain NUL (U+0000): PostgreSQL's text
 * type cannot hold it (SQLite can), so both databases refuse it the same way,
 * at validation, with a message that says what to fix.
 */
export const hasNul = (s: string): boolean => s.includes('\u0000');

/** The end of a rejection message: "<what> contains a NUL …". */
export const NUL_REASON = 'contains a NUL character (U+0000), which cannot be stored as text; remove it (a file with NULs was often exported as UTF-16 or binary)';
