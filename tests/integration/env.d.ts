import type { D1Migration } from 'cloudflare:test';

declare global {
  namespace Cloudflare {
    // Test-only bindings, added by vitest.config.ts.
    interface Env {
      DIRECTORY_MIGRATIONS: D1Migration[];
      TENANT_MIGRATIONS: D1Migration[];
    }
  }
}
