import { describe, expect, it } from 'vitest';
import { contentDisposition, MAX_FILENAME_LENGTH, sanitiseFilename } from './attachment-filename';

describe('sanitiseFilename', () => {
  it('keeps only the last path segment, of either separator', () => {
    expect(sanitiseFilename('../../etc/passwd.txt', 'text/plain')).toBe('passwd.txt');
    expect(sanitiseFilename('C:\\Users\\me\\log.log', 'text/plain')).toBe('log.log');
  });

  it('replaces control, bidi, zero-width and reserved characters', () => {
    expect(sanitiseFilename('a\u0000b\u001fc\u007fd.png', 'image/png')).toBe('a_b_c_d.png');
    expect(sanitiseFilename('invoice\u202Efdp.exe', 'application/pdf')).toBe('invoice_fdp.exe.pdf');
    expect(sanitiseFilename('x<y>:"z"|?*\u200B.png', 'image/png')).toBe('x_y___z_____.png');
    expect(sanitiseFilename('line\r\nbreak.csv', 'text/csv')).toBe('line__break.csv');
  });

  it('drops leading dots and trailing dots or spaces, and names an empty result', () => {
    expect(sanitiseFilename('.htaccess', 'text/plain')).toBe('htaccess.txt');
    expect(sanitiseFilename('photo.png. . ', 'image/png')).toBe('photo.png');
    expect(sanitiseFilename('///', 'application/zip')).toBe('file.zip');
    expect(sanitiseFilename('.png', 'image/png')).toBe('png.png');
  });

  it('ends the name in an extension of its type, keeping an existing one in any case', () => {
    expect(sanitiseFilename('screenshot', 'image/png')).toBe('screenshot.png');
    expect(sanitiseFilename('page.html', 'text/plain')).toBe('page.html.txt');
    expect(sanitiseFilename('Photo.JPEG', 'image/jpeg')).toBe('Photo.JPEG');
  });

  it('caps the length without splitting a character, keeping the extension', () => {
    const long = sanitiseFilename(`${'😀'.repeat(300)}.pdf`, 'application/pdf');
    expect([...long]).toHaveLength(MAX_FILENAME_LENGTH);
    expect(long.endsWith('😀.pdf')).toBe(true);
    expect(long.isWellFormed()).toBe(true);
  });

  it('keeps Cyrillic and other letters as they are (NFC)', () => {
    expect(sanitiseFilename('Счёт-фактура.pdf', 'application/pdf')).toBe('Счёт-фактура.pdf');
    expect(sanitiseFilename('cafe\u0301.txt', 'text/plain')).toBe('café.txt');
  });
});

describe('contentDisposition', () => {
  it('gives an ASCII fallback and the exact UTF-8 name per RFC 5987', () => {
    expect(contentDisposition('attachment', 'Счёт 1.pdf')).toBe(
      `attachment; filename="____ 1.pdf"; filename*=UTF-8''%D0%A1%D1%87%D1%91%D1%82%201.pdf`,
    );
    expect(contentDisposition('inline', "it's (1)*.png")).toBe(`inline; filename="it's (1)*.png"; filename*=UTF-8''it%27s%20%281%29%2A.png`);
    expect(contentDisposition('attachment', '100%;x.txt')).toBe(`attachment; filename="100__x.txt"; filename*=UTF-8''100%25%3Bx.txt`);
  });
});
