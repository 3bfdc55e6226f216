import type { components } from '$lib/api/schema';

// The API lists categories flat, in reading order (each parent before its
// children). The public pages show them as nested lists, named in the reader's
// language, or in the other one when a category has no name in theirs.

export type KbCategory = components['schemas']['KbCategory'];

export interface CategoryBranch {
  id: number;
  slug: string;
  name: string;
  children: CategoryBranch[];
}

/** The category's name in `locale`, else in any language it has, else its slug. */
export function categoryName(category: Pick<KbCategory, 'names' | 'slug'>, locale: 'en' | 'ru'): string {
  return category.names[locale] ?? category.names.en ?? category.names.ru ?? category.slug;
}

/** Reading-order rows → a forest. A child whose parent is not in the list (hidden from this reader) is left out with it. */
export function nestCategories(rows: readonly KbCategory[], locale: 'en' | 'ru'): CategoryBranch[] {
  const roots: CategoryBranch[] = [];
  const byId = new Map<number, CategoryBranch>();
  for (const row of rows) {
    const branch: CategoryBranch = { id: row.id, slug: row.slug, name: categoryName(row, locale), children: [] };
    if (row.parent_id === null) roots.push(branch);
    else {
      const parent = byId.get(row.parent_id);
      if (!parent) continue;
      parent.children.push(branch);
    }
    byId.set(row.id, branch);
  }
  return roots;
}

/** The path from the top of the tree down to `id` (for breadcrumbs); empty when `id` is not in the list. */
export function categoryPath(rows: readonly KbCategory[], id: number | null): KbCategory[] {
  const byId = new Map(rows.map((row) => [row.id, row]));
  const path: KbCategory[] = [];
  let current = id === null ? undefined : byId.get(id);
  while (current && path.length <= rows.length) {
    path.unshift(current);
    current = current.parent_id === null ? undefined : byId.get(current.parent_id);
  }
  return path;
}
