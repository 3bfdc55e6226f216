import { describe, expect, it } from 'vitest';
import { createTranslator } from '../i18n/translate';
import { MAX_ATTACHMENT_BYTES } from '../../../worker/attachments/attachment-quota';
import { checkBeforeUpload, refusalOf, refusalSentence, uploadTypeOf } from './file-checks';
import { formatFileSize } from './file-size';

const en = createTranslator('en');
const ru = createTranslator('ru');

describe('what the browser checks before an upload', () => {
  it('takes the browser’s type when it is allowlisted, else the extension’s', () => {
    expect(uploadTypeOf({ name: 'shot.png', type: 'image/png' })).toBe('image/png');
    expect(uploadTypeOf({ name: 'server.LOG', type: '' })).toBe('text/plain');
    expect(uploadTypeOf({ name: 'photo.jpeg', type: 'application/octet-stream' })).toBe('image/jpeg');
    expect(uploadTypeOf({ name: 'setup.exe', type: 'application/x-msdownload' })).toBeNull();
    expect(uploadTypeOf({ name: 'drawing.svg', type: 'image/svg+xml' })).toBeNull();
  });

  it('refuses a file over the limit or of a type the API refuses, without sending it', () => {
    expect(checkBeforeUpload({ name: 'a.png', type: 'image/png', size: MAX_ATTACHMENT_BYTES })).toEqual({ ok: true, type: 'image/png' });
    expect(checkBeforeUpload({ name: 'a.png', type: 'image/png', size: MAX_ATTACHMENT_BYTES + 1 })).toEqual({ ok: false, reason: 'too_large' });
    expect(checkBeforeUpload({ name: 'a.exe', type: '', size: 10 })).toEqual({ ok: false, reason: 'type_refused' });
  });

  it('reads the API’s refusals by status', () => {
    expect([413, 415, 422, 507, 404].map(refusalOf)).toEqual(['too_large', 'type_refused', 'type_mismatch', 'quota', null]);
  });
});

describe('why a file was not attached, in a sentence', () => {
  const file = { name: 'shot.png', type: 'image/png' };

  it('names the file and the limit, in the reader’s language', () => {
    expect(refusalSentence({ reason: 'too_large' }, file, en)).toBe('“shot.png” is too large: a file may be at most 25 MB.');
    expect(refusalSentence({ reason: 'too_large' }, file, ru)).toBe('Файл «shot.png» слишком большой: не больше 25 МБ.');
    expect(refusalSentence({ status: 422, body: { detail: 'x' } }, file, en)).toContain('its content is not what its type (image/png) says');
    expect(refusalSentence({ status: 507, body: null }, file, ru)).toContain('хранилище файлов команды заполнено');
  });

  it('falls back to the general problem sentence for other failures, never raw JSON', () => {
    expect(refusalSentence({ status: 0, body: null }, file, en)).toBe(`“shot.png” was not attached. ${en.t('problem.network')}`);
    const sentence = refusalSentence({ status: 403, body: { detail: 'You may not.' } }, file, ru);
    expect(sentence).toBe(`Файл «shot.png» не прикреплён. ${ru.t('problem.403')}`);
  });
});

describe('file sizes', () => {
  it('are written with Intl’s units', () => {
    expect(formatFileSize(5, 'en')).toBe('5 bytes');
    expect(formatFileSize(1536 * 1024, 'en')).toBe('1.5 MB');
    expect(formatFileSize(1536 * 1024, 'ru')).toBe('1,5 МБ');
    expect(formatFileSize(2048, 'ru')).toBe('2 кБ');
  });
});
