// Public API of the PII redaction engine: plain TypeScript, no server imports,
// usable from a route, a CLI, a worker thread or the browser.
export { findPii, redact, type RedactOptions, type RedactResult } from './redact';
export { isPiiType, PII_TYPES, placeholder, type PiiEntity, type PiiType } from './types';
export { cprMod11, danishIdDateValid, finnishIdValid, ibanValid, luhnValid, norwegianIdValid, swedishIdValid } from './checksums';
