import { expect } from 'vitest';
import { kbArticles, type KbLocale, type KbStatus, type KbVisibility } from '../../worker/db/tenant/kb';
import { tenantCall, type TestTenant, type TestUser } from './harness';

// Data for the search tests: tickets and comments through the API (the triggers
// under test fire as in production), articles straight into the tenant database
// (the knowledge-base routes have their own tests).

export async function openTicket(tenant: TestTenant, customer: TestUser, subject: string, description: string): Promise<number> {
  const response = await tenantCall(tenant, 'POST', '/api/v1/tickets', { token: customer.token, body: { subject, description } });
  expect(response.status, await response.clone().text()).toBe(201);
  return ((await response.json()) as { id: number }).id;
}

export async function comment(tenant: TestTenant, author: TestUser, ticketId: number, body: string, isPublic: boolean): Promise<number> {
  const response = await tenantCall(tenant, 'POST', `/api/v1/tickets/${ticketId}/comments`, { token: author.token, body: { body, public: isPublic } });
  expect(response.status, await response.clone().text()).toBe(201);
  return ((await response.json()) as { id: number }).id;
}

let articleCounter = 0;

export interface ArticleInput {
  title: string;
  body: string;
  summary?: string;
  locale?: KbLocale;
  status?: KbStatus;
  visibility?: KbVisibility;
  categoryId?: number;
}

export async function addArticle(tenant: TestTenant, author: TestUser, input: ArticleInput): Promise<number> {
  const n = articleCounter++;
  const [row] = await tenant.db
    .insert(kbArticles)
    .values({
      title: input.title,
      slug: `article-${n}`,
      locale: input.locale ?? 'en',
      translationGroup: `group-${n}`,
      summary: input.summary ?? '',
      bodyMarkdown: input.body,
      bodyHtml: '',
      status: input.status ?? 'published',
      visibility: input.visibility ?? 'public',
      authorId: author.id,
      categoryId: input.categoryId ?? null,
    })
    .returning({ id: kbArticles.id });
  if (!row) throw new Error('article insert failed');
  return row.id;
}

export interface SearchBody {
  items: { kind: string; id: number; subject?: string; title?: string; snippet_html: string; subject_html?: string; title_html?: string; comment_id?: number | null }[];
  next_cursor: string | null;
  corrected_query: string | null;
}

/** GET /search, asserted to answer 200. */
export async function search(tenant: TestTenant, params: Record<string, string>, user?: TestUser): Promise<SearchBody> {
  const response = await tenantCall(tenant, 'GET', `/api/v1/search?${new URLSearchParams(params)}`, { token: user?.token });
  expect(response.status, await response.clone().text()).toBe(200);
  return (await response.json()) as SearchBody;
}

export const ids = (body: SearchBody): number[] => body.items.map((i) => i.id);
