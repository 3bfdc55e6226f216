import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { apiSchemaSource, SCHEMA_FILE } from '../../../scripts/api-schema.ts';

// The web app's API types are generated from the API's OpenAPI document. When a
// route changes and the file was not regenerated, this fails: run `npm run types`.

describe('the API client types', () => {
  it('match the API’s OpenAPI document (else run `npm run types`)', async () => {
    const generated = await apiSchemaSource();
    const checkedIn = readFileSync(SCHEMA_FILE, 'utf8');
    expect(checkedIn === generated, 'src/lib/api/schema.d.ts is stale: run `npm run types`').toBe(true);
  });

  it('describe the routes the web app calls', async () => {
    const generated = await apiSchemaSource();
    for (const path of ['/api/v1/tickets', '/api/v1/tickets/{id}', '/api/v1/tickets/bulk', '/api/v1/auth/me', '/api/v1/auth/signup']) {
      expect(generated).toContain(`"${path}": {`);
    }
  });
});
