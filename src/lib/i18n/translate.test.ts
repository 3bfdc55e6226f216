import { describe, expect, it } from 'vitest';
import { en } from './messages.en';
import { ru } from './messages.ru';
import { createTranslator, negotiateLocale } from './translate';

describe('the i18n layer', () => {
  it('speaks English and Russian', () => {
    expect(createTranslator('en').t('inbox.title')).toBe('Tickets');
    expect(createTranslator('ru').t('inbox.title')).toBe('Заявки');
  });

  it('picks Russian plural forms by Intl.PluralRules: 1, 3 and 5 tickets differ', () => {
    const ru = createTranslator('ru');
    expect(ru.t('inbox.selected', { count: 1 })).toBe('Выбрана 1 заявка');
    expect(ru.t('inbox.selected', { count: 3 })).toBe('Выбрано 3 заявки');
    expect(ru.t('inbox.selected', { count: 5 })).toBe('Выбрано 5 заявок');
    expect(ru.t('inbox.selected', { count: 21 })).toBe('Выбрана 21 заявка');
    const en = createTranslator('en');
    expect(en.t('inbox.selected', { count: 1 })).toBe('1 ticket selected');
    expect(en.t('inbox.selected', { count: 2 })).toBe('2 tickets selected');
  });

  it('formats numbers and dates by locale through Intl', () => {
    expect(createTranslator('en').number(12345.5)).toBe('12,345.5');
    expect(createTranslator('ru').number(12345.5)).toBe('12\u00a0345,5');
    expect(createTranslator('en').dateTime('2026-03-05T14:07:00Z')).toBe('Mar 5, 2026, 2:07 PM UTC');
    expect(createTranslator('ru').dateTime('2026-03-05T14:07:00Z')).toBe('5 мар. 2026 г., 14:07 UTC');
  });

  it('fills in parameters', () => {
    expect(createTranslator('en').t('nav.signedInAs', { name: 'Alex' })).toBe('Signed in as Alex');
  });

  it('has every English key in Russian, translated (no English left behind)', () => {
    const untranslated = Object.keys(en).filter((key) => {
      const english = en[key as keyof typeof en];
      const russian = ru[key as keyof typeof ru];
      return typeof english === 'string' && english === russian && /[a-z]{3}/i.test(english) && !ALLOWED_SAME.has(key);
    });
    expect(untranslated).toEqual([]);
  });

  it('takes the first language of Accept-Language that it speaks', () => {
    expect(negotiateLocale('ru-RU,ru;q=0.9,en;q=0.8')).toBe('ru');
    expect(negotiateLocale('de-DE,en;q=0.5')).toBe('en');
    expect(negotiateLocale(null)).toBe('en');
  });
});

/**
 * Texts that are rightly the same in both: the product's name, an abbreviation,
 * a language's name written in that language, and "E-mail", which Russian
 * interfaces use as is.
 */
const ALLOWED_SAME = new Set(['app.name', 'sla.heading', 'kb.locale.en', 'admin.users.email']);
