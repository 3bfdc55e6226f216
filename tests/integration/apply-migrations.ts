import { applyD1Migrations, env } from 'cloudflare:test';
import { slotDatabase, slotNames } from '../../worker/tenancy/tenant-db';

// Every test file starts from migrated, empty databases: the directory and every tenant slot.
await applyD1Migrations(env.DIRECTORY, env.DIRECTORY_MIGRATIONS);
for (const slot of slotNames(env)) {
  await applyD1Migrations(slotDatabase(env, slot), env.TENANT_MIGRATIONS);
}
