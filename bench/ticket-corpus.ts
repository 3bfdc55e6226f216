// Deterministic bilingual ticket text for benchmarks: the same seed gives the same rows.

const EN_SUBJECTS = [
  'Printer offline after update',
  'Cannot log in to the portal',
  'Invoice shows the wrong amount',
  'VPN disconnects every hour',
  'Email not syncing on mobile',
  'Request for a new laptop',
  'Password reset link expired',
  'Slow network on the third floor',
  'Export to CSV fails',
  'Two-factor code never arrives',
];
const RU_SUBJECTS = [
  'Принтер не печатает после обновления',
  'Не могу войти в портал',
  'В счёте неверная сумма',
  'VPN отключается каждый час',
  'Почта не синхронизируется на телефоне',
  'Заявка на новый ноутбук',
  'Ссылка для сброса пароля устарела',
  'Медленная сеть на третьем этаже',
  'Ошибка при выгрузке в CSV',
  'Код двухфакторной аутентификации не приходит',
];
const EN_WORDS = 'the customer reports that since yesterday morning error message appears when trying again after restart nothing changes please advise steps logs attached screenshot device'.split(' ');
const RU_WORDS = 'клиент сообщает что со вчерашнего утра появляется ошибка при повторной попытке после перезагрузки ничего не меняется подскажите шаги журнал приложен снимок экрана устройство'.split(' ');

/** A small, fast, seedable PRNG (mulberry32). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)] as T;
}

export function sentence(random: () => number, russian: boolean, words: number): string {
  const bag = russian ? RU_WORDS : EN_WORDS;
  const out: string[] = [];
  for (let i = 0; i < words; i++) out.push(pick(random, bag));
  const text = out.join(' ');
  return text.charAt(0).toUpperCase() + text.slice(1) + '.';
}

export function subject(random: () => number, russian: boolean, n: number): string {
  return `${pick(random, russian ? RU_SUBJECTS : EN_SUBJECTS)} #${n}`;
}
