import { describe, expect, it } from 'vitest';
import { cacheDecision, OFFLINE_PAGE } from './cache-policy';

const ORIGIN = 'https://acme.example.com';
const SHELL = new Set(['/_app/immutable/entry/start.abc.js', '/favicon.svg', OFFLINE_PAGE]);
const get = (path: string, mode = 'no-cors') => ({ method: 'GET', url: `${ORIGIN}${path}`, mode });

describe('the service worker’s cache policy', () => {
  it('serves the app shell and static files from the cache', () => {
    expect(cacheDecision(get('/_app/immutable/entry/start.abc.js'), ORIGIN, SHELL)).toBe('cache-first');
    expect(cacheDecision(get('/favicon.svg'), ORIGIN, SHELL)).toBe('cache-first');
  });

  it('never caches API answers, live rooms or health checks', () => {
    expect(cacheDecision(get('/api/v1/tickets'), ORIGIN, SHELL)).toBe('network-only');
    expect(cacheDecision(get('/api/v1/tickets', 'navigate'), ORIGIN, SHELL)).toBe('network-only');
    expect(cacheDecision(get('/parties/chat-room/1'), ORIGIN, SHELL)).toBe('network-only');
    expect(cacheDecision(get('/health'), ORIGIN, SHELL)).toBe('network-only');
  });

  it('loads pages from the network, falling back to the offline page', () => {
    expect(cacheDecision(get('/tickets', 'navigate'), ORIGIN, SHELL)).toBe('network-else-offline');
    expect(cacheDecision(get('/tickets/__data.json'), ORIGIN, SHELL)).toBe('network-only');
  });

  it('leaves writes and other origins alone', () => {
    expect(cacheDecision({ method: 'POST', url: `${ORIGIN}/favicon.svg`, mode: 'cors' }, ORIGIN, SHELL)).toBe('network-only');
    expect(cacheDecision({ method: 'GET', url: 'https://cdn.example.net/favicon.svg', mode: 'cors' }, ORIGIN, SHELL)).toBe('network-only');
  });
});
