import { describe, expect, it } from 'vitest';
import { areaOf, redirectFor, safeNext } from './route-access';

const at = (path: string) => new URL(`http://acme.localhost${path}`);

describe('who may open which part of the app', () => {
  it('sorts addresses into console, portal and open pages', () => {
    expect(areaOf('/tickets')).toBe('console');
    expect(areaOf('/tickets/12')).toBe('console');
    expect(areaOf('/search')).toBe('console');
    expect(areaOf('/portal/new')).toBe('portal');
    expect(areaOf('/login')).toBe('open');
    expect(areaOf('/ticketsx')).toBe('open');
  });

  it('sends a signed-out visitor to the login page, coming back afterwards', () => {
    expect(redirectFor(at('/tickets?view=mine'), null)).toBe('/login?next=%2Ftickets%3Fview%3Dmine');
    expect(redirectFor(at('/portal'), null)).toBe('/login?next=%2Fportal');
    expect(redirectFor(at('/login'), null)).toBeNull();
  });

  it('sends a customer from the console to the portal, to the same ticket when one is named', () => {
    expect(redirectFor(at('/tickets'), { role: 'customer' })).toBe('/portal');
    expect(redirectFor(at('/tickets/42'), { role: 'customer' })).toBe('/portal/tickets/42');
    expect(redirectFor(at('/search?q=x'), { role: 'customer' })).toBe('/portal');
  });

  it('lets staff into the console and sends them from the portal to it', () => {
    for (const role of ['agent', 'admin', 'owner'] as const) {
      expect(redirectFor(at('/tickets/42'), { role })).toBeNull();
      expect(redirectFor(at('/portal/tickets/42'), { role })).toBe('/tickets/42');
    }
  });

  it('takes only same-origin paths as the place to return to', () => {
    expect(safeNext('/tickets/1')).toBe('/tickets/1');
    expect(safeNext('//evil.example')).toBeNull();
    expect(safeNext('/\\evil.example')).toBeNull();
    expect(safeNext('https://evil.example')).toBeNull();
    expect(safeNext(null)).toBeNull();
  });
});
