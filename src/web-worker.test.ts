import { describe, expect, it } from 'vitest';
import { isApiPath } from './web-worker';

describe('the one-origin router', () => {
  it.each(['/api', '/api/v1/tickets', '/api/v1/auth/login', '/parties/ticket-room/42', '/health', '/health/ready'])(
    'hands %s to the API worker',
    (path) => expect(isApiPath(path)).toBe(true),
  );

  it.each(['/', '/login', '/tickets', '/tickets/7', '/apiary', '/partyhat', '/healthy', '/_app/immutable/x.js', '/tickets/api'])(
    'keeps %s in the web app',
    (path) => expect(isApiPath(path)).toBe(false),
  );
});
