import { describe, expect, it } from 'vitest';
import { bare, messageIdHeader, ownMessageId, parseOwnMessageId, referencedMessageIds } from './message-id';

describe('our Message-IDs', () => {
  it('name the tenant and the ticket, and read back from the header form', () => {
    const id = ownMessageId({ tenantSlug: 'acme', ticketId: 42 }, 'Mail.Example.com');
    expect(id).toMatch(/^wnp\.acme\.t42\.[a-z0-9-]+@mail\.example\.com$/);
    expect(parseOwnMessageId(messageIdHeader(id), 'mail.example.com')).toEqual({ tenantSlug: 'acme', ticketId: 42 });
  });

  it('are unique by default and stable when the sender passes the unique part', () => {
    const a = ownMessageId({ tenantSlug: 'acme', ticketId: 1 }, 'x.test');
    const b = ownMessageId({ tenantSlug: 'acme', ticketId: 1 }, 'x.test');
    expect(a).not.toBe(b);
    expect(ownMessageId({ tenantSlug: 'acme', ticketId: 1, unique: 'N-7:ab' }, 'x.test')).toBe('wnp.acme.t1.n-7ab@x.test');
  });

  it('are not recognised under another domain or in anyone else’s ids', () => {
    const id = ownMessageId({ tenantSlug: 'acme', ticketId: 9 }, 'x.test');
    expect(parseOwnMessageId(id, 'y.test')).toBeNull();
    expect(parseOwnMessageId('CAF=abc123@mail.gmail.com', 'x.test')).toBeNull();
    expect(parseOwnMessageId('wnp.acme.tx.1@x.test', 'x.test')).toBeNull();
  });
});

describe('referencedMessageIds', () => {
  it('puts In-Reply-To first, then References newest first, without duplicates', () => {
    expect(referencedMessageIds('<c@x>', '<a@x> <b@x>\r\n <c@x>')).toEqual(['c@x', 'b@x', 'a@x']);
  });

  it('accepts a lone id without brackets and ignores noise', () => {
    expect(referencedMessageIds('c@x', undefined)).toEqual(['c@x']);
    expect(referencedMessageIds('not an id', '')).toEqual([]);
    expect(bare('  <a@b>  ')).toBe('a@b');
  });

  it('caps the list', () => {
    const refs = Array.from({ length: 80 }, (_, i) => `<m${i}@x>`).join(' ');
    expect(referencedMessageIds(undefined, refs)).toHaveLength(50);
  });
});
