export const SQLITE_SCHEMA: string;
export const POSTGRES_SCHEMA: string;
/** The PostgreSQL schema for a SQLite schema's text. */
export function postgresSchemaFrom(sqliteSchema: string): string;
/** The PostgreSQL schema derived from prisma/schema.prisma under `root`. */
export function readPostgresSchema(root?: string): string;
