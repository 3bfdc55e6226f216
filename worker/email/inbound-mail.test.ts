import PostalMime from 'postal-mime';
import { describe, expect, it } from 'vitest';
import { hasPlainTextPart, readInboundMail, SUBJECT_MAX, ticketNumberIn } from './inbound-mail';

const read = async (raw: string, envelopeFrom = 'envelope@example.com') => {
  const bytes = new TextEncoder().encode(raw.replace(/\n/g, '\r\n'));
  const email = await PostalMime.parse(bytes);
  return readInboundMail(email, { envelopeFrom, hasPlainPart: email.html === undefined || hasPlainTextPart(bytes) });
};

describe('readInboundMail', () => {
  it('keeps what a ticket needs, with threading ids lower-cased and most relevant first', async () => {
    const mail = await read(
      'From: "Ann" <ANN@Example.com>\nSubject: Re: [#12] Broken\nMessage-ID: <ABC@x>\nIn-Reply-To: <b@x>\nReferences: <a@x> <b@x>\n\nHello\n',
    );
    expect(mail).toMatchObject({
      messageId: 'abc@x',
      from: { address: 'ann@example.com', name: 'Ann' },
      subject: 'Re: [#12] Broken',
      text: 'Hello',
      references: ['b@x', 'a@x'],
      ticketNumber: 12,
    });
  });

  it('fills in what is missing: subject, text, Message-ID, a name; and falls back to the envelope sender', async () => {
    const mail = await read('Content-Type: text/plain\n\n\n', 'bob@example.com');
    expect(mail.subject).toBe('(no subject)');
    expect(mail.text).toBe('(no text)');
    expect(mail.messageId).toMatch(/^generated\..+@invalid$/);
    expect(mail.from).toEqual({ address: 'bob@example.com', name: 'bob' });
  });

  it('refuses a sender that is no address', async () => {
    expect((await read('From: undisclosed-recipients:;\n\nx\n', 'not an address')).from).toBeNull();
  });

  it('strips control characters and folds a long subject into the API’s limit', async () => {
    const mail = await read(`From: a@example.com\nSubject: ${'x'.repeat(400)}\n\nline\u0007one\ttab\n`);
    expect(mail.subject).toHaveLength(SUBJECT_MAX);
    expect(mail.subject.endsWith('…')).toBe(true);
    expect(mail.text).toBe('lineone\ttab');
  });

  it('converts HTML-only mail itself, and uses the plain part when there is one', async () => {
    const htmlOnly = await read('From: a@example.com\nContent-Type: text/html\n\n<style>p{}</style><p>Hi</p>\n');
    expect(htmlOnly.text).toBe('Hi');
    const both = await read(
      'From: a@example.com\nContent-Type: multipart/alternative; boundary=b\n\n--b\nContent-Type: text/plain\n\nPlain hi\n--b\nContent-Type: text/html\n\n<p>Html hi</p>\n--b--\n',
    );
    expect(both.text).toBe('Plain hi');
  });
});

describe('ticketNumberIn', () => {
  it('finds [#123] anywhere, and nothing else', () => {
    expect(ticketNumberIn('Re: [#123] Printer')).toBe(123);
    expect(ticketNumberIn('Order #123')).toBeNull();
  });
});
