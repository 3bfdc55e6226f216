import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { kbArticles, type KbStatus, type KbVisibility } from '../../worker/db/tenant/kb';
import { call, problem, tenantCall, type TestTenant } from './harness';
import { fileDesk, PDF, PNG, upload, uploaded } from './attachment-fixtures';

// Images inline in knowledge-base articles: anyone may fetch them once the
// article is published and public (and caches may keep them); until then only staff.

async function articleBy(tenant: TestTenant, authorId: number): Promise<number> {
  const [row] = await tenant.db
    .insert(kbArticles)
    .values({
      slug: `printer-${crypto.randomUUID()}`,
      locale: 'en',
      translationGroup: crypto.randomUUID(),
      title: 'The printer is offline',
      bodyMarkdown: 'Restart it.',
      bodyHtml: '<p>Restart it.</p>',
      authorId,
    })
    .returning({ id: kbArticles.id });
  if (!row) throw new Error('article insert failed');
  return row.id;
}

const setArticle = (tenant: TestTenant, id: number, status: KbStatus, visibility: KbVisibility) =>
  tenant.db.update(kbArticles).set({ status, visibility }).where(eq(kbArticles.id, id));

describe('knowledge-base images', () => {
  it('serves an article image to anyone only while the article is published and public, inline and cacheable', async () => {
    const desk = await fileDesk('kbimg');
    const articleId = await articleBy(desk.tenant, desk.agent.id);
    const image = await uploaded(upload(desk.tenant, `/api/v1/kb/articles/${articleId}/images`, PNG, { token: desk.agent.token, filename: 'diagram.png' }));
    expect(image).toMatchObject({ article_id: articleId, ticket_id: null, download_url: `/api/v1/kb/images/${image.id}` });
    const fetchImage = (token?: string, headers?: Record<string, string>) => tenantCall(desk.tenant, 'GET', image.download_url, { token, headers });

    const states: [KbStatus, KbVisibility, number][] = [
      ['draft', 'public', 404],
      ['published', 'internal', 404],
      ['archived', 'public', 404],
      ['published', 'public', 200],
    ];
    for (const [status, visibility, anonymous] of states) {
      await setArticle(desk.tenant, articleId, status, visibility);
      expect((await fetchImage()).status, `${status} ${visibility} anonymous`).toBe(anonymous);
      expect((await fetchImage(desk.customer.token)).status, `${status} ${visibility} customer`).toBe(anonymous);
      const staff = await fetchImage(desk.agent.token);
      expect(staff.status, `${status} ${visibility} agent`).toBe(200);
      expect(staff.headers.get('cache-control')).toBe(anonymous === 200 ? 'public, max-age=3600' : 'private, no-store');
    }

    const published = await fetchImage();
    expect(published.headers.get('content-type')).toBe('image/png');
    expect(published.headers.get('content-disposition')).toMatch(/^inline; filename="diagram.png"/);
    expect(published.headers.get('x-content-type-options')).toBe('nosniff');
    expect(new Uint8Array(await published.arrayBuffer())).toEqual(PNG);
    const etag = published.headers.get('etag');
    expect(etag).toBeTruthy();
    const revalidated = await fetchImage(undefined, { 'if-none-match': etag ?? '' });
    expect(revalidated.status).toBe(304);
    expect(await revalidated.text()).toBe('');
  });

  it('takes images only, from staff, for articles that exist; and serves no ticket file as an image', async () => {
    const desk = await fileDesk('kbimg');
    const articleId = await articleBy(desk.tenant, desk.agent.id);
    const images = `/api/v1/kb/articles/${articleId}/images`;
    expect((await upload(desk.tenant, images, PNG, { token: desk.customer.token })).status).toBe(403);
    const pdf = await upload(desk.tenant, images, PDF, { token: desk.agent.token, contentType: 'application/pdf' });
    expect(pdf.status).toBe(415);
    expect((await problem(pdf)).errors?.[0]?.field).toBe('Content-Type');
    expect((await upload(desk.tenant, `/api/v1/kb/articles/${articleId + 1000}/images`, PNG, { token: desk.agent.token })).status).toBe(404);

    const ticketFile = await uploaded(upload(desk.tenant, `/api/v1/tickets/${desk.ticketId}/attachments`, PNG, { token: desk.agent.token }));
    expect((await tenantCall(desk.tenant, 'GET', `/api/v1/kb/images/${ticketFile.id}`, { token: desk.agent.token })).status).toBe(404);
    expect((await call('GET', `/api/v1/kb/images/${ticketFile.id}`, { host: desk.tenant.host })).status).toBe(404);
  });
});
