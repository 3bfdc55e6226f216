import { error } from '@sveltejs/kit';
import { createTranslator } from '$lib/i18n/translate';

/** A page's `[id]` as the API's positive integer id; anything else is a page that does not exist. */
export function pathId(event: { params: { id: string }; locals: App.Locals }): number {
  const id = Number(event.params.id);
  if (!Number.isSafeInteger(id) || id < 1) error(404, createTranslator(event.locals.locale).t('problem.404'));
  return id;
}
