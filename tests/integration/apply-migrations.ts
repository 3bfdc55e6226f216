import { applyD1Migrations, env } from 'cloudflare:test';
import { slotDatabase, slotNames } from '../../worker/tenancy/tenant-db';

// Every test file starts from migrated, empty databases: the directory and every
// tenant slot. Each database is its own object, so they are migrated side by side.
await Promise.all([
  applyD1Migrations(env.DIRECTORY, env.DIRECTORY_MIGRATIONS),
  ...slotNames(env).map((slot) => applyD1Migrations(slotDatabase(env, slot), env.TENANT_MIGRATIONS)),
]);
