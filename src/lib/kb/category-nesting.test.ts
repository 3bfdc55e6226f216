import { describe, expect, it } from 'vitest';
import { categoryName, categoryPath, nestCategories, type KbCategory } from './category-nesting';

const row = (id: number, parent_id: number | null, names: KbCategory['names'], depth = parent_id === null ? 0 : 1): KbCategory => ({
  id,
  parent_id,
  depth,
  position: id,
  slug: `c-${id}`,
  names,
  visibility: 'public',
  created_at: '2026-01-01T00:00:00.000Z',
  updated_at: '2026-01-01T00:00:00.000Z',
});

const rows = [row(1, null, { en: 'Getting started', ru: 'Начало работы' }), row(2, 1, { en: 'Account' }), row(3, null, { ru: 'Оплата' })];

describe('the category tree of the public pages', () => {
  it('nests children under their parents, in the order listed, named in the reader’s language', () => {
    expect(nestCategories(rows, 'ru')).toEqual([
      { id: 1, slug: 'c-1', name: 'Начало работы', children: [{ id: 2, slug: 'c-2', name: 'Account', children: [] }] },
      { id: 3, slug: 'c-3', name: 'Оплата', children: [] },
    ]);
  });

  it('leaves out a child whose parent the reader cannot see', () => {
    expect(nestCategories([row(2, 1, { en: 'Account' }), row(3, null, { en: 'Billing' })], 'en').map((b) => b.id)).toEqual([3]);
  });

  it('falls back to another language, then to the slug', () => {
    expect(categoryName({ names: { ru: 'Оплата' }, slug: 'billing' }, 'en')).toBe('Оплата');
    expect(categoryName({ names: {}, slug: 'billing' }, 'en')).toBe('billing');
  });

  it('gives the breadcrumb path from the top down', () => {
    expect(categoryPath(rows, 2).map((c) => c.id)).toEqual([1, 2]);
    expect(categoryPath(rows, null)).toEqual([]);
    expect(categoryPath(rows, 99)).toEqual([]);
  });
});
