import { describe, expect, it } from 'vitest';
import { articleCacheKeys, articleEtag, ifNoneMatchHits } from './article-cache';

describe('articleEtag', () => {
  it('is weak and changes with the version', () => {
    expect(articleEtag({ id: 7, version: 3 })).toBe('W/"kb-7-3"');
    expect(articleEtag({ id: 7, version: 4 })).not.toBe(articleEtag({ id: 7, version: 3 }));
  });
});

describe('ifNoneMatchHits', () => {
  const etag = 'W/"kb-7-3"';
  it('matches the same tag, weak or strong, alone or in a list', () => {
    expect(ifNoneMatchHits('W/"kb-7-3"', etag)).toBe(true);
    expect(ifNoneMatchHits('"kb-7-3"', etag)).toBe(true);
    expect(ifNoneMatchHits('"a", W/"kb-7-3"', etag)).toBe(true);
    expect(ifNoneMatchHits('*', etag)).toBe(true);
  });

  it('does not match another version or no header', () => {
    expect(ifNoneMatchHits('W/"kb-7-2"', etag)).toBe(false);
    expect(ifNoneMatchHits(undefined, etag)).toBe(false);
  });
});

describe('articleCacheKeys', () => {
  it('keys by the tenant host and both paths of the article', () => {
    const keys = articleCacheKeys('example.test', { id: 'tid', slug: 'acme' }, { id: 5, locale: 'ru', slug: 'принтер' });
    expect(keys).toEqual([
      'https://acme.example.test/api/v1/kb/articles/5?tenant=tid',
      'https://acme.example.test/api/v1/kb/articles/slug/ru/%D0%BF%D1%80%D0%B8%D0%BD%D1%82%D0%B5%D1%80?tenant=tid',
    ]);
  });
});
