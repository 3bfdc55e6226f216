import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { webhookSignature } from './webhook-signature';

describe('webhook signatures', () => {
  it('is t=<timestamp>,v1=HMAC-SHA256(secret, "<timestamp>.<body>") in hex, as node:crypto computes it', async () => {
    const body = JSON.stringify({ event: 'ticket.created', data: { subject: 'Принтер не печатает' } });
    const expected = createHmac('sha256', 'whsec_test').update(`1700000000.${body}`, 'utf8').digest('hex');
    expect(await webhookSignature('whsec_test', 1_700_000_000, body)).toBe(`t=1700000000,v1=${expected}`);
  });

  it('changes with the timestamp, so an old signature cannot be replayed as new', async () => {
    expect(await webhookSignature('s', 1, 'body')).not.toBe(await webhookSignature('s', 2, 'body'));
  });
});
