import { describe, expect, it } from 'vitest';
import { REPLY_ABOVE_MARKER, withoutQuotedHistory } from './reply-text';

describe('withoutQuotedHistory', () => {
  it('cuts Gmail-style attribution and the quote under it', () => {
    const text = 'Works now, thanks!\n\nOn Tue, 3 Mar 2026 at 10:00, Support <acme@support.test> wrote:\n> Please restart it.\n> Regards';
    expect(withoutQuotedHistory(text)).toBe('Works now, thanks!');
  });

  it('cuts an attribution wrapped over two lines', () => {
    expect(withoutQuotedHistory('Yes.\n\nOn Tue, 3 Mar 2026 at 10:00, Support\n<acme@support.test> wrote:\n> Did it help?')).toBe('Yes.');
  });

  it('cuts Russian and Outlook history', () => {
    expect(withoutQuotedHistory('Спасибо!\n\n3 марта 2026 г., в 10:00, Поддержка <acme@support.test> написал(а):\n> Перезапустите')).toBe('Спасибо!');
    expect(withoutQuotedHistory('Done.\n\n-----Original Message-----\nFrom: Support\nSent: Monday')).toBe('Done.');
    expect(withoutQuotedHistory('Done.\n\nFrom: Support <a@b>\nSent: Monday, 2 March\nTo: me')).toBe('Done.');
    expect(withoutQuotedHistory('Done.\n________________________________\nFrom: Support')).toBe('Done.');
  });

  it('cuts at our own marker and drops a bottom quote', () => {
    expect(withoutQuotedHistory(`Fine.\n${REPLY_ABOVE_MARKER}\nYour ticket #4 …`)).toBe('Fine.');
    expect(withoutQuotedHistory('Fine.\n> quoted\n>\n> more\n')).toBe('Fine.');
  });

  it('keeps interleaved answers, and the whole text when only a quote is there', () => {
    expect(withoutQuotedHistory('> Which model?\nThe X200.\n> Since when?\nMonday.')).toBe('> Which model?\nThe X200.\n> Since when?\nMonday.');
    expect(withoutQuotedHistory('> only a quote')).toBe('> only a quote');
    expect(withoutQuotedHistory('Plain message without history.')).toBe('Plain message without history.');
  });
});
