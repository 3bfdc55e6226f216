import { describe, expect, it } from 'vitest';
import { createBodyOf, updateBodyOf } from './article-form';

const formOf = (fields: Record<string, string>) => {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  return form;
};

const typed = { title: '  Printer offline ', summary: '', body_markdown: '# Fix\r\n\r\n  indented', category_id: '3', visibility: 'public' };

describe('the article editor form', () => {
  it('creates a draft unless Publish was pressed, keeping the Markdown as typed', () => {
    expect(createBodyOf(formOf({ ...typed, locale: 'ru', intent: 'save' }))).toEqual({
      title: 'Printer offline',
      summary: '',
      body_markdown: '# Fix\n\n  indented',
      category_id: 3,
      visibility: 'public',
      locale: 'ru',
      status: 'draft',
    });
    expect(createBodyOf(formOf({ ...typed, locale: 'en', intent: 'publish' })).status).toBe('published');
  });

  it('saves an edit on the version it was made on, leaving the status alone on a plain save', () => {
    const body = updateBodyOf(formOf({ ...typed, category_id: '', version: '4', intent: 'save' }));
    expect(body).toMatchObject({ category_id: null, version: 4 });
    expect(body).not.toHaveProperty('status');
  });

  it('publishes or takes back to draft by the button pressed', () => {
    expect(updateBodyOf(formOf({ ...typed, version: '4', intent: 'publish' })).status).toBe('published');
    expect(updateBodyOf(formOf({ ...typed, version: '4', intent: 'draft' })).status).toBe('draft');
  });
});
