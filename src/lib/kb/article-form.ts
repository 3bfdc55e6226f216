import type { components } from '$lib/api/schema';

// The editor form ↔ the API's article bodies. Which button was pressed decides
// the status: "save" keeps it, "publish" publishes, "draft" takes it back.

export type CreateArticle = components['schemas']['CreateKbArticle'];
export type UpdateArticle = components['schemas']['UpdateKbArticle'];
export type Intent = 'save' | 'publish' | 'draft';

const text = (form: FormData, name: string) => String(form.get(name) ?? '');

export function intentOf(form: FormData): Intent {
  const intent = text(form, 'intent');
  return intent === 'publish' || intent === 'draft' ? intent : 'save';
}

const statusFor = (intent: Intent) => (intent === 'publish' ? 'published' : intent === 'draft' ? 'draft' : undefined);

function commonFields(form: FormData) {
  const category = text(form, 'category_id');
  const visibility = text(form, 'visibility');
  const visible = visibility === 'public' || visibility === 'internal' ? { visibility: visibility as 'public' | 'internal' } : {};
  return {
    title: text(form, 'title').trim(),
    summary: text(form, 'summary').trim(),
    // The body is kept as typed: whitespace is meaningful in Markdown.
    body_markdown: text(form, 'body_markdown').replace(/\r\n/g, '\n'),
    category_id: category ? Number(category) : null,
    ...visible,
  };
}

/** A new article from the form: a draft unless "publish" was pressed. */
export function createBodyOf(form: FormData): CreateArticle {
  const locale = text(form, 'locale') === 'ru' ? 'ru' : 'en';
  return { ...commonFields(form), locale, status: statusFor(intentOf(form)) ?? 'draft' };
}

/** An edit from the form, made on `version` (a later save by someone else answers 409). */
export function updateBodyOf(form: FormData): UpdateArticle {
  const status = statusFor(intentOf(form));
  const version = Number(text(form, 'version'));
  return { ...commonFields(form), ...(status ? { status } : {}), ...(Number.isSafeInteger(version) && version > 0 ? { version } : {}) };
}
