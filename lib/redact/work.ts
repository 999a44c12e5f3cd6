/**
 * How much work the detectors did, counted for the tests that feed redact()
 * hostile input: every phone-metadata lookup and every candidate span tried.
 * Diagnostics only; nothing reads it to decide anything.
 */
export const work = { phoneLookups: 0, spans: 0 };

export function resetWork(): void {
  work.phoneLookups = 0;
  work.spans = 0;
}
