// Words too common to narrow a search, in English and Russian. A query drops them
// (unless it has nothing else), so "принтер не печатает" finds "принтер перестал
// печатать", and "the printer is offline" finds "Printer offline".

const STOP_WORDS = new Set([
  // English
  'a', 'an', 'and', 'are', 'as', 'at', 'be', 'but', 'by', 'can', 'cannot', 'do', 'does', 'doesn', 'don', 'for', 'from',
  'has', 'have', 'how', 'i', 'if', 'in', 'is', 'it', 'its', 'me', 'my', 'no', 'not', 'of', 'on', 'or', 'our', 's', 't',
  'that', 'the', 'this', 'to', 'was', 'we', 'what', 'when', 'why', 'will', 'with', 'won', 'you', 'your',
  // Russian
  'а', 'без', 'бы', 'в', 'во', 'вот', 'все', 'да', 'для', 'до', 'его', 'ее', 'если', 'же', 'за', 'и', 'из', 'или', 'к',
  'как', 'ли', 'мне', 'мой', 'моя', 'мы', 'на', 'не', 'нет', 'ни', 'но', 'о', 'об', 'от', 'по', 'при', 'с', 'со', 'так',
  'то', 'у', 'уже', 'что', 'это', 'я',
]);

/** `word` is lower case with ё folded. */
export const isStopWord = (word: string): boolean => STOP_WORDS.has(word);
