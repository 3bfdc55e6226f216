import { describe, expect, it } from 'vitest';
import { loopReason } from './loop-protection';
import { ownMessageId } from './message-id';

const DOMAIN = 'support.test';

function check(headers: Record<string, string>, extra: { messageId?: string; fromAddress?: string } = {}) {
  const lower = new Map(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
  return loopReason({ header: (name) => lower.get(name), emailDomain: DOMAIN, fromAddress: 'ann@example.com', messageId: 'a@example.com', ...extra });
}

describe('loopReason', () => {
  it('lets a person’s mail through, including Auto-Submitted: no', () => {
    expect(check({})).toBeNull();
    expect(check({ 'Auto-Submitted': 'no' })).toBeNull();
    expect(check({ Precedence: 'first-class' })).toBeNull();
  });

  it('drops auto-replies and auto-generated mail', () => {
    expect(check({ 'Auto-Submitted': 'auto-replied' })).toBe('auto-submitted');
    expect(check({ 'Auto-Submitted': 'Auto-Generated; owner-email="x@y"' })).toBe('auto-submitted');
    expect(check({ 'X-Autoreply': 'yes' })).toBe('auto-reply');
  });

  it('drops bulk, junk and list mail', () => {
    expect(check({ Precedence: 'Bulk' })).toBe('precedence');
    expect(check({ Precedence: 'junk' })).toBe('precedence');
    expect(check({ Precedence: 'list' })).toBe('precedence');
    expect(check({ 'List-Id': '<news.example.com>' })).toBe('mailing-list');
  });

  it('drops our own messages and mail from our own addresses', () => {
    expect(check({}, { messageId: `<${ownMessageId({ tenantSlug: 'acme', ticketId: 3 }, DOMAIN)}>` })).toBe('own-message');
    expect(check({}, { fromAddress: 'acme@SUPPORT.test' })).toBe('own-address');
  });
});
