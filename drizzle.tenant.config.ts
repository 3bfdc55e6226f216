import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'sqlite',
  schema: './worker/db/tenant/schema.ts',
  out: './migrations/tenant',
  migrations: { prefix: 'index' },
});
