// The Snowball Russian stemmer (snowballstem.org/algorithms/russian/stemmer.html).
// FTS5 in D1 cannot load a Russian tokenizer, so the index keeps Russian words as
// written and the query side stems instead: the stem is searched as a prefix, which
// finds every form of the word (печатает -> "печата"* finds печатать, печатают).

const VOWELS = new Set('аеиоуыэюя');

const PERFECTIVE_GERUND_1 = ['вшись', 'вши', 'в'];
const PERFECTIVE_GERUND_2 = ['ившись', 'ывшись', 'ивши', 'ывши', 'ив', 'ыв'];
const ADJECTIVE = [
  'ими', 'ыми', 'его', 'ого', 'ему', 'ому', 'ее', 'ие', 'ые', 'ое', 'ей', 'ий', 'ый', 'ой',
  'ем', 'им', 'ым', 'ом', 'их', 'ых', 'ую', 'юю', 'ая', 'яя', 'ою', 'ею',
];
const PARTICIPLE_1 = ['ем', 'нн', 'вш', 'ющ', 'щ'];
const PARTICIPLE_2 = ['ивш', 'ывш', 'ующ'];
const REFLEXIVE = ['ся', 'сь'];
const VERB_1 = ['ете', 'йте', 'ешь', 'нно', 'ла', 'на', 'ли', 'ем', 'ло', 'но', 'ет', 'ют', 'ны', 'ть', 'й', 'л', 'н'];
const VERB_2 = [
  'ейте', 'уйте', 'ила', 'ыла', 'ена', 'ите', 'или', 'ыли', 'ило', 'ыло', 'ено', 'ует', 'уют', 'ены', 'ить', 'ыть', 'ишь',
  'ей', 'уй', 'ил', 'ыл', 'им', 'ым', 'ен', 'ят', 'ит', 'ыт', 'ую', 'ю',
];
const NOUN = [
  'иями', 'ями', 'ами', 'ией', 'иям', 'ием', 'иях', 'ев', 'ов', 'ие', 'ье', 'еи', 'ии', 'ей', 'ой', 'ий', 'ям', 'ем',
  'ам', 'ом', 'ах', 'ях', 'ию', 'ью', 'ия', 'ья', 'а', 'е', 'и', 'й', 'о', 'у', 'ы', 'ь', 'ю', 'я',
];
const SUPERLATIVE = ['ейше', 'ейш'];
const DERIVATIONAL = ['ость', 'ост'];

/** The longest ending of `word` (after `from`) in `endings`, or null. */
function longestEnding(word: string, from: number, endings: readonly string[]): string | null {
  let best: string | null = null;
  for (const ending of endings) {
    if (word.length - ending.length >= from && word.endsWith(ending) && (best === null || ending.length > best.length)) best = ending;
  }
  return best;
}

/** Group-1 endings only count after а or я (which stays); group-2 endings stand alone. */
function removeGrouped(word: string, from: number, group1: readonly string[], group2: readonly string[]): string | null {
  const alone = longestEnding(word, from, group2);
  let afterVowel: string | null = null;
  for (const ending of group1) {
    const at = word.length - ending.length;
    if (at - 1 >= from && word.endsWith(ending) && 'ая'.includes(word[at - 1] as string)) {
      if (afterVowel === null || ending.length > afterVowel.length) afterVowel = ending;
    }
  }
  const chosen = [alone, afterVowel].filter((e): e is string => e !== null).sort((a, b) => b.length - a.length)[0];
  return chosen === undefined ? null : word.slice(0, word.length - chosen.length);
}

function remove(word: string, from: number, endings: readonly string[]): string | null {
  const ending = longestEnding(word, from, endings);
  return ending === null ? null : word.slice(0, word.length - ending.length);
}

/** RV: after the first vowel. R2: R1 of R1, where R1 is after the first non-vowel that follows a vowel. */
function regions(word: string): { rv: number; r2: number } {
  const r1Of = (start: number): number => {
    for (let i = start + 1; i < word.length; i++) {
      if (!VOWELS.has(word[i] as string) && VOWELS.has(word[i - 1] as string)) return i + 1;
    }
    return word.length;
  };
  let rv = word.length;
  for (let i = 0; i < word.length; i++) {
    if (VOWELS.has(word[i] as string)) {
      rv = i + 1;
      break;
    }
  }
  return { rv, r2: r1Of(r1Of(0) - 1) };
}

function adjectival(word: string, from: number): string | null {
  const stem = remove(word, from, ADJECTIVE);
  if (stem === null) return null;
  return removeGrouped(stem, from, PARTICIPLE_1, PARTICIPLE_2) ?? stem;
}

/** The stem of one lower-case Russian word (ё already folded to е or not: both work). */
export function stemRussian(input: string): string {
  let word = input.toLowerCase().replaceAll('ё', 'е');
  const { rv, r2 } = regions(word);
  if (rv >= word.length) return word;

  // Step 1: a perfective gerund, else (after a reflexive ending) an adjectival, verb or noun ending.
  const gerund = removeGrouped(word, rv, PERFECTIVE_GERUND_1, PERFECTIVE_GERUND_2);
  if (gerund !== null) {
    word = gerund;
  } else {
    word = remove(word, rv, REFLEXIVE) ?? word;
    word = adjectival(word, rv) ?? removeGrouped(word, rv, VERB_1, VERB_2) ?? remove(word, rv, NOUN) ?? word;
  }
  // Step 2.
  if (word.length > rv && word.endsWith('и')) word = word.slice(0, -1);
  // Step 3: a derivational ending wholly inside R2.
  word = remove(word, Math.max(r2, rv), DERIVATIONAL) ?? word;
  // Step 4: undouble н, or drop a superlative (then undouble), or drop ь.
  if (word.length - 2 >= rv && word.endsWith('нн')) return word.slice(0, -1);
  const superlative = remove(word, rv, SUPERLATIVE);
  if (superlative !== null) return superlative.length - 2 >= rv && superlative.endsWith('нн') ? superlative.slice(0, -1) : superlative;
  if (word.length > rv && word.endsWith('ь')) return word.slice(0, -1);
  return word;
}

/**
 * The prefix to search for a Russian word: its stem, and for a verbal noun
 * (-ание, -ение) the verb's stem, so the noun finds the verb and back
 * (мерцание -> "мерца"* finds мерцает; подключение -> "подключ"* finds подключиться).
 * Kept at four letters or more, so short stems do not match half the vocabulary.
 */
export function russianSearchPrefix(word: string): string {
  const stem = stemRussian(word);
  const verbal = /(?<=[аяи])н$/.test(stem) ? stem.slice(0, -1) : stem.endsWith('ен') ? stem.slice(0, -2) : stem;
  return verbal.length >= 4 ? verbal : stem;
}
