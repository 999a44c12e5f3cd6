export {};

// The dashboard's data layer on the database lib/testing/setup-db.ts gives
// this file: SQLite, and PostgreSQL in the "postgresql" project of
// vitest.config.ts. analytics.postgres.test.ts adds what only PostgreSQL does.
await import('./analytics.suite');
