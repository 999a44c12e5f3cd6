import { defineConfig } from 'prisma/config';

// Prisma 7 does not read .env; the default keeps a fresh clone working.
export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  datasource: { url: process.env.DATABASE_URL ?? 'file:./data/callsight.db' },
});
