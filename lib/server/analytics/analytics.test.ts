export {};

// The dashboard's data layer on SQLite (lib/testing/setup-db.ts gives this
// file its own database); analytics.postgres.test.ts runs the same suite on
// PostgreSQL.
await import('./analytics.suite');
