// The PostgreSQL Prisma schema is derived from prisma/schema.prisma, never
// edited by hand: Prisma needs the provider as a literal, so the second
// database needs a second file. Everything the schema uses (Int, String,
// Float, Boolean, DateTime, Bytes, autoincrement, now, @updatedAt) means the
// same on both databases, so the derivation is a provider swap plus the
// client's output folder. scripts/postgres-schema.test.ts fails on drift.
import { readFileSync } from 'node:fs';

export const SQLITE_SCHEMA = 'prisma/schema.prisma';
export const POSTGRES_SCHEMA = 'prisma/postgresql/schema.prisma';

const HEADER = `// GENERATED from prisma/schema.prisma by scripts/prisma-generate.mjs (provider swap).
// Do not edit: change prisma/schema.prisma and run \`node scripts/prisma-generate.mjs\`.
`;

/** Replaces exactly one match of `pattern` in `text`, or throws naming `what`: a silent no-op would hide a broken derivation. */
function replaceOnce(text, pattern, replacement, what) {
  const matches = text.match(new RegExp(pattern.source, `${pattern.flags.replace('g', '')}g`));
  if (matches?.length !== 1) throw new Error(`${SQLITE_SCHEMA}: expected one ${what}, found ${matches?.length ?? 0}`);
  return text.replace(pattern, replacement);
}

/** The PostgreSQL schema for a SQLite schema's text. */
export function postgresSchemaFrom(sqliteSchema) {
  let out = sqliteSchema;
  out = replaceOnce(out, /(datasource\s+db\s*\{[^}]*?provider\s*=\s*)"sqlite"/, '$1"postgresql"', 'datasource with provider = "sqlite"');
  // The output is relative to the schema file, which sits one folder deeper.
  out = replaceOnce(out, /(generator\s+client\s*\{[^}]*?output\s*=\s*)"\.\.\/lib\/generated\/prisma"/, '$1"../../lib/generated/prisma-pg"', 'generator output "../lib/generated/prisma"');
  // The SQLite file's opening comment describes that file; keep the rest (model docs) as is.
  out = out.replace(/^(\/\/[^\n]*\n)+\n?/, '');
  return HEADER + '\n' + out;
}

export function readPostgresSchema(root = '.') {
  return postgresSchemaFrom(readFileSync(`${root}/${SQLITE_SCHEMA}`, 'utf8'));
}
